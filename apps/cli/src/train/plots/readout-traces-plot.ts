import * as Plot from '@observablehq/plot';
import { svgDocument } from '../../plots/svg-document.js';
import type { SampleObservations } from '../sample-observations.js';
import { PANEL_WIDTH, titledPanelsSvg } from './titled-panels.js';

/** One colour per class, named in the captions (up to MNIST16's ten). */
const CLASS_COLORS: readonly (readonly [hex: string, name: string])[] = [
  ['#2f6db5', 'blue'], ['#c0392b', 'red'], ['#27ae60', 'green'], ['#8e44ad', 'purple'], ['#e67e22', 'orange'],
  ['#16a085', 'teal'], ['#7f8c8d', 'grey'], ['#f1c40f', 'yellow'], ['#8c564b', 'brown'], ['#e84393', 'pink'],
];

/** The readout membrane of each observed test sample, one panel per sample, one line per readout neuron (class). */
export function readoutTracesSvg(observations: SampleObservations, title: string): string {
  const names = observations.classNames;
  const all = observations.readout.map((p) => p.membrane);
  const domain: [number, number] = [Math.min(0, ...all), Math.max(0, ...all)];
  const panels = observations.samples.map((sample, s) => {
    const points = observations.readout.filter((p) => p.sample === s).map((p) => ({ ...p, readout: names[p.neuron] ?? String(p.neuron) }));
    const chart = Plot.plot({
      document: svgDocument(),
      width: PANEL_WIDTH,
      height: 200,
      marginLeft: 55,
      x: { label: 'time (µs)', domain: [0, observations.durationUs] },
      y: { label: 'membrane (model units)', grid: true, domain },
      color: { domain: [...names], range: CLASS_COLORS.slice(0, names.length).map(([hex]) => hex), legend: false },
      marks: [Plot.line(points, { x: 'timeUs', y: 'membrane', stroke: 'readout', z: 'readout' }), Plot.ruleY([0])],
    }) as unknown as SVGSVGElement;
    const legend = names.map((name, n) => `${name} = ${CLASS_COLORS[n]?.[1] ?? '?'}`).join(', ');
    const verdict = sample.predicted === sample.label ? 'correct' : 'wrong';
    return { caption: `test sample ${sample.index}: class ${names[sample.label]}, predicted ${names[sample.predicted]} (${verdict}) — readout ${legend}`, chart };
  });
  return titledPanelsSvg(title, panels);
}
