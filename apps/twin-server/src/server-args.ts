import { parseArgs } from 'node:util';
import { RemoteError, type TwinServerFlags } from '@bss2/remote';

export const USAGE = `usage: twin-server [--bind tcp://127.0.0.1:5555] [--chips N] [--fidelity ideal|analog] [--identity names|prefix]
                   [--queue-capacity N] [--max-run-ms MS | --inline-chips] [--curve-secret server.key_secret --authorized-keys dir]
                   [--insecure]
Each chip runs in a worker thread; a program running longer than --max-run-ms (default 600000) is stopped with
run-timeout and its chip reset. --inline-chips runs every chip on the server's thread instead: lowest latency for
one client, but a running program holds up the server and cannot be stopped. The same flags as \`bss2 serve\` (docs/remote.md). SIGINT/SIGTERM drains the
queues and stops.`;

/** The command line of `twin-server` as the flags `twinServerOptionsFromFlags` checks; unknown flags are refused. */
export function parseServerArgs(argv: readonly string[]): TwinServerFlags & { help: boolean } {
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        bind: { type: 'string' },
        chips: { type: 'string' },
        fidelity: { type: 'string' },
        identity: { type: 'string' },
        'queue-capacity': { type: 'string' },
        'max-run-ms': { type: 'string' },
        'curve-secret': { type: 'string' },
        'authorized-keys': { type: 'string' },
        insecure: { type: 'boolean' },
        'inline-chips': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    return {
      ...(values.bind !== undefined && { bind: values.bind }),
      ...(values.chips !== undefined && { chips: values.chips }),
      ...(values.fidelity !== undefined && { fidelity: values.fidelity }),
      ...(values.identity !== undefined && { identity: values.identity }),
      ...(values['queue-capacity'] !== undefined && { queueCapacity: values['queue-capacity'] }),
      ...(values['max-run-ms'] !== undefined && { maxRunMs: values['max-run-ms'] }),
      ...(values['curve-secret'] !== undefined && { curveSecret: values['curve-secret'] }),
      ...(values['authorized-keys'] !== undefined && { authorizedKeys: values['authorized-keys'] }),
      insecure: values.insecure === true,
      inlineChips: values['inline-chips'] === true,
      help: values.help === true,
    };
  } catch (error) {
    throw new RemoteError('invalid-option', `${(error as Error).message}\n${USAGE}`, { field: 'argv', value: argv.join(' ') });
  }
}
