import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PADIEventOnDLS, SynapseDriverOnDLS, SynapseQuadOnDLS } from '@bss2/coords';
import { ChangeSet, Chip, PADIEvent, SynapseDriverConfig, SynapseQuad } from '@bss2/regs';
import { EventRouter } from './index.js';
import { SynapseLabelIndex } from './synapse-label-index.js';
import { RecordingSink } from '../test-support/recording-sink.js';

// Reference §1.4 step 5: a synapse responds when its stored label equals the delivered address. The index
// must answer exactly that, and follow label writes (only for the rows a change set names).

describe('SynapseLabelIndex', () => {
  it('lists, for every label, exactly the columns holding it, ascending, and `has` says whether there are any', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 511 }),
        fc.array(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 63 })), { minLength: 256, maxLength: 256 }),
        (row, labels) => {
          const index = new SynapseLabelIndex();
          index.setRow(row, labels);
          for (let address = 0; address < 64; address++) {
            const expected = labels.flatMap((l, c) => (l === address ? [c] : []));
            expect(Array.from(index.matches(row, address))).toEqual(expected);
            expect(index.has(row, address)).toBe(expected.length > 0);
          }
          // Other rows keep the reset labels (0 everywhere).
          const other = (row + 1) % 512;
          expect(index.matches(other, 0).length).toBe(256);
          expect(index.matches(other, 5).length).toBe(0);
          expect([index.has(other, 0), index.has(other, 5)]).toEqual([true, false]);
        },
      ),
    );
  });

  it('after a label write, the row is rebuilt: the old label no longer matches, the new one does', () => {
    const chip = new Chip();
    const changed = new ChangeSet();
    const driver = SynapseDriverOnDLS(3); // block 0, bus 3, position 0; rows 7 (top) and 6
    chip.modify(SynapseDriverConfig, driver, { enableReceiver: true, enableAddressOut: true, rowModeTop: 'excitatory' });
    changed.add(SynapseDriverConfig, driver);
    const quad = SynapseQuadOnDLS(7 * 64 + 10); // synram 0, row 7, columns 40..43
    chip.modify(SynapseQuad, quad, { labels: [5, 9, 5, 0] });
    changed.add(SynapseQuad, quad);
    const sink = new RecordingSink();
    const router = new EventRouter(sink);
    router.configure(chip, changed, 0);
    const fire = (address: number): readonly number[] => {
      sink.clear();
      router.padiEvent(PADIEventOnDLS.top, { ...PADIEvent.defaults(), fireBus: [false, false, false, true], eventAddress: address }, 0);
      return sink.rows.flatMap((e) => e.columns);
    };
    expect(fire(5)).toEqual([40, 42]);
    expect(fire(9)).toEqual([41]);

    chip.modify(SynapseQuad, quad, { labels: [5, 5, 12, 0] });
    // Not yet told: the index still answers from the last configuration.
    expect(fire(12)).toEqual([]);
    const relabel = new ChangeSet();
    relabel.add(SynapseQuad, quad);
    router.configure(chip, relabel, 10);
    expect(fire(5)).toEqual([40, 41]);
    expect(fire(9)).toEqual([]);
    expect(fire(12)).toEqual([42]);
    // Weight-only rewrites keep the labels.
    chip.modify(SynapseQuad, quad, { weights: [63, 1, 2, 3] });
    router.configure(chip, relabel, 20);
    expect(fire(12)).toEqual([42]);
  });

  it('ChangeSet.all() rebuilds every row from the chip', () => {
    const chip = new Chip();
    for (const row of [0, 255, 256, 511]) {
      const q = SynapseQuadOnDLS(row * 64 + 63);
      chip.modify(SynapseQuad, q, { labels: [1, 2, 3, (row % 60) + 4] });
    }
    const index = new SynapseLabelIndex();
    index.configure(chip, ChangeSet.all());
    for (const row of [0, 255, 256, 511]) {
      expect(Array.from(index.matches(row, 1))).toEqual([252]);
      expect(Array.from(index.matches(row, (row % 60) + 4))).toEqual([255]);
      expect(index.matches(row, 0).length).toBe(252);
    }
    expect(index.matches(1, 0).length).toBe(256);
  });
});
