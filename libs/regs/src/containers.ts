import { BackgroundSpikeSource } from './background/background-spike-source.js';
import { CADCChannelConfig, CADCConfig } from './cadc/cadc.js';
import { CADCSampleQuad } from './cadc/cadc-sample-quad.js';
import { CapMemBlockConfig, CapMemCell } from './capmem/capmem.js';
import { CrossbarNode, CrossbarOutputConfig } from './crossbar/crossbar.js';
import { CrossbarInputDropCounter, CrossbarOutputEventCounter } from './crossbar/crossbar-counters.js';
import { MADCConfig, MADCControl } from './madc/madc.js';
import { CommonNeuronBackendConfig, NeuronBackendConfig } from './neuron/neuron-backend.js';
import { NeuronConfig } from './neuron/neuron-config.js';
import { BlockPostPulse, NeuronReset } from './neuron/neuron-reset.js';
import { SpikeCounterRead, SpikeCounterReset } from './neuron/spike-counter.js';
import { CommonPADIBusConfig, PADIEvent } from './padi/padi.js';
import { ExternalPPUMemoryWord, PPUControlRegister, PPUMemoryWord, PPUStatusRegister } from './ppu/ppu.js';
import { SynapseDriverConfig } from './synapse-driver/synapse-driver-config.js';
import { ColumnCorrelationQuad, ColumnCurrentQuad } from './synapse/column-quads.js';
import { CorrelationReset } from './synapse/correlation-reset.js';
import { SynapseQuad } from './synapse/synapse-quad.js';

/**
 * The registry: one row per container type (STYLE item 2). The contract tests, `Chip`, the reverse address
 * lookup and the docs all iterate it. The order of the `config` rows is the order `Chip` writes a full
 * configuration in: CapMem first (its voltages need time to settle), then neurons, readout, the event path
 * from the synapses back to the crossbar, and the background sources last, so that they start into a fully
 * routed chip; PPU memory follows.
 */
export const containers = [
  CapMemBlockConfig,
  CapMemCell,
  CommonNeuronBackendConfig,
  NeuronConfig,
  NeuronBackendConfig,
  CADCConfig,
  CADCChannelConfig,
  MADCConfig,
  SynapseDriverConfig,
  CommonPADIBusConfig,
  SynapseQuad,
  ColumnCurrentQuad,
  ColumnCorrelationQuad,
  CrossbarOutputConfig,
  CrossbarNode,
  BackgroundSpikeSource,
  PPUMemoryWord,
  PPUControlRegister,
  PPUStatusRegister,
  ExternalPPUMemoryWord,
  SpikeCounterRead,
  CrossbarInputDropCounter,
  CrossbarOutputEventCounter,
  CADCSampleQuad,
  SpikeCounterReset,
  NeuronReset,
  BlockPostPulse,
  CorrelationReset,
  PADIEvent,
  MADCControl,
] as const;

/** Any registered container type. */
export type RegisteredContainer = (typeof containers)[number];

/** Name of a registered container type. */
export type ContainerName = RegisteredContainer['name'];
