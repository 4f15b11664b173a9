import { describe, expect, it } from 'vitest';
import {
  AtomicNeuronOnDLS,
  CapMemBlockOnDLS,
  CapMemCellOnCapMemBlock,
  CapMemCellOnDLS,
  CapMemColumnOnCapMemBlock,
  CapMemRowOnCapMemBlock,
  CoordError,
  NeuronColumnOnDLS,
  NeuronParameter,
  NeuronRowOnDLS,
  globalCapMemCells,
  neuronParameters,
  sharedCapMemCells,
  type SharedCapMemCell,
} from '../index.js';

describe('CapMem cells (goldens, §2.3; halco v3/capmem.cpp)', () => {
  it('(neuron 0, v_threshold) is row 2 of block 0, column 0', () => {
    const c = CapMemCellOnDLS.ofNeuron(AtomicNeuronOnDLS(0), 'v_threshold');
    expect(CapMemCellOnDLS.toCapMemRowOnCapMemBlock(c)).toBe(2);
    expect(CapMemCellOnDLS.toCapMemColumnOnCapMemBlock(c)).toBe(0);
    expect(c).toBe(260);
    expect(CapMemCellOnDLS.toNeuronParameter(c)).toEqual({ neuron: 0, parameter: 'v_threshold' });
  });

  it('(bottom neuron 200, i_bias_leak) is in block SE, column 72, row 8', () => {
    const n = AtomicNeuronOnDLS.of(NeuronRowOnDLS.bottom, NeuronColumnOnDLS(200));
    const c = CapMemCellOnDLS.ofNeuron(n, 'i_bias_leak');
    expect(CapMemCellOnDLS.toCapMemBlockOnDLS(c)).toBe(CapMemBlockOnDLS.southEast);
    expect(c).toBe(3 * 3120 + 8 * 130 + 72);
    expect(CapMemCellOnDLS.nameOf(c)).toBe('i_bias_leak');
    expect(CapMemCellOnDLS.quantityOf(c)).toBe('current');
  });

  it('the per-neuron table has the 24 rows of §2.3 in order, voltages first', () => {
    expect(neuronParameters.map((p) => p.row)).toEqual([...Array(24).keys()]);
    expect(NeuronParameter.toCapMemRowOnCapMemBlock('i_bias_nmda')).toBe(23);
    expect(neuronParameters.filter((p) => p.quantity === 'voltage').map((p) => p.row)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('shared and global cells sit where halco puts them', () => {
    expect(CapMemCellOnDLS.ofShared(CapMemBlockOnDLS(2), 'syn_i_bias_dac')).toBe(2 * 3120 + 8 * 130 + 128);
    expect(CapMemCellOnDLS.ofShared(CapMemBlockOnDLS(0), 'neuron_i_bias_synin_drop')).toBe(23 * 130 + 129);
    expect(CapMemCellOnDLS.ofGlobal('hagen_ibias_dac_bottom')).toBe(3 * 3120 + 22 * 130 + 128);
    expect(CapMemCellOnDLS.nameOf(CapMemCellOnDLS(3 * 3120 + 6 * 130 + 128))).toBe('readout_iconv_sc_amp_v_ref');
    expect(CapMemCellOnDLS.toNeuronParameter(CapMemCellOnDLS.ofGlobal('readout_sc_amp_i_bias'))).toBeUndefined();
  });

  it('cell kinds add up: 12288 neuron, 84 shared, 18 global, 90 unused (halco UnusedCapMemCellOnDLS)', () => {
    const counts = { neuron: 0, shared: 0, global: 0, unused: 0 };
    for (const c of CapMemCellOnDLS.all()) counts[CapMemCellOnDLS.kind(c)] += 1;
    expect(counts).toEqual({ neuron: 12288, shared: 4 * sharedCapMemCells.length, global: globalCapMemCells.length, unused: 90 });
    expect(sharedCapMemCells).toHaveLength(21);
    expect(globalCapMemCells).toHaveLength(18);
  });

  it('unknown names give CoordError unknown-name', () => {
    expect(() => CapMemCellOnDLS.ofShared(CapMemBlockOnDLS(0), 'v_nothing' as SharedCapMemCell)).toThrow(CoordError);
    try {
      CapMemCellOnDLS.ofGlobal('stp_v_charge_0' as never);
    } catch (e) {
      expect(e).toMatchObject({ code: 'unknown-name', coordinate: 'GlobalCapMemCell', value: 'stp_v_charge_0' });
    }
    expect(() => NeuronParameter.toCapMemRowOnCapMemBlock('tau_mem' as never)).toThrow(/unknown name "tau_mem"/);
  });

  it('a row outside 0..23 gives CoordError naming CapMemRowOnCapMemBlock, not a TypeError', () => {
    expect(NeuronParameter.fromCapMemRowOnCapMemBlock(CapMemRowOnCapMemBlock(23))).toBe('i_bias_nmda');
    for (const row of [24, 99, -1, 0.5]) {
      const forged = row as CapMemRowOnCapMemBlock;
      expect(() => NeuronParameter.fromCapMemRowOnCapMemBlock(forged)).toThrow(CoordError);
      expect(() => NeuronParameter.fromCapMemRowOnCapMemBlock(forged)).toThrow(/CapMemRowOnCapMemBlock.*0\.\.23/);
    }
  });

  it('isShared marks exactly the columns 128 and 129, at every level', () => {
    const sharedColumns = CapMemColumnOnCapMemBlock.all().filter((c) => CapMemColumnOnCapMemBlock.isShared(c));
    expect(sharedColumns).toEqual([128, 129]);
    const onBlock = (column: number): CapMemCellOnCapMemBlock =>
      CapMemCellOnCapMemBlock.of(CapMemRowOnCapMemBlock(5), CapMemColumnOnCapMemBlock(column));
    expect(CapMemCellOnCapMemBlock.isShared(onBlock(127))).toBe(false);
    expect(CapMemCellOnCapMemBlock.isShared(onBlock(128))).toBe(true);
    const shared = CapMemCellOnDLS.all().filter((c) => CapMemCellOnDLS.isShared(c));
    expect(shared).toHaveLength(4 * 24 * 2);
    expect(shared.every((c) => CapMemCellOnDLS.kind(c) !== 'neuron')).toBe(true);
    expect(CapMemCellOnDLS.isShared(CapMemCellOnDLS.ofNeuron(AtomicNeuronOnDLS(511), 'v_leak'))).toBe(false);
  });
});
