import { defineCoord, type Coord } from '../ranged.js';
import { HemisphereOnDLS } from '../hemisphere.js';
import { SynramOnDLS } from '../synapse/synram.js';
import { AtomicNeuronOnDLS } from '../neuron/atomic-neuron.js';
import { NeuronColumnOnDLS } from '../neuron/neuron-column.js';
import { PPUOnDLS } from '../ppu/ppu-memory.js';

// Reference §3.1: one CADC per hemisphere, 256 columns × {causal, acausal} = 512 channels each, 1024 in
// total. Enumerated `cadc · 512 + type · 256 + column` (halco cadc.h CADCChannelConfigOnDLS =
// SynramMixin<CADCChannelTypeMixin<CADCChannelColumnOnSynram>>).

const columns = 256;
const perCADC = 2 * columns;

/** CADC: 0 top, 1 bottom (one per hemisphere, read by that hemisphere's PPU). */
const cadc = defineCoord('CADCOnDLS', 1);
export const CADCOnDLS = Object.assign(cadc, {
  top: cadc(0),
  bottom: cadc(1),
  toHemisphereOnDLS: (c: CADCOnDLS): HemisphereOnDLS => HemisphereOnDLS(cadc(c)),
  fromHemisphereOnDLS: (h: HemisphereOnDLS): CADCOnDLS => cadc(HemisphereOnDLS(h)),
  toSynramOnDLS: (c: CADCOnDLS): SynramOnDLS => SynramOnDLS(cadc(c)),
  /** The PPU of the same hemisphere reads this CADC (halco cadc.h CADCConfigOnDLS::toPPUOnDLS). */
  toPPUOnDLS: (c: CADCOnDLS): PPUOnDLS => PPUOnDLS(cadc(c)),
});
export type CADCOnDLS = Coord<'CADCOnDLS'>;

/** Channel type: 0 causal, 1 acausal (halco cadc.h). */
const channelType = defineCoord('CADCChannelType', 1);
export const CADCChannelType = Object.assign(channelType, {
  causal: channelType(0),
  acausal: channelType(1),
});
export type CADCChannelType = Coord<'CADCChannelType'>;

/** CADC channel column 0..255; column c sits below synapse column c and neuron column c. */
const channelColumn = defineCoord('CADCChannelColumnOnSynram', columns - 1);
export const CADCChannelColumnOnSynram = Object.assign(channelColumn, {
  toNeuronColumnOnDLS: (c: CADCChannelColumnOnSynram): NeuronColumnOnDLS => NeuronColumnOnDLS(channelColumn(c)),
  fromNeuronColumnOnDLS: (c: NeuronColumnOnDLS): CADCChannelColumnOnSynram => channelColumn(NeuronColumnOnDLS(c)),
});
export type CADCChannelColumnOnSynram = Coord<'CADCChannelColumnOnSynram'>;

/** One CADC channel: `cadc · 512 + type · 256 + column`. */
const channel = defineCoord('CADCChannelOnDLS', 2 * perCADC - 1);
export const CADCChannelOnDLS = Object.assign(channel, {
  of: (c: CADCOnDLS, type: CADCChannelType, column: CADCChannelColumnOnSynram): CADCChannelOnDLS =>
    channel(cadc(c) * perCADC + channelType(type) * columns + channelColumn(column)),
  /** The channel that reads `neuron` (via the neuron readout switches, §3.1): its hemisphere's CADC, its column. */
  ofNeuron: (neuron: AtomicNeuronOnDLS, type: CADCChannelType): CADCChannelOnDLS =>
    CADCChannelOnDLS.of(
      CADCOnDLS.fromHemisphereOnDLS(AtomicNeuronOnDLS.toHemisphereOnDLS(neuron)),
      type,
      CADCChannelColumnOnSynram.fromNeuronColumnOnDLS(AtomicNeuronOnDLS.toNeuronColumnOnDLS(neuron)),
    ),
  toCADCOnDLS: (ch: CADCChannelOnDLS): CADCOnDLS => cadc(Math.floor(channel(ch) / perCADC)),
  toCADCChannelType: (ch: CADCChannelOnDLS): CADCChannelType => channelType(Math.floor((channel(ch) % perCADC) / columns)),
  toCADCChannelColumnOnSynram: (ch: CADCChannelOnDLS): CADCChannelColumnOnSynram => channelColumn(channel(ch) % columns),
  toAtomicNeuronOnDLS: (ch: CADCChannelOnDLS): AtomicNeuronOnDLS =>
    AtomicNeuronOnDLS(CADCChannelOnDLS.toCADCOnDLS(ch) * columns + CADCChannelOnDLS.toCADCChannelColumnOnSynram(ch)),
});
export type CADCChannelOnDLS = Coord<'CADCChannelOnDLS'>;
