import { describe, expect, it } from 'vitest';
import { BackgroundSpikeSourceOnDLS } from '@bss2/coords';
import { BackgroundSpikeSource, ChangeSet, Chip, type ContainerValue } from '@bss2/regs';
import { EventRouter } from './index.js';
import { RecordingSink } from '../test-support/recording-sink.js';

// Reference §1.6 and the README's background choices. Background source b reaches L2 output b % 4 through its
// crossbar node (§1.2), which passes everything in the reset state, so the L2 events are the spike train:
// SPL1 bits 14–15 = b % 4, NeuronLabel in bits 0–13.

type Source = ContainerValue<typeof BackgroundSpikeSource>;

function source(fields: Partial<Source>): Source {
  return { ...BackgroundSpikeSource.defaults(), enable: true, ...fields };
}

/** A router plus a helper that writes source registers at a given cycle. */
function harness(): { router: EventRouter; sink: RecordingSink; write: (b: number, value: Source, cycle: number) => void } {
  const sink = new RecordingSink();
  const router = new EventRouter(sink);
  const chip = new Chip();
  const write = (b: number, value: Source, cycle: number): void => {
    chip.set(BackgroundSpikeSource, BackgroundSpikeSourceOnDLS(b), value);
    const changed = new ChangeSet();
    changed.add(BackgroundSpikeSource, b);
    router.configure(chip, changed, cycle);
  };
  return { router, sink, write };
}

/** Emits the next `n` background spikes one by one (the lazy schedule). */
function emitSpikes(router: EventRouter, n: number): void {
  for (let k = 0; k < n; k++) router.emitBackgroundUntil(router.nextBackgroundCycle());
}

const times = (sink: RecordingSink): number[] => sink.l2.map((e) => e.cycle);

