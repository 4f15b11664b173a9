import type { ContainerValue, NeuronBackendConfig, NeuronConfig } from '@bss2/regs';

// Multi-compartment structure and shared firing (reference §2.4, Kaiser et al. 2022; twin model of the analog
// spec). The netlist has 1024 nodes: the 512 membranes and the 512 soma lines. Switches that are ideal wires
// (shorts) merge nodes:
//   connectMembraneRight  membrane n ↔ membrane n+1 (same row)
//   connectBottom         membrane n ↔ membrane of the same column in the other row
//   connectSomata         soma line n ↔ soma line n+1 (same row)
//   connectSoma           membrane n ↔ soma line n, when enCompCond is off
// With enCompCond, connectSoma joins membrane n and soma line n through the conductance g = C[n]/tauIcc[n] µS.
// Merged groups that contain a membrane are compartments (their capacitances add); groups of soma lines only
// are massless: their potential is the g-weighted mean of the compartments they touch, which is the same as
// replacing the star by the pairwise conductances g_i·g_j/Σg (star–mesh transform, exact for linear
// conductances). Compartments linked by a conductance form a cluster; a neuron alone in its cluster with one
// membrane is a plain single-compartment neuron and takes the engines' fast paths.
// Fire groups: n and n+1 share firing when connectFireToRight(n) && connectFireFromRight(n+1); the two neurons
// of a column share firing when both set connectFireBottom.

/** Switch bits per neuron (NeuronConfig §2.2, NeuronBackendConfig §1.8), see `connectionBits`. */
export const Connection = {
  membraneRight: 1,
  bottom: 2,
  somata: 4,
  soma: 8,
  compCond: 16,
  fireToRight: 32,
  fireFromRight: 64,
  fireBottom: 128,
} as const;

/** The switch bits of one neuron from its decoded NeuronConfig and NeuronBackendConfig. */
export function connectionBits(config: ContainerValue<typeof NeuronConfig>, backend: ContainerValue<typeof NeuronBackendConfig>): number {
  return (
    (config.connectMembraneRight ? Connection.membraneRight : 0) |
    (config.connectBottom ? Connection.bottom : 0) |
    (config.connectSomata ? Connection.somata : 0) |
    (config.connectSoma ? Connection.soma : 0) |
    (config.enCompCond ? Connection.compCond : 0) |
    (backend.connectFireToRight ? Connection.fireToRight : 0) |
    (backend.connectFireFromRight ? Connection.fireFromRight : 0) |
    (backend.connectFireBottom ? Connection.fireBottom : 0)
  );
}

/** Compartments linked by conductances (or several membranes shorted together). */
export interface Cluster {
  /** Member neurons, ascending. */
  readonly neurons: Int32Array;
  /** Local compartment index of each member (parallel to `neurons`). */
  readonly compartmentOf: Int32Array;
  readonly compartmentCount: number;
  /** Capacitance per compartment, pF. */
  readonly capacitancePf: Float64Array;
  /** Conductance between compartments i and j at [i·m + j], µS (symmetric, zero diagonal). */
  readonly couplingUs: Float64Array;
}

export interface CompartmentGraph {
  /** Cluster index per neuron, −1 for a single-compartment neuron on its own. */
  readonly clusterOf: Int32Array;
  readonly clusters: readonly Cluster[];
  /** Fire group index per neuron, −1 when it fires alone. */
  readonly fireGroupOf: Int32Array;
  /** Members of each fire group, ascending. */
  readonly fireGroups: readonly Int32Array[];
}

const neuronCount = 512;
const columns = 256;

function makeUnionFind(size: number): { find(x: number): number; union(a: number, b: number): void } {
  const parent = Int32Array.from({ length: size }, (_, i) => i);
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r] as number;
    while (parent[x] !== r) {
      const next = parent[x] as number;
      parent[x] = r;
      x = next;
    }
    return r;
  };
  return { find, union: (a, b) => void (parent[find(a)] = find(b)) };
}

/** A cluster of one neuron with one compartment (what the ideal engine's RK4 path uses for AdEx/COBA neurons). */
export function singleNeuronCluster(n: number, capacitancePf: number): Cluster {
  return {
    neurons: Int32Array.of(n),
    compartmentOf: Int32Array.of(0),
    compartmentCount: 1,
    capacitancePf: Float64Array.of(capacitancePf),
    couplingUs: new Float64Array(1),
  };
}

