import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CorrelationSensors } from './correlation.js';
import { FixedPattern } from './fixed-pattern.js';

// An independent reference for §10.9 on one synapse: explicit traces x (pre) and y (post), decayed between
// events step by step, updated in event order, accumulators capped at 255 − b.

type Event = { readonly kind: 'pre' | 'post' | 'reset'; readonly gapCycles: number };

function reference(events: readonly Event[], tauUs: number, amplitude: number, bCausal: number, bAcausal: number): [number, number] {
  let x = 0;
  let y = 0;
  let causal = 0;
  let acausal = 0;
  for (const e of events) {
    const decay = Math.exp((-e.gapCycles * 0.008) / tauUs);
    x *= decay;
    y *= decay;
    if (e.kind === 'pre') {
      acausal = Math.min(acausal + amplitude * y, 255 - bAcausal);
      x = 1;
    } else if (e.kind === 'post') {
      causal = Math.min(causal + amplitude * x, 255 - bCausal);
      y = 1;
    } else {
      causal = 0;
      acausal = 0;
    }
  }
  return [bCausal + causal, bAcausal + acausal];
}

const pattern = FixedPattern.draw('correlation-prop');

describe('CorrelationSensors against an explicit-trace reference (§10.9)', () => {
  it('matches on random event sequences, stays within [b, 255]', () => {
    const eventArb = fc.record({ kind: fc.constantFrom('pre' as const, 'post' as const, 'reset' as const), gapCycles: fc.integer({ min: 0, max: 2000 }) });
    fc.assert(
      fc.property(
        fc.array(eventArb, { maxLength: 60 }),
        fc.double({ min: 0.5, max: 50, noNaN: true }),
        fc.double({ min: 0, max: 40, noNaN: true }),
        fc.integer({ min: 0, max: 1 }),
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 255 }),
        (events, tauUs, amplitude, synram, row, column) => {
          const s = new CorrelationSensors(pattern);
          const block = synram * 2 + (column >= 128 ? 1 : 0);
          const tau = [1, 1, 1, 1];
          const amp = [0, 0, 0, 0];
          tau[block] = tauUs;
          amp[block] = amplitude;
          s.configure(tau, amp);
          let t = 0;
          for (const e of events) {
            t += e.gapCycles;
            if (e.kind === 'pre') s.preEvent(synram, row, Uint8Array.of(column), 1, t);
            else if (e.kind === 'post') s.postPulse(synram, column, t);
            else s.resetRow(synram, row);
          }
          const i = synram * 65536 + row * 256 + column;
          const bc = pattern.correlationBaselineCausalLsb[i] as number;
          const ba = pattern.correlationBaselineAcausalLsb[i] as number;
          // The reference's traces start at 0, i.e. "no event yet", like the sensors' −∞ times.
          const [causal, acausal] = reference(events, tauUs, amplitude, bc, ba);
          expect(s.valueLsb(synram, row, 0, column)).toBeCloseTo(causal, 6);
          expect(s.valueLsb(synram, row, 1, column)).toBeCloseTo(acausal, 6);
          for (const v of [s.valueLsb(synram, row, 0, column), s.valueLsb(synram, row, 1, column)]) {
            expect(v).toBeLessThanOrEqual(255 + 1e-9);
            expect(v).toBeGreaterThanOrEqual(Math.min(bc, ba) - 1e-9);
          }
        },
      ),
    );
  });
});
