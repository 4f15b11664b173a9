import { SynapseQuadOnDLS } from '@bss2/coords';
import { SynapseQuad, type ChangeSet, type Chip } from '@bss2/regs';

// Row-wise access to the synapse SRAM for the plasticity processor (the vector unit moves a whole row half at a
// time, reference §4.5). The words live in the register file's `Chip`, so host reads, PPU reads and the physics
// all see one synapse array.

const QUADS_PER_ROW = 64;

export type SynapseField = 'weights' | 'labels';

export function readSynapseRow(chip: Chip, synram: number, row: number, field: SynapseField, out: Uint8Array): void {
  for (let q = 0; q < QUADS_PER_ROW; q++) {
    const quad = chip.get(SynapseQuad, SynapseQuadOnDLS(synram * 16384 + row * QUADS_PER_ROW + q));
    const values = quad[field];
    for (let e = 0; e < 4; e++) out[q * 4 + e] = values[e] as number;
  }
}

export function writeSynapseRow(
  chip: Chip,
  changes: ChangeSet,
  synram: number,
  row: number,
  field: SynapseField,
  values: Uint8Array,
  mask: Uint8Array | undefined,
): void {
  for (let q = 0; q < QUADS_PER_ROW; q++) {
    const coord = SynapseQuadOnDLS(synram * 16384 + row * QUADS_PER_ROW + q);
    const quad = chip.get(SynapseQuad, coord);
    const next = [...quad[field]];
    let touched = false;
    for (let e = 0; e < 4; e++) {
      const column = q * 4 + e;
      if (mask !== undefined && mask[column] === 0) continue;
      next[e] = values[column] as number;
      touched = true;
    }
    if (!touched) continue;
    chip.set(SynapseQuad, coord, { ...quad, [field]: next });
    changes.add(SynapseQuad, coord);
  }
}
