import fc from 'fast-check';
import type { Network, PlacementConstraint, PopulationSpec, ProjectionSpec } from '../src/index.js';

// Random small feed-forward networks from FPGA inputs into neuron populations, for the property tests: a few
// input and neuron populations, random placements (some constrained to a row and column window), some of
// 2-circuit neurons (§2.4; their window gives columns only), and dense weight matrices with many zeros, small and
// full-scale magnitudes of both signs.

const weight = fc.oneof(
  { arbitrary: fc.constant(0), weight: 3 },
  { arbitrary: fc.constantFrom(1, -1, 63, -63), weight: 1 },
  { arbitrary: fc.integer({ min: -63, max: 63 }), weight: 4 },
);

// Constrained windows of population i lie in columns 80·i .. 80·i + 79, so they never overlap and always hold
// the population (≤ 24 neurons, ≥ 24 columns).
const placement = (i: number): fc.Arbitrary<PlacementConstraint | undefined> =>
  fc.option(
    fc
      .record({ row: fc.integer({ min: 0, max: 1 }), offset: fc.integer({ min: 0, max: 25 }), width: fc.integer({ min: 23, max: 54 }) })
      .map(({ row, offset, width }) => ({ row, columns: [80 * i + offset, 80 * i + offset + width] as [number, number] })),
    { nil: undefined, freq: 2 },
  );

export const feedForwardNetwork: fc.Arbitrary<Network> = fc
  .record({
    inputs: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 2 }),
    neurons: fc.tuple(fc.integer({ min: 1, max: 3 }), placement(0), placement(1), placement(2)).chain(([count, ...placements]) =>
      fc.tuple(...placements.slice(0, count).map((p) => fc.record({ size: fc.integer({ min: 1, max: 24 }), placement: fc.constant(p), circuits: fc.constantFrom(1, 1, 2) }))),
    ),
    links: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
  })
  .chain(({ inputs, neurons, links }) => {
    const populations: PopulationSpec[] = [
      ...inputs.map((size, i) => ({ name: `in${i}`, kind: 'input' as const, size })),
      ...neurons.map(({ size, placement: p, circuits }, i) => {
        const placed = p === undefined ? {} : { placement: circuits === 2 ? { columns: p.columns! } : p };
        return { name: `pop${i}`, kind: 'neuron' as const, size, ...placed, ...(circuits === 2 && { circuits: 2 as const }) };
      }),
    ];
    // Every input population projects somewhere; further links are optional.
    const pairs: [number, number][] = [];
    inputs.forEach((_, i) => neurons.forEach((__, n) => (links[i * 3 + n] === true || n === i % neurons.length) && pairs.push([i, n])));
    return fc.tuple(...pairs.map(([i, n]) => fc.array(weight, { minLength: inputs[i]! * neurons[n]!.size, maxLength: inputs[i]! * neurons[n]!.size }))).map(
      (matrices): Network => ({
        populations,
        projections: pairs.map(([i, n], k): ProjectionSpec => ({ name: `in${i}-pop${n}`, source: `in${i}`, target: `pop${n}`, weights: matrices[k]! })),
      }),
    );
  });
