import * as Plot from '@observablehq/plot';
import { svgDocument } from '../../plots/svg-document.js';
import type { SampleObservations } from '../sample-observations.js';
import { PANEL_WIDTH, titledPanelsSvg } from './titled-panels.js';

/** The hidden layer's spikes of the first observed test sample: a dot per spike, neuron over time. */
export function hiddenRasterSvg(observations: SampleObservations, title: string): string {
  const sample = observations.samples[0]!;
  const spikes = observations.hiddenSpikes;
  const chart = Plot.plot({
    document: svgDocument(),
    width: PANEL_WIDTH,
    height: 360,
    marginLeft: 55,
    x: { label: 'time (µs)', domain: [0, observations.durationUs] },
    y: { label: 'hidden neuron', domain: [0, observations.hiddenSize - 1], grid: true },
    marks: spikes.length > 0 ? [Plot.dot(spikes, { x: 'timeUs', y: 'neuron', r: 2, fill: 'black' })] : [Plot.text(['no hidden spikes'], { frameAnchor: 'middle' })],
  }) as unknown as SVGSVGElement;
  const active = new Set(spikes.map((s) => s.neuron)).size;
  const caption = `test sample ${sample.index} (class ${observations.classNames[sample.label]}): ${spikes.length} spikes from ${active} of ${observations.hiddenSize} hidden neurons`;
  return titledPanelsSvg(title, [{ caption, chart }]);
}
