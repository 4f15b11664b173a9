import type { Network } from '../src/index.js';

// The MNIST16 network of Cramer et al. 2022 as a mapping description: 256 FPGA inputs → 246 hidden → 10 readout
// neurons, every neuron two circuits (top + bottom of one column, §2.4), which together fill all 256 columns.

export const MNIST16_SIZES = { inputs: 256, hidden: 246, outputs: 10 } as const;

/** Seeded signed weights −63..63 with about a quarter zeros (xorshift32, so equal seeds give equal networks). */
export function seededWeights(length: number, seed: number): Int8Array {
  let x = seed >>> 0 || 1;
  return Int8Array.from({ length }, () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % 4 === 0 ? 0 : ((x >>> 2) % 127) - 63;
  });
}

export function mnist16Network(inputHidden: ArrayLike<number>, hiddenOutput: ArrayLike<number>): Network {
  const { inputs, hidden, outputs } = MNIST16_SIZES;
  return {
    populations: [
      { name: 'input', kind: 'input', size: inputs },
      { name: 'hidden', kind: 'neuron', size: hidden, circuits: 2 },
      { name: 'output', kind: 'neuron', size: outputs, circuits: 2 },
    ],
    projections: [
      { name: 'input-hidden', source: 'input', target: 'hidden', weights: inputHidden },
      { name: 'hidden-output', source: 'hidden', target: 'output', weights: hiddenOutput },
    ],
  };
}
