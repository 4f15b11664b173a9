import cliProgress from 'cli-progress';

/** Where progress goes: stderr, or a stand-in for it in tests. */
export type ProgressStream = NodeJS.WritableStream & { readonly isTTY?: boolean };

interface CurrentStep {
  readonly name: string;
  readonly counter: string;
  readonly startMs: number;
  readonly bar: cliProgress.SingleBar | undefined;
}

const BAR_TOTAL = 1000;
const STEP_NAME_WIDTH = 22;

/**
 * The calibration's progress on stderr: one bar per step on a terminal (a finished step's bar stays, at 100 %),
 * plain lines (step started, step done with its duration) when stderr is a file or a pipe, so CI logs and tests
 * get readable text instead of cursor movements. A bar per step rather than one bar for all: the steps differ
 * in length by an order of magnitude, and calibrateSpikingNeurons reports progress per step.
 */
export class CalibrationProgress {
  private current: CurrentStep | undefined;

  constructor(private readonly stream: ProgressStream) {}

  /** For SpikingCalibrationOptions.onProgress. */
  readonly onProgress = (step: string, index: number, steps: number, fraction: number): void => {
    if (this.current?.name !== step) this.startStep(step, `${index + 1}/${steps}`);
    this.current?.bar?.update(Math.round(Math.min(1, Math.max(0, fraction)) * BAR_TOTAL));
  };

  /** Closes the last step once the calibration has returned (`completed`) or failed. */
  finish(completed: boolean): void {
    this.endStep(completed);
  }

  private startStep(name: string, counter: string): void {
    this.endStep(true);
    let bar: cliProgress.SingleBar | undefined;
    if (this.stream.isTTY === true) {
      // The calibration keeps the event loop busy between measurements, so the bar must redraw on update
      // (synchronousUpdate, a SingleBar feature; MultiBar only redraws from a timer).
      bar = new cliProgress.SingleBar(
        { stream: this.stream, format: ' {counter} {step} [{bar}] {percentage}% {duration_formatted}', hideCursor: true, clearOnComplete: false, synchronousUpdate: true },
        cliProgress.Presets.shades_classic,
      );
      bar.start(BAR_TOTAL, 0, { counter: counter.padStart(5), step: name.padEnd(STEP_NAME_WIDTH) });
    } else {
      this.stream.write(`calibrate ${counter}: ${name} …\n`);
    }
    this.current = { name, counter, startMs: performance.now(), bar };
  }

  private endStep(completed: boolean): void {
    const step = this.current;
    if (step === undefined) return;
    this.current = undefined;
    const seconds = ((performance.now() - step.startMs) / 1000).toFixed(1);
    if (step.bar !== undefined) {
      if (completed) step.bar.update(BAR_TOTAL);
      step.bar.stop();
    } else {
      this.stream.write(`calibrate ${step.counter}: ${step.name} ${completed ? 'done' : 'failed'} after ${seconds} s\n`);
    }
  }
}
