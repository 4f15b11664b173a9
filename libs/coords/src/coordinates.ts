import type { CoordType } from './ranged.js';
import { HemisphereOnDLS } from './hemisphere.js';
import { NeuronRowOnDLS } from './neuron/neuron-row.js';
import { NeuronColumnOnDLS } from './neuron/neuron-column.js';
import { AtomicNeuronOnDLS } from './neuron/atomic-neuron.js';
import { NeuronConfigBlockOnDLS, NeuronConfigOnDLS, NeuronConfigOnNeuronConfigBlock } from './neuron/neuron-config.js';
import {
  CommonNeuronBackendConfigOnDLS,
  NeuronBackendConfigBlockOnDLS,
  NeuronBackendConfigOnDLS,
  NeuronBackendConfigOnNeuronBackendConfigBlock,
} from './neuron/neuron-backend.js';
import { NeuronEventOutputOnDLS, NeuronEventOutputOnNeuronBackendBlock } from './neuron/neuron-event-output.js';
import { SynramOnDLS } from './synapse/synram.js';
import { SynapseRowOnDLS, SynapseRowOnSynapseDriver, SynapseRowOnSynram } from './synapse/synapse-row.js';
import { EntryOnQuad, SynapseQuadColumnOnDLS, SynapseQuadOnDLS, SynapseQuadOnSynram } from './synapse/synapse-quad.js';
import { SynapseOnDLS, SynapseOnSynapseRow } from './synapse/synapse.js';
import { ColumnCorrelationQuadOnDLS, ColumnCurrentQuadOnDLS } from './synapse/column-quad.js';
import { CorrelationResetOnDLS } from './synapse/correlation-reset.js';
import {
  SynapseDriverBlockOnDLS,
  SynapseDriverOnDLS,
  SynapseDriverOnPADIBus,
  SynapseDriverOnSynapseDriverBlock,
} from './synapse-driver/synapse-driver.js';
import { PADIBusBlockOnDLS, PADIBusOnDLS, PADIBusOnPADIBusBlock, PADIEventOnDLS } from './padi/padi-bus.js';
import { CrossbarInputOnDLS } from './crossbar/crossbar-input.js';
import { CrossbarL2OutputOnDLS, CrossbarOutputOnDLS } from './crossbar/crossbar-output.js';
import { CrossbarGridIndexOnDLS, CrossbarNodeOnDLS } from './crossbar/crossbar-node.js';
import { CrossbarOutputConfigOnDLS } from './crossbar/crossbar-output-config.js';
import { BackgroundSpikeSourceOnDLS } from './background/background-spike-source.js';
import { CapMemBlockOnDLS, CapMemBlockOnHemisphere } from './capmem/capmem-block.js';
import { CapMemCellOnCapMemBlock, CapMemColumnOnCapMemBlock, CapMemRowOnCapMemBlock } from './capmem/capmem-cell-on-block.js';
import { CapMemCellOnDLS } from './capmem/capmem-cell.js';
import { CADCChannelColumnOnSynram, CADCChannelOnDLS, CADCChannelType, CADCOnDLS } from './cadc/cadc-channel.js';
import { CADCReadoutType, CADCSampleQuadOnDLS } from './cadc/cadc-sample-quad.js';
import { MADCConfigOnDLS, MADCControlOnDLS } from './madc/madc.js';
import { ByteOnPPUMemoryWord, PPUMemoryByteOnPPU, PPUMemoryWordOnDLS, PPUMemoryWordOnPPU, PPUOnDLS } from './ppu/ppu-memory.js';
import {
  NeuronBackendAddressOut,
  NeuronLabel,
  PADILabel,
  RowSelectAddress,
  SPL1Address,
  SynapseLabel,
} from './event/spike-label-fields.js';
import { SpikeLabel } from './event/spike-label.js';

/**
 * The registry: one row per coordinate type, with its size and the reference section it models. The contract
 * test suite, serialization and the app's inspector iterate this list; adding a coordinate type means adding
 * its row here.
 */
