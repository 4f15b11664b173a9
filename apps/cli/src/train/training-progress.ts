import type { TrainingBatchProgress, TrainingEpochStats } from '@bss2/snn';
import cliProgress from 'cli-progress';
import type { ProgressStream } from '../calibrate/calibration-progress.js';

interface CurrentEpoch {
  readonly epoch: number;
  readonly startMs: number;
  readonly bar: cliProgress.SingleBar | undefined;
  samples: number;
}

/**
 * Training progress on stderr: on a terminal one bar per epoch (a finished epoch's bar stays) with the running
 * loss, accuracy and samples/s of its batches; otherwise one line per finished epoch, so CI logs and tests get
 * text instead of cursor movements (as `bss2 calibrate`'s progress).
 */
export class TrainingProgress {
  private current: CurrentEpoch | undefined;
  private lossSum = 0;
  private correct = 0;

  constructor(private readonly stream: ProgressStream, private readonly epochs: number, private readonly batchSize: number) {}

  /** For the trainers' onBatch. */
  readonly onBatch = (progress: TrainingBatchProgress): void => {
    const current = this.current?.epoch === progress.epoch ? this.current : this.startEpoch(progress.epoch, progress.batches);
    current.samples += this.batchSize;
    this.lossSum += progress.loss;
    this.correct += progress.accuracy * this.batchSize;
    const seconds = (performance.now() - current.startMs) / 1000;
    current.bar?.update(progress.batch, {
      loss: (this.lossSum / progress.batch).toFixed(3),
      accuracy: percent(this.correct / current.samples),
      rate: (current.samples / seconds).toFixed(0),
    });
  };

  /** For the trainers' onEpoch: closes the epoch's bar, or prints its line. */
  readonly onEpoch = (stats: TrainingEpochStats): void => {
    const current = this.current;
    this.current = undefined;
    if (current?.bar !== undefined) {
      current.bar.stop();
      this.stream.write(`  test accuracy ${percent(stats.testAccuracy)}\n`);
      return;
    }
    this.stream.write(
      `epoch ${stats.epoch}/${this.epochs}: loss ${stats.trainLoss.toFixed(3)}, accuracy ${percent(stats.trainAccuracy)}, ` +
        `${stats.samplesPerSecond.toFixed(0)} samples/s, test accuracy ${percent(stats.testAccuracy)}\n`,
    );
  };

  /** Stops a bar left open by a failed epoch. */
  finish(): void {
    this.current?.bar?.stop();
    this.current = undefined;
  }

  private startEpoch(epoch: number, batches: number): CurrentEpoch {
    this.current?.bar?.stop();
    this.lossSum = 0;
    this.correct = 0;
    let bar: cliProgress.SingleBar | undefined;
    if (this.stream.isTTY === true) {
      // Training keeps the event loop busy between batches: the bar must redraw on update (synchronousUpdate).
      bar = new cliProgress.SingleBar(
        { stream: this.stream, format: ' epoch {epoch} [{bar}] {percentage}% loss {loss} accuracy {accuracy} {rate} samples/s', hideCursor: true, clearOnComplete: false, synchronousUpdate: true },
        cliProgress.Presets.shades_classic,
      );
      bar.start(batches, 0, { epoch: `${epoch}/${this.epochs}`.padStart(String(this.epochs).length * 2 + 1), loss: '—', accuracy: '—', rate: '—' });
    }
    this.current = { epoch, startMs: performance.now(), bar, samples: 0 };
    return this.current;
  }
}

export function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)} %`;
}
