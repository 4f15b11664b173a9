import { AtomicNeuronOnDLS } from '@bss2/coords';
import { baseOf, type OmnibusBlockName } from '../omnibus-address-map.js';

// The neuron backend SRAM, the neuron reset SRAM and the spike counters share one addressing scheme: each
// west/east block holds its 256 neurons (both rows) in slots 4 words apart, ordered like the backend configs,
// `row · 128 + column % 128` (halco neuron.cpp NeuronBackendConfigOnDLS, NeuronResetOnDLS; haldls
// src/haldls/vx/neuron.cpp). It is written once here so the four containers cannot drift apart.

/** Words from one neuron's slot to the next; a NeuronBackendConfig fills its whole slot. */
export const backendSlotStride = 4;

/** Address of `neuron`'s slot in `block`, instance `column / 128` (west, east). */
export function backendSlotAddress(block: OmnibusBlockName, neuron: AtomicNeuronOnDLS): number {
  return (
    baseOf(block, AtomicNeuronOnDLS.toNeuronBackendConfigBlockOnDLS(neuron)) +
    AtomicNeuronOnDLS.toNeuronBackendConfigOnNeuronBackendConfigBlock(neuron) * backendSlotStride
  );
}

/** The `addressing` text of a container at `backendSlotAddress(block, n)`. */
export function backendSlotAddressing(block: OmnibusBlockName): string {
  return `${block}[column / 128] + ${backendSlotStride} · (row · 128 + column % 128)`;
}
