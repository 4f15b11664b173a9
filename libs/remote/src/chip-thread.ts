import { Worker } from 'node:worker_threads';
import type { ChipTwinOptions } from '@bss2/chip';
import type { ChipHost, RunOutcome } from './chip-host.js';
import { RemoteError } from './remote-error.js';
import type { WireError } from './wire-error.js';

// One hosted chip's worker thread, seen from the server thread. The worker (chip-worker.ts) holds the chip's
// `ChipTwin`; the server thread only posts programs and takes results, so it keeps answering status requests,
// `busy` and other chips' replies while a chip computes, and N chips run in parallel. A program that outlives
// its run-time limit is stopped by terminating the worker: JavaScript cannot interrupt a running function, only
// the thread that runs it. The worker runs the built JavaScript next to this file (dist), or, from the
// TypeScript sources (tests, tsx), the same sources through libs/analog's ts-worker-hooks.mjs (the mechanism of
// libs/analog/hemisphere-thread.ts: TypeScript transpiled through a disk cache, workspace packages resolved to
// their sources), so that only the first worker pays for the transpiling.

/** Server thread → worker: run one program (its to-FPGA bytes, moved where the buffer allows). */
export interface ChipWorkerRequest {
  readonly kind: 'run';
  readonly program: Uint8Array;
}

/** Worker → server thread: the twin is built (or could not be), or the result of the program posted last. */
export type ChipWorkerReply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'start-failed'; readonly error: WireError }
  | { readonly kind: 'done'; readonly fromFpga: Uint8Array; readonly executionCycles: number }
  | { readonly kind: 'failed'; readonly error: WireError };

const fromSources = import.meta.url.endsWith('.ts');

function workerScript(): { url: URL; execArgv: string[] } {
  if (!fromSources) return { url: new URL('./chip-worker.js', import.meta.url), execArgv: [] };
  const hooks = new URL('../../analog/src/ts-worker-hooks.mjs', import.meta.url);
  const register = `import { register } from 'node:module'; register(${JSON.stringify(hooks.href)});`;
  return { url: new URL('./chip-worker.ts', import.meta.url), execArgv: ['--import', `data:text/javascript,${encodeURIComponent(register)}`] };
}

/** The buffer of `bytes` when it can be moved to the worker: it spans the whole buffer and is not shared. */
function movable(bytes: Uint8Array): ArrayBuffer[] {
  const { buffer } = bytes;
  return buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength ? [buffer] : [];
}

/** A chip's worker from start to termination; after `stop` or a timed-out run it is gone and gets replaced. */
export class ChipThread implements ChipHost {
  /** Resolves once the worker has built its twin; rejects with `invalid-option` when the options are refused. */
  readonly ready: Promise<void>;
  private settle: ((outcome: RunOutcome) => void) | undefined;
  /** Set by `stop`/`terminate`: a run that has not reached the worker yet ends as `stopped`. */
  private terminating = false;
  private exited = false;

  private constructor(
    private readonly worker: Worker,
    readonly label: string,
  ) {
    this.ready = new Promise<void>((resolve, reject) => {
      worker.once('message', (reply: ChipWorkerReply) => {
        if (reply.kind === 'ready') resolve();
        else if (reply.kind === 'start-failed') reject(new RemoteError('invalid-option', `${label}: ${reply.error.evalue}`, { field: 'chips', value: reply.error.details['value'] }));
        else reject(new RemoteError('internal', `${label}: the worker answered before it was ready`));
      });
      worker.once('exit', (code) => reject(new RemoteError('internal', `${label}: the worker exited (code ${code}) before it was ready`)));
    });
    // A rejection is seen by whoever awaits `ready`; unobserved (a chip that is never used), it must not crash.
    this.ready.catch(() => undefined);
    worker.on('message', (reply: ChipWorkerReply) => {
      if (reply.kind === 'done') this.finish({ kind: 'done', fromFpga: reply.fromFpga, executionCycles: reply.executionCycles });
      else if (reply.kind === 'failed') this.finish({ kind: 'failed', error: reply.error });
    });
    worker.on('error', (error) => this.finish({ kind: 'crashed', message: `${label}: the worker failed: ${error.message}` }));
    worker.on('exit', (code) => {
      this.exited = true;
      this.finish({ kind: 'crashed', message: `${label}: the worker exited (code ${code}) during the run` });
    });
  }

  /** Starts a worker building the twin of `options`; `label` names the chip in errors. */
  static spawn(options: ChipTwinOptions, label: string): ChipThread {
    const { url, execArgv } = workerScript();
    const worker = new Worker(url, { workerData: options, execArgv });
    // Idle workers must not keep a process alive whose server is gone; the server's socket keeps it alive.
    worker.unref();
    return new ChipThread(worker, label);
  }

  /**
   * Runs one program; past `limitMs` after it reached the worker, the worker is terminated and the outcome is
   * `timed-out`. The program's buffer is moved to the worker when it owns it, so the caller must not reuse it.
   */
  async run(program: Uint8Array, limitMs: number): Promise<RunOutcome> {
    if (this.settle !== undefined) throw new RemoteError('internal', `${this.label}: a second run while one is running`);
    try {
      await this.ready;
    } catch (error) {
      // A worker stopped while it was starting never became ready: the run was stopped, not crashed.
      return this.terminating ? { kind: 'stopped' } : { kind: 'crashed', message: (error as Error).message };
    }
    if (this.terminating) return { kind: 'stopped' };
    if (this.exited) return { kind: 'crashed', message: `${this.label}: the worker exited before the run` };
    return new Promise<RunOutcome>((resolve) => {
      const timer = setTimeout(() => {
        this.finish({ kind: 'timed-out' });
        void this.terminate();
      }, limitMs);
      this.settle = (outcome) => {
        clearTimeout(timer);
        resolve(outcome);
      };
      const request: ChipWorkerRequest = { kind: 'run', program };
      this.worker.postMessage(request, movable(program));
    });
  }

  /** False once the worker thread has exited. */
  get alive(): boolean {
    return !this.exited;
  }

  /** Ends the run in progress (outcome `stopped`) and the worker with it. */
  stop(): Promise<void> {
    this.finish({ kind: 'stopped' });
    return this.terminate();
  }

  async terminate(): Promise<void> {
    this.terminating = true;
    await this.worker.terminate();
  }

  private finish(outcome: RunOutcome): void {
    const settle = this.settle;
    this.settle = undefined;
    settle?.(outcome);
  }
}
