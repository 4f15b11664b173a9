import { Tensor } from '@bss2/autograd';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Experiment, InputNeuron, LI, LIF, run, Synapse, type LiModelParameters, type LifModelParameters } from './index.js';

/**
 * Property (issue 6, deliverable 4): for random small feed-forward networks, the mock's forward equals a
 * straightforward per-step implementation written here. Weights lie on the 1/64 grid of the hardware transform
 * and spikes are 0/1, so every synaptic current is exact in float32; the reference keeps its state in float32
 * (Math.fround) where a float32 implementation stores it, so spikes must match exactly.
 */

interface LifLayer { readonly kind: 'lif'; readonly size: number; readonly model: LifModelParameters }
interface LiLayer { readonly kind: 'li'; readonly size: number; readonly model: LiModelParameters }
interface Case {
  readonly inputs: number;
  readonly steps: number;
  readonly batch: number;
  readonly dtUs: number;
  readonly layers: readonly (LifLayer | LiLayer)[];
  readonly weights: readonly number[][];
  readonly spikes: readonly number[];
}

const f = Math.fround;
const gridWeight = fc.integer({ min: -128, max: 128 }).map((k) => k / 64);
const lifModel = fc.record({
  leak: fc.integer({ min: -8, max: 8 }).map((k) => k / 64),
  reset: fc.integer({ min: -16, max: 0 }).map((k) => k / 64),
  threshold: fc.integer({ min: 32, max: 96 }).map((k) => k / 64),
  tauMemUs: fc.constantFrom(2, 3, 5, 6, 10, 20),
  tauSynUs: fc.constantFrom(2, 3, 5, 6, 10, 20),
  refractoryTimeUs: fc.constantFrom(0, 1, 2.5, 4),
});
const liModel = fc.record({
  leak: fc.integer({ min: -8, max: 8 }).map((k) => k / 64),
  tauMemUs: fc.constantFrom(2, 3, 5, 6, 10, 20),
  tauSynUs: fc.constantFrom(2, 3, 5, 6, 10, 20),
});
const lifLayer = fc.record({ kind: fc.constant('lif' as const), size: fc.integer({ min: 1, max: 5 }), model: lifModel });
const networkCase: fc.Arbitrary<Case> = fc
  .record({
    inputs: fc.integer({ min: 1, max: 4 }),
    steps: fc.integer({ min: 3, max: 25 }),
    batch: fc.integer({ min: 1, max: 3 }),
    dtUs: fc.constantFrom(0.5, 1),
    hidden: fc.array(lifLayer, { minLength: 1, maxLength: 2 }),
    readout: fc.record({ kind: fc.constant('li' as const), size: fc.integer({ min: 1, max: 3 }), model: liModel }),
  })
  .chain(({ inputs, steps, batch, dtUs, hidden, readout }) => {
    const layers = [...hidden, readout];
    const fanIns = [inputs, ...layers.map((l) => l.size)];
    return fc.record({
      inputs: fc.constant(inputs), steps: fc.constant(steps), batch: fc.constant(batch), dtUs: fc.constant(dtUs), layers: fc.constant(layers),
      weights: fc.tuple(...layers.map((l, k) => fc.array(gridWeight, { minLength: l.size * fanIns[k]!, maxLength: l.size * fanIns[k]! }))),
      spikes: fc.array(fc.integer({ min: 0, max: 4 }).map((k) => (k === 0 ? 1 : 0)), { minLength: steps * batch * inputs, maxLength: steps * batch * inputs }),
    });
  });

