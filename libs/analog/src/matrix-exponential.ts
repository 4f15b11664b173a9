// Exact one-step propagator of a linear system dv/dt = −A·v + b with b constant over the step (the leak and
// inter-compartment conductances of a cluster, §2.4): v(Δ) = P·v + Φ·b with P = e^{−AΔ} and
// Φ = ∫0^Δ e^{−As} ds. Both come from one exponential of the augmented matrix [[−AΔ, IΔ], [0, 0]]
// (Van Loan), by scaling and squaring with a Taylor series. Dense and O(m³): done once per parameter change for
// the few clusters a configuration has; it stays exact for conductances far stiffer than the step.

/** Row-major m×m products: out = x·y. */
function multiply(x: Float64Array, y: Float64Array, size: number, out: Float64Array): void {
  out.fill(0);
  for (let i = 0; i < size; i++) {
    for (let k = 0; k < size; k++) {
      const xik = x[i * size + k] as number;
      if (xik === 0) continue;
      for (let j = 0; j < size; j++) out[i * size + j] = (out[i * size + j] as number) + xik * (y[k * size + j] as number);
    }
  }
}

/** e^M for a dense row-major matrix of order `size`. */
export function expm(matrix: Float64Array, size: number): Float64Array {
  let norm = 0;
  for (let j = 0; j < size; j++) {
    let column = 0;
    for (let i = 0; i < size; i++) column += Math.abs(matrix[i * size + j] as number);
    norm = Math.max(norm, column);
  }
  const squarings = norm > 0.5 ? Math.ceil(Math.log2(norm / 0.5)) : 0;
  const scaled = matrix.map((x) => x / 2 ** squarings);
  // Taylor series to order 20: the scaled norm is ≤ 0.5, so the remainder is below 1e-25.
  let result = new Float64Array(size * size);
  let term = new Float64Array(size * size);
  let next = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    result[i * size + i] = 1;
    term[i * size + i] = 1;
  }
  for (let order = 1; order <= 20; order++) {
    multiply(term, scaled, size, next);
    for (let i = 0; i < next.length; i++) next[i] = (next[i] as number) / order;
    [term, next] = [next, term];
    for (let i = 0; i < result.length; i++) result[i] = (result[i] as number) + (term[i] as number);
  }
  for (let s = 0; s < squarings; s++) {
    multiply(result, result, size, next);
    [result, next] = [next, result];
  }
  return result;
}

/** P = e^{−AΔ} and Φ = ∫0^Δ e^{−As} ds for the rate matrix A (order m, row-major) and step Δ. */
export function linearPropagator(rates: Float64Array, m: number, dt: number): { readonly p: Float64Array; readonly phi: Float64Array } {
  const size = 2 * m;
  const augmented = new Float64Array(size * size);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) augmented[i * size + j] = -(rates[i * m + j] as number) * dt;
    augmented[i * size + m + i] = dt;
  }
  const e = expm(augmented, size);
  const p = new Float64Array(m * m);
  const phi = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      p[i * m + j] = e[i * size + j] as number;
      phi[i * m + j] = e[i * size + m + j] as number;
    }
  }
  return { p, phi };
}
