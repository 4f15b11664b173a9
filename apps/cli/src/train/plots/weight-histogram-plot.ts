import * as Plot from '@observablehq/plot';
import { HARDWARE_WEIGHT_MAX } from '@bss2/snn';
import { svgDocument } from '../../plots/svg-document.js';
import { PANEL_WIDTH, titledPanelsSvg } from './titled-panels.js';

/**
 * A trained projection's weights: the integers a backend writes to the synapses, −63..63 (linear_saturating,
 * reference §6.5), or the model's own floats where no chip is involved (EventProp).
 */
export type ProjectionWeights =
  | { readonly name: string; readonly hardware: Int8Array; readonly weightScale: number }
  | { readonly name: string; readonly model: Float32Array };

/** One bin per hardware weight value: the chip's weights are integers, so coarser bins would hide saturation at ±63. */
const THRESHOLDS = Array.from({ length: 2 * HARDWARE_WEIGHT_MAX + 2 }, (_, k) => k - HARDWARE_WEIGHT_MAX - 0.5);
const MODEL_BINS = 60;

function histogram(weights: ProjectionWeights): SVGSVGElement {
  const hardware = 'hardware' in weights;
  const values = Array.from(hardware ? weights.hardware : weights.model, (value) => ({ value }));
  return Plot.plot({
    document: svgDocument(),
    width: PANEL_WIDTH,
    height: 220,
    marginLeft: 55,
    x: hardware ? { label: 'hardware weight', domain: [-HARDWARE_WEIGHT_MAX - 0.5, HARDWARE_WEIGHT_MAX + 0.5] } : { label: 'model weight' },
    y: { label: 'synapses', grid: true, tickFormat: 'd' },
    marks: [Plot.rectY(values, Plot.binX<Plot.RectYOptions>({ y: 'count' }, { x: 'value', thresholds: hardware ? THRESHOLDS : MODEL_BINS, fill: '#2f6db5' })), Plot.ruleY([0])],
  }) as unknown as SVGSVGElement;
}

function caption(p: ProjectionWeights): string {
  if ('model' in p) {
    const low = p.model.reduce((m, w) => Math.min(m, w), Infinity);
    const high = p.model.reduce((m, w) => Math.max(m, w), -Infinity);
    return `${p.name}: ${p.model.length} synapses, model weights ${low.toFixed(2)}..${high.toFixed(2)}`;
  }
  const saturated = p.hardware.reduce((n, w) => n + (Math.abs(w) === HARDWARE_WEIGHT_MAX ? 1 : 0), 0);
  return `${p.name}: ${p.hardware.length} synapses, weight scale ${p.weightScale.toFixed(1)}, ${saturated} at ±${HARDWARE_WEIGHT_MAX}`;
}

/** Histograms of the trained projections' weights, one panel per projection. */
export function weightHistogramsSvg(projections: readonly ProjectionWeights[], title: string): string {
  return titledPanelsSvg(title, projections.map((p) => ({ caption: caption(p), chart: histogram(p) })));
}
