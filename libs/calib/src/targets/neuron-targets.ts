import { CalibError } from '../calib-error.js';

// Targets of the spiking-neuron calibration: calix's NeuronCalibTarget defaults (reference §7.3) and the target
// ranges calix accepts (§7.4), declared once as data; the validator, the CLI's target file and the result
// file's schema all read this table.

export interface TargetSpec {
  readonly default: number | null;
  readonly min: number;
  readonly max: number;
  readonly unit: string;
  /** Integer-valued (codes, capacitance setting). */
  readonly integer: boolean;
  /** May differ per neuron (an array of 512 values). */
  readonly perNeuron: boolean;
  readonly doc: string;
}

const spec = (
  defaultValue: number | null,
  min: number,
  max: number,
  unit: string,
  doc: string,
  options: { integer?: boolean; perNeuron?: boolean } = {},
): TargetSpec => ({ default: defaultValue, min, max, unit, doc, integer: options.integer ?? false, perNeuron: options.perNeuron ?? true });

export const NEURON_TARGETS = {
  leak: spec(80, 50, 160, 'CADC LSB', 'Leak (resting) potential'),
  reset: spec(70, 50, 160, 'CADC LSB', 'Reset potential'),
  threshold: spec(125, 50, 220, 'CADC LSB', 'Spike threshold'),
  tauMemUs: spec(10, 0.5, 60, 'µs', 'Membrane time constant'),
  tauSynExcUs: spec(10, 0.3, 30, 'µs', 'Excitatory synaptic time constant'),
  tauSynInhUs: spec(10, 0.3, 30, 'µs', 'Inhibitory synaptic time constant'),
  iSyninGm: spec(500, 30, 800, 'CapMem LSB', 'Synaptic input OTA bias, the median the per-neuron amplitudes are calibrated to', { perNeuron: false }),
  membraneCapacitance: spec(63, 0, 63, 'setting', 'Membrane capacitance (NeuronConfig memCapSize)', { integer: true }),
  refractoryTimeUs: spec(2, 0.04, 32, 'µs', 'Refractory time'),
  holdoffTimeUs: spec(0, 0, 4, 'µs', 'Reset holdoff time'),
  synapseDacBias: spec(600, 30, 1022, 'CapMem LSB', 'Synapse DAC bias (syn_i_bias_dac), global', { integer: true, perNeuron: false }),
  tauIccUs: spec(null, 0.1, 30, 'µs', 'Inter-compartment time constant (optional)'),
  // COBA (§7.2 step 7): where an input's effect vanishes. §7.4 allows calix's COBA reference 60–160 LSB; the
  // excitatory reversal lies above the leak (up to 200: e_synin_exc_rev at its 1.2 V ceiling, §10.3, still
  // reaches it for neurons with offsets down to −3.5 σ, §10.4), the inhibitory one below (down to 40: code 0
  // still reaches it for offsets up to +3.3 σ).
  eCobaReversalExc: spec(null, 60, 200, 'CADC LSB', 'Excitatory COBA reversal potential (optional; null = CUBA input)'),
  eCobaReversalInh: spec(null, 40, 160, 'CADC LSB', 'Inhibitory COBA reversal potential (optional; null = CUBA input)'),
  iSyninCobaExc: spec(1022, 1, 1022, 'CapMem LSB', 'COBA strength i_bias_synin_exc_coba (α = code/1022) used with eCobaReversalExc', { integer: true, perNeuron: false }),
  iSyninCobaInh: spec(1022, 1, 1022, 'CapMem LSB', 'COBA strength i_bias_synin_inh_coba (α = code/1022) used with eCobaReversalInh', { integer: true, perNeuron: false }),
} as const satisfies Record<string, TargetSpec>;

export type NeuronTargetName = keyof typeof NEURON_TARGETS;

/** A target value: one number for every neuron, or one per neuron (512) where the spec allows it. */
export type TargetValue = number | readonly number[];

/** Complete, validated targets; `tauIccUs` null = not calibrated. */
export type NeuronTargets = { readonly [K in NeuronTargetName]: (typeof NEURON_TARGETS)[K]['default'] extends null ? TargetValue | null : TargetValue };

const NEURONS = 512;

/** calix's defaults. */
export function defaultNeuronTargets(): NeuronTargets {
  return Object.fromEntries(Object.entries(NEURON_TARGETS).map(([name, s]) => [name, s.default])) as NeuronTargets;
}

/**
 * The defaults overridden by `partial`, every value checked against the table: an unknown name, a value out of
 * range, a non-integer where one is required or a per-neuron list where none is allowed (or of the wrong length)
 * is a `target-out-of-range` CalibError naming the target and its range, raised before anything is sent.
 */
export function neuronTargets(partial: Partial<Record<string, unknown>> = {}): NeuronTargets {
  const out: Record<string, TargetValue | null> = { ...defaultNeuronTargets() };
  for (const [name, value] of Object.entries(partial)) {
    const s = (NEURON_TARGETS as Record<string, TargetSpec>)[name];
    if (s === undefined) {
      throw new CalibError('target-out-of-range', `unknown calibration target ${JSON.stringify(name)}; known: ${Object.keys(NEURON_TARGETS).join(', ')}`, name);
    }
    if (value === undefined) continue;
    if (value === null) {
      if (s.default !== null) throw new CalibError('target-out-of-range', `target ${name} cannot be switched off (null)`, value, { min: s.min, max: s.max });
      out[name] = null;
      continue;
    }
    out[name] = checkValue(name, s, value);
  }
  return out as NeuronTargets;
}

function checkValue(name: string, s: TargetSpec, value: unknown): TargetValue {
  if (Array.isArray(value)) {
    if (!s.perNeuron) throw new CalibError('target-out-of-range', `target ${name} is one value for the whole chip, not a list`, value.length);
    if (value.length !== NEURONS) {
      throw new CalibError('target-out-of-range', `target ${name} lists ${value.length} values; a per-neuron target needs ${NEURONS}`, value.length, { min: NEURONS, max: NEURONS });
    }
    value.forEach((v, i) => checkNumber(`${name}[${i}]`, s, v));
    return value as number[];
  }
  checkNumber(name, s, value);
  return value as number;
}

function checkNumber(name: string, s: TargetSpec, value: unknown): void {
  const ok = typeof value === 'number' && Number.isFinite(value) && value >= s.min && value <= s.max && (!s.integer || Number.isInteger(value));
  if (!ok) {
    throw new CalibError(
      'target-out-of-range',
      `target ${name} = ${String(value)} ${s.unit} is outside its legal range ${s.min}..${s.max} ${s.unit}${s.integer ? ' (integer)' : ''}`,
      value,
      { min: s.min, max: s.max },
    );
  }
}

/** The target of neuron `n` (a per-neuron list or one value for all). */
export function targetOf(value: TargetValue, n: number): number {
  return typeof value === 'number' ? value : (value[n] as number);
}

/** One value for timing a measurement shared by all neurons: the target itself, or the median of per-neuron ones. */
export function medianTarget(value: TargetValue): number {
  if (typeof value === 'number') return value;
  const sorted = [...value].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
