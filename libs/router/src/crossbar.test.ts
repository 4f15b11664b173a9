import { describe, expect, it } from 'vitest';
import { AtomicNeuronOnDLS, BackgroundSpikeSourceOnDLS, CrossbarInputOnDLS, CrossbarNodeOnDLS, CrossbarOutputConfigOnDLS, CrossbarOutputOnDLS } from '@bss2/coords';
import { BackgroundSpikeSource, ChangeSet, Chip, CrossbarNode, CrossbarOutputConfig, NeuronBackendConfig } from '@bss2/regs';
import { EventRouter } from './index.js';
import { nodeInHalcoMap } from '@bss2/coords/test-support';
import { RecordingSink } from '../test-support/recording-sink.js';

// Reference §1.2: node sparsity, mask/target matching, the reset state of a node, drop and event counters.

const node = (input: number, output: number): CrossbarNodeOnDLS => CrossbarNodeOnDLS.of(CrossbarInputOnDLS(input), CrossbarOutputOnDLS(output));

function setup(configure: (chip: Chip) => void): { router: EventRouter; sink: RecordingSink; chip: Chip } {
  const chip = new Chip();
  chip.set(CrossbarOutputConfig, CrossbarOutputConfigOnDLS(0), { enableSlow: [false, false, false, false], enableEventCounter: new Array<boolean>(12).fill(true) });
  configure(chip);
  const sink = new RecordingSink();
  const router = new EventRouter(sink);
  router.configure(chip, ChangeSet.all(), 0);
  return { router, sink, chip };
}

const counters = (router: EventRouter): number[] => Array.from({ length: 12 }, (_, o) => router.eventCounter(o));

describe('crossbar (§1.2)', () => {
  it('an event reaches exactly the outputs the halco node map has for its input (reset nodes pass everything)', () => {
    const { router, sink } = setup((chip) => {
      for (const n of AtomicNeuronOnDLS.all()) chip.modify(NeuronBackendConfig, n, { enSpikeOut: true });
    });
    const fire = (input: number): void => {
      if (input < 8) router.neuronSpike(input * 32 + 5, 0); // column 32·input + 5 sends on event output `input`
      else if (input < 12) router.fpgaSpike(((input - 8) << 14) | 0x1234, 0);
      else {
        const chip = new Chip();
        chip.set(BackgroundSpikeSource, BackgroundSpikeSourceOnDLS(input - 12), { ...BackgroundSpikeSource.defaults(), enable: true, period: 1 });
        const changed = new ChangeSet();
        changed.add(BackgroundSpikeSource, input - 12);
        router.configure(chip, changed, 0);
        router.emitBackgroundUntil(1);
        changed.clear();
        changed.add(BackgroundSpikeSource, input - 12);
        router.configure(new Chip(), changed, 1); // disable again
      }
    };
    for (let input = 0; input < 20; input++) {
      router.resetCounters();
      sink.clear();
      fire(input);
      expect(counters(router), `input ${input}`).toEqual(Array.from({ length: 12 }, (_, o) => (nodeInHalcoMap(input, o) ? 1 : 0)));
      const l2Outputs = sink.l2.map((e) => 8 + (e.label >> 14));
      expect(l2Outputs).toEqual([8, 9, 10, 11].filter((o) => nodeInHalcoMap(input, o)));
    }
  });

  it('the reset state of a node (mask 0, target 0) passes every label; drop_all (mask 0, target 1) none', () => {
    const sink = new RecordingSink();
    const router = new EventRouter(sink); // no configure: register reset state
    router.fpgaSpike(0xffff, 3);
    router.fpgaSpike(0x4000, 4);
    expect(sink.l2).toEqual([
      { label: 0xffff, cycle: 3 },
      { label: 0x4000, cycle: 4 },
    ]);

    const { router: dropping, sink: dropped } = setup((chip) => chip.set(CrossbarNode, node(9, 9), { mask: 0, target: 1, enableDropCounter: true }));
    for (let l = 0; l < 0x4000; l += 97) dropping.fpgaSpike((1 << 14) | l, 0);
    expect(dropped.l2).toEqual([]);
    expect(dropping.eventCounter(9)).toBe(0);
    expect(dropping.dropCounter(9)).toBe(Math.ceil(0x4000 / 97));
  });

  it('passes on (label & mask) == target; the NeuronLabel is forwarded unchanged with SPL1 = output − 8', () => {
    const { router, sink } = setup((chip) => chip.set(CrossbarNode, node(10, 10), { mask: 0x3f00, target: 0x1200, enableDropCounter: false }));
    for (const label of [0x1200, 0x12ff, 0x1300, 0x0200, 0x3200, 0x12ab]) router.fpgaSpike((2 << 14) | label, label);
    expect(sink.l2).toEqual([0x1200, 0x12ff, 0x12ab].map((l) => ({ label: (2 << 14) | l, cycle: l })));
  });

  it('counters: drops per node with enableDropCounter that did not pass, events per enabled output; 16/24-bit wrap; reset', () => {
    const { router } = setup((chip) => {
      chip.set(CrossbarNode, node(8, 8), { mask: 0x3fff, target: 5, enableDropCounter: true });
      chip.set(CrossbarNode, node(8, 0), { mask: 0x3fff, target: 6, enableDropCounter: true });
      chip.set(CrossbarNode, node(8, 1), { mask: 0x3fff, target: 7, enableDropCounter: false });
      chip.set(CrossbarOutputConfig, CrossbarOutputConfigOnDLS(0), {
        enableSlow: [false, false, false, false],
        enableEventCounter: [true, true, false, false, false, false, false, false, true, false, false, false],
      });
    });
    router.fpgaSpike(5, 0); // passes (8,8) and the reset nodes to PADI 2..7; misses (8,0) → 1 drop, (8,1) uncounted
    expect(router.dropCounter(8)).toBe(1);
    router.fpgaSpike(6, 0); // misses (8,8) → 1 drop, passes (8,0)
    router.fpgaSpike(9, 0); // misses both counting nodes → 2 drops
    expect(router.dropCounter(8)).toBe(4);
    expect(counters(router)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0]);
    expect(router.dropCounter(9)).toBe(0);

    for (let k = 0; k < 65_536; k++) router.fpgaSpike(9, 0);
    expect(router.dropCounter(8)).toBe(4); // 65,536 × 2 drops later: wrapped back

    router.resetCounters();
    expect(router.dropCounter(8)).toBe(0);
    expect(counters(router)).toEqual(new Array(12).fill(0));
  });

  it('the output event counter is 24 bit and wraps', () => {
    const silent = { synapseRowEvent: (): void => {}, l2Event: (): void => {} };
    const router = new EventRouter(silent);
    const chip = new Chip();
    chip.set(CrossbarOutputConfig, CrossbarOutputConfigOnDLS(0), {
      enableSlow: [false, false, false, false],
      enableEventCounter: [false, false, false, false, false, false, false, false, true, false, false, false],
    });
    const changed = new ChangeSet();
    changed.addAll(CrossbarOutputConfig);
    router.configure(chip, changed, 0);
    const n = 2 ** 24 + 3;
    for (let k = 0; k < n; k++) router.fpgaSpike(5, 0);
    expect(router.eventCounter(8)).toBe(3);
  });
});
