import { AtomicNeuronOnDLS, CommonNeuronBackendConfigOnDLS, type NeuronParameter } from '@bss2/coords';
import { PlaybackProgramBuilder, type Connection } from '@bss2/playback';
import { CommonNeuronBackendConfig, NeuronBackendConfig } from '@bss2/regs';
import { calibrateCadc } from '../cadc/cadc-calibration.js';
import { CalibError } from '../calib-error.js';
import type { CalibrationFailure, CalibrationResult, Spread } from '../result/calibration-result.js';
import { medianTarget, neuronTargets, type NeuronTargets, type TargetValue } from '../targets/neuron-targets.js';
import { CAPMEM_SETTLE_US, waitUs } from '../measure/settle.js';
import { calibrateCobaReversal, COBA_CELLS } from './coba-calibration.js';
import { calibrateIcc } from './icc-calibration.js';
import { NEURONS, connectNeuronsToCadc, forceReset, setNeuronCapMem, setSharedCapMem, writeNeuronConfigs } from './neuron-setup.js';
import { calibrateRestingPotential } from './potential-calibration.js';
import { calibrateSynapticGain } from './synaptic-gain-calibration.js';
import { calibrateTauMem } from './tau-mem-calibration.js';
import { SYNAPTIC_INPUT_CELLS } from './synaptic-input-setup.js';
import { calibrateTauSyn } from './tau-syn-calibration.js';
import { calibrateThreshold, leakCodesFor } from './threshold-calibration.js';

// The spiking-neuron calibration as one call (reference §7.2, calix spiking/neuron.py): CADC, refractory clock,
// τ_syn (exc, inh), synapse DAC bias, synaptic input strength, optional COBA reversal potentials, leak,
// threshold, τ_mem, reset, leak again, optional inter-compartment τ_icc. Every
// step is a playback program over `connection`; the result holds every calibrated register, the spread before
// and after each step and the neurons that did not reach their target. Targets are checked before anything is
// sent. Twin choices where calix's order does not suit the twin's measurements are in the README.

export interface SpikingCalibrationOptions {
  readonly chipIdentity: string;
  readonly settleUs?: number;
  /** Called at the start of each step and after each measurement: step name, step index, steps, progress 0..1. */
  readonly onProgress?: (step: string, index: number, steps: number, fraction: number) => void;
  /** Called after each neuron step with every neuron's value before and after (histograms, reports). */
  readonly onStepResult?: (report: CalibrationStepReport) => void;
}

/** One neuron step's per-neuron values: what the CLI draws as before/after histograms. */
export interface CalibrationStepReport {
  /** The key of `CalibrationResult.achieved` (e.g. 'leak', 'threshold', 'i_bias_synin_exc_tau'). */
  readonly parameter: string;
  /** The step's name in progress reports, e.g. 'τ_syn exc'. */
  readonly label: string;
  readonly unit: string;
  /** The target (the median for per-neuron targets). */
  readonly target: number;
  /** One value per neuron, NaN where there was no measurable response. */
  readonly before: Float64Array;
  readonly after: Float64Array;
}

/** The reset conductance: strong, so the reset is fast (not a calibration target). */
const RESET_BIAS = 1000;

/** Tolerances for listing a neuron as failed (issue 5: ≤ 2 LSB potentials, ≤ 5 % time constants). */
const TOLERANCE = { potentialLsb: 2, relative: 0.05 };

/** Refractory counter value and clock scale for `us` (§1.8: f = 250 MHz / 2^(scale+1), 8-bit counter). */
export function refractorySetting(us: number): { readonly refractoryTime: number; readonly clockScaleSlow: number } {
  for (let scale = 0; scale < 16; scale++) {
    const periodUs = (2 ** (scale + 1)) / 250;
    const counts = Math.round(us / periodUs);
    if (counts <= 255) return { refractoryTime: Math.max(1, counts), clockScaleSlow: scale };
  }
  throw new CalibError('target-out-of-range', `refractory time ${us} µs does not fit the backend counter`, us);
}

const scalar = (value: number | readonly number[] | null, name: string): number => {
  if (typeof value === 'number') return value;
  throw new CalibError('target-out-of-range', `the spiking sequence takes one ${name} target for the whole chip`, value);
};

