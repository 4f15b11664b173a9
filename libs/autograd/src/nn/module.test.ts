import { describe, expect, it } from 'vitest';
import { AutogradError } from '../errors.js';
import { Rng } from '../random.js';
import { Parameter, Tensor } from '../tensor.js';
import { Linear } from './linear.js';
import { Module } from './module.js';

class Block extends Module {
  readonly scale = new Parameter(Float32Array.of(1), [1]);
  readonly layers: Linear[];

  constructor(rng: Rng) {
    super();
    this.layers = [new Linear(3, 4, { rng }), new Linear(4, 2, { rng, bias: false })];
  }
}

class Net extends Module {
  readonly encoder: Block;
  readonly head: Linear;

  constructor(seed: number) {
    super();
    const rng = new Rng(seed);
    this.encoder = new Block(rng);
    this.head = new Linear(2, 1, { rng });
  }
}

describe('Module', () => {
  it('finds nested parameters with dotted names in field order', () => {
    expect(new Net(1).namedParameters().map(([name, p]) => `${name}${JSON.stringify(p.shape)}`)).toEqual([
      'encoder.scale[1]',
      'encoder.layers.0.weight[4,3]',
      'encoder.layers.0.bias[4]',
      'encoder.layers.1.weight[2,4]',
      'head.weight[1,2]',
      'head.bias[1]',
    ]);
  });

  it('Linear initialises in ±1/√in, reproducibly from the seed', () => {
    const a = new Linear(16, 8, { rng: new Rng(5) });
    const b = new Linear(16, 8, { rng: new Rng(5) });
    expect(a.weight.toArray()).toEqual(b.weight.toArray());
    expect(Math.max(...a.weight.toArray().map(Math.abs))).toBeLessThanOrEqual(0.25);
    expect(a.forward(new Tensor(new Float32Array(2 * 16), [2, 16])).toArray()).toEqual([...a.bias!.toArray(), ...a.bias!.toArray()]);
  });

  it('train() and eval() reach every sub-module', () => {
    const net = new Net(1).eval();
    expect(net.encoder.layers[1]!.training).toBe(false);
    net.train();
    expect(net.head.training).toBe(true);
  });

  it('stateDict is a snapshot; loadStateDict restores it in place', () => {
    const net = new Net(1);
    const weight = net.head.weight;
    const saved = net.stateDict();
    weight.data.fill(9);
    expect(saved['head.weight']!.toArray()).not.toEqual([9, 9]);
    net.loadStateDict(saved);
    expect(net.head.weight).toBe(weight);
    expect(net.stateDict()).toEqual(saved);
    const other = new Net(2);
    other.loadStateDict(saved);
    expect(other.stateDict()).toEqual(saved);
  });

  it('rejects a wrong shape, naming both shapes, and writes nothing', () => {
    const net = new Net(1);
    const before = net.stateDict();
    const bad = { ...net.stateDict(), 'encoder.scale': new Tensor(Float32Array.of(7, 7), [2]) , 'head.bias': new Tensor(Float32Array.of(5), [1]) };
    expect(() => net.loadStateDict(bad)).toThrow("loadStateDict: 'encoder.scale' has shape [2], the module's is [1]");
    expect(net.stateDict()).toEqual(before);
  });

  it('strict mode names missing and unexpected keys; non-strict loads the overlap', () => {
    const net = new Net(1);
    const state = { 'head.bias': new Tensor(Float32Array.of(3), [1]), 'extra.weight': new Tensor(Float32Array.of(1), [1]) };
    try {
      net.loadStateDict(state);
      expect.unreachable();
    } catch (error) {
      expect((error as AutogradError).code).toBe('state-mismatch');
      expect((error as Error).message).toContain('unexpected [extra.weight]');
      expect((error as Error).message).toContain('missing [encoder.scale,');
    }
    net.loadStateDict(state, { strict: false });
    expect(net.head.bias!.toArray()).toEqual([3]);
  });
});
