import type { ChipTwinOptions } from '@bss2/chip';
import { readAuthorizedKeys, readCurveKeyPair } from './curve-keys.js';
import { MAX_RUN_TIMEOUT_MS } from './protocol.js';
import { RemoteError } from './remote-error.js';
import { DEFAULT_BIND, type TwinServerOptions } from './twin-server.js';

/** The command-line flags of `bss2 serve` and `twin-server`, as strings, before checking. */
export interface TwinServerFlags {
  readonly bind?: string;
  readonly chips?: string;
  readonly fidelity?: string;
  /** One identity per chip, comma-separated, or one prefix: chips are then `<prefix>-0` … `<prefix>-(N−1)`. */
  readonly identity?: string;
  readonly queueCapacity?: string;
  /** `--max-run-ms`: the run-time limit of a program, default and ceiling of a request's runTimeoutMs. */
  readonly maxRunMs?: string;
  /** A `.key_secret` certificate of the server (`bss2 keygen`); turns CURVE on. */
  readonly curveSecret?: string;
  /** A directory of authorised client `.key` certificates, or one certificate. */
  readonly authorizedKeys?: string;
  readonly insecure?: boolean;
  /** `--inline-chips`: every chip on the server's thread (lowest latency, no run-time limit). */
  readonly inlineChips?: boolean;
}

const MAX_CHIPS = 1024;

function integerFlag(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || value > max) {
    throw new RemoteError('invalid-option', `--${name} must be an integer in ${min}..${max}, got ${JSON.stringify(text)}`, { field: name, value: text, range: { min, max } });
  }
  return value;
}

function identities(flag: string | undefined, count: number | undefined): string[] {
  const given = (flag ?? 'twin').split(',').map((s) => s.trim());
  if (given.some((s) => s.length === 0)) throw new RemoteError('invalid-option', `--identity has an empty name: ${JSON.stringify(flag)}`, { field: 'identity', value: flag });
  if (given.length > 1) {
    if (count !== undefined && count !== given.length) {
      throw new RemoteError('invalid-option', `--chips ${count} but --identity names ${given.length} chips`, { field: 'chips', value: count, range: { min: given.length, max: given.length } });
    }
    if (new Set(given).size !== given.length) throw new RemoteError('invalid-option', `--identity names a chip twice: ${flag}`, { field: 'identity', value: flag });
    return given;
  }
  const n = count ?? 1;
  return n === 1 && flag !== undefined ? given : Array.from({ length: n }, (_, i) => `${given[0]}-${i}`);
}

/** Checks the flags and turns them into server options; every bad flag is an `invalid-option` whose `field` is the flag's name. */
export function twinServerOptionsFromFlags(flags: TwinServerFlags): TwinServerOptions {
  const fidelity = flags.fidelity ?? 'ideal';
  if (fidelity !== 'ideal' && fidelity !== 'analog') {
    throw new RemoteError('invalid-option', `--fidelity must be ideal or analog, got ${JSON.stringify(fidelity)}`, { field: 'fidelity', value: fidelity });
  }
  const count = flags.chips === undefined ? undefined : integerFlag('chips', flags.chips, 1, MAX_CHIPS);
  const chips: ChipTwinOptions[] = identities(flags.identity, count).map((identity) => ({ identity, fidelity }));
  if (flags.authorizedKeys !== undefined && flags.curveSecret === undefined) {
    throw new RemoteError('invalid-option', '--authorized-keys needs --curve-secret (the server key pair)', { field: 'curve-secret', value: 'missing' });
  }
  if (flags.curveSecret !== undefined && flags.authorizedKeys === undefined) {
    throw new RemoteError('invalid-option', '--curve-secret needs --authorized-keys: with CURVE on, only listed clients get in', { field: 'authorized-keys', value: 'missing' });
  }
  if (flags.inlineChips === true && flags.maxRunMs !== undefined) {
    throw new RemoteError('invalid-option', `--max-run-ms ${flags.maxRunMs} needs chips in worker threads; with --inline-chips a running program cannot be stopped`, { field: 'max-run-ms', value: flags.maxRunMs });
  }
  const curve = flags.curveSecret === undefined ? undefined : { ...readCurveKeyPair(flags.curveSecret), authorizedKeys: readAuthorizedKeys(flags.authorizedKeys as string) };
  return {
    bind: flags.bind ?? DEFAULT_BIND,
    chips,
    ...(flags.queueCapacity !== undefined && { queueCapacity: integerFlag('queue-capacity', flags.queueCapacity, 1, 1_000_000) }),
    ...(flags.maxRunMs !== undefined && { maxRunMs: integerFlag('max-run-ms', flags.maxRunMs, 1, MAX_RUN_TIMEOUT_MS) }),
    ...(curve && { curve }),
    ...(flags.insecure === true && { allowInsecureNetwork: true }),
    ...(flags.inlineChips === true && { inlineChips: true }),
  };
}
