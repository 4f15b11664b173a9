// A twin server in a child process, for tests that kill it (vitest runs TypeScript sources; a plain child
// process cannot, so this loads them through Vite's module runner with the workspace's source condition).
// argv: bind endpoint, chip count, identity prefix, queue capacity. Prints "ready <endpoint> <instance>" when
// serving.
import { runnerImport } from 'vite';

const [bind = 'tcp://127.0.0.1:*', chips = '1', prefix = 'child', queueCapacity = '256'] = process.argv.slice(2);
const conditions = ['@bss2/source', 'import', 'module', 'node', 'default'];
const { module } = await runnerImport(new URL('../src/index.ts', import.meta.url).pathname, {
  configFile: false,
  logLevel: 'error',
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
});
const server = await module.TwinServer.start({
  bind,
  queueCapacity: Number(queueCapacity),
  chips: Array.from({ length: Number(chips) }, (_, i) => ({ identity: `${prefix}-${i}`, fidelity: 'ideal' })),
});
process.stdout.write(`ready ${server.endpoint} ${server.instance}\n`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
// The test holds stdin open; when it ends (the test process died without killing us), stop too.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