/** The reference: one loop over time per layer, state in float32. */
function referenceForward(c: Case): { spikes: Float32Array[]; membranes: Float32Array[] } {
  let pre = Float32Array.from(c.spikes);
  let preSize = c.inputs;
  const spikes: Float32Array[] = [];
  const membranes: Float32Array[] = [];
  c.layers.forEach((l, index) => {
    const w = c.weights[index]!;
    const n = l.size;
    const out = new Float32Array(c.steps * c.batch * n);
    const membrane = new Float32Array(c.steps * c.batch * n);
    const gain = f(c.dtUs / l.model.tauMemUs);
    const decay = f(1 - c.dtUs / l.model.tauSynUs);
    const leak = f(l.model.leak);
    for (let b = 0; b < c.batch; b++) {
      for (let j = 0; j < n; j++) {
        let v = leak;
        let i = 0;
        let refractory = 0;
        for (let t = 0; t < c.steps; t++) {
          let x = 0;
          for (let p = 0; p < preSize; p++) x += pre[(t * c.batch + b) * preSize + p]! * w[j * preSize + p]!;
          const k = (t * c.batch + b) * n + j;
          const vPre = v + gain * (leak - v + i);
          i = f(i * decay + x);
          if (l.kind === 'li') {
            v = f(vPre);
          } else {
            const inRefractory = refractory > 0;
            const z = !inRefractory && vPre > f(l.model.threshold);
            if (z) refractory = f(l.model.refractoryTimeUs / c.dtUs);
            else if (inRefractory) refractory = refractory > 1 ? f(refractory - 1) : 0;
            v = f(z || inRefractory ? l.model.reset : vPre);
            out[k] = z ? 1 : 0;
          }
          membrane[k] = v;
        }
      }
    }
    spikes.push(out);
    membranes.push(membrane);
    pre = out;
    preSize = n;
  });
  return { spikes, membranes };
}

async function mockForward(c: Case): Promise<{ spikes: Float32Array[]; membranes: Float32Array[] }> {
  const experiment = new Experiment({ dtUs: c.dtUs });
  const input = new InputNeuron(c.inputs, experiment);
  let handle = input.forward(new Tensor(Float32Array.from(c.spikes), [c.steps, c.batch, c.inputs]));
  let preSize = c.inputs;
  const handles = c.layers.map((l, index) => {
    const synapse = new Synapse(preSize, l.size, experiment, { weightScale: 64 });
    synapse.weight.data.set(c.weights[index]!);
    const module = l.kind === 'lif' ? new LIF(l.size, experiment, l.model) : new LI(l.size, experiment, l.model);
    handle = module.forward(synapse.forward(handle));
    preSize = l.size;
    return { kind: l.kind, handle };
  });
  await run(experiment, c.steps);
  return {
    spikes: handles.map(({ kind, handle: h }) => (kind === 'lif' ? h.spikes.data : new Float32Array(h.membraneCadc.size))),
    membranes: handles.map(({ handle: h }) => h.membraneCadc.data),
  };
}

describe('mock forward = per-step reference (property)', () => {
  it('spikes exactly, membranes to float32 rounding, for random feed-forward LIF → LI networks', async () => {
    let cases = 0;
    let casesWithHiddenSpikes = 0;
    await fc.assert(
      fc.asyncProperty(networkCase, async (c) => {
        const expected = referenceForward(c);
        cases++;
        if (expected.spikes[0]!.some((z) => z === 1)) casesWithHiddenSpikes++;
        const actual = await mockForward(c);
        c.layers.forEach((l, k) => {
          if (l.kind === 'lif') expect(Array.from(actual.spikes[k]!)).toEqual(Array.from(expected.spikes[k]!));
          const got = actual.membranes[k]!;
          const want = expected.membranes[k]!;
          for (let e = 0; e < want.length; e++) expect(Math.abs(got[e]! - want[e]!)).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(want[e]!)));
        });
      }),
    );
    // The generator must exercise spikes and resets, not only silent membranes.
    expect(casesWithHiddenSpikes).toBeGreaterThan(cases / 4);
  });

  it('the reference can fail: a shifted threshold changes the spikes', () => {
    const c: Case = {
      inputs: 1, steps: 12, batch: 1, dtUs: 1,
      layers: [{ kind: 'lif', size: 1, model: { leak: 0, reset: 0, threshold: 0.5, tauMemUs: 6, tauSynUs: 6, refractoryTimeUs: 0 } }],
      weights: [[2]], spikes: [1, ...Array(11).fill(0)],
    };
    const lif = c.layers[0] as LifLayer;
    const shifted: Case = { ...c, layers: [{ ...lif, model: { ...lif.model, threshold: 0.8 } }] };
    expect(referenceForward(c).spikes[0]).not.toEqual(referenceForward(shifted).spikes[0]);
  });
});
