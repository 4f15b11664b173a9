import { describe, expect, it } from 'vitest';
import { MappingError, mapNetwork, type InputPopulationMapping, type Network } from './index.js';

// Networks that do not fit, or are not networks: a typed MappingError naming the resource (with demand and
// capacity) or the offending value and its legal range.

const dense = (targets: number, sources: number, w = 1): number[] => new Array<number>(targets * sources).fill(w);

function errorOf(network: Network): MappingError {
  try {
    mapNetwork(network);
  } catch (error) {
    if (error instanceof MappingError) return error;
    throw error;
  }
  throw new Error('mapNetwork accepted the network');
}

describe('resource exhaustion', () => {
  it('more than 128 sources into one hemisphere exhausts the row pairs of its synapse driver block', () => {
    const error = errorOf({
      populations: [
        { name: 'in', kind: 'input', size: 129 },
        { name: 'out', kind: 'neuron', size: 2 },
      ],
      projections: [{ name: 'in-out', source: 'in', target: 'out', weights: dense(2, 129) }],
    });
    expect(error.code).toBe('resource-exhausted');
    expect(error.shortage).toEqual({ resource: 'synapse-driver-rows', where: 'synapse driver block 0', demand: 129, capacity: 128 });
    expect(error.message).toMatch(/129 synapse-driver-rows on synapse driver block 0, the chip has 128/);
  });

  it('an oversized hidden layer (200 LIF feeding a readout) is rejected the same way', () => {
    const error = errorOf({
      populations: [
        { name: 'in', kind: 'input', size: 5 },
        { name: 'hidden', kind: 'neuron', size: 200 },
        { name: 'readout', kind: 'neuron', size: 3, placement: { row: 1, columns: [0, 2] } },
      ],
      projections: [
        { name: 'in-hidden', source: 'in', target: 'hidden', weights: dense(200, 5) },
        { name: 'hidden-readout', source: 'hidden', target: 'readout', weights: dense(3, 200) },
      ],
    });
    expect(error.shortage).toEqual({ resource: 'synapse-driver-rows', where: 'synapse driver block 1', demand: 200, capacity: 128 });
  });

  it('more than 512 neurons exhausts the neurons', () => {
    const error = errorOf({
      populations: [
        { name: 'a', kind: 'neuron', size: 300 },
        { name: 'b', kind: 'neuron', size: 213 },
      ],
      projections: [],
    });
    expect(error.shortage).toEqual({ resource: 'neurons', where: 'the chip', demand: 513, capacity: 512 });
  });

  it('a placement region too small for its population names the region', () => {
    const error = errorOf({ populations: [{ name: 'readout', kind: 'neuron', size: 4, placement: { row: 1, columns: [0, 2] } }], projections: [] });
    expect(error.shortage).toMatchObject({ resource: 'neurons', demand: 4, capacity: 3 });
    expect(error.message).toMatch(/population readout \(neuron row 1, columns 0\.\.2\)/);
  });

  it('two populations on the same columns of both rows overload their PADI bus (§1.2 node sparsity)', () => {
    const error = errorOf({
      populations: [
        { name: 'a', kind: 'neuron', size: 32, placement: { row: 0, columns: [0, 31] } },
        { name: 'b', kind: 'neuron', size: 32, placement: { row: 1, columns: [0, 31] } },
        { name: 'c', kind: 'neuron', size: 1, placement: { row: 0, columns: [200, 200] } },
      ],
      projections: [
        { name: 'a-c', source: 'a', target: 'c', weights: dense(1, 32) },
        { name: 'b-c', source: 'b', target: 'c', weights: dense(1, 32) },
      ],
    });
    expect(error.shortage).toEqual({ resource: 'padi-bus-drivers', where: 'PADI bus 0', demand: 64, capacity: 32 });
  });
});