export async function calibrateSpikingNeurons(
  connection: Connection,
  targets: Partial<Record<string, unknown>> = {},
  options: SpikingCalibrationOptions,
): Promise<CalibrationResult> {
  const t: NeuronTargets = neuronTargets(targets);
  const memCap = scalar(t.membraneCapacitance, 'membraneCapacitance');
  const leakTarget = t.leak;
  const thresholdTarget = t.threshold;
  const settleUs = options.settleUs ?? CAPMEM_SETTLE_US;
  const cobaSteps = (['excitatory', 'inhibitory'] as const).filter((type) => t[COBA_CELLS[type].target] !== null);
  const steps = [
    ...['CADC', 'τ_syn exc', 'τ_syn inh', 'synaptic strength exc', 'synaptic strength inh'],
    ...cobaSteps.map((type) => `COBA reversal ${type === 'excitatory' ? 'exc' : 'inh'}`),
    ...['leak', 'threshold', 'τ_mem', 'reset', 'leak again'],
    ...(t.tauIccUs === null ? [] : ['τ_icc']),
  ];
  let index = 0;
  const step = (name: string): ((done: number, of: number) => void) => {
    const at = index++;
    options.onProgress?.(name, at, steps.length, 0);
    return (done, of) => options.onProgress?.(name, at, steps.length, done / of);
  };
  const achieved: Record<string, { before: Spread; after: Spread }> = {};
  const failures: CalibrationFailure[] = [];
  const neuronCapMem: Partial<Record<NeuronParameter, readonly number[]>> = {};
  const check = (parameter: string, values: ArrayLike<number>, target: (n: number) => number, tolerance: (target: number) => number): void => {
    for (let n = 0; n < NEURONS; n++) {
      const value = values[n] as number;
      const goal = target(n);
      if (!(Math.abs(value - goal) <= tolerance(goal))) {
        failures.push({ parameter, instance: n, reason: Number.isFinite(value) ? `reached ${value.toFixed(2)}, target ${goal}` : 'no measurable response' });
      }
    }
  };
  const report = (parameter: string, label: string, unit: string, target: TargetValue, before: Float64Array, after: Float64Array): void => {
    options.onStepResult?.({ parameter, label, unit, target: medianTarget(target), before, after });
  };
  const per = (value: TargetValue) => (n: number): number => (typeof value === 'number' ? value : (value[n] as number));

  const cadcProgress = step('CADC');
  const cadc = await calibrateCadc(connection, { settleUs, onProgress: (_stage, done, of) => cadcProgress(done, of) });
  achieved['cadc'] = { before: cadc.midReads.before, after: cadc.midReads.after };

  // Neurons: membrane on the CADC, no firing, the refractory clock, nominal CapMem to start from.
  const setup = new PlaybackProgramBuilder();
  writeNeuronConfigs(setup, memCap, { enThreshComp: false, enFire: false });
  const refractory = refractorySetting(scalar(t.refractoryTimeUs, 'refractoryTimeUs'));
  for (let n = 0; n < NEURONS; n++) {
    setup.write(NeuronBackendConfig, AtomicNeuronOnDLS(n), NeuronBackendConfig.modify(NeuronBackendConfig.defaults(), { refractoryTime: refractory.refractoryTime, enNeuronMaster: true }));
  }
  for (const block of [0, 1]) {
    setup.write(CommonNeuronBackendConfig, CommonNeuronBackendConfigOnDLS(block), { ...CommonNeuronBackendConfig.defaults(), clockScaleSlow: refractory.clockScaleSlow });
  }
  connectNeuronsToCadc(setup);
  // Leak low before it is calibrated (code 200 ≈ 0.39 V ≈ 73 LSB, σ 15 LSB): the synaptic-input readout rides on
  // it and needs ~100 LSB of headroom below the CADC's 255 for the τ_syn and strength steps.
  setNeuronCapMem(setup, 'v_leak', 200);
  setNeuronCapMem(setup, 'v_reset', 300);
  setNeuronCapMem(setup, 'v_threshold', 1000);
  setNeuronCapMem(setup, 'i_bias_leak', 200);
  setNeuronCapMem(setup, 'i_bias_reset', RESET_BIAS);
  const dac = scalar(t.synapseDacBias, 'synapseDacBias');
  setSharedCapMem(setup, 'syn_i_bias_dac', dac);
  await connection.run(setup.done());

  const inputs = [
    ['excitatory', t.tauSynExcUs],
    ['inhibitory', t.tauSynInhUs],
  ] as const;
  const gm = scalar(t.iSyninGm, 'iSyninGm');
  const abbreviation = (type: (typeof inputs)[number][0]): string => (type === 'excitatory' ? 'exc' : 'inh');
  for (const [type, tau] of inputs) {
    const cell = SYNAPTIC_INPUT_CELLS[type].tau;
    const r = await calibrateTauSyn(connection, type, tau, memCap, { settleUs, synapseDacBias: dac, syninGm: gm, onProgress: step(`τ_syn ${abbreviation(type)}`) });
    neuronCapMem[cell] = Array.from(r.codes);
    achieved[cell] = { before: r.before, after: r.after };
    report(cell, `τ_syn ${abbreviation(type)}`, 'µs', tau, r.beforeValues, r.tauUs);
    check(cell, r.tauUs, per(tau), (g) => TOLERANCE.relative * g);
  }
  for (const [type, tau] of inputs) {
    const cell = SYNAPTIC_INPUT_CELLS[type].gm;
    const progress = step(`synaptic strength ${abbreviation(type)}`);
    const r = await calibrateSynapticGain(connection, type, memCap, { settleUs, synapseDacBias: dac, startCode: gm, tauSynUs: medianTarget(tau), onProgress: progress });
    neuronCapMem[cell] = Array.from(r.codes);
    achieved[cell] = { before: r.before, after: r.after };
    report(cell, `synaptic strength ${abbreviation(type)}`, 'CADC LSB', r.targetAmplitude, r.beforeValues, r.amplitude);
    check(cell, r.amplitude, () => r.targetAmplitude, (g) => TOLERANCE.relative * g);
  }

  // COBA (calix step 7): the reversal potentials, with the input's strength at rest as calibrated above (the
  // twin's COBA driving force is normalised at the leak, libs/analog README).
  for (const type of cobaSteps) {
    const cells = COBA_CELLS[type];
    const target = t[cells.target] as TargetValue;
    const cobaBias = scalar(t[type === 'excitatory' ? 'iSyninCobaExc' : 'iSyninCobaInh'], 'COBA bias');
    const label = `COBA reversal ${abbreviation(type)}`;
    const r = await calibrateCobaReversal(connection, type, target, memCap, { settleUs, synapseDacBias: dac, cobaBias, onProgress: step(label) });
    neuronCapMem[cells.reversal] = Array.from(r.codes);
    neuronCapMem[cells.bias] = new Array<number>(NEURONS).fill(cobaBias);
    achieved[cells.reversal] = { before: r.before, after: r.after };
    report(cells.reversal, label, 'CADC LSB', target, r.beforeValues, r.reversalLsb);
    check(cells.reversal, r.reversalLsb, per(target), () => TOLERANCE.potentialLsb);
  }

  // Potentials: membranes on the readout again, firing off.
  const potentials = new PlaybackProgramBuilder();
  writeNeuronConfigs(potentials, memCap, { enThreshComp: false, enFire: false });
  await connection.run(potentials.done());
  const leak = await calibrateRestingPotential(connection, 'v_leak', leakTarget, { settleUs, onProgress: step('leak') });
  achieved['leak'] = { before: leak.before, after: leak.after };
  const leakAt = (lsb: number): Int32Array => leakCodesFor(leak.codes, leakTarget, lsb);

  const threshold = await calibrateThreshold(connection, thresholdTarget, { codes: leak.codes, target: leakTarget }, memCap, { settleUs, onProgress: step('threshold') });
  neuronCapMem.v_threshold = Array.from(threshold.codes);
  achieved['threshold'] = { before: threshold.before, after: threshold.after };
  report('threshold', 'threshold', 'CADC LSB', thresholdTarget, threshold.beforeValues, threshold.values);
  check('threshold', threshold.values, per(thresholdTarget), () => TOLERANCE.potentialLsb);

  const tauMemTarget = t.tauMemUs;
  const recovery = new PlaybackProgramBuilder();
  writeNeuronConfigs(recovery, memCap, { enThreshComp: false, enFire: false });
  setNeuronCapMem(recovery, 'v_leak', leakAt(150));
  setNeuronCapMem(recovery, 'v_reset', 100);
  await connection.run(recovery.done());
  const tauMem = await calibrateTauMem(connection, tauMemTarget, { settleUs, onProgress: step('τ_mem') });
  neuronCapMem.i_bias_leak = Array.from(tauMem.codes);
  achieved['tauMem'] = { before: tauMem.before, after: tauMem.after };
  report('tauMem', 'τ_mem', 'µs', tauMemTarget, tauMem.beforeValues, tauMem.tauUs);
  check('tauMem', tauMem.tauUs, per(tauMemTarget), (g) => TOLERANCE.relative * g);

  const held = new PlaybackProgramBuilder();
  setNeuronCapMem(held, 'v_leak', leak.codes);
  forceReset(held, true);
  await connection.run(held.done());
  // The membrane noise's correlation time is τ_mem (reference §10.6): reads of a slow membrane sit further apart.
  const spacingUs = Math.max(5, medianTarget(tauMemTarget) / 2);
  const reset = await calibrateRestingPotential(connection, 'v_reset', t.reset, { settleUs, spacingUs, onProgress: step('reset') });
  neuronCapMem.v_reset = Array.from(reset.codes);
  achieved['reset'] = { before: reset.before, after: reset.after };
  report('reset', 'reset', 'CADC LSB', t.reset, reset.beforeValues, reset.values);
  check('reset', reset.values, per(t.reset), () => TOLERANCE.potentialLsb);
  const release = new PlaybackProgramBuilder();
  forceReset(release, false);
  await connection.run(release.done());

  // Leak again: τ_mem moved the leak's operating point (calix step 11).
  const leakAgain = await calibrateRestingPotential(connection, 'v_leak', leakTarget, { settleUs, spacingUs, onProgress: step('leak again') });
  neuronCapMem.v_leak = Array.from(leakAgain.codes);
  achieved['leak'] = { before: leak.before, after: leakAgain.after };
  report('leak', 'leak', 'CADC LSB', leakTarget, leak.beforeValues, leakAgain.values);
  check('leak', leakAgain.values, per(leakTarget), () => TOLERANCE.potentialLsb);

  // Optional τ_icc (calix step 12): it moves leak, reset and τ_mem for its measurement; they are restored below.
  let interCompartment: CalibrationResult['interCompartment'];
  if (t.tauIccUs !== null) {
    const icc = await calibrateIcc(connection, t.tauIccUs, memCap, { settleUs, onProgress: step('τ_icc') });
    neuronCapMem.i_bias_nmda = Array.from(icc.codes);
    interCompartment = { enCompCondDiv: Array.from(icc.divide, Boolean), enCompCondMul: Array.from(icc.multiply, Boolean) };
    achieved['tauIcc'] = { before: icc.before, after: icc.after };
    report('tauIcc', 'τ_icc', 'µs', t.tauIccUs, icc.beforeValues, icc.tauIccUs);
    check('tauIcc', icc.tauIccUs, per(t.tauIccUs), (g) => TOLERANCE.relative * g);
  }

  // The calibrated neurons, ready to spike.
  const final = new PlaybackProgramBuilder();
  writeNeuronConfigs(final, memCap, { enThreshComp: true, enFire: true, enSyninExc: true, enSyninInh: true });
  if (interCompartment !== undefined) {
    setNeuronCapMem(final, 'v_leak', leakAgain.codes);
    setNeuronCapMem(final, 'v_reset', reset.codes);
    setNeuronCapMem(final, 'i_bias_leak', tauMem.codes);
    waitUs(final, settleUs);
  }
  await connection.run(final.done());

  return {
    chipIdentity: options.chipIdentity,
    created: new Date().toISOString(),
    targets: t,
    cadc: { rampOffset: cadc.rampOffset, rampSlope: cadc.rampSlope, channelOffsets: cadc.channelOffsets },
    neuronConfig: { memCapSize: memCap, refractoryTime: refractory.refractoryTime, clockScaleSlow: refractory.clockScaleSlow },
    ...(interCompartment === undefined ? {} : { interCompartment }),
    neuronCapMem: { ...neuronCapMem, i_bias_reset: new Array(NEURONS).fill(RESET_BIAS) },
    sharedCapMem: { syn_i_bias_dac: [dac, dac, dac, dac] },
    achieved,
    failures,
  };
}
