import { defineCoord, type Coord } from '../ranged.js';

// Reference §3.2: the chip has one membrane ADC. Its static configuration (MADCConfig) and its run control
// (MADCControl: wake up, start, stop) are separate containers, so each has its own singleton coordinate, as
// in halco (include/halco/hicann-dls/vx/madc.h: MADCConfigOnDLS and MADCControlOnDLS, RantWrapper 0..0).

/** The MADC's static configuration (sampling, preamplifier, clock scaling, input multiplexing). */
export const MADCConfigOnDLS = defineCoord('MADCConfigOnDLS', 0);
export type MADCConfigOnDLS = Coord<'MADCConfigOnDLS'>;

/** The MADC's write-only run control. */
export const MADCControlOnDLS = defineCoord('MADCControlOnDLS', 0);
export type MADCControlOnDLS = Coord<'MADCControlOnDLS'>;
