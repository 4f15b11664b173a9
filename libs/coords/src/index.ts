// @bss2/coords — typed, range-checked coordinates for every BrainScaleS-2 chip resource (the halco layer).
// Table of contents: named re-exports grouped by file. The registry of all coordinate types is `coordinates`.

// Core: the coordinate factory, typed arrays, the error class.
export { defineCoord, checkCoord, type Coord, type CoordType, type CoordOf, type CoordResult } from './ranged.js';
export { CoordArray } from './coord-array.js';
export { CoordError, type CoordErrorCode } from './coord-error.js';
export { coordinates, type CoordinateEntry, type CoordinateName } from './coordinates.js';

// Chip halves.
export { HemisphereOnDLS } from './hemisphere.js';

// neuron/
export { NeuronRowOnDLS } from './neuron/neuron-row.js';
export { NeuronColumnOnDLS } from './neuron/neuron-column.js';
export { AtomicNeuronOnDLS } from './neuron/atomic-neuron.js';
export { NeuronConfigBlockOnDLS, NeuronConfigOnNeuronConfigBlock, NeuronConfigOnDLS } from './neuron/neuron-config.js';
export {
  NeuronBackendConfigBlockOnDLS,
  CommonNeuronBackendConfigOnDLS,
  NeuronBackendConfigOnNeuronBackendConfigBlock,
  NeuronBackendConfigOnDLS,
} from './neuron/neuron-backend.js';
export { NeuronEventOutputOnNeuronBackendBlock, NeuronEventOutputOnDLS } from './neuron/neuron-event-output.js';

// synapse/
export { SynramOnDLS } from './synapse/synram.js';
export { SynapseRowOnSynapseDriver, SynapseRowOnSynram, SynapseRowOnDLS } from './synapse/synapse-row.js';
export { SynapseQuadColumnOnDLS, EntryOnQuad, SynapseQuadOnSynram, SynapseQuadOnDLS } from './synapse/synapse-quad.js';
export { SynapseOnSynapseRow, SynapseOnDLS } from './synapse/synapse.js';
export { ColumnCurrentQuadOnDLS, ColumnCorrelationQuadOnDLS } from './synapse/column-quad.js';
export { CorrelationResetOnDLS } from './synapse/correlation-reset.js';

// synapse-driver/
export {
  SynapseDriverOnPADIBus,
  SynapseDriverBlockOnDLS,
  SynapseDriverOnSynapseDriverBlock,
  SynapseDriverOnDLS,
} from './synapse-driver/synapse-driver.js';

// padi/
export { PADIBusOnPADIBusBlock, PADIBusBlockOnDLS, PADIBusOnDLS, PADIEventOnDLS } from './padi/padi-bus.js';

// crossbar/
export { CrossbarInputOnDLS, type CrossbarInputKind } from './crossbar/crossbar-input.js';
export { CrossbarOutputOnDLS, CrossbarL2OutputOnDLS, type CrossbarOutputKind } from './crossbar/crossbar-output.js';
export { CrossbarNodeOnDLS, CrossbarGridIndexOnDLS } from './crossbar/crossbar-node.js';
export { CrossbarOutputConfigOnDLS } from './crossbar/crossbar-output-config.js';

// background/
export { BackgroundSpikeSourceOnDLS } from './background/background-spike-source.js';

// capmem/
export { CapMemBlockOnHemisphere, CapMemBlockOnDLS } from './capmem/capmem-block.js';
export { CapMemRowOnCapMemBlock, CapMemColumnOnCapMemBlock, CapMemCellOnCapMemBlock } from './capmem/capmem-cell-on-block.js';
export { neuronParameters, NeuronParameter, type CapMemQuantity } from './capmem/neuron-parameter.js';
export { sharedCapMemCells, globalCapMemCells, type SharedCapMemCell, type GlobalCapMemCell } from './capmem/named-cells.js';
export { CapMemCellOnDLS, type CapMemCellKind, type NeuronParameterCell } from './capmem/capmem-cell.js';

// cadc/
export { CADCOnDLS, CADCChannelType, CADCChannelColumnOnSynram, CADCChannelOnDLS } from './cadc/cadc-channel.js';
export { CADCReadoutType, CADCSampleQuadOnDLS } from './cadc/cadc-sample-quad.js';

// madc/
export { MADCConfigOnDLS, MADCControlOnDLS } from './madc/madc.js';

// ppu/
export { PPUOnDLS, ByteOnPPUMemoryWord, PPUMemoryWordOnPPU, PPUMemoryWordOnDLS, PPUMemoryByteOnPPU, ExternalPPUMemoryWordOnFPGA } from './ppu/ppu-memory.js';

// event/
export {
  SPL1Address,
  NeuronLabel,
  PADILabel,
  RowSelectAddress,
  SynapseLabel,
  NeuronBackendAddressOut,
} from './event/spike-label-fields.js';
export { SpikeLabel, spikeLabelFields, type SpikeLabelFields } from './event/spike-label.js';
