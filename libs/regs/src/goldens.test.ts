import {
  AtomicNeuronOnDLS,
  BackgroundSpikeSourceOnDLS,
  CADCChannelColumnOnSynram,
  CADCChannelOnDLS,
  CADCChannelType,
  CADCOnDLS,
  CADCReadoutType,
  CADCSampleQuadOnDLS,
  CapMemCellOnDLS,
  ColumnCorrelationQuadOnDLS,
  ColumnCurrentQuadOnDLS,
  CorrelationResetOnDLS,
  CrossbarInputOnDLS,
  CrossbarNodeOnDLS,
  CrossbarOutputOnDLS,
  NeuronColumnOnDLS,
  NeuronRowOnDLS,
  PADIEventOnDLS,
  PPUOnDLS,
  SynapseDriverBlockOnDLS,
  SynapseDriverOnDLS,
  SynapseDriverOnSynapseDriverBlock,
  SynapseQuadColumnOnDLS,
  SynapseQuadOnDLS,
  SynapseQuadOnSynram,
  SynapseRowOnSynram,
  SynramOnDLS,
} from '@bss2/coords';
import { describe, expect, it } from 'vitest';
import { BackgroundSpikeSource } from './background/background-spike-source.js';
import { CADCChannelConfig } from './cadc/cadc.js';
import { CADCSampleQuad } from './cadc/cadc-sample-quad.js';
import { CapMemCell, capMemDisableRefresh } from './capmem/capmem.js';
import { CrossbarNode } from './crossbar/crossbar.js';
import { CrossbarInputDropCounter, CrossbarOutputEventCounter } from './crossbar/crossbar-counters.js';
import { NeuronBackendConfig } from './neuron/neuron-backend.js';
import { NeuronConfig } from './neuron/neuron-config.js';
import { PADIEvent } from './padi/padi.js';
import { PPUControlRegister } from './ppu/ppu.js';
import { SynapseDriverConfig } from './synapse-driver/synapse-driver-config.js';
import { SynapseQuad } from './synapse/synapse-quad.js';
import { ColumnCorrelationQuad, ColumnCurrentQuad } from './synapse/column-quads.js';
import { CorrelationReset } from './synapse/correlation-reset.js';

// Hand-worked goldens: exact words and addresses, each derived in its comment from the reference section
// and the haldls layout it cites.

const words = (w: Uint32Array): number[] => Array.from(w);

