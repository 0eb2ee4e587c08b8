// A chart as a small PNG bar chart, for platforms that show images (Slack, Discord). Drawn pixel by
// pixel and encoded with node:zlib: a bar chart needs no canvas library or native module. Labels
// are not drawn; the message carries them as text.
import { crc32, deflateSync } from 'node:zlib';
import type { ChartPoint } from './reply.js';

const WIDTH = 640;
const HEIGHT = 160;
const MARGIN = 8;
const BACKGROUND = [255, 255, 255];
const BAR = [196, 54, 42];
const AXIS = [160, 160, 160];

export function renderChartPng(points: readonly ChartPoint[]): Buffer {
  const pixels = Buffer.alloc(WIDTH * HEIGHT * 3);
  for (let offset = 0; offset < pixels.length; offset += 3) pixels.set(BACKGROUND, offset);
  const paint = (x0: number, y0: number, x1: number, y1: number, colour: number[]): void => {
    for (let y = Math.max(0, y0); y < Math.min(HEIGHT, y1); y++) {
      for (let x = Math.max(0, x0); x < Math.min(WIDTH, x1); x++) pixels.set(colour, (y * WIDTH + x) * 3);
    }
  };
  const baseline = HEIGHT - MARGIN;
  paint(MARGIN, baseline, WIDTH - MARGIN, baseline + 1, AXIS);
  const largest = Math.max(0, ...points.map((point) => point.value));
  const slot = (WIDTH - 2 * MARGIN) / Math.max(1, points.length);
  points.forEach((point, index) => {
    if (largest === 0 || point.value <= 0) return;
    // Every non-zero bar is at least 2 px tall, so a single item still shows.
    const height = Math.max(2, Math.round((point.value / largest) * (baseline - MARGIN)));
    const left = Math.round(MARGIN + index * slot + slot * 0.15);
    paint(left, baseline - height, Math.round(MARGIN + (index + 1) * slot - slot * 0.15), baseline, BAR);
  });
  return encodePng(pixels);
}

function encodePng(rgb: Buffer): Buffer {
  const rowBytes = WIDTH * 3;
  const scanlines = Buffer.alloc((rowBytes + 1) * HEIGHT);
  for (let y = 0; y < HEIGHT; y++) rgb.copy(scanlines, y * (rowBytes + 1) + 1, y * rowBytes, (y + 1) * rowBytes);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(WIDTH, 0);
  header.writeUInt32BE(HEIGHT, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits a channel, truecolour, no interlace
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(scanlines)), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}