export const coordinates = [
  { type: HemisphereOnDLS, size: 2, section: '§1.1' },
  // neuron/
  { type: NeuronRowOnDLS, size: 2, section: '§1.1' },
  { type: NeuronColumnOnDLS, size: 256, section: '§1.1' },
  { type: AtomicNeuronOnDLS, size: 512, section: '§1.1' },
  { type: NeuronConfigBlockOnDLS, size: 4, section: '§1.1' },
  { type: NeuronConfigOnNeuronConfigBlock, size: 128, section: '§1.1' },
  { type: NeuronConfigOnDLS, size: 512, section: '§2.2' },
  { type: NeuronBackendConfigBlockOnDLS, size: 2, section: '§1.8' },
  { type: CommonNeuronBackendConfigOnDLS, size: 2, section: '§1.8' },
  { type: NeuronBackendConfigOnNeuronBackendConfigBlock, size: 256, section: '§1.8' },
  { type: NeuronBackendConfigOnDLS, size: 512, section: '§1.8' },
  { type: NeuronEventOutputOnNeuronBackendBlock, size: 4, section: '§1.1' },
  { type: NeuronEventOutputOnDLS, size: 8, section: '§1.1' },
  // synapse/
  { type: SynramOnDLS, size: 2, section: '§1.1' },
  { type: SynapseRowOnSynapseDriver, size: 2, section: '§1.1' },
  { type: SynapseRowOnSynram, size: 256, section: '§1.1' },
  { type: SynapseRowOnDLS, size: 512, section: '§1.1' },
  { type: SynapseQuadColumnOnDLS, size: 64, section: '§1.1' },
  { type: EntryOnQuad, size: 4, section: '§1.1' },
  { type: SynapseQuadOnSynram, size: 16384, section: '§1.5' },
  { type: SynapseQuadOnDLS, size: 32768, section: '§1.5' },
  { type: SynapseOnSynapseRow, size: 256, section: '§1.1' },
  { type: SynapseOnDLS, size: 131072, section: '§1.1' },
  { type: ColumnCurrentQuadOnDLS, size: 128, section: '§1.5' },
  { type: ColumnCorrelationQuadOnDLS, size: 128, section: '§3.1' },
  { type: CorrelationResetOnDLS, size: 32768, section: '§3.3' },
  // synapse-driver/
  { type: SynapseDriverOnPADIBus, size: 32, section: '§1.1' },
  { type: SynapseDriverBlockOnDLS, size: 2, section: '§1.1' },
  { type: SynapseDriverOnSynapseDriverBlock, size: 128, section: '§1.1' },
  { type: SynapseDriverOnDLS, size: 256, section: '§1.1' },
  // padi/
  { type: PADIBusOnPADIBusBlock, size: 4, section: '§1.1' },
  { type: PADIBusBlockOnDLS, size: 2, section: '§1.1' },
  { type: PADIBusOnDLS, size: 8, section: '§1.1' },
  { type: PADIEventOnDLS, size: 2, section: '§1.5' },
  // crossbar/
  { type: CrossbarInputOnDLS, size: 20, section: '§1.2' },
  { type: CrossbarOutputOnDLS, size: 12, section: '§1.2' },
  { type: CrossbarL2OutputOnDLS, size: 4, section: '§1.2' },
  { type: CrossbarNodeOnDLS, size: 76, section: '§1.2' },
  { type: CrossbarGridIndexOnDLS, size: 240, section: '§1.2' },
  { type: CrossbarOutputConfigOnDLS, size: 1, section: '§1.2' },
  // background/
  { type: BackgroundSpikeSourceOnDLS, size: 8, section: '§1.6' },
  // capmem/
  { type: CapMemBlockOnHemisphere, size: 2, section: '§2.3' },
  { type: CapMemBlockOnDLS, size: 4, section: '§2.3' },
  { type: CapMemRowOnCapMemBlock, size: 24, section: '§2.3' },
  { type: CapMemColumnOnCapMemBlock, size: 130, section: '§2.3' },
  { type: CapMemCellOnCapMemBlock, size: 3120, section: '§2.3' },
  { type: CapMemCellOnDLS, size: 12480, section: '§2.3' },
  // cadc/
  { type: CADCOnDLS, size: 2, section: '§3.1' },
  { type: CADCChannelType, size: 2, section: '§3.1' },
  { type: CADCChannelColumnOnSynram, size: 256, section: '§3.1' },
  { type: CADCChannelOnDLS, size: 1024, section: '§3.1' },
  { type: CADCReadoutType, size: 2, section: '§3.1' },
  { type: CADCSampleQuadOnDLS, size: 131072, section: '§3.1' },
  // madc/
  { type: MADCConfigOnDLS, size: 1, section: '§3.2' },
  { type: MADCControlOnDLS, size: 1, section: '§3.2' },
  // ppu/
  { type: PPUOnDLS, size: 2, section: '§4.1' },
  { type: PPUMemoryWordOnPPU, size: 4096, section: '§4.6' },
  { type: PPUMemoryWordOnDLS, size: 8192, section: '§4.6' },
  { type: ByteOnPPUMemoryWord, size: 4, section: '§4.6' },
  { type: PPUMemoryByteOnPPU, size: 16384, section: '§4.6' },
  // event/
  { type: SPL1Address, size: 4, section: '§1.3' },
  { type: NeuronLabel, size: 16384, section: '§1.3' },
  { type: PADILabel, size: 2048, section: '§1.3' },
  { type: RowSelectAddress, size: 32, section: '§1.3' },
  { type: SynapseLabel, size: 64, section: '§1.3' },
  { type: NeuronBackendAddressOut, size: 256, section: '§1.3' },
  { type: SpikeLabel, size: 65536, section: '§1.3' },
] as const satisfies readonly { type: CoordType<string>; size: number; section: string }[];

/** One row of the registry. */
export type CoordinateEntry = (typeof coordinates)[number];

/** The name of every coordinate type, e.g. `'SynapseDriverOnDLS'`. */
export type CoordinateName = CoordinateEntry['type']['coordName'];
