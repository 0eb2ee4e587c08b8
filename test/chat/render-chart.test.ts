// Charts as people see them: a sparkline in text, a picture with axes, day labels and values where
// the platform shows images.
import { describe, expect, it } from 'vitest';
import { BAR_COLOUR, renderChartPng, renderChartSvg } from '../../src/chat/render-chart-png.js';
import { describeChart, sparkline } from '../../src/chat/sparkline.js';
import { countDrawnBars } from '../support/png-pixels.js';

const week = [0, 2, 5, 1, 0, 9, 18].map((value, index) => ({ label: `day ${index + 1}`, value }));

/** The text drawn in an SVG, in document order; a label hidden to avoid overlap is not drawn. */
function drawnText(svg: string): string[] {
  return [...svg.matchAll(/<text(?![^>]*opacity="0")[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]!);
}

describe('sparkline', () => {
  it('scales bars to the busiest day and leaves empty days blank', () => {
    expect(sparkline(week)).toBe(' ▁▃▁ ▄█');
    expect(describeChart('Relevant items per day', week)).toBe('Relevant items per day: day 1  ▁▃▁ ▄█ day 7 (max 18)');
    expect(describeChart('Relevant items per day', [])).toBe('Relevant items per day: no data');
  });
});

describe('chart picture', () => {
  it('draws the title, every day label, a value above each non-empty bar and a numbered item axis', async () => {
    const text = drawnText(await renderChartSvg('Relevant items per day', week));
    expect(text).toContain('Relevant items per day');
    for (const day of week) expect(text).toContain(day.label);
    for (const value of ['2', '5', '1', '9', '18']) expect(text).toContain(value);
    expect(text).toContain('items');
    // The y axis reads in whole items: 0, 5, 10, 15.
    expect(text).toEqual(expect.arrayContaining(['0', '5', '10', '15']));
  });

  it('keeps two bars that share a label apart', async () => {
    const svg = await renderChartSvg('Twice', [{ label: 'same', value: 3 }, { label: 'same', value: 4 }]);
    expect(drawnText(svg).filter((text) => text === 'same')).toHaveLength(2);
  });

  it('thins the labels of two months of days so they do not overlap, and leaves values to the axis', async () => {
    const days = Array.from({ length: 60 }, (_, index) => ({ label: `${index + 1} Jan`, value: index % 7 }));
    const text = drawnText(await renderChartSvg('Two months', days));
    const shownDays = text.filter((line) => / Jan$/.test(line));
    expect(shownDays.length).toBeGreaterThan(5);
    expect(shownDays.length).toBeLessThan(60);
    expect(shownDays[0]).toBe('1 Jan');
  });

  it('is a PNG at twice the layout size, so text stays sharp', async () => {
    const png = await renderChartPng('Relevant items per day', week);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBeGreaterThan(1200);
    expect(png.readUInt32BE(20)).toBeGreaterThan(400);
  });

  it('shows a bar for each non-empty day in its pixels, and none for an empty one', async () => {
    expect(countDrawnBars(await renderChartPng('Relevant items per day', week), BAR_COLOUR)).toBe(5);
  });
});
