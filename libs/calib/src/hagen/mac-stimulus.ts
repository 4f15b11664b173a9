import { MAC_DRIVERS } from './mac-setup.js';

// The stimulus the MAC calibrations measure with (calix hagen: a fixed multiplication whose result is read on
// every column): every synapse at one weight, every driver at one activation, both rows of each driver of one
// sign. Each neuron then integrates 256 rows' worth of activation × weight, which averages the per-synapse DAC
// gain mismatch (CV 10 % per synapse, reference §10.4) down to < 1 % and leaves the per-neuron terms.

/** Rows reaching each neuron: 2 per driver, 128 drivers per hemisphere. */
const ROWS_PER_NEURON = 256;
/** The weight of every synapse in the stimulus. */
const STIMULUS_WEIGHT = 12;
/**
 * The integrated amplitude the stimulus is sized for at the target gain (CADC LSB): large against the read
 * noise (≈ 2 LSB), and ±50 LSB around any legal baseline stays inside the CADC's 20..220.
 */
const STIMULUS_AMPLITUDE_LSB = 50;

export interface MacStimulus {
  readonly weight: number;
  readonly activation: number;
  /** One activation per driver (SynapseDriverOnDLS order). */
  readonly activations: Uint8Array;
  /** Σ activation·weight over the rows of one neuron. */
  readonly unitsPerNeuron: number;
}

/** The stimulus whose amplitude at `gainLsbPerUnit` is closest to STIMULUS_AMPLITUDE_LSB. */
export function macStimulus(gainLsbPerUnit: number): MacStimulus {
  const ideal = STIMULUS_AMPLITUDE_LSB / (gainLsbPerUnit * ROWS_PER_NEURON * STIMULUS_WEIGHT);
  const activation = Math.min(31, Math.max(1, Math.round(ideal)));
  return {
    weight: STIMULUS_WEIGHT,
    activation,
    activations: new Uint8Array(MAC_DRIVERS).fill(activation),
    unitsPerNeuron: ROWS_PER_NEURON * activation * STIMULUS_WEIGHT,
  };
}
