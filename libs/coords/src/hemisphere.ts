import { defineCoord, type Coord } from './ranged.js';

// Reference §1.1: two hemispheres, top = 0 and bottom = 1, each with one synram, PPU and CADC.
export const HemisphereOnDLS = defineCoord('HemisphereOnDLS', 1);
export type HemisphereOnDLS = Coord<'HemisphereOnDLS'>;
