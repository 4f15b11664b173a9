import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { assemble, symbolMap } from '@bss2/ppu';
import { FIRMWARE_NAMES, firmwareSourceUrl } from './firmware-image.js';

// The workspace's firmware build (`npm run build -w @bss2/firmware`): every program of `programs/` assembled
// into `dist/bin/<name>.bin` (the flat image a host loads at PPU address 0, reference §4.8) and
// `dist/bin/<name>.bin.symbols.json` (mailbox addresses), exactly what `bss2 asm` writes.

const out = new URL('../dist/bin/', import.meta.url);
mkdirSync(out, { recursive: true });
for (const name of FIRMWARE_NAMES) {
  const program = assemble(readFileSync(firmwareSourceUrl(name), 'utf8'), { file: `programs/${name}.s` });
  writeFileSync(new URL(`${name}.bin`, out), program.image);
  writeFileSync(new URL(`${name}.bin.symbols.json`, out), `${JSON.stringify(symbolMap(program), null, 2)}\n`);
  process.stdout.write(`firmware/dist/bin/${name}.bin: ${program.image.length} bytes, ${program.symbols.size} symbols\n`);
}
