import type { PlaybackProgramBuilder } from '@bss2/playback';
import { CalibError } from '../calib-error.js';
import { setSharedCapMem } from '../neuron/neuron-setup.js';
import { QUADRANTS, type CorrelationTargets } from './correlation-targets.js';

// The two CapMem cells per block that set the correlation sensors (reference §2.3, §3.3): syn_i_bias_ramp
// (time constant) and syn_i_bias_store (amplitude).

/** syn_i_bias_ramp and syn_i_bias_store per CapMem block (CapMemBlockOnDLS order), 0..1022. */
export interface CorrelationCodes {
  readonly rampCodes: readonly number[];
  readonly storeCodes: readonly number[];
}

const CODE_RANGE = { min: 0, max: 1022 };

/**
 * Writes the codes into the program (calix CorrelationCalibResult.apply). The sensors follow the CapMem, which
 * settles over calix's 20 ms (`CAPMEM_SETTLE_US`): wait that long before measuring with them.
 */
export function writeCorrelationCodes(builder: PlaybackProgramBuilder, codes: CorrelationCodes): void {
  setSharedCapMem(builder, 'syn_i_bias_ramp', checkCodes('rampCodes', codes.rampCodes));
  setSharedCapMem(builder, 'syn_i_bias_store', checkCodes('storeCodes', codes.storeCodes));
}

/**
 * The codes a mismatch-free twin needs for `targets` (reference §10.3: τ = 2500 µs/code(syn_i_bias_ramp),
 * A = 10 LSB·code(syn_i_bias_store)/500), kept inside 1..1022: where a search starts the parameter it is not
 * searching, so that the measurement sees a signal of the planned size.
 */
export function predictedCorrelationCodes(targets: CorrelationTargets): CorrelationCodes {
  const clamp = (code: number): number => Math.min(CODE_RANGE.max, Math.max(1, Math.round(code)));
  return {
    rampCodes: targets.tauUs.map((tau) => clamp(2500 / tau)),
    storeCodes: targets.amplitudeLsb.map((amplitude) => clamp((amplitude * 500) / 10)),
  };
}

/** One code for every block, or one per block, each an integer 0..1022; else a CalibError. */
export function checkCodes(name: string, codes: number | readonly number[]): number[] {
  const list = typeof codes === 'number' ? new Array<number>(QUADRANTS).fill(codes) : [...codes];
  if (list.length !== QUADRANTS) {
    throw new CalibError('invalid-calibration', `${name} lists ${list.length} codes; one per CapMem block needs ${QUADRANTS}`, list.length, { min: QUADRANTS, max: QUADRANTS });
  }
  list.forEach((code, block) => {
    if (!Number.isInteger(code) || code < CODE_RANGE.min || code > CODE_RANGE.max) {
      throw new CalibError('invalid-calibration', `${name}[${block}] = ${code} is not a CapMem code ${CODE_RANGE.min}..${CODE_RANGE.max}`, code, CODE_RANGE);
    }
  });
  return list;
}
