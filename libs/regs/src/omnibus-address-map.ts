// The on-chip omnibus address map, declared once (reference §1.7; every composition below follows haldls
// include/haldls/vx/omnibus_constants.tcc). Containers compose their addresses from these bases only.

/** One block of the map: its base address per instance (e.g. top/bottom, NW/NE/SW/SE) and what it holds. */
export interface OmnibusBlock {
  readonly bases: readonly number[];
  readonly doc: string;
}

const ppuSubtree = [0x0200_0000, 0x0300_0000] as const;
const ppuMemory = ppuSubtree.map((s) => (s | 0x0080_0000) >>> 0);
const synapseAccess = ppuMemory.map((b) => (b | (1 << 22)) >>> 0);
const cadc = ppuSubtree.map((s) => (s | 0x0040_0000) >>> 0);
const neuronReset = [0x12_0000 | (1 << 13), 0x12_8000 | (1 << 13)];
const spl1Fabric = 0x13_0000;
// SPL1 fabric: out-mux, then 8 background sources × 3 words, then the crossbar nodes: 8 neuron inputs × 3
// nodes, 4 L2 inputs × 9 nodes, 8 background inputs × 2 nodes (= 76), then 20 input drop counters.
const backgroundSources = spl1Fabric + 1;
const crossbarNodes = backgroundSources + 3 * 8;
const dropCounters = crossbarNodes + 8 * 3 + 4 * 9 + 8 * 2;

const offset = (bases: readonly number[], delta: number): readonly number[] => bases.map((b) => (b + delta) >>> 0);
const or = (bases: readonly number[], bits: number): readonly number[] => bases.map((b) => (b | bits) >>> 0);

// CADC results are read through the synapse access; haldls `cadc_buffer_enable_mask` (bit 21) selects the
// buffered result of the previous conversion instead of triggering a new one.
const causalCadc = offset(synapseAccess, 0x8_0000);
const acausalCadc = offset(synapseAccess, 0xc_0000);
const cadcBufferEnable = 0x0020_0000;

