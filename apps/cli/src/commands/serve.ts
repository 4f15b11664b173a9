import { closeOnSignals, DEFAULT_BIND, servingBanner, TwinServer, twinServerOptionsFromFlags, type TwinServerFlags } from '@bss2/remote';
import type { Command } from 'commander';

/** Starts the server `bss2 serve` describes with these flags (checked: a bad flag is an `invalid-option`). */
export async function startServe(flags: TwinServerFlags): Promise<TwinServer> {
  return TwinServer.start(twinServerOptionsFromFlags(flags));
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve twin chips over ZeroMQ (protocol BSS2TWIN/1, docs/remote.md) until SIGINT/SIGTERM, which drains the queues')
    .option('--bind <endpoint>', 'ZeroMQ endpoint; beyond loopback only with CURVE or --insecure', DEFAULT_BIND)
    .option('--chips <n>', 'number of chips (default 1, or as many as --identity names)')
    .option('--fidelity <ideal|analog>', 'analog core fidelity of every chip', 'ideal')
    .option('--identity <names>', 'chip identities, comma-separated, or one prefix for <prefix>-0 … (default twin)')
    .option('--queue-capacity <n>', "programs one chip's queue holds before answering busy", '256')
    .option('--max-run-ms <ms>', 'wall time a program may run before it is stopped (run-timeout) and its chip reset; 1..3600000, default 600000')
    .option('--curve-secret <file>', 'server certificate (<name>.key_secret from bss2 keygen): turns CURVE on')
    .option('--authorized-keys <path>', 'directory of authorised client certificates (*.key), or one certificate')
    .option('--insecure', 'allow a bind beyond loopback without CURVE')
    .option('--inline-chips', "run every chip on the server's thread: lowest latency for one client, but a running program holds up the server and cannot be stopped (no --max-run-ms)")
    .action(async (flags: TwinServerFlags) => {
      const server = await startServe(flags);
      process.stdout.write(`${servingBanner(server, flags.curveSecret !== undefined)}\n`);
      await closeOnSignals(server, (line) => process.stdout.write(`${line}\n`));
    });
}
