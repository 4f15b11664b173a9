import * as Plot from '@observablehq/plot';
import type { CalibrationStepReport } from '@bss2/calib';
import { svgDocument } from '../plots/svg-document.js';

const WIDTH = 720;
const OVERLAY_HEIGHT = 300;
const ZOOM_HEIGHT = 200;
const BINS = 60;
const HEADER_HEIGHT = 40;
const COLORS = { before: '#9aa5b1', after: '#2f6db5', target: '#c0392b' } as const;

interface Sample {
  readonly value: number;
  readonly phase: 'before' | 'after';
}

/** Bin edges over `values` and the target. */
function binEdges(values: readonly number[], target: number): number[] {
  const lo = Math.min(target, ...values);
  const hi = Math.max(target, ...values);
  // A margin keeps values at the ends inside the outer bins (and off the frame); an ideal chip has no mismatch,
  // so every neuron can have the same value and the range be empty.
  const pad = hi > lo ? (hi - lo) * 0.05 : Math.max(1e-3, Math.abs(target) * 0.01);
  const start = lo - pad;
  const step = (hi + pad - start) / BINS;
  return Array.from({ length: BINS + 1 }, (_, i) => start + i * step);
}

const finite = (values: Float64Array): number[] => Array.from(values).filter(Number.isFinite);

/** A histogram panel of `samples` over `edges` (overlapping, not stacked), with the target line and label. */
function histogram(samples: readonly Sample[], edges: readonly number[], report: CalibrationStepReport, height: number, xLabel: string): SVGSVGElement {
  const domain: [number, number] = [edges[0] as number, edges[BINS] as number];
  // The target's label goes on the side of its line with more room.
  const labelSide = report.target > (domain[0] + domain[1]) / 2 ? { textAnchor: 'end' as const, dx: -4 } : { textAnchor: 'start' as const, dx: 4 };
  return Plot.plot({
    document: svgDocument(),
    width: WIDTH,
    height,
    marginLeft: 55,
    marginBottom: 40,
    x: { label: xLabel, domain },
    y: { label: 'neurons', grid: true },
    color: { domain: ['before', 'after'], range: [COLORS.before, COLORS.after] },
    marks: [
      // y2 rather than y: before and after overlap from 0 instead of stacking.
      Plot.rectY(samples, Plot.binX<Plot.RectYOptions>({ y2: 'count' }, { x: 'value', fill: 'phase', thresholds: [...edges], domain, fillOpacity: 0.55, mixBlendMode: 'multiply' })),
      Plot.ruleX([report.target], { stroke: COLORS.target, strokeWidth: 2, strokeDasharray: '5,3' }),
      Plot.text([report.target], { x: (d: number) => d, frameAnchor: 'top', text: () => `target ${report.target.toFixed(2)}`, fill: COLORS.target, ...labelSide }),
      Plot.ruleY([0]),
    ],
  }) as unknown as SVGSVGElement;
}

/**
 * One calibration step's per-neuron values before and after: overlaid histograms on one axis with the target
 * marked (the after histogram should be a narrow peak on the target line; its width against the before
 * histogram's is what the calibration gained), and below it the after histogram alone on its own, narrower
 * axis, where its shape and the neurons that missed are visible. Neurons without a measurable response are
 * counted in the title.
 */
export function stepHistogramSvg(report: CalibrationStepReport, chip: string): string {
  const before = finite(report.before);
  const after = finite(report.after);
  const unit = `${report.label} (${report.unit})`;
  const afterSamples = after.map((value) => ({ value, phase: 'after' as const }));
  const overlay = histogram([...before.map((value) => ({ value, phase: 'before' as const })), ...afterSamples], binEdges([...before, ...after], report.target), report, OVERLAY_HEIGHT, `${unit}, before and after`);
  const zoom = histogram(afterSamples, binEdges(after, report.target), report, ZOOM_HEIGHT, `${unit}, after calibration only`);
  const unmeasured = report.after.length - after.length;
  const title = `${report.label} on ${chip}: ${before.length} neurons before, ${after.length} after calibration${unmeasured > 0 ? ` (${unmeasured} not measurable)` : ''}`;
  return standalone(title, [overlay, zoom]);
}

/** A standalone SVG file: a title line and a legend, then the panels one below the other, on white. */
function standalone(title: string, panels: readonly SVGSVGElement[]): string {
  let y = HEADER_HEIGHT;
  const placed = panels.map((panel) => {
    panel.setAttribute('y', String(y));
    y += Number(panel.getAttribute('height'));
    return panel.outerHTML;
  });
  const escaped = title.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const legend = (['before', 'after'] as const)
    .map((name, i) => `<rect x="${10 + i * 90}" y="24" width="12" height="12" fill="${COLORS[name]}" fill-opacity="0.55"/><text x="${26 + i * 90}" y="34" font-size="12">${name}</text>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${y}" viewBox="0 0 ${WIDTH} ${y}" font-family="system-ui, sans-serif">\n<rect width="100%" height="100%" fill="white"/>\n<text x="10" y="16" font-size="13">${escaped}</text>\n${legend}\n${placed.join('\n')}\n</svg>\n`;
}
