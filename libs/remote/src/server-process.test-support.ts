import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A twin server in a child process (test-support/server-process.mjs), which a test may kill. */
export interface ServerProcess {
  readonly endpoint: string;
  readonly instance: string;
  readonly child: ChildProcess;
  /** SIGKILL: the server dies mid-work, without a goodbye. Resolves when the process is gone. */
  kill(): Promise<void>;
}

const script = new URL('../test-support/server-process.mjs', import.meta.url).pathname;

export function startServerProcess(options: { bind?: string; chips?: number; prefix?: string; queueCapacity?: number } = {}): Promise<ServerProcess> {
  const args = [options.bind ?? 'tcp://127.0.0.1:*', String(options.chips ?? 1), options.prefix ?? 'child', String(options.queueCapacity ?? 256)];
  const child = spawn(process.execPath, [script, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NonNullable<ChildProcess['stdout']> });
    lines.once('line', (line) => {
      const [word, endpoint, instance] = line.split(' ');
      if (word !== 'ready' || endpoint === undefined || instance === undefined) reject(new Error(`server process said ${line}`));
      else resolve({ endpoint, instance, child, kill });
    });
    child.once('exit', (code) => reject(new Error(`server process exited with ${code} before it was ready`)));
  });
}

/** The port of a tcp endpoint, to restart a server on the same address. */
export function portOf(endpoint: string): number {
  return Number(endpoint.slice(endpoint.lastIndexOf(':') + 1));
}
