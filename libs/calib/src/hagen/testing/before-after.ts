import { TwinConnection } from '@bss2/chip';
import { PlaybackProgramBuilder } from '@bss2/playback';
import { calibrateCadc } from '../../cadc/cadc-calibration.js';
import { waitUs } from '../../measure/settle.js';
import { SYNAPTIC_INPUT_CELLS } from '../../neuron/synaptic-input-setup.js';
import { calibrateMacNeurons } from '../mac-calibration.js';
import { writeMacCalibration, type MacCalibrationResult } from '../mac-result.js';
import { DEFAULT_MEM_CAP_SIZE, MAC_READ_DELAY_US, MAC_SYNIN_TAU_CODE, type MacIntegration } from '../mac-setup.js';
import { HAGEN_CADC_TARGET } from '../mac-targets.js';
import { measureIndependentMac, stats } from './independent-mac.js';

// Test support (not exported): an analog twin with the default mismatch (reference §10.4) measured with the
// independent MAC before calibration (MAC mode at the targets' nominal codes, mismatch-free formulas of §10.3)
// and after (the result written by `writeMacCalibration` into a fresh connection to the same chip).

const WEIGHT = 16;
const REPEATS = 16;

export type Stats = ReturnType<typeof stats>;

export interface BeforeAfter {
  readonly result: MacCalibrationResult;
  readonly baseline: { readonly before: Stats; readonly after: Stats };
  readonly gain: { readonly before: Stats; readonly after: Stats };
}

const filled = (value: number): number[] => new Array(512).fill(value);

export async function calibrateAndMeasure(identity: string, integration: MacIntegration): Promise<BeforeAfter> {
  const connection = new TwinConnection({ identity, fidelity: 'analog' });
  const cadc = await calibrateCadc(connection, { target: HAGEN_CADC_TARGET });
  const readDelayUs = MAC_READ_DELAY_US[integration];
  const memCapSize = DEFAULT_MEM_CAP_SIZE[integration];
  // Nominal codes: v_leak = v_reset for read 120 on the hagen scale; τ_mem 60 µs; calix's DAC bias 600, gm 500.
  const leakCode = Math.round((8 * 2000 * ((0.1 + (2.2 * memCapSize) / 63) / 2.3)) / 60);
  const synin = integration === 'synaptic-input'
    ? Object.fromEntries(Object.values(SYNAPTIC_INPUT_CELLS).flatMap((c) => [[c.tau, filled(MAC_SYNIN_TAU_CODE)], [c.gm, filled(500)]]))
    : {};
  const nominal: MacCalibrationResult = {
    integration,
    memCapSize,
    readDelayUs,
    targets: { baselineRead: 120, tauMemUs: 60, gainLsbPerUnit: 0.002 },
    stimulus: { weight: 0, activation: 0, unitsPerNeuron: 0 },
    cadc,
    neuronCapMem: { v_leak: filled(325), v_reset: filled(325), i_bias_leak: filled(leakCode), i_bias_reset: filled(1022), ...synin },
    sharedCapMem: { syn_i_bias_dac: [600, 600, 600, 600] },
    achieved: {},
  };
  const beforeSetup = new PlaybackProgramBuilder();
  writeMacCalibration(beforeSetup, nominal);
  await connection.run(beforeSetup.done());
  const before = await measureIndependentMac(connection, WEIGHT, readDelayUs, REPEATS);

  const result = await calibrateMacNeurons(connection, {}, { integration, cadc });

  const fresh = new TwinConnection({ identity, fidelity: 'analog' });
  const apply = new PlaybackProgramBuilder();
  writeMacCalibration(apply, result);
  waitUs(apply, 40_000); // a fresh chip's cells jump from 0: 20 ms more leaves < 0.01 LSB (τ = 4 ms, §10.3)
  await fresh.run(apply.done());
  const after = await measureIndependentMac(fresh, WEIGHT, readDelayUs, REPEATS);
  return {
    result,
    baseline: { before: stats(before.baseline), after: stats(after.baseline) },
    gain: { before: stats(before.gain), after: stats(after.gain) },
  };
}

export function describeBeforeAfter({ result, baseline, gain }: BeforeAfter): string {
  const f = (s: Stats, digits: number): string => `${s.mean.toFixed(digits)} (σ ${s.std.toFixed(digits)}, CV ${(100 * s.cv).toFixed(1)} %)`;
  return (
    `${result.integration}: baseline ${f(baseline.before, 2)} → ${f(baseline.after, 2)} LSB; gain ${f(gain.before, 5)} → ${f(gain.after, 5)} LSB/unit; ` +
    `DAC bias ${result.sharedCapMem.syn_i_bias_dac.join(', ')}; achieved ${JSON.stringify(result.achieved)}`
  );
}
