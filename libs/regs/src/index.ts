// @bss2/regs — register containers with table-driven field layouts, the omnibus address map and `Chip`
// (the haldls/lola layer). Table of contents: named re-exports grouped by file.

// Errors.
export { RegsError, tryRegs, type RegsErrorCode, type RegsRange, type RegsResult } from './regs-error.js';

// The field engine: table vocabulary, the engine, docs rows.
export type { Access, ContainerKind, ContainerSpec, Encoding, FieldSpec, FieldValue, Slice, ValueOf, WritableOf } from './field-engine/field-spec.js';
export {
  defineContainer,
  type AnyContainer,
  type ContainerCoord,
  type ContainerType,
  type ContainerValue,
} from './field-engine/define-container.js';
export type { FieldDoc } from './field-engine/describe-fields.js';

// Address map and lookup.
export { omnibusAddressMap, baseOf, type OmnibusBlock, type OmnibusBlockName } from './omnibus-address-map.js';
export { addressToContainer, allAddresses, type AddressOwner } from './address-lookup.js';

// The registry.
export { containers, type ContainerName, type RegisteredContainer } from './containers.js';

// Containers, by chip unit.
export { NeuronConfig } from './neuron/neuron-config.js';
export { NeuronBackendConfig, CommonNeuronBackendConfig } from './neuron/neuron-backend.js';
export { SpikeCounterRead, SpikeCounterReset } from './neuron/spike-counter.js';
export { NeuronReset, BlockPostPulse } from './neuron/neuron-reset.js';
export { SynapseQuad } from './synapse/synapse-quad.js';
export { ColumnCurrentQuad, ColumnCorrelationQuad } from './synapse/column-quads.js';
export { CorrelationReset } from './synapse/correlation-reset.js';
export { SynapseDriverConfig } from './synapse-driver/synapse-driver-config.js';
export { PADIEvent, CommonPADIBusConfig } from './padi/padi.js';
export { CrossbarNode, CrossbarOutputConfig } from './crossbar/crossbar.js';
export { CrossbarInputDropCounter, CrossbarOutputEventCounter } from './crossbar/crossbar-counters.js';
export { BackgroundSpikeSource } from './background/background-spike-source.js';
export { CapMemCell, CapMemBlockConfig, capMemDisableRefresh } from './capmem/capmem.js';
export { CADCConfig, CADCChannelConfig } from './cadc/cadc.js';
export { CADCSampleQuad } from './cadc/cadc-sample-quad.js';
export { MADCConfig, MADCControl } from './madc/madc.js';
export { PPUMemoryWord, ExternalPPUMemoryWord, PPUControlRegister, PPUStatusRegister } from './ppu/ppu.js';
export { PPUMemoryBlock } from './ppu/ppu-memory-block.js';

// The whole static configuration.
export { Chip, chipContainers, type Writes } from './chip.js';
export { ChangeSet } from './change-set.js';

// Docs.
export { describeRegisters } from './describe-registers.js';
