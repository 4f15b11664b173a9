import * as Plot from '@observablehq/plot';
import { FPGA_CYCLES_PER_US } from '@bss2/link';
import type { RunResult } from '@bss2/playback';
import { stackSvg, svgDocument } from './svg-document.js';

/** MADC codes are 10 bit over 0..1.2 V (reference §10.7). */
export const MADC_VOLTS_PER_CODE = 1.2 / 1023;

export interface TracePoint {
  readonly timeUs: number;
  readonly volts: number;
}

export interface RasterPoint {
  readonly timeUs: number;
  readonly label: number;
}

const WIDTH = 900;

/**
 * The two things people look at after a run: the membrane trace the MADC recorded and the spike raster the FPGA
 * recorded, on one time axis, as a standalone SVG file.
 */
export function traceAndRasterSvg(trace: readonly TracePoint[], raster: readonly RasterPoint[], title: string): string {
  const document = svgDocument();
  const times = [...trace.map((p) => p.timeUs), ...raster.map((p) => p.timeUs)];
  const domain: [number, number] = times.length === 0 ? [0, 1] : [Math.min(...times), Math.max(...times)];
  const common = { document, width: WIDTH, marginLeft: 60, x: { domain, label: 'time (µs)' } };
  const tracePlot = Plot.plot({
    ...common,
    height: 260,
    title: `${title}: membrane (MADC, ${trace.length} samples)`,
    y: { label: 'membrane (V)', grid: true },
    marks: trace.length > 0 ? [Plot.line(trace, { x: 'timeUs', y: 'volts', stroke: 'steelblue' })] : [Plot.text(['no MADC samples recorded'], { frameAnchor: 'middle' })],
  }) as unknown as SVGSVGElement;
  const rasterPlot = Plot.plot({
    ...common,
    height: 200,
    title: `spikes recorded by the FPGA (${raster.length})`,
    y: { label: 'spike label', grid: true },
    marks: raster.length > 0 ? [Plot.tickX(raster, { x: 'timeUs', y: 'label', stroke: 'black' })] : [Plot.text(['no spikes recorded'], { frameAnchor: 'middle' })],
  }) as unknown as SVGSVGElement;
  return stackSvg([svgOf(tracePlot), svgOf(rasterPlot)], WIDTH);
}

/** The membrane trace and spike raster of a run's recorded MADC samples and spikes. */
export function runResultSvg(result: RunResult, title: string): string {
  return traceAndRasterSvg(
    result.madcSamples.map((s) => ({ timeUs: s.cycles / FPGA_CYCLES_PER_US, volts: s.value * MADC_VOLTS_PER_CODE })),
    result.spikes.map((s) => ({ timeUs: s.cycles / FPGA_CYCLES_PER_US, label: s.label })),
    title,
  );
}

/** With a title, Plot wraps the SVG in a <figure>; keep the figure's title as an SVG text above the chart. */
function svgOf(node: Element): SVGSVGElement {
  if (node.tagName.toLowerCase() === 'svg') return node as SVGSVGElement;
  const svg = node.querySelector('svg') as SVGSVGElement;
  const title = node.querySelector('h2')?.textContent ?? '';
  const height = Number(svg.getAttribute('height')) + 24;
  const wrapper = node.ownerDocument.createElementNS('http://www.w3.org/2000/svg', 'svg');
  wrapper.setAttribute('width', svg.getAttribute('width') ?? String(WIDTH));
  wrapper.setAttribute('height', String(height));
  const text = node.ownerDocument.createElementNS('http://www.w3.org/2000/svg', 'text');
  text.setAttribute('x', '10');
  text.setAttribute('y', '16');
  text.setAttribute('font-family', 'system-ui, sans-serif');
  text.setAttribute('font-size', '13');
  text.textContent = title;
  svg.setAttribute('y', '24');
  wrapper.append(text, svg);
  return wrapper as unknown as SVGSVGElement;
}
