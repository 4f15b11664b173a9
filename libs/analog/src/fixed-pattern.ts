import { Prng } from './prng.js';

// The fixed-pattern mismatch of one chip before calibration (reference §10.4), drawn once per chip identity
// with the conventions of §10.2: additive offsets are normal N(0, σ²); multiplicative factors with coefficient
// of variation CV are lognormal with mean 1, f = exp(s·z − s²/2), s = sqrt(ln(1 + CV²)); every z is clipped to
// [−4, 4]. Each quantity comes from its own PRNG stream keyed by (identity, quantity name), so adding a
// quantity never changes the others. The correlation baselines b ~ N(30, 5²) LSB are §10.9.

const neurons = 512;
const synapses = 131072;
const cadcChannels = 1024;
const cadcQuadrants = 4;

/** One CADC LSB as a voltage (§10.2). */
const cadcLsbVolts = 0.0045;

/** §10.4 magnitudes (twin choices). */
const potentialOffsetSigmaVolts = 15 * cadcLsbVolts;
const timeConstantCv = 0.25;
const gainCv = 0.1;
const cadcChannelOffsetSigmaLsb = 5;
const cadcRampStartSigmaVolts = 0.01;
const cadcRampSlopeCv = 0.05;
/** §10.9: correlation baseline mean and σ in CADC LSB. */
const correlationBaselineMeanLsb = 30;
const correlationBaselineSigmaLsb = 5;

/** §10.2: z is clipped to [−4, 4]. */
const zClip = 4;

function clippedNormal(rng: Prng): number {
  const z = rng.normal();
  return z > zClip ? zClip : z < -zClip ? -zClip : z;
}

/** Fills `out` with mean + σ·z (additive mismatch). */
function fillNormal(out: Float64Array | Float32Array, identity: string, name: string, mean: number, sigma: number): void {
  const rng = Prng.stream(identity, name);
  for (let i = 0; i < out.length; i++) out[i] = mean + sigma * clippedNormal(rng);
}

/** Fills `out` with lognormal factors of mean 1 and coefficient of variation `cv` (multiplicative mismatch). */
function fillLognormal(out: Float64Array | Float32Array, identity: string, name: string, cv: number): void {
  const s = Math.sqrt(Math.log(1 + cv * cv));
  const shift = (s * s) / 2;
  const rng = Prng.stream(identity, name);
  for (let i = 0; i < out.length; i++) out[i] = Math.exp(s * clippedNormal(rng) - shift);
}

export class FixedPattern {
  /** Additive offsets of the per-neuron potentials (V), σ = 15 CADC LSB = 67.5 mV. */
  readonly vLeakOffsetVolts = new Float64Array(neurons);
  readonly vResetOffsetVolts = new Float64Array(neurons);
  readonly vThresholdOffsetVolts = new Float64Array(neurons);
  readonly eRevExcOffsetVolts = new Float64Array(neurons);
  readonly eRevInhOffsetVolts = new Float64Array(neurons);
  /** Multiplicative factors of the per-neuron time constants, lognormal, CV 25 %. */
  readonly tauMemFactor = new Float64Array(neurons).fill(1);
  readonly tauSynExcFactor = new Float64Array(neurons).fill(1);
  readonly tauSynInhFactor = new Float64Array(neurons).fill(1);
  readonly tauAdaptFactor = new Float64Array(neurons).fill(1);
  readonly tauIccFactor = new Float64Array(neurons).fill(1);
  /** Synaptic input (OTA) gain per neuron and input type, lognormal, CV 10 %. */
  readonly syninGainExc = new Float64Array(neurons).fill(1);
  readonly syninGainInh = new Float64Array(neurons).fill(1);
  /** Synapse DAC gain, lognormal CV 10 %; index synram·65536 + row·256 + column. */
  readonly synapseDacGain = new Float32Array(synapses).fill(1);
  /** CADC channel comparator offset (LSB), σ 5; index synram·512 + type·256 + column. */
  readonly cadcChannelOffsetLsb = new Float64Array(cadcChannels);
  /** CADC ramp start offset (V, σ 10 mV) and slope factor (CV 5 %) per quadrant synram·2 + (column ≥ 128). */
  readonly cadcRampStartVolts = new Float64Array(cadcQuadrants);
  readonly cadcRampSlopeFactor = new Float64Array(cadcQuadrants).fill(1);
  /** Correlation baselines b ~ N(30, 5²) LSB per synapse and type (§10.9); index as `synapseDacGain`. */
  readonly correlationBaselineCausalLsb = new Float32Array(synapses).fill(correlationBaselineMeanLsb);
  readonly correlationBaselineAcausalLsb = new Float32Array(synapses).fill(correlationBaselineMeanLsb);

  private constructor() {}

  /** No mismatch: offsets 0, factors 1, baselines 30 LSB (ideal fidelity, or analog with mismatch off). */
  static none(): FixedPattern {
    return new FixedPattern();
  }

  /** The mismatch of the chip `identity` (same identity → identical pattern). */
  static draw(identity: string): FixedPattern {
    const p = new FixedPattern();
    fillNormal(p.vLeakOffsetVolts, identity, 'vLeakOffsetVolts', 0, potentialOffsetSigmaVolts);
    fillNormal(p.vResetOffsetVolts, identity, 'vResetOffsetVolts', 0, potentialOffsetSigmaVolts);
    fillNormal(p.vThresholdOffsetVolts, identity, 'vThresholdOffsetVolts', 0, potentialOffsetSigmaVolts);
    fillNormal(p.eRevExcOffsetVolts, identity, 'eRevExcOffsetVolts', 0, potentialOffsetSigmaVolts);
    fillNormal(p.eRevInhOffsetVolts, identity, 'eRevInhOffsetVolts', 0, potentialOffsetSigmaVolts);
    fillLognormal(p.tauMemFactor, identity, 'tauMemFactor', timeConstantCv);
    fillLognormal(p.tauSynExcFactor, identity, 'tauSynExcFactor', timeConstantCv);
    fillLognormal(p.tauSynInhFactor, identity, 'tauSynInhFactor', timeConstantCv);
    fillLognormal(p.tauAdaptFactor, identity, 'tauAdaptFactor', timeConstantCv);
    fillLognormal(p.tauIccFactor, identity, 'tauIccFactor', timeConstantCv);
    fillLognormal(p.syninGainExc, identity, 'syninGainExc', gainCv);
    fillLognormal(p.syninGainInh, identity, 'syninGainInh', gainCv);
    fillLognormal(p.synapseDacGain, identity, 'synapseDacGain', gainCv);
    fillNormal(p.cadcChannelOffsetLsb, identity, 'cadcChannelOffsetLsb', 0, cadcChannelOffsetSigmaLsb);
    fillNormal(p.cadcRampStartVolts, identity, 'cadcRampStartVolts', 0, cadcRampStartSigmaVolts);
    fillLognormal(p.cadcRampSlopeFactor, identity, 'cadcRampSlopeFactor', cadcRampSlopeCv);
    fillNormal(p.correlationBaselineCausalLsb, identity, 'correlationBaselineCausalLsb', correlationBaselineMeanLsb, correlationBaselineSigmaLsb);
    fillNormal(p.correlationBaselineAcausalLsb, identity, 'correlationBaselineAcausalLsb', correlationBaselineMeanLsb, correlationBaselineSigmaLsb);
    return p;
  }
}
