import { twinServerOptionsFromFlags } from '@bss2/remote';
import { describe, expect, it } from 'vitest';
import { parseServerArgs } from './server-args.js';

describe('twin-server arguments', () => {
  it('turns flags into server options', () => {
    const flags = parseServerArgs(['--bind', 'tcp://127.0.0.1:6000', '--chips', '2', '--fidelity', 'analog', '--identity', 'hx', '--queue-capacity', '8']);
    expect(twinServerOptionsFromFlags(flags)).toEqual({
      bind: 'tcp://127.0.0.1:6000',
      queueCapacity: 8,
      chips: [
        { identity: 'hx-0', fidelity: 'analog' },
        { identity: 'hx-1', fidelity: 'analog' },
      ],
    });
  });

  it('defaults to one ideal chip on loopback', () => {
    expect(twinServerOptionsFromFlags(parseServerArgs([]))).toEqual({ bind: 'tcp://127.0.0.1:5555', chips: [{ identity: 'twin-0', fidelity: 'ideal' }] });
  });

  it('refuses unknown flags and positionals with invalid-option and the usage', () => {
    expect(() => parseServerArgs(['--chip', '2'])).toThrow(expect.objectContaining({ code: 'invalid-option', message: expect.stringContaining('usage: twin-server') }));
    expect(() => parseServerArgs(['extra'])).toThrow(expect.objectContaining({ code: 'invalid-option' }));
  });
});
