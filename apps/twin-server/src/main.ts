#!/usr/bin/env node
import { closeOnSignals, servingBanner, TwinServer, twinServerOptionsFromFlags } from '@bss2/remote';
import { parseServerArgs, USAGE } from './server-args.js';

// The twin server as a process of its own (what quiggeldy is to BrainScaleS-2): flags → server → serve until
// a signal drains it. Everything else lives in @bss2/remote.

async function main(): Promise<void> {
  const flags = parseServerArgs(process.argv.slice(2));
  if (flags.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const server = await TwinServer.start(twinServerOptionsFromFlags(flags));
  process.stdout.write(`${servingBanner(server, flags.curveSecret !== undefined)}\n`);
  await closeOnSignals(server, (line) => process.stdout.write(`${line}\n`));
}

main().catch((error: unknown) => {
  const code = error instanceof Error && 'code' in error ? `[${String(error.code)}] ` : '';
  process.stderr.write(`twin-server: error ${code}${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
