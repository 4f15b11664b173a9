import { twinServerOptionsFromFlags } from '@bss2/remote';
import { describe, expect, it } from 'vitest';
import { parseServerArgs } from './server-args.js';

describe('twin-server arguments', () => {
  it('turns flags into server options', () => {
    const flags = parseServerArgs(['--bind', 'tcp://127.0.0.1:6000', '--chips', '2', '--fidelity', 'analog', '--identity', 'hx', '--queue-capacity', '8', '--max-run-ms', '2500']);
    expect(twinServerOptionsFromFlags(flags)).toEqual({
      bind: 'tcp://127.0.0.1:6000',
      queueCapacity: 8,
      maxRunMs: 2500,
      chips: [
        { identity: 'hx-0', fidelity: 'analog' },
        { identity: 'hx-1', fidelity: 'analog' },
      ],
    });
  });

  it('defaults to one ideal chip on loopback', () => {
    expect(twinServerOptionsFromFlags(parseServerArgs([]))).toEqual({ bind: 'tcp://127.0.0.1:5555', chips: [{ identity: 'twin-0', fidelity: 'ideal' }] });
  });

  it('refuses a run-time limit outside 1..3600000 ms with invalid-option naming --max-run-ms', () => {
    for (const bad of ['0', '3600001', '1.5', 'ten']) {
      expect(() => twinServerOptionsFromFlags(parseServerArgs(['--max-run-ms', bad]))).toThrow(expect.objectContaining({ code: 'invalid-option', field: 'max-run-ms', range: { min: 1, max: 3_600_000 } }));
    }
  });

  it('runs the chips inline with --inline-chips, which refuses a run-time limit', () => {
    expect(twinServerOptionsFromFlags(parseServerArgs(['--inline-chips']))).toMatchObject({ inlineChips: true });
    expect(() => twinServerOptionsFromFlags(parseServerArgs(['--inline-chips', '--max-run-ms', '100']))).toThrow(expect.objectContaining({ code: 'invalid-option', field: 'max-run-ms', value: '100' }));
  });

  it('names the flag as typed in every flag error', () => {
    expect(() => twinServerOptionsFromFlags(parseServerArgs(['--curve-secret', '/nonexistent.key_secret']))).toThrow(expect.objectContaining({ field: 'authorized-keys' }));
    expect(() => twinServerOptionsFromFlags(parseServerArgs(['--authorized-keys', '/nonexistent']))).toThrow(expect.objectContaining({ field: 'curve-secret' }));
    expect(() => twinServerOptionsFromFlags(parseServerArgs(['--queue-capacity', '0']))).toThrow(expect.objectContaining({ field: 'queue-capacity' }));
  });

  it('refuses unknown flags and positionals with invalid-option and the usage', () => {
    expect(() => parseServerArgs(['--chip', '2'])).toThrow(expect.objectContaining({ code: 'invalid-option', message: expect.stringContaining('usage: twin-server') }));
    expect(() => parseServerArgs(['extra'])).toThrow(expect.objectContaining({ code: 'invalid-option' }));
  });
});
