import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BackgroundSpikeSourceOnDLS } from '@bss2/coords';
import { BackgroundSpikeSource, ChangeSet, Chip, type ContainerValue } from '@bss2/regs';
import { EventRouter } from './index.js';
import { zeroSeedState } from './background-source.js';
import { RecordingSink } from '../test-support/recording-sink.js';

// The background generators must produce the §1.6 sequence draw for draw: the spike times and labels below come
// from a model written straight from the reference and the README's choices (one xorshift32 (13, 17, 5) step per
// draw; per spike first the mask draw, then one Poisson draw per bin — its low byte, 0 redrawn — until r ≤ rate),
// in unsigned arithmetic, sharing no code with the router. Source b reaches L2 output b % 4 in the reset state.

type Source = ContainerValue<typeof BackgroundSpikeSource>;

/** The first `count` spikes (cycle, 16-bit L2 label) of source `b` enabled at `start` with `value`. */
function modelTrain(b: number, value: Source, start: number, count: number): { cycle: number; label: number; source: number }[] {
  let state = value.seed === 0 ? zeroSeedState : value.seed;
  const draw = (): number => {
    state = (state ^ (state << 13)) >>> 0;
    state = (state ^ (state >>> 17)) >>> 0;
    state = (state ^ (state << 5)) >>> 0;
    return state % 0x10000;
  };
  const binsUntilSpike = (): number => {
    if (!value.enableRandom) return 1;
    for (let bins = 1; ; bins++) {
      let r = 0;
      while (r === 0) r = draw() % 0x100;
      if (r <= value.rate) return bins;
    }
  };
  const train = [];
  let cycle = start + binsUntilSpike() * value.period;
  for (let k = 0; k < count; k++) {
    const label = (value.neuronLabel & ~value.mask) | (draw() & value.mask);
    train.push({ cycle, label: ((b % 4) << 14) | label, source: b });
    cycle += binsUntilSpike() * value.period;
  }
  return train;
}

const sourceValue = fc.record({
  enableRandom: fc.boolean(),
  period: fc.integer({ min: 1, max: 300 }),
  rate: fc.integer({ min: 1, max: 255 }),
  mask: fc.integer({ min: 0, max: 255 }),
  neuronLabel: fc.integer({ min: 0, max: 0x3fff }),
  seed: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 0xffff_ffff })),
});

describe('background spike sources against the §1.6 generator model', () => {
  it('spike times and labels of several sources at once equal the model, draw for draw', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 8 }), fc.array(sourceValue, { minLength: 8, maxLength: 8 }), fc.nat(10_000), (sources, values, start) => {
        const chip = new Chip();
        const changed = new ChangeSet();
        for (const b of sources) {
          chip.set(BackgroundSpikeSource, BackgroundSpikeSourceOnDLS(b), { ...BackgroundSpikeSource.defaults(), enable: true, ...values[b]! });
          changed.add(BackgroundSpikeSource, b);
        }
        const sink = new RecordingSink();
        const router = new EventRouter(sink);
        router.configure(chip, changed, start);
        const perSource = 200;
        const trains = sources.map((b) => modelTrain(b, chip.get(BackgroundSpikeSource, BackgroundSpikeSourceOnDLS(b)), start, perSource));
        // Every model spike up to the earliest last one is due; ties go by source index.
        const horizon = Math.min(...trains.map((t) => t[perSource - 1]!.cycle));
        const expected = trains
          .flat()
          .filter((s) => s.cycle <= horizon)
          .sort((x, y) => x.cycle - y.cycle || x.source - y.source)
          .map(({ cycle, label }) => ({ cycle, label }));
        router.emitBackgroundUntil(horizon);
        expect(sink.l2).toEqual(expected);
      }),
    );
  });
});
