import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateCurveKeyPair, PUBLIC_KEY_SUFFIX, RemoteError, SECRET_KEY_SUFFIX, writeCurveCertificate } from '@bss2/remote';
import type { Command } from 'commander';

/**
 * Writes a new CURVE key pair as `<dir>/<name>.key` (public: give it to the other side) and
 * `<dir>/<name>.key_secret` (owner-only). Refuses to overwrite a pair unless `force`.
 */
export function keygen(name: string, options: { dir?: string; force?: boolean } = {}): { publicFile: string; secretFile: string; publicKey: string } {
  if (!/^[A-Za-z0-9._-]+$/.test(name)) {
    throw new RemoteError('invalid-option', `key name ${JSON.stringify(name)} must be letters, digits, '.', '_' or '-'`, { field: 'name', value: name });
  }
  const dir = options.dir ?? '.';
  const base = join(dir, name);
  for (const file of [base + PUBLIC_KEY_SUFFIX, base + SECRET_KEY_SUFFIX]) {
    if (existsSync(file) && options.force !== true) {
      throw new RemoteError('invalid-option', `${file} exists; pass --force to replace the key pair`, { field: 'name', value: file });
    }
  }
  mkdirSync(dir, { recursive: true });
  const pair = generateCurveKeyPair();
  return { ...writeCurveCertificate(base, pair), publicKey: pair.publicKey };
}

export function registerKeygenCommand(program: Command): void {
  program
    .command('keygen')
    .description('make a CURVE key pair for bss2 serve and its clients: <name>.key (public) and <name>.key_secret')
    .argument('<name>', 'base name of the two files, e.g. server or alice')
    .option('--dir <dir>', 'where to write them', '.')
    .option('--force', 'replace an existing pair')
    .action((name: string, options: { dir: string; force?: boolean }) => {
      const { publicFile, secretFile, publicKey } = keygen(name, options);
      process.stdout.write(`public key ${publicKey}\n  ${publicFile} (give to the other side; servers list client keys in --authorized-keys)\n  ${secretFile} (keep private, mode 600)\n`);
    });
}
