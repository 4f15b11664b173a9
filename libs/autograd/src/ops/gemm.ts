/**
 * General matrix-multiply kernels on row-major Float32Array blocks, accumulating into C. Two loop orders cover
 * every product the ops need without a transposed copy of a large operand:
 *
 * - `gemmNN`: C(m×n) += A(m×k) · B(k×n)
 * - `gemmTN`: C(k×n) += A(m×k)ᵀ · B(m×n)   (weight gradients: dW = xᵀ · dy)
 * - `gemmNT`: C(m×n) += A(m×k) · B(n×k)ᵀ   (transposes the small B once, then `gemmNN`)
 *
 * Spike tensors are mostly zeros, so when A is sparse the kernels run an axpy per non-zero element of A and skip
 * the rest; when A is dense they update four rows per pass so each loaded B value serves four multiply-adds
 * (register blocking, measured ~2.6× faster than the plain i-k-j loop on 256×256; see README). Inner loops
 * allocate nothing and run over contiguous rows.
 */

/** Below this fraction of non-zeros in A, the sparse (zero-skipping) loop is faster than the dense one. */
const SPARSE_DENSITY = 0.35;

/** How many evenly spaced elements `density` looks at; the choice of loop only affects speed, never the result. */
const DENSITY_SAMPLES = 4096;

/** Fraction of non-zero values in a block, estimated from at most 4096 evenly spaced elements. */
export function density(a: Float32Array, offset: number, length: number): number {
  if (length === 0) return 0;
  const stride = Math.max(1, Math.floor(length / DENSITY_SAMPLES));
  let nonZero = 0;
  let seen = 0;
  for (let k = offset; k < offset + length; k += stride) {
    if (a[k] !== 0) nonZero++;
    seen++;
  }
  return nonZero / seen;
}

/** C(m×n) += A(m×k) · B(k×n); the offsets address one block of a batched product. */
export function gemmNN(
  a: Float32Array, aOffset: number,
  b: Float32Array, bOffset: number,
  c: Float32Array, cOffset: number,
  m: number, k: number, n: number,
): void {
  let i = 0;
  if (density(a, aOffset, m * k) >= SPARSE_DENSITY) {
    for (; i + 4 <= m; i += 4) {
      const c0 = cOffset + i * n;
      const c1 = c0 + n;
      const c2 = c1 + n;
      const c3 = c2 + n;
      const a0 = aOffset + i * k;
      for (let p = 0; p < k; p++) {
        const v0 = a[a0 + p]!;
        const v1 = a[a0 + k + p]!;
        const v2 = a[a0 + 2 * k + p]!;
        const v3 = a[a0 + 3 * k + p]!;
        const bRow = bOffset + p * n;
        for (let j = 0; j < n; j++) {
          const bv = b[bRow + j]!;
          c[c0 + j]! += v0 * bv;
          c[c1 + j]! += v1 * bv;
          c[c2 + j]! += v2 * bv;
          c[c3 + j]! += v3 * bv;
        }
      }
    }
  }
  for (; i < m; i++) {
    const cRow = cOffset + i * n;
    const aRow = aOffset + i * k;
    for (let p = 0; p < k; p++) {
      const av = a[aRow + p]!;
      if (av === 0) continue;
      const bRow = bOffset + p * n;
      for (let j = 0; j < n; j++) c[cRow + j]! += av * b[bRow + j]!;
    }
  }
}

/** C(k×n) += A(m×k)ᵀ · B(m×n): sums the outer products of row i of A and row i of B over i. */
export function gemmTN(
  a: Float32Array, aOffset: number,
  b: Float32Array, bOffset: number,
  c: Float32Array, cOffset: number,
  m: number, k: number, n: number,
): void {
  let i = 0;
  if (density(a, aOffset, m * k) >= SPARSE_DENSITY) {
    for (; i + 4 <= m; i += 4) {
      const a0 = aOffset + i * k;
      const b0 = bOffset + i * n;
      const b1 = b0 + n;
      const b2 = b1 + n;
      const b3 = b2 + n;
      for (let p = 0; p < k; p++) {
        const v0 = a[a0 + p]!;
        const v1 = a[a0 + k + p]!;
        const v2 = a[a0 + 2 * k + p]!;
        const v3 = a[a0 + 3 * k + p]!;
        const cRow = cOffset + p * n;
        for (let j = 0; j < n; j++) {
          c[cRow + j]! += v0 * b[b0 + j]! + v1 * b[b1 + j]! + v2 * b[b2 + j]! + v3 * b[b3 + j]!;
        }
      }
    }
  }
  for (; i < m; i++) {
    const aRow = aOffset + i * k;
    const bRow = bOffset + i * n;
    for (let p = 0; p < k; p++) {
      const av = a[aRow + p]!;
      if (av === 0) continue;
      const cRow = cOffset + p * n;
      for (let j = 0; j < n; j++) c[cRow + j]! += av * b[bRow + j]!;
    }
  }
}

/** C(m×n) += A(m×k) · B(n×k)ᵀ. B is transposed once (n·k work against m·n·k for the product). */
export function gemmNT(
  a: Float32Array, aOffset: number,
  b: Float32Array, bOffset: number,
  c: Float32Array, cOffset: number,
  m: number, k: number, n: number,
): void {
  const bTransposed = new Float32Array(k * n);
  for (let j = 0; j < n; j++) {
    for (let p = 0; p < k; p++) bTransposed[p * n + j] = b[bOffset + j * k + p]!;
  }
  gemmNN(a, aOffset, bTransposed, 0, c, cOffset, m, k, n);
}
