import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue.js';

// The event queue (flat arrays, in-place compaction, all-256-columns events stored without their columns) against
// a plain model: a list of event objects kept in time order, stable for equal cycles.

// Each run pushes over a thousand events: a fifth of the usual number of runs.
const numRuns = Math.max(1, Math.round(Number(process.env['FC_NUM_RUNS'] ?? 100) / 5));

interface ModelEvent {
  readonly synram: number;
  readonly row: number;
  readonly columns: number[];
  readonly rowMode: number;
  readonly activation: number;
  readonly cycle: number;
}

const allColumns = Array.from({ length: 256 }, (_, c) => c);

/** All 256 in order (stored without a copy), all 256 reversed (stored as they are), or a few columns. */
const columnsArb = fc.oneof(fc.constant('all' as const), fc.constant('reversed' as const), fc.uniqueArray(fc.integer({ min: 0, max: 255 }), { minLength: 0, maxLength: 40 }));

function columnList(columns: 'all' | 'reversed' | number[]): number[] {
  if (columns === 'all') return allColumns;
  return columns === 'reversed' ? [...allColumns].reverse() : columns;
}

const pushArb = fc.record({
  kind: fc.constant('push' as const),
  synram: fc.integer({ min: 0, max: 1 }),
  row: fc.integer({ min: 0, max: 255 }),
  columns: columnsArb,
  rowMode: fc.integer({ min: 0, max: 3 }),
  activation: fc.integer({ min: -1, max: 31 }),
  // Mostly ascending (events routed ahead), sometimes earlier than the last one queued.
  step: fc.integer({ min: -30, max: 100 }),
});

const operationArb = fc.oneof(
  pushArb,
  fc.record({ kind: fc.constant('shift' as const), count: fc.integer({ min: 1, max: 40 }) }),
);

describe('EventQueue', () => {
  it('hands out every event in time order (stable for equal cycles) with its columns, across compactions', () => {
    fc.assert(
      // A long run of pushes first, so that more than 1,024 events are shifted while others wait: compaction.
      fc.property(fc.array(pushArb, { minLength: 1100, maxLength: 1300 }), fc.array(operationArb, { minLength: 100, maxLength: 400, size: 'max' }), (prefix, rest) => {
        const operations = [...prefix, ...rest];
        const queue = new EventQueue();
        const model: ModelEvent[] = [];
        // The router reuses its column buffer: the queue must keep copies.
        const buffer = new Uint8Array(256);
        let cycle = 1000;
        for (const op of operations) {
          if (op.kind === 'push') {
            cycle = Math.max(0, cycle + op.step);
            const columns = columnList(op.columns);
            buffer.set(columns);
            queue.push(op.synram, op.row, buffer, columns.length, op.rowMode, op.activation, cycle);
            buffer.fill(7);
            const event: ModelEvent = { synram: op.synram, row: op.row, columns, rowMode: op.rowMode, activation: op.activation, cycle };
            let at = model.length;
            while (at > 0 && (model[at - 1] as ModelEvent).cycle > cycle) at--;
            model.splice(at, 0, event);
          } else {
            for (let k = 0; k < op.count; k++) {
              const expected = model.shift();
              expect(queue.nextCycle).toBe(expected?.cycle ?? Infinity);
              const i = queue.shift();
              if (expected === undefined) {
                expect(i).toBe(-1);
                break;
              }
              const e = queue.events;
              expect([e.synram[i], e.row[i], e.rowMode[i], e.activation[i], e.cycle[i]]).toEqual([expected.synram, expected.row, expected.rowMode, expected.activation, expected.cycle]);
              expect(Array.from(e.columnsOf(i).subarray(0, e.columnCount[i]))).toEqual(expected.columns);
            }
          }
          if (model.length > 0) expect(queue.endOf((model[0] as ModelEvent).cycle) - queue.head).toBe(model.filter((m) => m.cycle <= (model[0] as ModelEvent).cycle).length);
        }
      }),
      { numRuns, seed: 20261124, endOnFailure: true },
    );
  });
});
