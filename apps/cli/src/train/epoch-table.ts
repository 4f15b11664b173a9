import type { TrainingEpochStats } from '@bss2/snn';
import Table from 'cli-table3';
import { percent } from './training-progress.js';

/** Every epoch as a row of a text table for stdout, without colours or row rules (as calibrate's summary table). */
export function epochTable(epochs: readonly TrainingEpochStats[]): string {
  const table = new Table({
    head: ['epoch', 'train loss', 'train accuracy', 'test loss', 'test accuracy', 'samples/s', 'learning rate', 'hidden spikes/sample'],
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    colAligns: ['right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  });
  for (const e of epochs) {
    table.push([
      String(e.epoch), e.trainLoss.toFixed(4), percent(e.trainAccuracy), e.testLoss.toFixed(4), percent(e.testAccuracy),
      e.samplesPerSecond.toFixed(0), e.learningRate.toExponential(2), e.hiddenSpikesPerSample.toFixed(1),
    ]);
  }
  return table.toString();
}