describe('goldens', () => {
  it('SynapseQuad: weights [1, 2, 3, 63], labels [5, 6, 7, 8] (§1.5, haldls synapse.cpp)', () => {
    // Weight wiring stored[5] = w[5], stored[4..0] = w[0..4]: 1 = 0b000001 → 0b010000 = 16,
    // 2 = 0b000010 → 0b001000 = 8, 3 → 16 + 8 = 24, 63 → 63. Entry e sits in byte 3 − e:
    // word 0 = 16 << 24 | 8 << 16 | 24 << 8 | 63 = 0x1008183F; word 1 = 5 << 24 | 6 << 16 | 7 << 8 | 8.
    // Top synram raw base = (0x0200_0000 | 0x80_0000 | 1 << 22) + 0xF_0000 = 0x02CF_0000; row 3, quad
    // column 5: + 3 · 64 · 2 + 5 = 0x02CF_0185; word 1 at + 64 = 0x02CF_01C5.
    const quad = SynapseQuadOnDLS.of(SynramOnDLS.top, SynapseRowOnSynram(3), SynapseQuadColumnOnDLS(5));
    const value = { weights: [1, 2, 3, 63], labels: [5, 6, 7, 8], timeCalibs: [0, 0, 0, 0], ampCalibs: [0, 0, 0, 0] };
    expect(words(SynapseQuad.encode(value))).toEqual([0x1008_183f, 0x0506_0708]);
    expect(SynapseQuad.addresses(quad)).toEqual([0x02cf_0185, 0x02cf_01c5]);
    expect(SynapseQuad.decode([0x1008_183f, 0x0506_0708])).toEqual(value);
  });

  it('CrossbarNode {mask 0x3FFF, target 0x0123, enableDropCounter} (§1.2 node table)', () => {
    // mask in bits 0–13, target in 16–29, enable_drop_counter in 31:
    // 0x3FFF | 0x0123 << 16 | 1 << 31 = 0x8123_3FFF. Nodes start at 0x13_0000 + 1 + 3 · 8 = 0x13_0019; the
    // node L2 input 8 → output 0 follows the 8 neuron inputs' 3 nodes each: index 24 → 0x13_0031.
    const node = CrossbarNodeOnDLS.of(CrossbarInputOnDLS(8), CrossbarOutputOnDLS(0));
    expect(words(CrossbarNode.encode({ mask: 0x3fff, target: 0x0123, enableDropCounter: true }))).toEqual([0x8123_3fff]);
    expect(CrossbarNode.addresses(node)).toEqual([0x0013_0031]);
  });

  it('BackgroundSpikeSource 2: three words, enable word last (§1.6, haldls background.cpp)', () => {
    // Layout w0 = enable | enable_random << 1 | period << 16 = 1 | 2 | 1000 << 16 = 0x03E8_0003;
    // w1 = seed = 0xDEAD_BEEF; w2 = mask | rate << 8 | neuron_label << 16 = 0xFF | 0x80 << 8 | 0x123 << 16
    // = 0x0123_80FF. Source 2 base = 0x13_0001 + 3 · 2 = 0x13_0007; transfer order w1, w2, w0.
    const value = { enable: true, enableRandom: true, period: 1000, seed: 0xdead_beef, mask: 0xff, rate: 128, neuronLabel: 0x123 };
    expect(words(BackgroundSpikeSource.encode(value))).toEqual([0xdead_beef, 0x0123_80ff, 0x03e8_0003]);
    expect(BackgroundSpikeSource.addresses(BackgroundSpikeSourceOnDLS(2))).toEqual([0x0013_0008, 0x0013_0009, 0x0013_0007]);
  });

  it('CADCChannelConfig offset −1 and the channel SRAM halves (§3.1, haldls cadc.cpp)', () => {
    // Stored offset + 128: −1 → 127 = 0x7F, −128 → 0, 127 → 0xFF. Top causal column 0 is in the west half at
    // CADC base 0x0240_0000 | 0x800 = 0x0240_0800; bottom acausal column 200 in the east half:
    // 0x0340_0000 + 2 · (200 − 128) + 1 = 0x0340_0091.
    expect(words(CADCChannelConfig.encode({ offset: -1 }))).toEqual([0x7f]);
    expect(words(CADCChannelConfig.encode({ offset: -128 }))).toEqual([0x00]);
    expect(words(CADCChannelConfig.encode({ offset: 127 }))).toEqual([0xff]);
    const west = CADCChannelOnDLS.of(CADCOnDLS.top, CADCChannelType.causal, CADCChannelColumnOnSynram(0));
    const east = CADCChannelOnDLS.of(CADCOnDLS.bottom, CADCChannelType.acausal, CADCChannelColumnOnSynram(200));
    expect(CADCChannelConfig.addresses(west)).toEqual([0x0240_0800]);
    expect(CADCChannelConfig.addresses(east)).toEqual([0x0340_0091]);
  });

  it('CapMemCell of (neuron 0, v_threshold) and (neuron 130, v_threshold) (§2.3, haldls capmem.tcc)', () => {
    // v_threshold is row 2. Neuron 0: block NW 0x14_0000, column 0 → 0x14_0000 + 32 · 0 + 2 = 0x14_0002.
    // Neuron 130 (top row, column 130): block NE 0x14_8000, column 130 % 128 = 2 → + 64 + 2 = 0x14_8042.
    // The value is the plain 10-bit code; 1023 (DisableRefresh) is legal.
    expect(CapMemCell.addresses(CapMemCellOnDLS.ofNeuron(AtomicNeuronOnDLS(0), 'v_threshold'))).toEqual([0x0014_0002]);
    expect(CapMemCell.addresses(CapMemCellOnDLS.ofNeuron(AtomicNeuronOnDLS(130), 'v_threshold'))).toEqual([0x0014_8042]);
    expect(words(CapMemCell.encode({ value: 500 }))).toEqual([0x1f4]);
    expect(words(CapMemCell.encode({ value: capMemDisableRefresh }))).toEqual([0x3ff]);
  });

  it('PPUControlRegister inhibit_reset on the bottom PPU (§1.7, §4.8, haldls ppu.cpp)', () => {
    // inhibit_reset is bit 0 → 0x1. Bottom PPU base = 0x0300_0000 | 0x80_0000 = 0x0380_0000; control
    // register = base | 0x20_0000 = 0x03A0_0000.
    const value = { inhibitReset: true, forceClockOn: false, forceClockOff: false, cacheControllerEnable: false };
    expect(words(PPUControlRegister.encode(value))).toEqual([0x1]);
    expect(PPUControlRegister.addresses(PPUOnDLS.bottom)).toEqual([0x03a0_0000]);
  });

  it('NeuronBackendConfig: inverted, split address_out and refractory_time (§1.8, haldls neuron.tcc)', () => {
    // address_out 0x5A inverted = 0xA5: bits 7..2 = 0b101001 → w0[5:0] = 0x29, bits 1..0 = 0b01 → w1[5:4].
    // reset_holdoff 0b1001: bits 1..0 = 0b01 → w0[7:6], bits 3..2 = 0b10 → w1[7:6].
    // refractory_time 0x3C inverted = 0xC3: bits 7..4 = 0xC → w1[3:0], bits 3..0 = 0x3 → w2[5:2].
    // w0 = 0x29 | 1 << 6 = 0x69; w1 = 0xC | 1 << 4 | 2 << 6 = 0x9C; w2 = 3 << 2 = 0x0C;
    // w3 = en_spike_out (bit 4) | en_neuron_master (bit 5) = 0x30.
    // Neuron row 1, column 130: east block 0x1A_9000, slot 1 · 128 + 2 = 130 → + 4 · 130 = 0x1A_9208.
    const neuron = AtomicNeuronOnDLS.of(NeuronRowOnDLS(1), NeuronColumnOnDLS(130));
    const value = NeuronBackendConfig.modify(NeuronBackendConfig.defaults(), {
      addressOut: 0x5a,
      resetHoldoff: 0b1001,
      refractoryTime: 0x3c,
      enSpikeOut: true,
    });
    expect(words(NeuronBackendConfig.encode(value))).toEqual([0x69, 0x9c, 0x0c, 0x30]);
    expect(NeuronBackendConfig.addresses(neuron)).toEqual([0x001a_9208, 0x001a_9209, 0x001a_920a, 0x001a_920b]);
  });

  it('NeuronConfig in the south-west quadrant (§2.2, haldls v3/neuron.cpp)', () => {
    // w0: en_leak_div bit 4 = 0x10. w1: readout_select adaptation (3) in bits 5–6 = 0x60, en_readout bit 7
    // → 0xE0. w2: the default small-capacitor bits 4 and 5 = 0x30. w3: mem_cap_size 63 << 2 = 0xFC.
    // w4: en_fire bit 2 | en_thresh_comp bit 3 | en_synin_exc bit 5 = 0x2C. w5: 0.
    // Neuron row 1, column 5: quadrant SW 0x17_0000 + 8 · 5 + 2 = 0x17_002A … 0x17_002F.
    const neuron = AtomicNeuronOnDLS.of(NeuronRowOnDLS(1), NeuronColumnOnDLS(5));
    const value = NeuronConfig.modify(NeuronConfig.defaults(), {
      enLeakDiv: true,
      readoutSelect: 'adaptation',
      enReadout: true,
      memCapSize: 63,
      enFire: true,
      enThreshComp: true,
      enSyninExc: true,
    });
    expect(words(NeuronConfig.encode(value))).toEqual([0x10, 0xe0, 0x30, 0xfc, 0x2c, 0x00]);
    expect(NeuronConfig.addresses(neuron)).toEqual([0x17_002a, 0x17_002b, 0x17_002c, 0x17_002d, 0x17_002e, 0x17_002f]);
  });

  it('SynapseDriverConfig: row modes, reversed recovery, inverted bits (§1.5, haldls v3/synapse_driver.cpp)', () => {
    // w0: row_address_compare_mask 31 << 9 = 0x3E00, enable_address_out true stored inverted (bit 14 = 0),
    // enable_receiver bit 15 = 0x8000 → 0xBE00. w1: recovery 0b0001 reversed = 0b1000, top excitatory
    // (en_exc_top bit 5), bottom inhibitory (en_inh_bottom bit 6), hagen_dac_offset 0 inverted = 0x3F << 8
    // → 0x3F68. w2: enable_charge_sharing false stored inverted (bit 6) = 0x40.
    // Driver 5 of the bottom block: 0x11_8400 + 4 · 5 = 0x11_8414.
    const driver = SynapseDriverOnDLS.of(SynapseDriverBlockOnDLS.bottom, SynapseDriverOnSynapseDriverBlock(5));
    const value = SynapseDriverConfig.modify(SynapseDriverConfig.defaults(), {
      enableReceiver: true,
      recovery: 1,
      rowModeTop: 'excitatory',
      rowModeBottom: 'inhibitory',
    });
    expect(words(SynapseDriverConfig.encode(value))).toEqual([0xbe00, 0x3f68, 0x40]);
    expect(SynapseDriverConfig.addresses(driver)).toEqual([0x0011_8414, 0x0011_8415, 0x0011_8416]);
  });

  it('PADIEvent on the bottom PADI (§1.5, haldls padi.cpp)', () => {
    // fire_bus bits 0–3 = 0b0101, event_address 0x2A << 16, row_select_address 17 << 22:
    // 0x5 | 0x2A_0000 | 0x440_0000 = 0x046A_0005, written to the bottom PADI base 0x11_8000.
    expect(words(PADIEvent.encode({ fireBus: [true, false, true, false], eventAddress: 0x2a, rowSelectAddress: 17 }))).toEqual([0x046a_0005]);
    expect(PADIEvent.addresses(PADIEventOnDLS.bottom)).toEqual([0x0011_8000]);
  });

  it('Column switch quads past the synapse quads (§3.1, haldls synapse.cpp)', () => {
    // ColumnCurrentQuad: even-config view 0x02C1_0000 + 16384 = 0x02C1_4000 (+ quad column), word 1 in the
    // odd view 0x02C2_4000; entry 0 sits in byte 3, so its excitatory switch is bit 24.
    // ColumnCorrelationQuad: raw 0x02CF_0000 + 2 · 16384 + 2 · 64 = 0x02CF_8080, word 1 at + 64, words 2 and
    // 3 at the weight and label views + 16384: 0x02C0_4000 and 0x02C4_4000 (bottom synram: + 0x0100_0000).
    const current = ColumnCurrentQuad.modify(ColumnCurrentQuad.defaults(), { enableSynapticCurrentExcitatory: [true, false, false, false] });
    expect(words(ColumnCurrentQuad.encode(current))).toEqual([0x0100_0000, 0]);
    expect(ColumnCurrentQuad.addresses(ColumnCurrentQuadOnDLS.of(SynramOnDLS.top, SynapseQuadColumnOnDLS(3)))).toEqual([0x02c1_4003, 0x02c2_4003]);
    expect(ColumnCorrelationQuad.addresses(ColumnCorrelationQuadOnDLS.of(SynramOnDLS.bottom, SynapseQuadColumnOnDLS(0)))).toEqual([
      0x03cf_8080, 0x03cf_80c0, 0x03c0_4000, 0x03c4_4000,
    ]);
  });

  it('Crossbar counters after the nodes (§1.2, haldls routing_crossbar.cpp, omnibus_constants.tcc)', () => {
    // Drop counters follow the 76 nodes: 0x13_0019 + 76 = 0x13_0065; input 19 at 0x13_0078. Event counters
    // follow the 20 drop counters: 0x13_0079; output 11 at 0x13_0084. The count is in the low 16 / 24 bits.
    expect(CrossbarInputDropCounter.addresses(CrossbarInputOnDLS(0))).toEqual([0x0013_0065]);
    expect(CrossbarInputDropCounter.addresses(CrossbarInputOnDLS(19))).toEqual([0x0013_0078]);
    expect(CrossbarOutputEventCounter.addresses(CrossbarOutputOnDLS(0))).toEqual([0x0013_0079]);
    expect(CrossbarOutputEventCounter.addresses(CrossbarOutputOnDLS(11))).toEqual([0x0013_0084]);
    expect(CrossbarInputDropCounter.decode([0xabcd_1234])).toEqual({ value: 0x1234 });
    expect(CrossbarOutputEventCounter.decode([0xab12_3456])).toEqual({ value: 0x12_3456 });
    expect(words(CrossbarOutputEventCounter.encode({ value: 0xff_ffff }))).toEqual([0x00ff_ffff]);
    expect(CrossbarInputDropCounter.tryEncode({ value: 0x1_0000 })).toMatchObject({ ok: false, error: { code: 'out-of-range', field: 'value' } });
    expect(() => CrossbarOutputEventCounter.modify({ value: 0 }, { value: 1 } as never)).toThrow(expect.objectContaining({ code: 'read-only' }));
  });

  it('CADCSampleQuad: entry e in byte 3 − e, row and quad column in the address (§3.1, haldls cadc.cpp)', () => {
    // EXPAND_WORD lists sample 3 first (LSB on the host): samples [0x11, 0x22, 0x33, 0x44] → 0x1122_3344.
    // Triggered causal, top synram: synacc 0x02C0_0000 + 0x8_0000 = 0x02C8_0000; row 3, quad column 5:
    // + 3 · 64 + 5 = 0x02C8_00C5. Buffered acausal, bottom synram: (0x03C0_0000 + 0xC_0000) | 0x20_0000
    // = 0x03EC_0000; row 255, quad column 63: + 255 · 64 + 63 = 0x03EC_3FFF.
    expect(CADCSampleQuad.decode([0x1122_3344])).toEqual({ samples: [0x11, 0x22, 0x33, 0x44] });
    expect(words(CADCSampleQuad.encode({ samples: [0x11, 0x22, 0x33, 0x44] }))).toEqual([0x1122_3344]);
    const quad = (row: number, column: number) => SynapseQuadOnSynram.of(SynapseRowOnSynram(row), SynapseQuadColumnOnDLS(column));
    const triggered = CADCSampleQuadOnDLS.of(SynramOnDLS.top, CADCReadoutType.triggerRead, CADCChannelType.causal, quad(3, 5));
    const buffered = CADCSampleQuadOnDLS.of(SynramOnDLS.bottom, CADCReadoutType.buffered, CADCChannelType.acausal, quad(255, 63));
    expect(CADCSampleQuad.addresses(triggered)).toEqual([0x02c8_00c5]);
    expect(CADCSampleQuad.addresses(buffered)).toEqual([0x03ec_3fff]);
    const acausalTriggered = CADCSampleQuadOnDLS.of(SynramOnDLS.top, CADCReadoutType.triggerRead, CADCChannelType.acausal, quad(0, 1));
    expect(CADCSampleQuad.addresses(acausalTriggered)).toEqual([0x02cc_0001]);
  });

  it('CorrelationReset per synapse quad (§1.7, §3.3, haldls synapse.cpp)', () => {
    // subtree | 0xC9_0000: top 0x02C9_0000; bottom synram, row 2, quad column 3: 0x03C9_0000 + 2 · 64 + 3
    // = 0x03C9_0083. No fields: the written value does not matter.
    expect(CorrelationReset.addresses(CorrelationResetOnDLS.of(SynramOnDLS.top, SynapseRowOnSynram(0), SynapseQuadColumnOnDLS(0)))).toEqual([0x02c9_0000]);
    expect(CorrelationReset.addresses(CorrelationResetOnDLS.of(SynramOnDLS.bottom, SynapseRowOnSynram(2), SynapseQuadColumnOnDLS(3)))).toEqual([0x03c9_0083]);
    expect(words(CorrelationReset.encode({}))).toEqual([0]);
  });
});
