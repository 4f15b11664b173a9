import * as Plot from '@observablehq/plot';
import { svgDocument } from '../../plots/svg-document.js';
import type { SampleObservations } from '../sample-observations.js';
import { PANEL_WIDTH, titledPanelsSvg } from './titled-panels.js';

const CLASS_COLORS = ['#2f6db5', '#c0392b', '#27ae60', '#8e44ad'];

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
      color: { domain: [...names], range: CLASS_COLORS.slice(0, names.length), legend: false },
      marks: [Plot.line(points, { x: 'timeUs', y: 'membrane', stroke: 'readout', z: 'readout' }), Plot.ruleY([0])],
    }) as unknown as SVGSVGElement;
    const legend = names.map((name, n) => `${name} = ${['blue', 'red', 'green', 'purple'][n] ?? '?'}`).join(', ');
    const verdict = sample.predicted === sample.label ? 'correct' : 'wrong';
    return { caption: `test sample ${sample.index}: class ${names[sample.label]}, predicted ${names[sample.predicted]} (${verdict}) — readout ${legend}`, chart };
  });
  return titledPanelsSvg(title, panels);
}
