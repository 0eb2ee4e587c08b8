// Reads the pixels of a PNG that a chat platform received, so a test can look at the picture a user
// sees (how many bars a chart has) rather than at the data it was drawn from. Only what the chart
// renderer writes is read: 8-bit RGB or RGBA, not interlaced.
import { inflateSync } from 'node:zlib';

export interface PngPixels {
  width: number;
  height: number;
  /** The colour of a pixel as #rrggbb, its transparency left out. */
  colourAt(x: number, y: number): string;
}

const SIGNATURE = '89504e470d0a1a0a';
const CHANNELS: Record<number, number> = { 2: 3, 6: 4 };

export function readPngPixels(png: Buffer): PngPixels {
  if (png.subarray(0, 8).toString('hex') !== SIGNATURE) throw new Error('not a PNG');
  let width = 0;
  let height = 0;
  let channels = 0;
  const compressed: Buffer[] = [];
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    const type = png.subarray(offset + 4, offset + 8).toString('ascii');
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      channels = CHANNELS[data[9]!] ?? 0;
      if (data[8] !== 8 || channels === 0 || data[12] !== 0) throw new Error(`PNG of bit depth ${data[8]}, colour type ${data[9]}, interlace ${data[12]} is not read here`);
    } else if (type === 'IDAT') compressed.push(data);
    offset += 12 + length;
  }
  const pixels = unfilter(inflateSync(Buffer.concat(compressed)), width, height, channels);
  const rowBytes = width * channels;
  return {
    width,
    height,
    colourAt(x, y) {
      const at = y * rowBytes + x * channels;
      return `#${pixels.subarray(at, at + 3).toString('hex')}`;
    },
  };
}

/** Undoes the per-row filters of PNG (none, sub, up, average, Paeth). */
function unfilter(raw: Buffer, width: number, height: number, channels: number): Buffer {
  const rowBytes = width * channels;
  const out = Buffer.alloc(rowBytes * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (rowBytes + 1)]!;
    const source = raw.subarray(y * (rowBytes + 1) + 1, (y + 1) * (rowBytes + 1));
    for (let i = 0; i < rowBytes; i++) {
      const left = i >= channels ? out[y * rowBytes + i - channels]! : 0;
      const up = y > 0 ? out[(y - 1) * rowBytes + i]! : 0;
      const upLeft = y > 0 && i >= channels ? out[(y - 1) * rowBytes + i - channels]! : 0;
      const predicted = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter];
      if (predicted === undefined) throw new Error(`unknown PNG filter ${filter}`);
      out[y * rowBytes + i] = (source[i]! + predicted) & 0xff;
    }
  }
  return out;
}

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const [toLeft, toUp, toUpLeft] = [Math.abs(estimate - left), Math.abs(estimate - up), Math.abs(estimate - upLeft)];
  if (toLeft <= toUp && toLeft <= toUpLeft) return left;
  return toUp <= toUpLeft ? up : upLeft;
}

/**
 * The bars of a chart as drawn: runs of the bar colour along the row just above the x axis, where
 * every non-empty bar is at its full width. The row is the lowest one with any bar colour in it.
 */
export function countDrawnBars(png: Buffer, barColour: string): number {
  const image = readPngPixels(png);
  for (let y = image.height - 1; y >= 0; y--) {
    let runs = 0;
    let inBar = false;
    for (let x = 0; x < image.width; x++) {
      const isBar = image.colourAt(x, y) === barColour;
      if (isBar && !inBar) runs++;
      inBar = isBar;
    }
    if (runs > 0) return runs;
  }
  return 0;
}
