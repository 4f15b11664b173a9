import type { MessagePort, Worker } from 'node:worker_threads';
import { AnalogError } from './analog-error.js';
import { engineRangeState, type AnalogEngine, type EngineRangeState } from './analog-engine.js';
import type { NeuronParameters } from './neuron-parameters.js';
import type { SynapticInput } from './synaptic-input.js';
import type { WindowEvents } from './window-events.js';

// The second thread of a split analog run (analog-core.ts, "Split windows"): a worker holds a replica of the
// analog engine and steps the neurons from the split point `first` to 511 through a batch of consecutive windows
// while the calling thread steps the rest, one window behind at most. One message out per batch (the range's
// state, the windows' ends and the first window's row events) and one per further window (its row events, sent
// as the window before it starts: the caller routes them while the worker steps); one reply per window as soon as
// the worker has stepped it (its spikes and busy time; the range's state with the last), so the worker runs on
// through the next window while the caller hands out the spikes of the last one. Each side blocks on a shared
// counter of unread messages (replies; further windows' events), then takes the message synchronously. The replica re-prepares from the caller's parameters, weights and column switches whenever they changed, so it
// computes exactly what the caller's engine would (same code, same float32 kernel, same per-neuron noise).
// Node only: where worker_threads is missing (browsers) `create` returns undefined and the run stays on one
// thread. The worker runs the built JavaScript next to this file (dist), or, from the TypeScript sources (tests),
// the same sources through ts-worker-hooks.mjs.

const neuronCount = 512;
/** A window that takes longer than this means the worker is gone. */
const replyTimeoutMs = 120_000;

interface WorkerThreads {
  readonly Worker: new (url: URL, options: object) => Worker;
  readonly MessageChannel: new () => { readonly port1: MessagePort; readonly port2: MessagePort };
  receiveMessageOnPort(port: MessagePort): { readonly message: unknown } | undefined;
}

/** What the worker is built with: the engine options of the caller's engine. */
export interface HemisphereWorkerData {
  readonly dtCycles: number;
  readonly noise: { readonly enabled: boolean; readonly identity: string; readonly seed: number };
  readonly port: MessagePort;
  /** [0]: replies the caller has not read; [1]: further windows' events the worker has not read. */
  readonly signal: Int32Array;
}

/** Index in `signal` of the replies' counter and of the further windows' events. */
export const REPLIES = 0;
export const WINDOW_EVENTS = 1;

export type HemisphereRequest =
  | { readonly kind: 'prepare'; readonly p: NeuronParameters; readonly weightGain: Float32Array; readonly columnExc: Uint8Array; readonly columnInh: Uint8Array }
  | {
      readonly kind: 'batch';
      readonly first: number;
      readonly state: EngineRangeState;
      /** The caller's SynapticInput.bypassMarked (the replica's clears lastBypass only where the caller's would). */
      readonly bypassMarked: boolean;
      readonly events: ReturnType<WindowEvents['data']>;
      readonly ends: Float64Array<ArrayBuffer>;
    }
  | { readonly kind: 'events'; readonly events: ReturnType<WindowEvents['data']> };

/** The worker's spikes (neuron, cycle) of a window, and how long it worked on it (ms). */
export interface WindowSpikes {
  readonly neurons: number[];
  readonly cycles: number[];
  readonly busyMs: number;
}

export type HemisphereReply =
  | ({ readonly kind: 'window'; readonly state: EngineRangeState | undefined; readonly bypassMarked: boolean } & WindowSpikes)
  | { readonly kind: 'error'; readonly message: string };

export class HemisphereThread {
  private state = engineRangeState(neuronCount / 2);
  private engineRevision = -1;
  private inputRevision = -1;

  private constructor(
    private readonly threads: WorkerThreads,
    private readonly worker: Worker,
    private readonly port: MessagePort,
    private readonly signal: Int32Array,
  ) {}

