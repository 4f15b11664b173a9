import { describe, expect, it } from 'vitest';
import {
  BackgroundSpikeSourceOnDLS,
  CoordError,
  CrossbarGridIndexOnDLS,
  CrossbarInputOnDLS,
  CrossbarL2OutputOnDLS,
  CrossbarNodeOnDLS,
  CrossbarOutputOnDLS,
  NeuronEventOutputOnDLS,
  PADIBusOnDLS,
} from '../index.js';
import { nodeInHalcoMap } from '../../test-support/crossbar-node-map.js';


describe('crossbar (goldens, §1.2)', () => {
  it('has exactly the 76 nodes of the halco node map', () => {
    for (const input of CrossbarInputOnDLS.all())
      for (const output of CrossbarOutputOnDLS.all())
        expect(CrossbarNodeOnDLS.exists(input, output), `input ${input}, output ${output}`).toBe(nodeInHalcoMap(input, output));
    expect(CrossbarNodeOnDLS.size).toBe(76);
  });

  it('counts nodes from the top-left to the bottom-right of the map (halco; the register file order)', () => {
    const of = (i: number, o: number): number => CrossbarNodeOnDLS.of(CrossbarInputOnDLS(i), CrossbarOutputOnDLS(o));
    expect([of(0, 0), of(0, 4), of(0, 8), of(1, 1), of(4, 4), of(8, 0), of(8, 8), of(12, 0), of(12, 8), of(19, 11)]).toEqual([
      0, 1, 2, 3, 13, 24, 32, 60, 61, 75,
    ]);
    expect(CrossbarNodeOnDLS.toGridIndex(CrossbarNodeOnDLS(75))).toBe(19 * 12 + 11);
  });

  it('node (input 0, output 5) does not exist: CoordError no-such-node naming input and output', () => {
    const input = CrossbarInputOnDLS(0);
    const output = CrossbarOutputOnDLS(5);
    expect(CrossbarNodeOnDLS.exists(input, output)).toBe(false);
    expect(() => CrossbarNodeOnDLS.of(input, output)).toThrow(CoordError);
    expect(() => CrossbarNodeOnDLS.of(input, output)).toThrow(/input 0.*output 5/);
    try {
      CrossbarNodeOnDLS.of(input, output);
    } catch (e) {
      expect(e).toMatchObject({ code: 'no-such-node', coordinate: 'CrossbarNodeOnDLS', value: { input: 0, output: 5 } });
    }
    expect(CrossbarGridIndexOnDLS.toCrossbarNodeOnDLS(CrossbarGridIndexOnDLS.of(input, output))).toBeUndefined();
  });

  it('background source 6 reaches only PADI bus 6 (bottom bus 2) and L2 output 2 (§1.2)', () => {
    const b = BackgroundSpikeSourceOnDLS(6);
    const bus = BackgroundSpikeSourceOnDLS.toPADIBusOnDLS(b);
    expect(bus).toBe(6);
    expect(PADIBusOnDLS.toPADIBusBlockOnDLS(bus)).toBe(1);
    expect(PADIBusOnDLS.toPADIBusOnPADIBusBlock(bus)).toBe(2);
    expect(BackgroundSpikeSourceOnDLS.toCrossbarL2OutputOnDLS(b)).toBe(2);
    expect(BackgroundSpikeSourceOnDLS.toHemisphereOnDLS(b)).toBe(1);
    const input = BackgroundSpikeSourceOnDLS.toCrossbarInputOnDLS(b);
    expect(input).toBe(18);
    expect(CrossbarNodeOnDLS.allOfInput(input).map((n) => CrossbarNodeOnDLS.toCrossbarOutputOnDLS(n))).toEqual([
      6,
      CrossbarL2OutputOnDLS.toCrossbarOutputOnDLS(CrossbarL2OutputOnDLS(2)),
    ]);
  });

  it('neuron event output 5 reaches top bus 1, bottom bus 5 and L2 output 1', () => {
    const input = NeuronEventOutputOnDLS.toCrossbarInputOnDLS(NeuronEventOutputOnDLS(5));
    expect(CrossbarNodeOnDLS.allOfInput(input).map((n) => CrossbarNodeOnDLS.toCrossbarOutputOnDLS(n))).toEqual([1, 5, 9]);
  });

  it('output kinds: 0..7 PADI busses, 8..11 L2', () => {
    expect(CrossbarOutputOnDLS.toPADIBusOnDLS(CrossbarOutputOnDLS(7))).toBe(7);
    expect(CrossbarOutputOnDLS.toPADIBusOnDLS(CrossbarOutputOnDLS(8))).toBeUndefined();
    expect(CrossbarOutputOnDLS.toCrossbarL2OutputOnDLS(CrossbarOutputOnDLS(11))).toBe(3);
    expect(CrossbarOutputOnDLS.all().map((o) => CrossbarOutputOnDLS.kind(o)).filter((k) => k === 'l2')).toHaveLength(4);
    expect(CrossbarNodeOnDLS.allOfOutput(CrossbarOutputOnDLS(0))).toHaveLength(2 + 4 + 1);
  });

  it('input kinds: 0..7 neurons, 8..11 L2, 12..19 background', () => {
    expect(CrossbarInputOnDLS.all().map((i) => CrossbarInputOnDLS.kind(i))).toEqual([
      ...new Array<string>(8).fill('neuron'),
      ...new Array<string>(4).fill('l2'),
      ...new Array<string>(8).fill('background'),
    ]);
  });
});
