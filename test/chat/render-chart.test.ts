// Charts as people see them: a sparkline in text, a PNG image where the platform shows images.
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderChartPng } from '../../src/chat/render-chart-png.js';
import { describeChart, sparkline } from '../../src/chat/sparkline.js';

const week = [0, 2, 5, 1, 0, 9, 18].map((value, index) => ({ label: `day ${index + 1}`, value }));

describe('sparkline', () => {
  it('scales bars to the busiest day and leaves empty days blank', () => {
    expect(sparkline(week)).toBe(' ▁▃▁ ▄█');
    expect(describeChart('Relevant items per day', week)).toBe('Relevant items per day: day 1  ▁▃▁ ▄█ day 7 (max 18)');
    expect(describeChart('Relevant items per day', [])).toBe('Relevant items per day: no data');
  });
});

describe('renderChartPng', () => {
  it('gives a valid PNG whose tallest bar is the busiest day', () => {
    const png = renderChartPng(week);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.readUInt32BE(16)).toBe(640);
    const idatStart = png.indexOf('IDAT');
    const pixels = inflateSync(png.subarray(idatStart + 4, idatStart + 4 + png.readUInt32BE(idatStart - 4)));
    const rowBytes = 640 * 3 + 1;
    const isBar = (x: number, y: number): boolean => pixels[y * rowBytes + 1 + x * 3] === 196 && pixels[y * rowBytes + 1 + x * 3 + 1] === 54;
    const slot = (640 - 16) / 7;
    const centre = (day: number): number => Math.round(8 + (day + 0.5) * slot);
    expect(isBar(centre(6), 10)).toBe(true);
    expect(isBar(centre(5), 10)).toBe(false);
    expect(isBar(centre(5), 100)).toBe(true);
    expect(isBar(centre(0), 150)).toBe(false);
  });
});
