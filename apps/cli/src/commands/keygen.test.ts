import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCurveKeyPair, readCurvePublicKey } from '@bss2/remote';
import { afterAll, describe, expect, it } from 'vitest';
import { keygen } from './keygen.js';

const dir = mkdtempSync(join(tmpdir(), 'bss2-keygen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bss2 keygen', () => {
  it('writes a certificate pair the server and clients read back, the secret owner-only', () => {
    const { publicFile, secretFile, publicKey } = keygen('alice', { dir });
    expect(publicFile).toBe(join(dir, 'alice.key'));
    expect(readCurvePublicKey(publicFile)).toBe(publicKey);
    expect(readCurveKeyPair(secretFile).publicKey).toBe(publicKey);
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
  });

  it('refuses to overwrite a pair without force, and a name that is not a plain file name', () => {
    keygen('bob', { dir });
    expect(() => keygen('bob', { dir })).toThrow(expect.objectContaining({ code: 'invalid-option', value: join(dir, 'bob.key') }));
    const again = keygen('bob', { dir, force: true });
    expect(readCurvePublicKey(again.publicFile)).toBe(again.publicKey);
    expect(() => keygen('../escape', { dir })).toThrow(expect.objectContaining({ code: 'invalid-option' }));
  });
});
