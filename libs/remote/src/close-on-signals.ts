import type { TwinServer } from './twin-server.js';

/**
 * For the server processes (`bss2 serve`, `twin-server`): the first SIGINT or SIGTERM drains the server
 * (queued programs finish, new ones are refused with `shutting-down`), a second one stops at once. Resolves
 * when the server is closed.
 */
export function closeOnSignals(server: TwinServer, log: (line: string) => void, drainTimeoutMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    let signalled = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (signalled) {
        log(`${signal} again: refusing what is left`);
        void server.close({ drainTimeoutMs: 0 });
        return;
      }
      signalled = true;
      log(`${signal}: draining (at most ${drainTimeoutMs} ms; again to stop now)`);
      void server.close({ drainTimeoutMs }).then(() => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        log('closed');
        resolve();
      });
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/** The line a server process prints once it serves: endpoint, chips, security. */
export function servingBanner(server: TwinServer, curve: boolean): string {
  const chips = server.core.chips.map((c) => `${c.index}:${c.twin.identity}`).join(' ');
  return `bss2-twin server ${server.instance} on ${server.endpoint} (${curve ? 'CURVE' : 'no authentication'}), ${server.core.chips.length} chip(s) [${server.core.chips[0]?.twin.fidelity}${server.core.inlineChips ? ', inline: no run-time limit' : ''}]: ${chips}`;
}
