import { bench, describe } from 'vitest';
import { gemmNN } from '../src/ops/gemm.js';
import { Rng } from '../src/random.js';

/**
 * The matmul kernel beside plain loops on the same Float32Arrays: a dense 256×256 product (the size the
 * toolchain notes quote for tfjs: wasm ~0.9 ms, tuned plain loop ~11 ms, tfjs cpu 30–54 ms) and the two
 * products of the Yin-Yang forward pass, whose left operand is a sparse spike tensor.
 */
function filled(size: number, rng: Rng, density = 1): Float32Array {
  return Float32Array.from({ length: size }, () => (rng.uniform() < density ? rng.uniformIn(-1, 1) : 0));
}

function plainDot(a: Float32Array, b: Float32Array, c: Float32Array, m: number, k: number, n: number): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let total = 0;
      for (let p = 0; p < k; p++) total += a[i * k + p]! * b[p * n + j]!;
      c[i * n + j] = total;
    }
  }
}

function plainAxpy(a: Float32Array, b: Float32Array, c: Float32Array, m: number, k: number, n: number): void {
  c.fill(0);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const av = a[i * k + p]!;
      for (let j = 0; j < n; j++) c[i * n + j]! += av * b[p * n + j]!;
    }
  }
}

const rng = new Rng(1);
const shapes: [string, number, number, number, number][] = [
  ['256×256 @ 256×256 dense', 256, 256, 256, 1],
  ['Yin-Yang input (1900×5 spikes @ 5×120)', 1900, 5, 120, 0.026],
  ['Yin-Yang readout (1900×120 spikes @ 120×3)', 1900, 120, 3, 0.05],
];
for (const [name, m, k, n, density] of shapes) {
  describe(name, () => {
    const a = filled(m * k, rng, density);
    const b = filled(k * n, rng);
    const c = new Float32Array(m * n);
    bench('gemmNN (this lib)', () => {
      c.fill(0);
      gemmNN(a, 0, b, 0, c, 0, m, k, n);
    });
    bench('plain i-j-p dot loop', () => plainDot(a, b, c, m, k, n));
    bench('plain i-k-j axpy loop', () => plainAxpy(a, b, c, m, k, n));
  });
}
