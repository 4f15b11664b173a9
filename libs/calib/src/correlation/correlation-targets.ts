import { CalibError } from '../calib-error.js';
import type { TargetSpec } from '../targets/neuron-targets.js';

// Targets of the correlation-sensor calibration (calix spiking/correlation.py, ccalix CorrelationCalibTarget),
// one table for defaults, ranges and docs. A target is one value for the chip or one per CapMem block
// (quadrant, CapMemBlockOnDLS order), as calix's amplitude target may be.
//
// - tauUs: calix's default 5 µs, which is also the twin's nominal point (reference §10.3: syn_i_bias_ramp 500).
//   calix accepts 2–30 µs; the lower end is raised to 2.5 µs because the twin's largest code, 1022, gives
//   2500/1022 = 2.45 µs (§10.3), so nothing shorter is reachable.
// - amplitudeLsb: the accumulator increment of one pairing at Δt → 0, in CADC LSB. calix's default is 0.5 with
//   a feasible 0.2–2.0 on the real sensors; the twin's sensors are stronger (§10.9: A = 10 LSB at
//   syn_i_bias_store 500, 0.02 LSB per code). The default is the twin's nominal 10 LSB, the setting its STDP
//   firmware benches use; the range keeps calix's 0.5 as its lower end (code 25, where one code step is 4 %,
//   still inside the 5 % a calibration must reach; calix's 0.2 would be code 10 with 10 % steps) and ends at
//   20 LSB (code 1000), below the largest reachable 20.44 LSB.

export const CORRELATION_TARGETS = {
  tauUs: { default: 5, min: 2.5, max: 30, unit: 'µs', integer: false, perNeuron: false, doc: 'Correlation time constant τ_corr (syn_i_bias_ramp)' },
  amplitudeLsb: {
    default: 10,
    min: 0.5,
    max: 20,
    unit: 'CADC LSB',
    integer: false,
    perNeuron: false,
    doc: 'Correlation amplitude: accumulator increment per pairing at Δt → 0 (syn_i_bias_store)',
  },
} as const satisfies Record<string, TargetSpec>;

export type CorrelationTargetName = keyof typeof CORRELATION_TARGETS;

/** CapMem blocks (quadrants), each with its own syn_i_bias_ramp and syn_i_bias_store (reference §2.3). */
export const QUADRANTS = 4;

/** Validated targets, one value per CapMem block. */
export interface CorrelationTargets {
  readonly tauUs: readonly number[];
  readonly amplitudeLsb: readonly number[];
}

/** What a caller may give: one value for the chip, or one per CapMem block. */
export type CorrelationTargetInput = Partial<Record<CorrelationTargetName, number | readonly number[]>>;

/**
 * The defaults overridden by `partial`, every value checked: an unknown name, a value out of range or a list
 * that is not one per CapMem block is a `target-out-of-range` CalibError naming the target and its range,
 * raised before anything is sent.
 */
export function correlationTargets(partial: CorrelationTargetInput = {}): CorrelationTargets {
  for (const name of Object.keys(partial)) {
    if (!(name in CORRELATION_TARGETS)) {
      throw new CalibError('target-out-of-range', `unknown correlation target ${JSON.stringify(name)}; known: ${Object.keys(CORRELATION_TARGETS).join(', ')}`, name);
    }
  }
  const resolve = (name: CorrelationTargetName): number[] => {
    const spec = CORRELATION_TARGETS[name];
    const value = partial[name] ?? spec.default;
    if (Array.isArray(value)) {
      if (value.length !== QUADRANTS) {
        throw new CalibError('target-out-of-range', `target ${name} lists ${value.length} values; one per CapMem block needs ${QUADRANTS}`, value.length, { min: QUADRANTS, max: QUADRANTS });
      }
      return value.map((v, i) => checkNumber(`${name}[${i}]`, spec, v));
    }
    return new Array<number>(QUADRANTS).fill(checkNumber(name, spec, value));
  };
  return { tauUs: resolve('tauUs'), amplitudeLsb: resolve('amplitudeLsb') };
}

function checkNumber(name: string, spec: TargetSpec, value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= spec.min && value <= spec.max) return value;
  throw new CalibError('target-out-of-range', `target ${name} = ${String(value)} ${spec.unit} is outside its legal range ${spec.min}..${spec.max} ${spec.unit}`, value, {
    min: spec.min,
    max: spec.max,
  });
}
