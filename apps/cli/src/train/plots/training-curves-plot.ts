import * as Plot from '@observablehq/plot';
import type { TrainingEpochStats } from '@bss2/snn';
import { svgDocument } from '../../plots/svg-document.js';
import { PANEL_WIDTH, titledPanelsSvg } from './titled-panels.js';

interface CurvePoint {
  readonly epoch: number;
  readonly value: number;
  readonly set: 'train' | 'test';
}

const COLORS = { domain: ['train', 'test'], range: ['#2f6db5', '#c0392b'] };

/** One panel of a quantity per epoch, train and test; dots too, so a one-epoch run still shows its values. */
function curve(points: readonly CurvePoint[], epochs: number, label: string, domain?: [number, number]): SVGSVGElement {
  return Plot.plot({
    document: svgDocument(),
    width: PANEL_WIDTH,
    height: 240,
    marginLeft: 55,
    x: { label: 'epoch', domain: [0.5, epochs + 0.5], ticks: Math.min(epochs, 10), tickFormat: 'd' },
    y: { label, grid: true, ...(domain && { domain }) },
    color: { ...COLORS, legend: false },
    marks: [Plot.line(points, { x: 'epoch', y: 'value', stroke: 'set', z: 'set' }), Plot.dot(points, { x: 'epoch', y: 'value', fill: 'set', r: 3 })],
  }) as unknown as SVGSVGElement;
}

/** Loss and accuracy per epoch on the training and the test set. */
export function trainingCurvesSvg(epochs: readonly TrainingEpochStats[], title: string): string {
  const points = (train: (e: TrainingEpochStats) => number, test: (e: TrainingEpochStats) => number): CurvePoint[] =>
    epochs.flatMap((e) => [{ epoch: e.epoch, value: train(e), set: 'train' as const }, { epoch: e.epoch, value: test(e), set: 'test' as const }]);
  const loss = curve(points((e) => e.trainLoss, (e) => e.testLoss), epochs.length, 'loss');
  const accuracy = curve(points((e) => e.trainAccuracy * 100, (e) => e.testAccuracy * 100), epochs.length, 'accuracy (%)', [0, 100]);
  return titledPanelsSvg(title, [
    { caption: 'loss (cross-entropy + readout regularisation) per epoch — blue: training set, red: test set', chart: loss },
    { caption: 'accuracy per epoch — blue: training set, red: test set', chart: accuracy },
  ]);
}
