import { defineCoord, type Coord } from '../ranged.js';
import { PADIBusOnDLS } from '../padi/padi-bus.js';
import { SPL1Address } from '../event/spike-label-fields.js';

// Reference §1.2: 12 crossbar outputs; 0..7 drive the PADI busses (0..3 top, 4..7 bottom), 8..11 go to L2,
// where the FPGA records them (halco routing_crossbar.cpp).

const padiBusses = 8;

/** What a crossbar output drives. */
export type CrossbarOutputKind = 'padi-bus' | 'l2';

/** Crossbar output 0..11. */
const output = defineCoord('CrossbarOutputOnDLS', 11);
export const CrossbarOutputOnDLS = Object.assign(output, {
  kind: (o: CrossbarOutputOnDLS): CrossbarOutputKind => (output(o) < padiBusses ? 'padi-bus' : 'l2'),
  /** The PADI bus of an output < 8 (the identity), `undefined` for the L2 outputs. */
  toPADIBusOnDLS: (o: CrossbarOutputOnDLS): PADIBusOnDLS | undefined =>
    CrossbarOutputOnDLS.kind(o) === 'padi-bus' ? PADIBusOnDLS(o) : undefined,
  /** The L2 channel of an output ≥ 8 (`o − 8`), `undefined` for the PADI outputs. */
  toCrossbarL2OutputOnDLS: (o: CrossbarOutputOnDLS): CrossbarL2OutputOnDLS | undefined =>
    CrossbarOutputOnDLS.kind(o) === 'l2' ? CrossbarL2OutputOnDLS(o - padiBusses) : undefined,
});
export type CrossbarOutputOnDLS = Coord<'CrossbarOutputOnDLS'>;

/** Crossbar output to L2, 0..3 (crossbar outputs 8..11). */
const l2Output = defineCoord('CrossbarL2OutputOnDLS', 3);
export const CrossbarL2OutputOnDLS = Object.assign(l2Output, {
  toCrossbarOutputOnDLS: (l: CrossbarL2OutputOnDLS): CrossbarOutputOnDLS => output(l2Output(l) + padiBusses),
  /** L2 output l is recorded on SPL1 channel l (halco event.h SPL1Address::toCrossbarL2OutputOnDLS). */
  toSPL1Address: (l: CrossbarL2OutputOnDLS): SPL1Address => SPL1Address(l2Output(l)),
});
export type CrossbarL2OutputOnDLS = Coord<'CrossbarL2OutputOnDLS'>;
