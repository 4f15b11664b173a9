import { PPUOnDLS } from '@bss2/coords';
import { TwinConnection } from '@bss2/chip';
import { PlaybackProgramBuilder, type ContainerTicket } from '@bss2/playback';
import { SpikeCounterRead, SpikeCounterReset, type ContainerValue } from '@bss2/regs';
import { describe, expect, it } from 'vitest';
import { assembleFirmware } from './firmware-image.js';
import { loadPpuProgram, readPpuStatus, readPpuWord, startPpu, writePpuWord } from './ppu-program.js';
import {
  configureColumns,
  configureNeurons,
  configureSharedCapMem,
  driverLabel,
  driverOn,
  enableDriver,
  enablePadiBusses,
  poissonInput,
  topNeuron,
  US,
  writeSynapseRow,
} from './testing/bench-network.js';

// Test bench of programs/homeostasis.s on the twin (issue 4: "homeostasis brings 100 neurons with scattered
// rates to within ±20 % of the target"). 100 neurons share one input row fed by an on-chip Poisson source
// (500 kHz); their input weights start scattered over 12..63, so their rates scatter from silence to several
// times the target. The PPU reads and resets the spike counters every millisecond and moves each neuron's
// input weight towards the target count; afterwards the host measures every neuron's rate on its own.

const homeostasis = assembleFirmware('homeostasis');
const columns = Array.from({ length: 100 }, (_, c) => c);
const targetPerMs = 40;
const periodMs = 1;
const iterations = 20;
const measureMs = 2;

/** Deterministic scattered weights 12..63 (a small LCG, so the bench is the same on every run). */
function scatteredWeights(): number[] {
  let state = 12345;
  return columns.map(() => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return 12 + ((state >>> 16) % 52);
  });
}

type CountTicket = ContainerTicket<ContainerValue<typeof SpikeCounterRead>>;

/** Resets the counters now and reads them `ms` later: the rates of that window. */
function measureRates(builder: PlaybackProgramBuilder, fromCycle: number, ms: number): CountTicket[] {
  builder.waitUntil(fromCycle);
  for (const c of columns) builder.write(SpikeCounterReset, topNeuron(c), {});
  builder.waitUntil(fromCycle + ms * 1000 * US);
  return columns.map((c) => builder.read(SpikeCounterRead, topNeuron(c)));
}

const withinTolerance = (count: number, target: number): boolean => Math.abs(count - target) <= 0.2 * target;

describe('firmware homeostasis.s', () => {
  it('brings 100 neurons with scattered rates to within ±20 % of the target rate', async () => {
    const connection = new TwinConnection({ identity: 'firmware-homeostasis', fidelity: 'ideal' });
    const builder = new PlaybackProgramBuilder();
    const driver = driverOn(0, 0);
    const [inputRow] = enableDriver(builder, driver);
    configureSharedCapMem(builder);
    configureNeurons(builder, columns);
    configureColumns(builder, 'membrane');
    writeSynapseRow(builder, inputRow, scatteredWeights(), columns.map(() => 7));
    enablePadiBusses(builder, [true, false, false, false]);
    builder.timerReset();
    poissonInput(builder, 0, driverLabel(driver, 7), 250, 2024);
    const before = measureRates(builder, 100 * US, measureMs);

    loadPpuProgram(builder, PPUOnDLS.top, homeostasis.image);
    const mailbox: [string, number][] = [
      ['mailbox_period', periodMs * 1000 * 250],
      ['mailbox_iterations', iterations],
      ['mailbox_target', targetPerMs * periodMs],
      ['mailbox_tolerance', 2],
      ['mailbox_gain', 64],
      ['mailbox_neuron_row', 0],
      ['mailbox_first_column', 0],
      ['mailbox_column_count', columns.length],
      ['mailbox_first_row', inputRow],
      ['mailbox_row_count', 1],
    ];
    for (const [symbol, value] of mailbox) writePpuWord(builder, PPUOnDLS.top, homeostasis.symbol(symbol), value);
    const started = (100 + measureMs * 1000 + 10) * US;
    builder.waitUntil(started);
    startPpu(builder, PPUOnDLS.top);
    const finished = started + ((iterations + 1) * periodMs * 1000 + 10) * US;
    builder.waitUntil(finished);
    const status = readPpuStatus(builder, PPUOnDLS.top);
    const done = readPpuWord(builder, PPUOnDLS.top, homeostasis.symbol('mailbox_done'));
    const after = measureRates(builder, finished, measureMs);
    await connection.run(builder.done());

    expect(status.get()).toEqual({ sleep: true, fault: 0 });
    expect(done.get().value).toBe(iterations);
    const target = targetPerMs * measureMs;
    const countsBefore = before.map((t) => t.get().count);
    const countsAfter = after.map((t) => t.get().count);
    // Before: most neurons far from the target (some silent, some several times too fast).
    expect(countsBefore.filter((n) => !withinTolerance(n, target)).length).toBeGreaterThan(70);
    expect(Math.min(...countsBefore)).toBeLessThan(target / 2);
    expect(Math.max(...countsBefore)).toBeGreaterThan(2 * target);
    // After: every neuron within ±20 %.
    expect(countsAfter.filter((n) => !withinTolerance(n, target))).toEqual([]);
    await connection.close();
  });
});
