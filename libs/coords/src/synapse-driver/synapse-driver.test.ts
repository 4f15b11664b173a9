import { describe, expect, it } from 'vitest';
import {
  PADIBusOnDLS,
  SynapseDriverBlockOnDLS,
  SynapseDriverOnDLS,
  SynapseDriverOnPADIBus,
  SynapseDriverOnSynapseDriverBlock,
  SynapseRowOnDLS,
  SynapseRowOnSynapseDriver,
  SynapseRowOnSynram,
} from '../index.js';

describe('synapse drivers (goldens, §1.1; halco synapse_driver.cpp)', () => {
  it('driver 5 sits on PADI bus 1 at position 1 and drives rows 11 and 10', () => {
    const d = SynapseDriverOnSynapseDriverBlock(5);
    expect(SynapseDriverOnSynapseDriverBlock.toPADIBusOnPADIBusBlock(d)).toBe(1);
    expect(SynapseDriverOnSynapseDriverBlock.toSynapseDriverOnPADIBus(d)).toBe(1);
    expect(SynapseDriverOnSynapseDriverBlock.toSynapseRowsOnSynram(d)).toEqual([11, 10]);
    expect(SynapseDriverOnSynapseDriverBlock.toSynapseRowOnSynram(d, SynapseRowOnSynapseDriver.top)).toBe(11);
    expect(SynapseDriverOnSynapseDriverBlock.toSynapseRowOnSynram(d, SynapseRowOnSynapseDriver.bottom)).toBe(10);
  });

  it('bottom driver 5 sits on chip bus 5 and drives chip rows 267 and 266', () => {
    const d = SynapseDriverOnDLS.of(SynapseDriverBlockOnDLS.bottom, SynapseDriverOnSynapseDriverBlock(5));
    expect(d).toBe(133);
    expect(SynapseDriverOnDLS.toPADIBusOnDLS(d)).toBe(5);
    expect(SynapseDriverOnDLS.toSynapseDriverOnPADIBus(d)).toBe(1);
    expect(SynapseDriverOnDLS.toSynapseRowsOnDLS(d)).toEqual([267, 266]);
    expect(SynapseDriverOnDLS.toHemisphereOnDLS(d)).toBe(1);
    expect(SynapseDriverOnDLS.ofPADIBus(PADIBusOnDLS(5), SynapseDriverOnPADIBus(1))).toBe(133);
  });

  it('row 11 is driver 5’s top row, row 10 its bottom row', () => {
    expect(SynapseRowOnSynram.toSynapseDriverOnSynapseDriverBlock(SynapseRowOnSynram(11))).toBe(5);
    expect(SynapseRowOnSynram.toSynapseRowOnSynapseDriver(SynapseRowOnSynram(11))).toBe(SynapseRowOnSynapseDriver.top);
    expect(SynapseRowOnSynram.toSynapseRowOnSynapseDriver(SynapseRowOnSynram(10))).toBe(SynapseRowOnSynapseDriver.bottom);
    expect(SynapseRowOnDLS.toSynapseDriverOnDLS(SynapseRowOnDLS(267))).toBe(133);
  });

  it('each PADI bus carries 32 drivers, one per row-select position', () => {
    for (const bus of PADIBusOnDLS.all()) {
      const onBus = SynapseDriverOnDLS.all().filter((d) => SynapseDriverOnDLS.toPADIBusOnDLS(d) === bus);
      expect(onBus.map((d) => SynapseDriverOnDLS.toSynapseDriverOnPADIBus(d))).toEqual(SynapseDriverOnPADIBus.all());
    }
  });

  it('every synapse row has exactly one driver', () => {
    const rows = SynapseDriverOnDLS.all().flatMap((d) => SynapseDriverOnDLS.toSynapseRowsOnDLS(d));
    expect(new Set(rows).size).toBe(SynapseRowOnDLS.size);
  });

  it('even drivers use the west CapMem block of their hemisphere, odd ones the east (halco synapse_driver.cpp)', () => {
    expect([0, 1, 128, 129].map((d) => SynapseDriverOnDLS.toCapMemBlockOnDLS(SynapseDriverOnDLS(d)))).toEqual([0, 1, 2, 3]);
  });

  it('conversions check their parts (a forged row selector or bus position throws)', () => {
    expect(() => SynapseDriverOnDLS.toSynapseRowOnDLS(SynapseDriverOnDLS(0), 2 as SynapseRowOnSynapseDriver)).toThrow(
      /SynapseRowOnSynapseDriver 2 is out of range 0..1/,
    );
    expect(() => SynapseDriverOnDLS.ofPADIBus(PADIBusOnDLS(0), 32 as SynapseDriverOnPADIBus)).toThrow(/0..31/);
  });
});
