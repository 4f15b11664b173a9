import { defineCoord, type Coord } from '../ranged.js';
import { HemisphereOnDLS } from '../hemisphere.js';

// Reference §1.1: one synapse array (synram) per hemisphere, 256 rows × 256 columns.

/** Synapse array: 0 top, 1 bottom (same index as its hemisphere). */
const synram = defineCoord('SynramOnDLS', 1);
export const SynramOnDLS = Object.assign(synram, {
  top: synram(0),
  bottom: synram(1),
  toHemisphereOnDLS: (s: SynramOnDLS): HemisphereOnDLS => HemisphereOnDLS(synram(s)),
  fromHemisphereOnDLS: (h: HemisphereOnDLS): SynramOnDLS => synram(HemisphereOnDLS(h)),
});
export type SynramOnDLS = Coord<'SynramOnDLS'>;
