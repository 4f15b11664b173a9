import { describe, expect, it } from 'vitest';
import { buildCompartments, Connection } from './compartments.js';

// The netlist → compartment reduction of §2.4 (analog spec): shorts merge, conductances couple, massless soma
// groups are eliminated by the star–mesh transform.

const cap = new Float64Array(512).fill(2);
const tauIcc = new Float64Array(512).fill(4); // g = C/τ = 0.5 µS

function graph(bits: Record<number, number>): ReturnType<typeof buildCompartments> {
  const connections = new Uint8Array(512);
  for (const [n, b] of Object.entries(bits)) connections[Number(n)] = b;
  return buildCompartments(connections, cap, tauIcc);
}

describe('buildCompartments', () => {
  it('leaves unconnected neurons alone', () => {
    const g = graph({});
    expect(g.clusters).toEqual([]);
    expect([...g.clusterOf].every((c) => c === -1)).toBe(true);
    expect(g.fireGroups).toEqual([]);
  });

  it('merges shorted membranes into one compartment with the summed capacitance', () => {
    const g = graph({ 3: Connection.membraneRight, 4: Connection.bottom });
    expect(g.clusters).toHaveLength(1);
    const c = g.clusters[0]!;
    expect([...c.neurons]).toEqual([3, 4, 260]);
    expect(c.compartmentCount).toBe(1);
    expect([...c.capacitancePf]).toEqual([6]);
  });

  it('does not connect across the row end', () => {
    expect(graph({ 255: Connection.membraneRight | Connection.somata }).clusters).toEqual([]);
  });

  it('couples a membrane to a compartment through the inter-compartment conductance', () => {
    // 10 –g– soma line 10 = soma line 11 = membrane 11.
    const g = graph({ 10: Connection.soma | Connection.compCond | Connection.somata, 11: Connection.soma });
    const c = g.clusters[0]!;
    expect([...c.neurons]).toEqual([10, 11]);
    expect(c.compartmentCount).toBe(2);
    expect([...c.couplingUs]).toEqual([0, 0.5, 0.5, 0]);
  });

  it('eliminates a massless soma line: g_ij = g_i·g_j / Σg (star–mesh)', () => {
    // Membranes 20, 21, 22 each reach the shared soma line (20–21–22) through their own conductance.
    const bits = Connection.soma | Connection.compCond;
    const tau = new Float64Array(512).fill(4);
    tau[22] = 2; // g = 1 µS
    const connections = new Uint8Array(512);
    connections[20] = bits | Connection.somata;
    connections[21] = bits | Connection.somata;
    connections[22] = bits;
    const c = buildCompartments(connections, cap, tau).clusters[0]!;
    expect(c.compartmentCount).toBe(3);
    const total = 0.5 + 0.5 + 1;
    const m = (i: number, j: number): number => c.couplingUs[i * 3 + j]!;
    expect(m(0, 1)).toBeCloseTo((0.5 * 0.5) / total, 15);
    expect(m(0, 2)).toBeCloseTo((0.5 * 1) / total, 15);
    expect(m(1, 2)).toBeCloseTo((0.5 * 1) / total, 15);
    expect(m(2, 1)).toBe(m(1, 2));
  });

  it('ignores a conductance that ends on its own compartment or on a dangling soma line', () => {
    expect(graph({ 30: Connection.soma | Connection.compCond }).clusters).toEqual([]);
  });

  it('builds fire groups from connectFire{To,From}Right pairs and connectFireBottom on both neurons', () => {
    const g = graph({
      40: Connection.fireToRight,
      41: Connection.fireFromRight | Connection.fireToRight,
      42: Connection.fireFromRight,
      50: Connection.fireToRight, // 51 does not listen: no group
      60: Connection.fireBottom,
      316: Connection.fireBottom,
      70: Connection.fireBottom, // 326 does not: no group
    });
    expect(g.fireGroups.map((x) => [...x])).toEqual([[40, 41, 42], [60, 316]]);
    expect(g.fireGroupOf[50]).toBe(-1);
    expect(g.fireGroupOf[70]).toBe(-1);
  });
});
