import { defineCoord, type Coord } from '../ranged.js';

// Reference §1.2: besides the 76 nodes the crossbar has one output-side register, CrossbarOutputConfig
// (`enable_slow` per L2 output, `enable_event_counter` per output). Its coordinate is a singleton, as in halco
// (include/halco/hicann-dls/vx/routing_crossbar.h CrossbarOutputConfigOnDLS, RantWrapper 0..0), so the
// register is addressed like every other container instead of by a bare "the one".

/** The crossbar's single output configuration register. */
export const CrossbarOutputConfigOnDLS = defineCoord('CrossbarOutputConfigOnDLS', 0);
export type CrossbarOutputConfigOnDLS = Coord<'CrossbarOutputConfigOnDLS'>;
