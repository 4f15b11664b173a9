/**
 * τ from the fraction `ratio` of an exponential decay left after `spanUs`: −span/ln(ratio). A ratio ≤ 0 (decayed
 * into the read noise) means τ ≪ span and counts as 0, a ratio ≥ 1 (no decay) as ∞, so that a search still
 * knows which way to go.
 */
export function tauFromDecay(ratio: number, spanUs: number): number {
  if (Number.isNaN(ratio)) return Number.NaN;
  if (ratio <= 0) return 0;
  if (ratio >= 1) return Number.POSITIVE_INFINITY;
  return -spanUs / Math.log(ratio);
}
