import type { Connection, PlaybackProgramBuilder } from '@bss2/playback';
import { CalibError } from '../calib-error.js';
import { channelQuadrant } from '../cadc/cadc-calibration.js';
import { CADC_CHANNELS } from '../measure/cadc-reads.js';
import { tauFromDecay } from '../measure/decay.js';
import { appendPairings, readCorrelationRows, resetCorrelationRows } from './correlation-pairings.js';
import { MEASURED_ROWS } from './correlation-setup.js';
import { QUADRANTS } from './correlation-targets.js';

// τ_corr and the amplitude A of every quadrant (CapMem block) from one playback program (calix
// CorrelationMeasurement, reference §3.3, twin model §10.9). For each of two delays Δ1 < Δ2: reset the measured
// rows, read them (each synapse's baseline, no pairing yet), send N causal and N acausal pairings, read again.
// The increment per pairing of a synapse is (read − baseline)/N; its mean over the quadrant's synapses (1024 per
// type; the mean, not calix's median, because single reads are whole LSB and only their mean resolves
// fractions) is c(Δ) = A·e^{−Δ/τ} per channel type. A fixed timing offset δ between the pre event and the post
// pulse (e.g. the two BlockPostPulse writes one cycle apart) shifts the causal delay by +δ and the acausal one
// by −δ, so their geometric mean g(Δ) = √(c_causal·c_acausal) = A·e^{−Δ/τ} is free of it. Then
// τ = (Δ2 − Δ1)/ln(g1/g2) and A = g1·e^{Δ1/τ}.
// A quadrant with a read at 255 saturated (§10.9: the accumulator stops there): its amplitude is reported as
// +∞ and τ as NaN, so that an amplitude search turns down. One with no increment at Δ1 has A = 0 and τ NaN.

export interface CorrelationMeasurementPlan {
  /** The two pairing delays Δ1 < Δ2, µs. */
  readonly delaysUs: readonly [number, number];
  /** Causal pairings per delay, and as many acausal ones. */
  readonly pairs: number;
  /** Time between pairings, µs (≥ 10 τ_corr keeps neighbouring pairings apart, §10.9). */
  readonly gapUs: number;
}

export interface QuadrantCorrelation {
  /** τ_corr per CapMem block, µs. */
  readonly tauUs: Float64Array;
  /** A per CapMem block: increment per pairing at Δt → 0, CADC LSB. */
  readonly amplitudeLsb: Float64Array;
  /** Mean increment per pairing per delay (index as `delaysUs`), per CapMem block, causal and acausal. */
  readonly causalLsb: readonly Float64Array[];
  readonly acausalLsb: readonly Float64Array[];
  /** 1 where a read of the block reached 255. */
  readonly saturated: Uint8Array;
}

const MAX_READ = 255;

/** Checks a plan before anything is sent. */
export function checkPlan(plan: CorrelationMeasurementPlan): void {
  const [d1, d2] = plan.delaysUs;
  if (!(d1 > 0 && d2 > d1 && d2 < plan.gapUs)) {
    throw new CalibError('invalid-calibration', `correlation delays ${d1}, ${d2} µs must satisfy 0 < Δ1 < Δ2 < gap (${plan.gapUs} µs)`, plan.delaysUs, { min: 0, max: plan.gapUs });
  }
  if (!Number.isInteger(plan.pairs) || plan.pairs < 1 || plan.pairs > 1000) {
    throw new CalibError('invalid-calibration', `correlation pairings per delay ${plan.pairs} must be an integer in 1..1000`, plan.pairs, { min: 1, max: 1000 });
  }
}

/** Appends the measurement to `builder` (after any configuration in it), runs it and evaluates it. */
export async function measureCorrelation(builder: PlaybackProgramBuilder, connection: Connection, plan: CorrelationMeasurementPlan): Promise<QuadrantCorrelation> {
  checkPlan(plan);
  const phases = plan.delaysUs.map((delayUs) => {
    resetCorrelationRows(builder, MEASURED_ROWS);
    const baseline = readCorrelationRows(builder, MEASURED_ROWS);
    appendPairings(builder, { delayUs, pairs: plan.pairs, gapUs: plan.gapUs });
    return { baseline, paired: readCorrelationRows(builder, MEASURED_ROWS) };
  });
  await connection.run(builder.done());
  const saturated = new Uint8Array(QUADRANTS);
  const increments = phases.map(({ baseline, paired }) => incrementsPerPairing(baseline(), paired(), plan.pairs, saturated));
  const [first, second] = increments as [Increments, Increments];
  const [d1, d2] = plan.delaysUs;
  const tauUs = new Float64Array(QUADRANTS);
  const amplitudeLsb = new Float64Array(QUADRANTS);
  for (let q = 0; q < QUADRANTS; q++) {
    const fit = fitExponential(d1, geometricMean(first, q), d2, geometricMean(second, q));
    tauUs[q] = saturated[q] === 1 ? Number.NaN : fit.tauUs;
    amplitudeLsb[q] = saturated[q] === 1 ? Number.POSITIVE_INFINITY : fit.amplitudeLsb;
  }
  return { tauUs, amplitudeLsb, causalLsb: increments.map((i) => i.causal), acausalLsb: increments.map((i) => i.acausal), saturated };
}

/** τ and the value at Δ = 0 of g(Δ) = A·e^{−Δ/τ} through (Δ1, g1) and (Δ2, g2). */
export function fitExponential(d1Us: number, g1: number, d2Us: number, g2: number): { tauUs: number; amplitudeLsb: number } {
  if (!(g1 > 0)) return { tauUs: Number.NaN, amplitudeLsb: 0 };
  const tauUs = tauFromDecay(g2 / g1, d2Us - d1Us);
  return { tauUs, amplitudeLsb: g1 * Math.exp(d1Us / tauUs) };
}

interface Increments {
  readonly causal: Float64Array;
  readonly acausal: Float64Array;
}

function geometricMean(increments: Increments, q: number): number {
  return Math.sqrt(Math.max(0, increments.causal[q] as number) * Math.max(0, increments.acausal[q] as number));
}

/** Mean (read − baseline)/pairs per quadrant and type; marks quadrants with a read at 255 in `saturated`. */
function incrementsPerPairing(baseline: Float64Array, paired: Float64Array, pairs: number, saturated: Uint8Array): Increments {
  const causal = new Float64Array(QUADRANTS);
  const acausal = new Float64Array(QUADRANTS);
  const counts = new Float64Array(QUADRANTS);
  for (let i = 0; i < paired.length; i++) {
    const ch = i % CADC_CHANNELS;
    const q = channelQuadrant(ch);
    const sums = (ch >> 8) & 1 ? acausal : causal;
    if ((paired[i] as number) >= MAX_READ) saturated[q] = 1;
    sums[q] = (sums[q] as number) + (paired[i] as number) - (baseline[i] as number);
    if (sums === causal) counts[q] = (counts[q] as number) + 1;
  }
  const perPairing = (sum: Float64Array): Float64Array => sum.map((s, q) => s / (counts[q] as number) / pairs);
  return { causal: perPairing(causal), acausal: perPairing(acausal) };
}