describe('2-circuit neurons and shared row pairs', () => {
  it('sources with disjoint columns share drivers: 128 inputs into each of two populations of one row fit', () => {
    const mapping = mapNetwork({
      populations: [
        { name: 'inA', kind: 'input', size: 128 },
        { name: 'inB', kind: 'input', size: 128 },
        { name: 'a', kind: 'neuron', size: 10, placement: { row: 0, columns: [0, 9] } },
        { name: 'b', kind: 'neuron', size: 10, placement: { row: 0, columns: [10, 19] } },
      ],
      projections: [
        { name: 'inA-a', source: 'inA', target: 'a', weights: dense(10, 128) },
        { name: 'inB-b', source: 'inB', target: 'b', weights: dense(10, 128) },
      ],
    });
    const drivers = (name: string): number[] => (mapping.populations.get(name) as InputPopulationMapping).routes.map((r) => r.rowPairs[0]!.driver);
    expect(new Set(drivers('inA')).size).toBe(128);
    expect(new Set([...drivers('inA'), ...drivers('inB')]).size).toBe(128);
  });

  it('counts the fullest column: one more input into a shared column exhausts the block with the exact demand', () => {
    const error = errorOf({
      populations: [
        { name: 'inA', kind: 'input', size: 129 },
        { name: 'inB', kind: 'input', size: 128 },
        { name: 'a', kind: 'neuron', size: 10, placement: { row: 0, columns: [0, 9] } },
        { name: 'b', kind: 'neuron', size: 10, placement: { row: 0, columns: [10, 19] } },
      ],
      projections: [
        { name: 'inA-a', source: 'inA', target: 'a', weights: dense(10, 129) },
        { name: 'inB-b', source: 'inB', target: 'b', weights: dense(10, 128) },
      ],
    });
    expect(error.shortage).toEqual({ resource: 'synapse-driver-rows', where: 'synapse driver block 0', demand: 129, capacity: 128 });
    expect(error.message).toMatch(/column 0 of hemisphere 0/);
  });

  it('257 inputs into a 2-circuit population: one hemisphere each, alternating, so block 0 needs 129', () => {
    const error = errorOf({
      populations: [
        { name: 'in', kind: 'input', size: 257 },
        { name: 'out', kind: 'neuron', size: 4, circuits: 2 },
      ],
      projections: [{ name: 'in-out', source: 'in', target: 'out', weights: dense(4, 257) }],
    });
    expect(error.shortage).toEqual({ resource: 'synapse-driver-rows', where: 'synapse driver block 0', demand: 129, capacity: 128 });
  });

  it('2-circuit neurons take two of the 512 circuits and a column with both free', () => {
    expect(errorOf({ populations: [{ name: 'a', kind: 'neuron', size: 300 }, { name: 'b', kind: 'neuron', size: 107, circuits: 2 }], projections: [] }).shortage).toEqual({
      resource: 'neurons', where: 'the chip', demand: 514, capacity: 512,
    });
    const error = errorOf({
      populations: [
        { name: 'a', kind: 'neuron', size: 3, placement: { row: 1, columns: [0, 2] } },
        { name: 'b', kind: 'neuron', size: 2, circuits: 2, placement: { columns: [1, 3] } },
      ],
      projections: [],
    });
    expect(error.shortage).toMatchObject({ resource: 'neurons', demand: 2, capacity: 1 });
    expect(error.message).toMatch(/population b \(both circuits, columns 1\.\.3\)/);
  });

  it('rejects circuits other than 1 or 2, 2-circuit inputs, a row for a 2-circuit population and more than 256 of them', () => {
    expect(errorOf({ populations: [{ name: 'a', kind: 'neuron', size: 1, circuits: 3 as 2 }], projections: [] })).toMatchObject({ code: 'out-of-range', value: 3, range: { min: 1, max: 2 } });
    expect(errorOf({ populations: [{ name: 'a', kind: 'input', size: 1, circuits: 2 }], projections: [] }).code).toBe('invalid-network');
    expect(errorOf({ populations: [{ name: 'a', kind: 'neuron', size: 1, circuits: 2, placement: { row: 0 } }], projections: [] }).message).toMatch(/both rows/);
    expect(errorOf({ populations: [{ name: 'a', kind: 'neuron', size: 257, circuits: 2 }], projections: [] })).toMatchObject({ code: 'out-of-range', value: 257, range: { min: 1, max: 256 } });
  });
});

describe('invalid networks', () => {
  const base: Network = {
    populations: [
      { name: 'in', kind: 'input', size: 2 },
      { name: 'out', kind: 'neuron', size: 2 },
    ],
    projections: [{ name: 'p', source: 'in', target: 'out', weights: [1, 2, 3, 4] }],
  };

  it('rejects a weight outside −63..63 with its index and the range', () => {
    const error = errorOf({ ...base, projections: [{ name: 'p', source: 'in', target: 'out', weights: [1, 64, 3, 4] }] });
    expect(error).toMatchObject({ code: 'out-of-range', value: 64, range: { min: -63, max: 63 } });
    expect(error.message).toMatch(/weight 1 is 64/);
  });

  it('rejects a non-integer weight, a wrong matrix shape, unknown populations, an input target and duplicates', () => {
    expect(errorOf({ ...base, projections: [{ name: 'p', source: 'in', target: 'out', weights: [1, 2.5, 3, 4] }] }).code).toBe('out-of-range');
    expect(errorOf({ ...base, projections: [{ name: 'p', source: 'in', target: 'out', weights: [1, 2, 3] }] }).message).toMatch(/3 entries, target size × source size is 4/);
    expect(errorOf({ ...base, projections: [{ name: 'p', source: 'nope', target: 'out', weights: [] }] }).message).toMatch(/unknown source population nope/);
    expect(errorOf({ ...base, projections: [{ name: 'p', source: 'out', target: 'in', weights: [1, 2, 3, 4] }] }).message).toMatch(/input population/);
    expect(errorOf({ ...base, populations: [...base.populations, { name: 'in', kind: 'neuron', size: 1 }] }).message).toMatch(/used twice/);
    expect(errorOf({ ...base, projections: [...base.projections, { name: 'q', source: 'in', target: 'out', weights: [1, 2, 3, 4] }] }).message).toMatch(/second projection in→out/);
  });

  it('rejects sizes and placements outside the chip with the legal range', () => {
    expect(errorOf({ populations: [{ name: 'a', kind: 'neuron', size: 0 }], projections: [] })).toMatchObject({ code: 'out-of-range', range: { min: 1, max: 512 } });
    expect(errorOf({ populations: [{ name: 'a', kind: 'neuron', size: 1, placement: { row: 2 } }], projections: [] })).toMatchObject({ code: 'out-of-range', value: 2, range: { min: 0, max: 1 } });
    expect(errorOf({ populations: [{ name: 'a', kind: 'neuron', size: 1, placement: { columns: [10, 300] } }], projections: [] })).toMatchObject({ value: 300, range: { min: 10, max: 255 } });
  });
});
