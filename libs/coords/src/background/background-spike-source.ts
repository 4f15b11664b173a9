import { defineCoord, type Coord } from '../ranged.js';
import { HemisphereOnDLS } from '../hemisphere.js';
import { PADIBusOnDLS } from '../padi/padi-bus.js';
import { CrossbarInputOnDLS } from '../crossbar/crossbar-input.js';
import { CrossbarL2OutputOnDLS } from '../crossbar/crossbar-output.js';

// Reference §1.1, §1.2 and §1.6: 8 background spike sources. Source b enters the crossbar at input 12 + b and
// has nodes only to PADI bus b (top for 0..3, bottom for 4..7) and to L2 output b % 4 (halco background.cpp).

const perHemisphere = 4;

/** Background spike source 0..7. */
const source = defineCoord('BackgroundSpikeSourceOnDLS', 7);
export const BackgroundSpikeSourceOnDLS = Object.assign(source, {
  toHemisphereOnDLS: (b: BackgroundSpikeSourceOnDLS): HemisphereOnDLS => HemisphereOnDLS(Math.floor(source(b) / perHemisphere)),
  /** The one PADI bus the source can reach: bus b (halco BackgroundSpikeSourceOnDLS::toPADIBusOnDLS). */
  toPADIBusOnDLS: (b: BackgroundSpikeSourceOnDLS): PADIBusOnDLS => PADIBusOnDLS(source(b)),
  toCrossbarInputOnDLS: (b: BackgroundSpikeSourceOnDLS): CrossbarInputOnDLS =>
    CrossbarInputOnDLS.fromBackgroundSpikeSourceOnDLS(b),
  toCrossbarL2OutputOnDLS: (b: BackgroundSpikeSourceOnDLS): CrossbarL2OutputOnDLS =>
    CrossbarL2OutputOnDLS(source(b) % perHemisphere),
});
export type BackgroundSpikeSourceOnDLS = Coord<'BackgroundSpikeSourceOnDLS'>;
