import { cadcIdealCode } from '@bss2/analog';
import { TwinConnection } from '@bss2/chip';
import { ExternalPPUMemoryWordOnFPGA, MADCConfigOnDLS, MADCControlOnDLS, PPUOnDLS } from '@bss2/coords';
import { PlaybackProgramBuilder } from '@bss2/playback';
import { ExternalPPUMemoryWord, MADCConfig, MADCControl } from '@bss2/regs';
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
  routeFpgaToBus,
  US,
  writeSynapseRow,
} from './testing/bench-network.js';

// Test bench of programs/cadc-recorder.s on the twin (issue 4: "the CADC recorder's traces match the MADC
// trace of the same neuron within ADC resolution"). Eight neurons get excitatory input, strong enough that some
// of them fire; the MADC records neuron 0 every 32 ns while the PPU samples all membranes through the CADC
// every 3 µs into external memory. Each CADC sample of neuron 0 must equal, within one CADC LSB, the CADC code
// of the voltage the MADC measured at the same cycle.

const recorder = assembleFirmware('cadc-recorder');
const columns = Array.from({ length: 8 }, (_, c) => c);
const samples = 60;
const periodPpuCycles = 750;
const startCycles = 10 * US;
const runCycles = startCycles + (samples * periodPpuCycles) / 2 + 10 * US;
const timesOffsetWords = (samples * 256) / 4;
const MADC_VOLTS_PER_CODE = 1.2 / 1023;

describe('firmware cadc-recorder.s', () => {
  it('records every membrane of the hemisphere periodically, matching the MADC trace within one CADC LSB', async () => {
    const connection = new TwinConnection({ identity: 'firmware-recorder', fidelity: 'ideal' });
    const builder = new PlaybackProgramBuilder();
    const driver = driverOn(0, 0);
    configureSharedCapMem(builder);
    configureNeurons(builder, columns, { readoutColumn: 0 });
    configureColumns(builder, 'membrane');
    routeFpgaToBus(builder, 0);
    const [top, bottom] = enableDriver(builder, driver);
    for (const row of [top, bottom]) writeSynapseRow(builder, row, columns.map((c) => 63 - 5 * c), columns.map(() => 3));
    builder.write(MADCConfig, MADCConfigOnDLS(0), MADCConfig.modify(MADCConfig.defaults(), { numberOfSamples: runCycles / 4 }));

    loadPpuProgram(builder, PPUOnDLS.top, recorder.image);
    for (const [symbol, value] of [
      ['mailbox_period', periodPpuCycles],
      ['mailbox_samples', samples],
      ['mailbox_samples_at', 0x4000_0000],
      ['mailbox_times_at', 0x4000_0000 + 4 * timesOffsetWords],
    ] as const) {
      writePpuWord(builder, PPUOnDLS.top, recorder.symbol(symbol), value);
    }
    builder.timerReset();
    builder.write(MADCControl, MADCControlOnDLS(0), MADCControl.modify(MADCControl.defaults(), { wakeUp: true, startRecording: true }));
    builder.waitUntil(startCycles);
    startPpu(builder, PPUOnDLS.top);
    // Input: single events every 4 µs and a two-event burst every 20 µs (the strongly coupled neurons fire).
    const times: number[] = [];
    for (let t = startCycles + 2 * US; t < runCycles - 10 * US; t += 4 * US) times.push(t);
    for (let t = startCycles + 5 * US; t < runCycles - 10 * US; t += 20 * US) times.push(t, t + 8);
    builder.injectSpikes(times.map(() => driverLabel(driver, 3)), times);
    builder.waitUntil(runCycles);
    const status = readPpuStatus(builder, PPUOnDLS.top);
    const done = readPpuWord(builder, PPUOnDLS.top, recorder.symbol('mailbox_done'));
    const words = Array.from({ length: timesOffsetWords + samples }, (_, w) => builder.read(ExternalPPUMemoryWord, ExternalPPUMemoryWordOnFPGA(w)));
    const result = await connection.run(builder.done());

    expect(status.get()).toEqual({ sleep: true, fault: 0 });
    expect(done.get().value).toBe(samples);
    const memory = words.map((ticket) => ticket.get().value);
    const byte = (sample: number, column: number): number => {
      const index = sample * 256 + (column & 1) * 128 + (column >> 1);
      return (memory[index >> 2]! >>> (24 - 8 * (index & 3))) & 0xff;
    };
    const madc = new Map(result.madcSamples.map((s) => [s.cycles, s.value]));
    const madcStart = result.madcSamples[0]!.cycles;
    let compared = 0;
    const codes: number[] = [];
    for (let k = 0; k < samples; k++) {
      // The sample's first conversion at timer cycle startCycles + time/2 (two PPU cycles per FPGA cycle).
      const cycle = startCycles + memory[timesOffsetWords + k]! / 2;
      // On the period grid, late by the start-up instructions and the polling loop only (a few cycles).
      const late = cycle - (startCycles + (k * periodPpuCycles) / 2);
      expect(late).toBeGreaterThanOrEqual(0);
      expect(late).toBeLessThan(16);
      const nearest = madcStart + 4 * Math.round((cycle - madcStart) / 4);
      const [before, at, after] = [nearest - 4, nearest, nearest + 4].map((c) => madc.get(c)!);
      // Skip a sample that falls between a spike and its reset: no ADC agrees across a jump.
      if (Math.abs(after! - before!) * MADC_VOLTS_PER_CODE > 0.01) continue;
      const expected = cadcIdealCode(at! * MADC_VOLTS_PER_CODE);
      expect(Math.abs(byte(k, 0) - expected), `sample ${k} at cycle ${cycle}`).toBeLessThanOrEqual(1);
      codes.push(byte(k, 0));
      compared++;
    }
    expect(compared).toBeGreaterThan(samples - 5);
    // The trace moves (input and spikes), and every recorded neuron was sampled.
    expect(Math.max(...codes) - Math.min(...codes)).toBeGreaterThan(10);
    for (const c of columns) expect(byte(samples - 1, c)).toBeGreaterThan(0);
    await connection.close();
  });
});