/** All blocks of §1.7, by name. Per-hemisphere blocks list top then bottom; quadrants NW, NE, SW, SE. */
export const omnibusAddressMap = {
  systime: { bases: [0x0], doc: 'Systime (chip clock counter)' },
  phyOnChip: { bases: [0x04_0000], doc: 'On-chip PHY' },
  pll: { bases: [0x08_0000], doc: 'PLL' },
  madc: { bases: [0x0c_0000], doc: 'MADC: control at +0, config at +1..+10' },
  padi: { bases: [0x11_0000, 0x11_8000], doc: 'PADI: event trigger at +0, common bus config at +1' },
  synapseDriverSram: { bases: [0x11_0400, 0x11_8400], doc: 'Synapse driver SRAM, 4-word stride per driver' },
  neuronResetSram: { bases: neuronReset, doc: 'Neuron reset SRAM (left/right = west/east backend block)' },
  postPulse: { bases: [0x12_2400, 0x12_a400], doc: 'Block post-pulse trigger (left/right)' },
  spikeCounterRead: { bases: or(neuronReset, 0x800), doc: 'Spike counter read, 4-word stride per neuron' },
  spikeCounterReset: { bases: or(neuronReset, 0xc00), doc: 'Spike counter reset, 4-word stride per neuron' },
  spl1Fabric: { bases: [spl1Fabric], doc: 'SPL1 fabric: crossbar out-mux, background sources, crossbar nodes, counters' },
  crossbarOutMux: { bases: [spl1Fabric], doc: 'Crossbar output config (out-mux)' },
  backgroundSpikeSources: { bases: [backgroundSources], doc: 'Background spike sources, 3 words each × 8' },
  crossbarNodes: { bases: [crossbarNodes], doc: 'Crossbar nodes, one word per existing node (76)' },
  crossbarInputDropCounters: { bases: [dropCounters], doc: 'Crossbar input drop counters × 20' },
  crossbarOutputEventCounters: { bases: [dropCounters + 20], doc: 'Crossbar output event counters × 12' },
  capmemSram: { bases: [0x14_0000, 0x14_8000, 0x15_0000, 0x15_8000], doc: 'CapMem cells: column · 32 + row' },
  capmemConfig: { bases: [0x14_4000, 0x14_c000, 0x15_4000, 0x15_c000], doc: 'CapMem block config, 10 words' },
  neuronSram: { bases: [0x16_0000, 0x16_8000, 0x17_0000, 0x17_8000], doc: 'Neuron config SRAM, 8-word stride' },
  neuronBackendSram: { bases: [0x1a_1000, 0x1a_9000], doc: 'Neuron backend SRAM (west/east), 4-word stride' },
  neuronBackendRegisters: { bases: [0x1a_1800, 0x1a_9800], doc: 'Common neuron backend config (west/east)' },
  ppuSubtree: { bases: ppuSubtree, doc: 'PPU subtree (top/bottom)' },
  ppuMemory: { bases: ppuMemory, doc: 'PPU internal memory, subtree | 0x80_0000, 4096 words' },
  ppuControl: { bases: or(ppuMemory, 0x0020_0000), doc: 'PPU control register, PPU base | 0x20_0000' },
  ppuStatus: { bases: or(ppuMemory, 0x0020_0001), doc: 'PPU status register, PPU base | 0x20_0001' },
  synapseAccess: { bases: synapseAccess, doc: 'Synapse access (synacc), PPU base | 1 << 22' },
  synapseWeights: { bases: synapseAccess, doc: 'Synapse weights (synacc + 0)' },
  synapseEvenConfigs: { bases: offset(synapseAccess, 0x1_0000), doc: 'Synapse even configs, 2 MSB (synacc + 0x1_0000)' },
  synapseOddConfigs: { bases: offset(synapseAccess, 0x2_0000), doc: 'Synapse odd configs (synacc + 0x2_0000)' },
  synapseLabels: { bases: offset(synapseAccess, 0x4_0000), doc: 'Synapse labels (synacc + 0x4_0000)' },
  causalCadc: { bases: causalCadc, doc: 'Causal CADC readout, triggered (synacc + 0x8_0000)' },
  acausalCadc: { bases: acausalCadc, doc: 'Acausal CADC readout, triggered (synacc + 0xC_0000)' },
  causalCadcBuffered: { bases: or(causalCadc, cadcBufferEnable), doc: 'Causal CADC readout, buffered (causalCadc | 0x20_0000)' },
  acausalCadcBuffered: { bases: or(acausalCadc, cadcBufferEnable), doc: 'Acausal CADC readout, buffered (acausalCadc | 0x20_0000)' },
  synapseRaw: { bases: offset(synapseAccess, 0xf_0000), doc: 'Raw synapse SRAM: SynapseQuad (synacc + 0xF_0000)' },
  cadc: { bases: cadc, doc: 'CADC, subtree | 0x40_0000' },
  cadcSramEast: { bases: cadc, doc: 'CADC channel offsets, east half (CADC base)' },
  cadcSramWest: { bases: or(cadc, 0x800), doc: 'CADC channel offsets, west half (CADC base | 0x800)' },
  cadcBusreg: { bases: or(cadc, 0x1000), doc: 'CADC config (CADC base | 0x1000)' },
  correlationReset: { bases: or(ppuSubtree, 0x00c9_0000), doc: 'Correlation reset, subtree | 0xC9_0000, one word per synapse quad' },
  externalPPUMemory: { bases: [0x8000_0000], doc: 'FPGA: external PPU memory (128 KiB SRAM)' },
  executor: { bases: [0x8800_0000], doc: 'FPGA: playback executor registers' },
} as const satisfies Record<string, OmnibusBlock>;

/** Name of a block of the map. */
export type OmnibusBlockName = keyof typeof omnibusAddressMap;

/** Base address of instance `index` of a block (index 0 for single-instance blocks). */
export function baseOf(block: OmnibusBlockName, index = 0): number {
  const base = omnibusAddressMap[block].bases[index];
  if (base === undefined) throw new RangeError(`omnibus block ${block} has no instance ${index}`);
  return base;
}