/** Builds compartments, clusters and fire groups from the switch bits. */
export function buildCompartments(connections: Uint8Array, capacitancePf: ArrayLike<number>, tauIccUs: ArrayLike<number>): CompartmentGraph {
  const soma = (n: number): number => neuronCount + n;
  const nodes = makeUnionFind(2 * neuronCount);
  for (let n = 0; n < neuronCount; n++) {
    const c = connections[n] as number;
    const column = n % columns;
    if (c & Connection.membraneRight && column < columns - 1) nodes.union(n, n + 1);
    if (c & Connection.bottom) nodes.union(n, (n + columns) % neuronCount);
    if (c & Connection.somata && column < columns - 1) nodes.union(soma(n), soma(n + 1));
    if (c & Connection.soma && !(c & Connection.compCond)) nodes.union(n, soma(n));
  }

  // Compartments: groups holding at least one membrane, numbered in order of their lowest neuron.
  const compartmentOfRoot = new Map<number, number>();
  const compartmentOfNeuron = new Int32Array(neuronCount);
  const capacitance: number[] = [];
  for (let n = 0; n < neuronCount; n++) {
    const root = nodes.find(n);
    let k = compartmentOfRoot.get(root);
    if (k === undefined) {
      k = capacitance.length;
      compartmentOfRoot.set(root, k);
      capacitance.push(0);
    }
    compartmentOfNeuron[n] = k;
    capacitance[k] = (capacitance[k] as number) + (capacitancePf[n] as number);
  }

  // Conductances: direct compartment–compartment links, and stars around massless soma-line groups.
  const couplings = new Map<number, Map<number, number>>();
  const addCoupling = (a: number, b: number, g: number): void => {
    if (a === b || g === 0) return;
    for (const [x, y] of [[a, b], [b, a]] as const) {
      const row = couplings.get(x) ?? new Map<number, number>();
      row.set(y, (row.get(y) ?? 0) + g);
      couplings.set(x, row);
    }
  };
  const stars = new Map<number, Map<number, number>>();
  for (let n = 0; n < neuronCount; n++) {
    const c = connections[n] as number;
    if (!(c & Connection.soma && c & Connection.compCond)) continue;
    const g = (capacitancePf[n] as number) / (tauIccUs[n] as number);
    if (!(g > 0)) continue;
    const from = compartmentOfNeuron[n] as number;
    const toRoot = nodes.find(soma(n));
    const to = compartmentOfRoot.get(toRoot);
    if (to !== undefined) {
      addCoupling(from, to, g);
    } else {
      const star = stars.get(toRoot) ?? new Map<number, number>();
      star.set(from, (star.get(from) ?? 0) + g);
      stars.set(toRoot, star);
    }
  }
  for (const star of stars.values()) {
    const arms = [...star];
    const total = arms.reduce((s, [, g]) => s + g, 0);
    for (let i = 0; i < arms.length; i++) {
      for (let j = i + 1; j < arms.length; j++) {
        const [a, ga] = arms[i] as [number, number];
        const [b, gb] = arms[j] as [number, number];
        addCoupling(a, b, (ga * gb) / total);
      }
    }
  }

  // Clusters: compartments connected by conductances.
  const compartmentCount = capacitance.length;
  const linked = makeUnionFind(compartmentCount);
  for (const [a, row] of couplings) for (const b of row.keys()) linked.union(a, b);
  const membersOfCluster = new Map<number, number[]>();
  for (let n = 0; n < neuronCount; n++) {
    const root = linked.find(compartmentOfNeuron[n] as number);
    const list = membersOfCluster.get(root) ?? [];
    list.push(n);
    membersOfCluster.set(root, list);
  }
  const clusterOf = new Int32Array(neuronCount).fill(-1);
  const clusters: Cluster[] = [];
  for (const members of membersOfCluster.values()) {
    if (members.length === 1) continue;
    const global = [...new Set(members.map((n) => compartmentOfNeuron[n] as number))].sort((a, b) => a - b);
    const local = new Map(global.map((k, i) => [k, i]));
    const m = global.length;
    const couplingUs = new Float64Array(m * m);
    global.forEach((k, i) => {
      for (const [other, g] of couplings.get(k) ?? []) couplingUs[i * m + (local.get(other) as number)] = g;
    });
    for (const n of members) clusterOf[n] = clusters.length;
    clusters.push({
      neurons: Int32Array.from(members),
      compartmentOf: Int32Array.from(members, (n) => local.get(compartmentOfNeuron[n] as number) as number),
      compartmentCount: m,
      capacitancePf: Float64Array.from(global, (k) => capacitance[k] as number),
      couplingUs,
    });
  }

  return { clusterOf, clusters, ...buildFireGroups(connections) };
}

function buildFireGroups(connections: Uint8Array): Pick<CompartmentGraph, 'fireGroupOf' | 'fireGroups'> {
  const fire = makeUnionFind(neuronCount);
  for (let n = 0; n < neuronCount; n++) {
    const c = connections[n] as number;
    if (c & Connection.fireToRight && n % columns < columns - 1 && (connections[n + 1] as number) & Connection.fireFromRight) {
      fire.union(n, n + 1);
    }
    const below = (n + columns) % neuronCount;
    if (c & Connection.fireBottom && (connections[below] as number) & Connection.fireBottom) fire.union(n, below);
  }
  const groups = new Map<number, number[]>();
  for (let n = 0; n < neuronCount; n++) {
    const root = fire.find(n);
    const list = groups.get(root) ?? [];
    list.push(n);
    groups.set(root, list);
  }
  const fireGroupOf = new Int32Array(neuronCount).fill(-1);
  const fireGroups: Int32Array[] = [];
  for (const members of groups.values()) {
    if (members.length === 1) continue;
    for (const n of members) fireGroupOf[n] = fireGroups.length;
    fireGroups.push(Int32Array.from(members));
  }
  return { fireGroupOf, fireGroups };
}
