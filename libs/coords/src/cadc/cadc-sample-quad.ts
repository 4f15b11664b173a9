import { defineCoord, type Coord } from '../ranged.js';
import { SynramOnDLS } from '../synapse/synram.js';
import { SynapseRowOnSynram } from '../synapse/synapse-row.js';
import { EntryOnQuad, SynapseQuadColumnOnDLS, SynapseQuadOnSynram } from '../synapse/synapse-quad.js';
import { CADCChannelColumnOnSynram, CADCChannelOnDLS, CADCChannelType, CADCOnDLS } from './cadc-channel.js';

// Reference §3.1, §3.3: the host reads CADC results one quad (4 adjacent columns) at a time, addressed like a
// synapse quad: the synapse row in the address selects whose correlation accumulators are converted. Halco
// include/halco/hicann-dls/vx/cadc.h: CADCSampleQuadOnDLS = SynramMixin<CADCReadoutTypeMixin<
// CADCChannelTypeMixin<SynapseQuadOnSynram>>>, so the value is
// `synram · 65536 + readout · 32768 + type · 16384 + row · 64 + quadColumn`.

const quads = SynapseQuadOnSynram.size;
const perType = quads;
const perReadout = CADCChannelType.size * perType;
const perSynram = 2 * perReadout;

/**
 * How a read is served (halco CADCReadoutType): 0 `trigger_read` starts a conversion and returns its result,
 * 1 `buffered` returns the result of the previous conversion.
 */
const readoutType = defineCoord('CADCReadoutType', 1);
export const CADCReadoutType = Object.assign(readoutType, {
  triggerRead: readoutType(0),
  buffered: readoutType(1),
});
export type CADCReadoutType = Coord<'CADCReadoutType'>;

/** One host-readable CADC result word: 4 samples of one channel type in one quad of one row. */
const sampleQuad = defineCoord('CADCSampleQuadOnDLS', SynramOnDLS.size * perSynram - 1);
export const CADCSampleQuadOnDLS = Object.assign(sampleQuad, {
  of: (synram: SynramOnDLS, readout: CADCReadoutType, type: CADCChannelType, quad: SynapseQuadOnSynram): CADCSampleQuadOnDLS =>
    sampleQuad(SynramOnDLS(synram) * perSynram + readoutType(readout) * perReadout + CADCChannelType(type) * perType + SynapseQuadOnSynram(quad)),
  toSynramOnDLS: (q: CADCSampleQuadOnDLS): SynramOnDLS => SynramOnDLS(Math.floor(sampleQuad(q) / perSynram)),
  /** The CADC of the synram's hemisphere (same index). */
  toCADCOnDLS: (q: CADCSampleQuadOnDLS): CADCOnDLS => CADCOnDLS(Math.floor(sampleQuad(q) / perSynram)),
  toCADCReadoutType: (q: CADCSampleQuadOnDLS): CADCReadoutType => readoutType(Math.floor((sampleQuad(q) % perSynram) / perReadout)),
  toCADCChannelType: (q: CADCSampleQuadOnDLS): CADCChannelType => CADCChannelType(Math.floor((sampleQuad(q) % perReadout) / perType)),
  toSynapseQuadOnSynram: (q: CADCSampleQuadOnDLS): SynapseQuadOnSynram => SynapseQuadOnSynram(sampleQuad(q) % quads),
  /** The synapse row whose correlation accumulators the read converts. */
  toSynapseRowOnSynram: (q: CADCSampleQuadOnDLS): SynapseRowOnSynram =>
    SynapseQuadOnSynram.toSynapseRowOnSynram(SynapseQuadOnSynram(sampleQuad(q) % quads)),
  toSynapseQuadColumnOnDLS: (q: CADCSampleQuadOnDLS): SynapseQuadColumnOnDLS =>
    SynapseQuadOnSynram.toSynapseQuadColumnOnDLS(SynapseQuadOnSynram(sampleQuad(q) % quads)),
  /** The channel that delivers entry `entry`: column `4 · quadColumn + entry` of the quad's CADC and type. */
  toCADCChannelOnDLS: (q: CADCSampleQuadOnDLS, entry: EntryOnQuad): CADCChannelOnDLS =>
    CADCChannelOnDLS.of(
      CADCSampleQuadOnDLS.toCADCOnDLS(q),
      CADCSampleQuadOnDLS.toCADCChannelType(q),
      CADCChannelColumnOnSynram(4 * CADCSampleQuadOnDLS.toSynapseQuadColumnOnDLS(q) + EntryOnQuad(entry)),
    ),
});
export type CADCSampleQuadOnDLS = Coord<'CADCSampleQuadOnDLS'>;
