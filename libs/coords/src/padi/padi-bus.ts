import { defineCoord, type Coord } from '../ranged.js';
import { HemisphereOnDLS } from '../hemisphere.js';
import { CrossbarOutputOnDLS } from '../crossbar/crossbar-output.js';

// Reference §1.1: 4 PADI busses per hemisphere, 8 in total; crossbar outputs 0..7 drive them (§1.2).

const perBlock = 4;

/** Bus inside its block, 0..3; driver d of the block listens on bus d % 4. */
export const PADIBusOnPADIBusBlock = defineCoord('PADIBusOnPADIBusBlock', perBlock - 1);
export type PADIBusOnPADIBusBlock = Coord<'PADIBusOnPADIBusBlock'>;

/** PADI bus block: 0 top, 1 bottom (one per hemisphere). */
const busBlock = defineCoord('PADIBusBlockOnDLS', 1);
export const PADIBusBlockOnDLS = Object.assign(busBlock, {
  top: busBlock(0),
  bottom: busBlock(1),
  toHemisphereOnDLS: (b: PADIBusBlockOnDLS): HemisphereOnDLS => HemisphereOnDLS(busBlock(b)),
  fromHemisphereOnDLS: (h: HemisphereOnDLS): PADIBusBlockOnDLS => busBlock(HemisphereOnDLS(h)),
});
export type PADIBusBlockOnDLS = Coord<'PADIBusBlockOnDLS'>;

/** PADI bus on the chip: `block · 4 + bus`, 0..3 top, 4..7 bottom. */
const busOnDLS = defineCoord('PADIBusOnDLS', 2 * perBlock - 1);
export const PADIBusOnDLS = Object.assign(busOnDLS, {
  of: (block: PADIBusBlockOnDLS, bus: PADIBusOnPADIBusBlock): PADIBusOnDLS =>
    busOnDLS(busBlock(block) * perBlock + PADIBusOnPADIBusBlock(bus)),
  toPADIBusBlockOnDLS: (b: PADIBusOnDLS): PADIBusBlockOnDLS => busBlock(Math.floor(busOnDLS(b) / perBlock)),
  toPADIBusOnPADIBusBlock: (b: PADIBusOnDLS): PADIBusOnPADIBusBlock => PADIBusOnPADIBusBlock(busOnDLS(b) % perBlock),
  toHemisphereOnDLS: (b: PADIBusOnDLS): HemisphereOnDLS => HemisphereOnDLS(Math.floor(busOnDLS(b) / perBlock)),
  /** Bus k is driven by crossbar output k (§1.2; halco padi.cpp). */
  toCrossbarOutputOnDLS: (b: PADIBusOnDLS): CrossbarOutputOnDLS => CrossbarOutputOnDLS(busOnDLS(b)),
});
export type PADIBusOnDLS = Coord<'PADIBusOnDLS'>;

/**
 * The PADI event trigger register (§1.5 PADIEvent) of one hemisphere: 0 top, 1 bottom. A write fires an
 * event on any of that hemisphere's 4 busses (halco padi.cpp).
 */
const padiEvent = defineCoord('PADIEventOnDLS', 1);
export const PADIEventOnDLS = Object.assign(padiEvent, {
  top: padiEvent(0),
  bottom: padiEvent(1),
  toHemisphereOnDLS: (e: PADIEventOnDLS): HemisphereOnDLS => HemisphereOnDLS(padiEvent(e)),
  toPADIBusBlockOnDLS: (e: PADIEventOnDLS): PADIBusBlockOnDLS => busBlock(padiEvent(e)),
});
export type PADIEventOnDLS = Coord<'PADIEventOnDLS'>;
