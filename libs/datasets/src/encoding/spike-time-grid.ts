import { checkInteger, checkNumber, checkPositive } from '../argument-checks.js';
import { DatasetError } from '../dataset-error.js';

/**
 * The time grid of an encoding (hxtorch's `CoordinatesToSpikes`, §6.7): `steps` bins of `dtUs` each, and the
 * window [tEarlyUs, tLateUs] that values in [0, 1] are mapped onto. Times are hardware microseconds.
 */
export interface SpikeTimeGrid {
  readonly dtUs: number;
  readonly steps: number;
  readonly tEarlyUs: number;
  readonly tLateUs: number;
}

/** The longest grid this lib builds (a guard against a typo, not a physical limit). */
export const SPIKE_GRID_STEPS_MAX = 1_000_000;

/**
 * torch.round, which hxtorch uses to bin spike times: round half to even. (Math.round rounds half up, which
 * would move a spike exactly between two bins one bin later than hxtorch puts it.)
 */
export function roundHalfToEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (fraction > 0.5) return floor + 1;
  if (fraction < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** The bin index of time `tUs`, as hxtorch computes it for value spikes: round(t / dt). */
export function stepOfTime(tUs: number, grid: SpikeTimeGrid): number {
  return roundHalfToEven(tUs / grid.dtUs);
}

/**
 * Checks a grid: dt positive, steps a positive integer, 0 ≤ tEarly ≤ tLate, and tLate's bin inside the grid,
 * so every value in [0, 1] lands on a bin (hxtorch would index past the end instead).
 */
export function checkSpikeTimeGrid(grid: SpikeTimeGrid): SpikeTimeGrid {
  checkPositive('dtUs', grid.dtUs);
  checkInteger('steps', grid.steps, 1, SPIKE_GRID_STEPS_MAX);
  const lastBinUs = (grid.steps - 1) * grid.dtUs;
  checkNumber('tEarlyUs', grid.tEarlyUs, 0, lastBinUs);
  checkNumber('tLateUs', grid.tLateUs, grid.tEarlyUs, Number.MAX_VALUE);
  const lateStep = stepOfTime(grid.tLateUs, grid);
  if (lateStep > grid.steps - 1) {
    throw new DatasetError(
      'out-of-range',
      'tLateUs',
      grid.tLateUs,
      { min: grid.tEarlyUs, max: lastBinUs },
      `tLateUs = ${grid.tLateUs} falls in bin ${lateStep}, past the last bin ${grid.steps - 1} of a ${grid.steps}-step grid with dtUs = ${grid.dtUs}`,
    );
  }
  return grid;
}

/**
 * The bin of the spike that encodes `value` ∈ [0, 1]: t = tEarly + value · (tLate − tEarly), then round(t / dt)
 * (§6.7). Monotone in value, and on the grid by construction. The grid must have passed `checkSpikeTimeGrid`.
 * `index` names the value in an error (`values[index]`).
 */
export function spikeStepOfValue(value: number, grid: SpikeTimeGrid, index?: number): number {
  checkUnitValue(value, index);
  return stepOfTime(grid.tEarlyUs + value * (grid.tLateUs - grid.tEarlyUs), grid);
}

/** Checks that an encoder input lies in [0, 1]; the error names it `values[index]` (or `value`). */
export function checkUnitValue(value: number, index?: number): number {
  // The fast path: no parameter string is built for the millions of good values of a training run.
  if (value >= 0 && value <= 1) return value;
  return checkNumber(index === undefined ? 'value' : `values[${index}]`, value, 0, 1);
}

/**
 * The bin of a bias spike at `tBiasUs`. hxtorch bins the bias time by truncation (`int(t_bias / dt)`), not by
 * rounding like the value spikes; this keeps that.
 */
export function biasStep(tBiasUs: number, grid: SpikeTimeGrid): number {
  const endUs = grid.steps * grid.dtUs;
  checkNumber('tBiasUs', tBiasUs, 0, endUs);
  const step = Math.trunc(tBiasUs / grid.dtUs);
  if (step > grid.steps - 1) {
    throw new DatasetError('out-of-range', 'tBiasUs', tBiasUs, { min: 0, max: endUs }, `tBiasUs must lie in [0, ${endUs}) (the grid's span), got ${tBiasUs}`);
  }
  return step;
}
