import { defineCoord, type Coord } from './ranged.js';

// Reference §1.1: two hemispheres, top = 0 and bottom = 1, each with one synram, PPU and CADC.
const hemisphere = defineCoord('HemisphereOnDLS', 1);
export const HemisphereOnDLS = Object.assign(hemisphere, {
  top: hemisphere(0),
  bottom: hemisphere(1),
});
export type HemisphereOnDLS = Coord<'HemisphereOnDLS'>;
