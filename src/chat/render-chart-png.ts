// A chart as a PNG bar chart with axes, bar labels and values, for platforms that show images (Slack,
// Discord). Vega-Lite describes it, Vega lays it out as SVG without a browser or canvas, and resvg
// turns the SVG into pixels with the DejaVu Sans font shipped in an npm package, so text looks the
// same on every machine whatever fonts it has.
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import type { TopLevelSpec } from 'vega-lite';
import type { ChartPoint } from './reply.js';

const FONT_FAMILY = 'DejaVu Sans';
const FONT_FILE = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const WIDTH = 640;
const HEIGHT = 200;
/** Drawn at twice the layout size, so the text stays sharp on high-density screens. */
const SCALE = 2;
export const BAR_COLOUR = '#c4362a';
/** Beyond this many bars a value above each would overlap its neighbours; the y axis gives them. */
const MOST_VALUE_LABELS = 31;

type ChartLayer = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];

export async function renderChartPng(title: string, points: readonly ChartPoint[]): Promise<Buffer> {
  const svg = await renderChartSvg(title, points);
  return new Resvg(svg, { font: { fontFiles: [FONT_FILE], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY }, fitTo: { mode: 'zoom', value: SCALE } }).render().asPng();
}

/** The chart as Vega lays it out: its text (title, day labels, values) can be read in the SVG. */
export async function renderChartSvg(title: string, points: readonly ChartPoint[]): Promise<string> {
  // Loaded on the first chart only: Vega is large, and most commands and starts never draw one.
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const values = points.map((point, order) => ({ value: point.value, order }));
  // Bars are placed by their order and labelled from the points: two bars with one label stay two bars.
  const labelExpr = `${JSON.stringify(points.map((point) => point.label))}[datum.value]`;
  const x = { field: 'order', type: 'ordinal', title: null, axis: { labelAngle: 0, labelOverlap: 'parity', labelExpr } } as const;
  const y = { field: 'value', type: 'quantitative', title: 'items', axis: { tickMinStep: 1, format: 'd' } } as const;
  const bars: ChartLayer = { mark: { type: 'bar', color: BAR_COLOUR }, encoding: { x, y } };
  // Empty days say 0 by their missing bar.
  const valueLabels: ChartLayer = { transform: [{ filter: 'datum.value > 0' }], mark: { type: 'text', baseline: 'bottom', dy: -2, fontSize: 10 }, encoding: { x, y, text: { field: 'value', type: 'quantitative' } } };
  const spec: TopLevelSpec = {
    width: WIDTH,
    height: HEIGHT,
    title,
    data: { values },
    layer: points.length <= MOST_VALUE_LABELS ? [bars, valueLabels] : [bars],
    config: { font: FONT_FAMILY, background: 'white' },
  };
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
