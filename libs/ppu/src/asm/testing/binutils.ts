import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The GNU toolchain as an oracle for tests (STYLE item 13): never a runtime dependency of the lib.

const tools = {
  as: '/usr/bin/powerpc-linux-gnu-as',
  objcopy: '/usr/bin/powerpc-linux-gnu-objcopy',
  objdump: '/usr/bin/powerpc-linux-gnu-objdump',
} as const;

/** Throws a clear message when the cross toolchain is missing: CI installs binutils-powerpc-linux-gnu. */
export function requireBinutils(): void {
  const missing = Object.values(tools).filter((path) => !existsSync(path));
  if (missing.length > 0) {
    throw new Error(`PowerPC binutils missing (${missing.join(', ')}): install binutils-powerpc-linux-gnu`);
  }
}

function withTempDir<T>(body: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'bss2-ppu-'));
  try {
    return body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Assembles with `as -mppc -a32 -mbig -mregnames` (register names like `r3` need -mregnames) and returns the
 * .text words, or throws with gas's messages.
 */
export function gasAssemble(source: string): number[] {
  return withTempDir((dir) => {
    writeFileSync(join(dir, 'in.s'), source);
    execFileSync(tools.as, ['-mppc', '-a32', '-mbig', '-mregnames', '-o', join(dir, 'in.o'), join(dir, 'in.s')], { stdio: 'pipe' });
    execFileSync(tools.objcopy, ['-O', 'binary', '-j', '.text', join(dir, 'in.o'), join(dir, 'out.bin')], { stdio: 'pipe' });
    const bytes = readFileSync(join(dir, 'out.bin'));
    return Array.from({ length: bytes.length / 4 }, (_, i) => bytes.readUInt32BE(i * 4));
  });
}

/** `objdump -d -b binary -m powerpc:common -EB` of words at address 0, one normalised text per word. */
export function objdumpDisassemble(words: readonly number[]): string[] {
  return withTempDir((dir) => {
    const bytes = Buffer.alloc(words.length * 4);
    words.forEach((word, i) => bytes.writeUInt32BE(word >>> 0, i * 4));
    writeFileSync(join(dir, 'in.bin'), bytes);
    const listing = execFileSync(tools.objdump, ['-D', '-b', 'binary', '-m', 'powerpc:common', '-EB', join(dir, 'in.bin')], {
      maxBuffer: 1 << 26,
    }).toString();
    const texts: string[] = [];
    for (const line of listing.split('\n')) {
      const match = /^\s*([0-9a-f]+):\t(?:[0-9a-f]{2} ){4}\t(.*)$/.exec(line);
      if (match !== null) texts[parseInt(match[1]!, 16) / 4] = match[2]!.replace(/\s+/g, ' ').trim();
    }
    return texts;
  });
}