  /** A worker for an engine of `dtCycles` with these noise options; undefined where threads are unavailable. */
  static create(dtCycles: number, noise: HemisphereWorkerData['noise']): HemisphereThread | undefined {
    const threads = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:worker_threads') as WorkerThreads | undefined;
    if (threads === undefined) return undefined;
    const fromSources = import.meta.url.endsWith('.ts');
    const script = new URL(fromSources ? './hemisphere-worker.ts' : './hemisphere-worker.js', import.meta.url);
    const hooks = new URL('./ts-worker-hooks.mjs', import.meta.url);
    const register = `import { register } from 'node:module'; register(${JSON.stringify(hooks.href)});`;
    const { port1, port2 } = new threads.MessageChannel();
    const signal = new Int32Array(new SharedArrayBuffer(8));
    const workerData: HemisphereWorkerData = { dtCycles, noise, port: port2, signal };
    const worker = new threads.Worker(script, {
      workerData,
      transferList: [port2],
      execArgv: fromSources ? ['--import', `data:text/javascript,${encodeURIComponent(register)}`] : [],
    });
    // The process may exit while the worker idles between windows.
    worker.unref();
    return new HemisphereThread(threads, worker, port1, signal);
  }

  /**
   * Starts the windows of neurons first..511 ending at `ends` (ascending): `events` are the row events of the first
   * window that reach them, each further window's follow with `continueWith`. Returns whether the replica
   * re-prepares first (the parameters, weights or column switches changed).
   */
  start(engine: AnalogEngine, input: SynapticInput, p: NeuronParameters, events: WindowEvents, ends: readonly number[], first: number): boolean {
    const prepare = engine.revision !== this.engineRevision || input.revision !== this.inputRevision;
    if (prepare) {
      this.engineRevision = engine.revision;
      this.inputRevision = input.revision;
      const request: HemisphereRequest = {
        kind: 'prepare',
        p,
        weightGain: input.weightGain.slice(),
        columnExc: input.columnExc.slice(),
        columnInh: input.columnInh.slice(),
      };
      this.port.postMessage(request);
    }
    if (this.state.v.length !== neuronCount - first) this.state = engineRangeState(neuronCount - first);
    engine.saveRange(first, neuronCount, this.state);
    const data = events.data();
    this.post({ kind: 'batch', first, state: this.state, bypassMarked: input.bypassMarked, events: data, ends: Float64Array.from(ends) }, data);
    return prepare;
  }

  /** The row events of the batch's next window that reach the worker's neurons. */
  continueWith(events: WindowEvents): void {
    const data = events.data();
    this.post({ kind: 'events', events: data }, data);
    Atomics.add(this.signal, WINDOW_EVENTS, 1);
    Atomics.notify(this.signal, WINDOW_EVENTS);
  }

  private post(request: HemisphereRequest, data: ReturnType<WindowEvents['data']>): void {
    // The event arrays are fresh copies: moved, not cloned.
    this.port.postMessage(request, [data.cycle.buffer, data.synram.buffer, data.row.buffer, data.rowMode.buffer, data.activation.buffer, data.columnStart.buffer, data.columnCount.buffer, data.columns.buffer]);
  }

  /**
   * Waits for the next window of the batch started last and returns its spikes; after the batch's last window
   * its range's state is in `engine`, and `input` knows whether the worker's events marked lastBypass.
   */
  finish(engine: AnalogEngine, input: SynapticInput, first: number): WindowSpikes {
    const started = performance.now();
    while (Atomics.load(this.signal, REPLIES) === 0) {
      Atomics.wait(this.signal, REPLIES, 0, 1000);
      if (performance.now() - started > replyTimeoutMs) throw new AnalogError('internal', replyTimeoutMs, undefined, `the hemisphere worker did not answer within ${replyTimeoutMs} ms`);
    }
    Atomics.sub(this.signal, REPLIES, 1);
    const reply = this.threads.receiveMessageOnPort(this.port)?.message as HemisphereReply | undefined;
    if (reply === undefined || reply.kind === 'error') throw new AnalogError('internal', 0, undefined, `the hemisphere worker failed: ${reply?.message ?? 'no reply'}`);
    if (reply.state !== undefined) {
      engine.loadRange(first, reply.state);
      input.bypassMarked ||= reply.bypassMarked;
    }
    return reply;
  }

  close(): void {
    void this.worker.terminate();
  }
}
