import * as Plot from '@observablehq/plot';
import { HARDWARE_WEIGHT_MAX } from '@bss2/snn';
import { svgDocument } from '../../plots/svg-document.js';
import { PANEL_WIDTH, titledPanelsSvg } from './titled-panels.js';

export interface ProjectionWeights {
  readonly name: string;
  /** The integers a backend writes to the synapses, −63..63 (linear_saturating, reference §6.5). */
  readonly hardware: Int8Array;
  readonly weightScale: number;
}

/** One bin per hardware weight value: the chip's weights are integers, so coarser bins would hide saturation at ±63. */
const THRESHOLDS = Array.from({ length: 2 * HARDWARE_WEIGHT_MAX + 2 }, (_, k) => k - HARDWARE_WEIGHT_MAX - 0.5);

function histogram(weights: ProjectionWeights): SVGSVGElement {
  const values = Array.from(weights.hardware, (value) => ({ value }));
  return Plot.plot({
    document: svgDocument(),
    width: PANEL_WIDTH,
    height: 220,
    marginLeft: 55,
    x: { label: 'hardware weight', domain: [-HARDWARE_WEIGHT_MAX - 0.5, HARDWARE_WEIGHT_MAX + 0.5] },
    y: { label: 'synapses', grid: true, tickFormat: 'd' },
    marks: [Plot.rectY(values, Plot.binX<Plot.RectYOptions>({ y: 'count' }, { x: 'value', thresholds: THRESHOLDS, fill: '#2f6db5' })), Plot.ruleY([0])],
  }) as unknown as SVGSVGElement;
}

/** Histograms of the trained projections' hardware weights, one panel per projection. */
export function weightHistogramsSvg(projections: readonly ProjectionWeights[], title: string): string {
  return titledPanelsSvg(
    title,
    projections.map((p) => {
      const saturated = p.hardware.reduce((n, w) => n + (Math.abs(w) === HARDWARE_WEIGHT_MAX ? 1 : 0), 0);
      return { caption: `${p.name}: ${p.hardware.length} synapses, weight scale ${p.weightScale.toFixed(1)}, ${saturated} at ±${HARDWARE_WEIGHT_MAX}`, chart: histogram(p) };
    }),
  );
}