describe('background spike sources (§1.6)', () => {
  it('regular mode: first spike one full period after the enable edge, then exactly every period', () => {
    const { router, sink, write } = harness();
    expect(router.nextBackgroundCycle()).toBe(Infinity);
    write(2, source({ period: 37, neuronLabel: 0x123 }), 1000);
    expect(router.nextBackgroundCycle()).toBe(1037);
    router.emitBackgroundUntil(1036);
    expect(sink.l2).toEqual([]);
    router.emitBackgroundUntil(1000 + 37 * 100);
    expect(times(sink)).toEqual(Array.from({ length: 100 }, (_, k) => 1000 + 37 * (k + 1)));
    expect(sink.l2.every((e) => e.label === ((2 << 14) | 0x123))).toBe(true);
  });

  it('Poisson mode: mean ISI within 5σ of period · 255 / rate over 20k spikes, ISIs whole bins, P(1 bin) = rate/255', () => {
    for (const [period, rate] of [
      [1, 1],
      [8, 64],
      [3, 200],
      [100, 17],
    ] as const) {
      const { router, sink, write } = harness();
      write(0, source({ enableRandom: true, period, rate, seed: 0xc0ffee + rate }), 0);
      const n = 20_000;
      emitSpikes(router, n);
      const t = times(sink);
      expect(t.length).toBe(n);
      const isis = t.map((x, k) => x - (k === 0 ? 0 : (t[k - 1] as number)));
      expect(isis.every((isi) => isi > 0 && isi % period === 0)).toBe(true);
      const p = rate / 255;
      const meanIsi = isis.reduce((a, b) => a + b, 0) / n;
      const sigmaOfMean = (period * Math.sqrt(1 - p)) / p / Math.sqrt(n); // geometric number of bins
      expect(Math.abs(meanIsi - (period * 255) / rate), `period ${period}, rate ${rate}`).toBeLessThan(5 * sigmaOfMean);
      const oneBin = isis.filter((isi) => isi === period).length / n;
      expect(Math.abs(oneBin - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
    }
  });

  it('Poisson rate 255 spikes in every bin; rate 0 and period 0 are silent', () => {
    const { router, sink, write } = harness();
    write(1, source({ enableRandom: true, period: 10, rate: 255 }), 5);
    router.emitBackgroundUntil(55);
    expect(times(sink)).toEqual([15, 25, 35, 45, 55]);
    write(1, source({ enableRandom: true, period: 10, rate: 0 }), 60);
    write(3, source({ period: 0 }), 60);
    expect(router.nextBackgroundCycle()).toBe(Infinity);
  });

  it('same seed, same train; another seed, another train; re-enabling reloads the seed', () => {
    const train = (seed: number, at: number): { cycle: number; label: number }[] => {
      const { router, sink, write } = harness();
      write(5, source({ enableRandom: true, period: 4, rate: 30, mask: 0x0f, neuronLabel: 0x2a0, seed }), at);
      emitSpikes(router, 500);
      return sink.l2.map((e) => ({ cycle: e.cycle - at, label: e.label }));
    };
    expect(train(12345, 0)).toEqual(train(12345, 777));
    expect(train(12345, 0)).not.toEqual(train(12346, 0));
    expect(train(0, 0)).toEqual(train(0, 10)); // seed 0 loads a fixed nonzero state

    const { router, sink, write } = harness();
    const value = source({ enableRandom: true, period: 4, rate: 30, mask: 0x0f, neuronLabel: 0x2a0, seed: 12345 });
    write(5, value, 0);
    emitSpikes(router, 20);
    write(5, { ...value, enable: false }, sink.l2.at(-1)!.cycle);
    expect(router.nextBackgroundCycle()).toBe(Infinity);
    sink.clear();
    write(5, value, 100_000);
    emitSpikes(router, 500);
    expect(sink.l2.map((e) => ({ cycle: e.cycle - 100_000, label: e.label }))).toEqual(train(12345, 0));
  });

  it('mask randomises exactly the masked label bits; the other bits stay the label', () => {
    const { router, sink, write } = harness();
    const neuronLabel = 0x2a5a;
    const mask = 0b1011_0010;
    write(0, source({ period: 3, neuronLabel, mask, seed: 99 }), 0);
    emitSpikes(router, 2000);
    const labels = sink.l2.map((e) => e.label & 0x3fff);
    expect(labels.every((l) => (l & ~mask) === (neuronLabel & ~mask))).toBe(true);
    for (let bit = 0; bit < 8; bit++) {
      const values = new Set(labels.map((l) => (l >> bit) & 1));
      expect(values.size, `bit ${bit}`).toBe((mask >> bit) & 1 ? 2 : 1);
    }
    // Regular timing does not depend on the mask.
    expect(times(sink)).toEqual(Array.from({ length: 2000 }, (_, k) => 3 * (k + 1)));
  });

  it('emits in time order across sources, ties by source index', () => {
    const { router, sink, write } = harness();
    write(1, source({ period: 10, neuronLabel: 1 }), 0);
    write(0, source({ period: 10, neuronLabel: 0 }), 0);
    write(6, source({ period: 15, neuronLabel: 6 }), 0);
    router.emitBackgroundUntil(30);
    // Source 6 feeds L2 output 6 % 4 = 2 (§1.2).
    expect(sink.l2.map((e) => [e.cycle, e.label])).toEqual([
      [10, 0],
      [10, (1 << 14) | 1],
      [15, (2 << 14) | 6],
      [20, 0],
      [20, (1 << 14) | 1],
      [30, 0],
      [30, (1 << 14) | 1],
      [30, (2 << 14) | 6],
    ]);
  });

  it('rewriting an enabled source: label changes keep the phase, period changes restart at the write, the seed waits for an edge', () => {
    const { router, sink, write } = harness();
    write(4, source({ period: 10, neuronLabel: 7 }), 0);
    router.emitBackgroundUntil(25);
    write(4, source({ period: 10, neuronLabel: 8, seed: 42 }), 25);
    router.emitBackgroundUntil(40);
    expect(sink.l2.map((e) => [e.cycle, e.label & 0x3fff])).toEqual([
      [10, 7],
      [20, 7],
      [30, 8],
      [40, 8],
    ]);
    sink.clear();
    write(4, source({ period: 6, neuronLabel: 8 }), 43);
    router.emitBackgroundUntil(60);
    expect(times(sink)).toEqual([49, 55]);
  });
});
