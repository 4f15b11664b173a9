import { createHash, randomUUID } from 'node:crypto';
import type { ChipTwinOptions } from '@bss2/chip';
import type { RunOutcome } from './chip-host.js';
import { FairScheduler } from './fair-scheduler.js';
import type { WireMap } from './field-validator.js';
import { HostedChip } from './hosted-chip.js';
import { DEFAULT_MAX_RUN_MS, MAX_RUN_TIMEOUT_MS, PROTOCOL_ID, PROTOCOL_VERSION } from './protocol.js';
import { RemoteError } from './remote-error.js';
import { encodeReply, type ReplyParts } from './reply-codec.js';
import { decodeRequest, type Header, type RunRequest } from './request-codec.js';
import { ResultStore } from './result-store.js';
import { toWireError } from './wire-error.js';
import { REMOTE_PACKAGE_VERSION } from './version.js';

/** Limits of the server core; every one has a default sized for a workstation. */
export interface ServerCoreOptions {
  /** Requests one chip's queue holds before the server answers `busy` (default 256). */
  readonly queueCapacity?: number;
  /** Finished requests kept for resent ids (default 4096 entries, 256 MiB). */
  readonly resultStoreEntries?: number;
  readonly resultStoreBytes?: number;
  /**
   * Wall time one program may run before the server stops it (`run-timeout`) and resets its chip (default
   * 600,000 ms; 1..3,600,000): the default and the ceiling of a request's `runTimeoutMs`.
   */
  readonly maxRunMs?: number;
  /**
   * Run every chip on the server's own thread instead of a worker thread per chip (default false). Saves the
   * thread hand-overs of each program, for one latency-bound client; but a running program then holds up the
   * whole server and cannot be stopped: the server has no run-time limit (`maxRunMs` is refused with it, a
   * request's `runTimeoutMs` is refused with `invalid-field`).
   */
  readonly inlineChips?: boolean;
}

/** Where replies go: the transport sends `frames` to the peer `route` (a ZeroMQ routing id). */
export type ReplySink = (route: Uint8Array, frames: Uint8Array[]) => void;

/** A run request on its way through the server. */
interface Job {
  readonly key: string;
  readonly session: string;
  readonly chip: number;
  readonly fingerprint: string;
  readonly program: Uint8Array;
  readonly parentHeader: WireMap;
  readonly enqueuedMs: number;
  /** Wall time the program may run: the request's runTimeoutMs, at most the server's maxRunMs. */
  readonly runLimitMs: number;
  /** The peer to answer; a resend of the same request from a new connection moves it. */
  route: Uint8Array;
  deadlineMs: number;
  /** Why the server stopped the program while it ran: its client left, or the drain ran out of time. */
  stoppedFor?: 'cancelled' | 'shutting-down';
}

const BUSY_RETRY_AFTER_MS = 20;

/**
 * The twin server without its transport (quiggeldy's scheduler, reference §5.6): decodes requests at the
 * edge, answers every one (a result or a typed error, STYLE item 14), queues runs in a `FairScheduler`, runs
 * them on its chips' worker threads (hosted-chip.ts) one program per chip at a time, keeps results for resent
 * request ids, and drains on shutdown. By default this thread never runs a program itself, so status requests,
 * `busy` and every other chip's replies are answered while chips compute, and chips compute in parallel
 * (`inlineChips` trades that for latency).
 * `TwinServer` puts it behind a ZeroMQ ROUTER socket; tests may drive it directly.
 */
export class ServerCore {
  readonly instance = randomUUID();
  readonly chips: readonly HostedChip[];
  /** The run-time limit of a program: default and ceiling of a request's `runTimeoutMs`; 0 with inline chips (none). */
  readonly maxRunMs: number;
  readonly inlineChips: boolean;
  private readonly scheduler: FairScheduler<Job>;
  private readonly store: ResultStore;
  private readonly inFlight = new Map<string, Job>();
  /** The job each chip's worker is running, by chip index. */
  private readonly current = new Map<number, Job>();
  private readonly started = performance.now();
  private draining = false;
  private idleWaiters: (() => void)[] = [];
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    chips: readonly ChipTwinOptions[],
    private readonly send: ReplySink,
    options: ServerCoreOptions = {},
  ) {
    if (chips.length === 0 || chips.length > 65_536) {
      throw new RemoteError('invalid-option', `a server hosts 1..65536 chips, got ${chips.length}`, { field: 'chips', value: chips.length, range: { min: 1, max: 65_536 } });
    }
    this.inlineChips = options.inlineChips === true;
    if (this.inlineChips && options.maxRunMs !== undefined) {
      throw new RemoteError('invalid-option', `maxRunMs ${options.maxRunMs} needs chips in worker threads: a program on the server's thread (inlineChips) cannot be stopped`, {
        field: 'maxRunMs',
        value: options.maxRunMs,
      });
    }
    this.maxRunMs = this.inlineChips ? 0 : bounded('maxRunMs', options.maxRunMs ?? DEFAULT_MAX_RUN_MS, MAX_RUN_TIMEOUT_MS);
    const queueCapacity = bounded('queueCapacity', options.queueCapacity ?? 256);
    const storeEntries = bounded('resultStoreEntries', options.resultStoreEntries ?? 4096);
    const storeBytes = bounded('resultStoreBytes', options.resultStoreBytes ?? 256 * 2 ** 20);
    this.scheduler = new FairScheduler(chips.length, queueCapacity);
    this.store = new ResultStore(storeEntries, storeBytes);
    this.chips = chips.map((c, i) => new HostedChip(i, c, this.inlineChips));
    // Queued work past its deadline is answered promptly, also while its chip is still busy with others.
    this.sweeper = setInterval(() => this.expire(), 100);
    this.sweeper.unref();
  }

  /** Resolves when every chip's worker has built its twin; rejects with `invalid-option` for refused chip options. */
  async ready(): Promise<void> {
    await Promise.all(this.chips.map((c) => c.ready));
  }

  /** Handles one incoming message from peer `route`. Never throws: every message gets exactly one reply. */
  handle(route: Uint8Array, frames: Uint8Array[]): void {
    const decoded = decodeRequest(frames);
    if (!decoded.ok) {
      this.reply(route, { msgType: decoded.replyType, parentHeader: decoded.parentHeader, content: { ...toWireError(decoded.error) } });
      return;
    }
    const { request } = decoded;
    if (request.msgType === 'status_request') {
      this.reply(route, { msgType: 'status_reply', parentHeader: request.header as unknown as WireMap, content: this.status() });
      return;
    }
    this.submit(route, request);
  }

  /**
   * The peer `route` disconnected: its queued work is dropped and its running programs are stopped (it can no
   * longer receive the results); a stopped program's chip restarts fresh and a resend of its id is answered
   * `cancelled`.
   */
  peerLeft(route: Uint8Array): void {
    const gone = Buffer.from(route);
    for (const job of this.scheduler.removeWhere((j) => gone.equals(j.route))) this.inFlight.delete(job.key);
    for (const [chip, job] of this.current) if (gone.equals(job.route)) this.stopRunning(chip, job, 'cancelled');
    this.notifyIfIdle();
  }

  /** Starts draining: new runs are refused with `shutting-down`, queued and running ones finish. */
  beginShutdown(): void {
    this.draining = true;
  }

  /** Refuses everything queued and stops everything running, with `shutting-down` (a drain out of time). */
  refuseRemaining(): void {
    for (const job of this.scheduler.removeWhere(() => true)) {
      this.inFlight.delete(job.key);
      this.replyError(job.route, job.parentHeader, new RemoteError('shutting-down', 'the server shut down before this request ran'));
    }
    for (const [chip, job] of this.current) this.stopRunning(chip, job, 'shutting-down');
    this.notifyIfIdle();
  }

  /** Resolves when no work is queued or running. */
  whenIdle(): Promise<void> {
    if (this.inFlight.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops the deadline sweeper and terminates the chips' workers. */
  async dispose(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.all(this.chips.map((c) => c.close()));
  }

  status(): Record<string, unknown> {
    return {
      status: 'ok',
      protocol: PROTOCOL_ID,
      version: PROTOCOL_VERSION,
      serverVersion: REMOTE_PACKAGE_VERSION,
      instance: this.instance,
      state: this.draining ? 'draining' : 'serving',
      uptimeMs: Math.round(performance.now() - this.started),
      queueCapacity: this.scheduler.capacityPerChip,
      maxRunMs: this.maxRunMs,
      chipThreads: !this.inlineChips,
      sessions: this.scheduler.sessions().size,
      chips: this.chips.map((c) => c.describe(this.scheduler.queued(c.index))),
    };
  }

  private submit(route: Uint8Array, request: RunRequest): void {
    const { header, chip, program, timeoutMs, runTimeoutMs } = request;
    const parentHeader = header as unknown as WireMap;
    if (chip >= this.chips.length) {
      this.replyError(route, parentHeader, new RemoteError('unknown-chip', `chip ${chip} does not exist on this server of ${this.chips.length} chip(s)`, {
        field: 'content.chip',
        value: chip,
        range: { min: 0, max: this.chips.length - 1 },
      }));
      return;
    }
    if (this.inlineChips && runTimeoutMs !== undefined) {
      this.replyError(route, parentHeader, new RemoteError('invalid-field', `content.runTimeoutMs ${runTimeoutMs}: this server runs its chips on its own thread (chipThreads false in its status) and cannot stop a program; send no run-time limit, or use a server with chip threads`, {
        field: 'content.runTimeoutMs',
        value: runTimeoutMs,
      }));
      return;
    }
    const key = requestKey(header);
    const fingerprint = fingerprintOf(chip, program);
    const stored = this.store.get(key);
    const running = this.inFlight.get(key);
    const earlier = stored?.fingerprint ?? running?.fingerprint;
    if (earlier !== undefined && earlier !== fingerprint) {
      this.replyError(route, parentHeader, new RemoteError('duplicate-request-id', `request id ${header.msgId} of session ${header.session} was used before for another program or chip`, {
        field: 'header.msgId',
        value: header.msgId,
      }));
      return;
    }
    if (stored) {
      this.reply(route, { msgType: 'run_reply', parentHeader, metadata: { replayed: true }, content: stored.content, buffers: stored.buffers });
      return;
    }
    const now = performance.now();
    if (running) {
      // A resend of a request still queued or running: answer it once, to the connection that asked last.
      running.route = route;
      running.deadlineMs = Math.max(running.deadlineMs, now + timeoutMs);
      return;
    }
    if (this.draining) {
      this.replyError(route, parentHeader, new RemoteError('shutting-down', 'the server is shutting down and accepts no new programs'));
      return;
    }
    const runLimitMs = Math.min(runTimeoutMs ?? this.maxRunMs, this.maxRunMs);
    const job: Job = { key, session: header.session, chip, fingerprint, program, parentHeader, enqueuedMs: now, runLimitMs, route, deadlineMs: now + timeoutMs };
    if (!this.scheduler.enqueue(chip, job)) {
      this.replyError(route, parentHeader, new RemoteError('busy', `chip ${chip} has ${this.scheduler.capacityPerChip} programs queued; retry later`, {
        field: 'content.chip',
        value: this.scheduler.queued(chip),
        range: { min: 0, max: this.scheduler.capacityPerChip },
        retryAfterMs: BUSY_RETRY_AFTER_MS,
      }));
      return;
    }
    this.inFlight.set(key, job);
    this.wake(chip);
  }

  /** Starts working through the chip's queue, unless it already does. */
  private wake(chip: number): void {
    const hosted = this.chips[chip] as HostedChip;
    if (hosted.running) return;
    hosted.running = true;
    void this.work(hosted);
  }

  /** Runs the chip's queue to its end, one program at a time on the chip's worker. */
  private async work(hosted: HostedChip): Promise<void> {
    for (let job = this.scheduler.next(hosted.index); job !== undefined; job = this.scheduler.next(hosted.index)) {
      const startedMs = performance.now();
      if (startedMs > job.deadlineMs) {
        this.timeOut(job);
        continue;
      }
      this.current.set(hosted.index, job);
      let outcome: RunOutcome;
      try {
        outcome = await hosted.execute(job.program, job.runLimitMs);
      } catch (error) {
        outcome = { kind: 'crashed', message: (error as Error).message };
      }
      this.current.delete(hosted.index);
      this.finish(hosted, job, outcome, startedMs);
    }
    hosted.running = false;
    this.notifyIfIdle();
  }

  private finish(hosted: HostedChip, job: Job, outcome: RunOutcome, startedMs: number): void {
    const executedMs = performance.now() - startedMs;
    const content = outcome.kind === 'done' ? { status: 'ok', chip: hosted.index, executionCycles: outcome.executionCycles } : { ...this.runError(hosted, job, outcome) };
    const buffers = outcome.kind === 'done' ? [outcome.fromFpga] : [];
    this.store.put(job.key, { fingerprint: job.fingerprint, content, buffers });
    this.inFlight.delete(job.key);
    // A cancelled program's client is gone; its answer waits in the store for a resend.
    if (job.stoppedFor === 'cancelled') return;
    this.reply(job.route, {
      msgType: 'run_reply',
      parentHeader: job.parentHeader,
      metadata: { replayed: false, queuedMs: Math.round(startedMs - job.enqueuedMs), executedMs: Math.round(executedMs), chipResets: hosted.resets },
      content,
      buffers,
    });
  }

  /** The error content of a run that did not end with a result. */
  private runError(hosted: HostedChip, job: Job, outcome: Exclude<RunOutcome, { kind: 'done' }>): WireMap {
    const reset = `the chip was reset to a fresh chip of identity ${hosted.twin.identity}: state from earlier programs is gone`;
    if (outcome.kind === 'failed') return { ...outcome.error };
    if (outcome.kind === 'timed-out') {
      return {
        ...toWireError(new RemoteError('run-timeout', `the program ran longer than its run-time limit of ${job.runLimitMs} ms on chip ${hosted.index} and was stopped; ${reset}`, {
          field: 'content.runTimeoutMs',
          value: job.runLimitMs,
          range: { min: 1, max: this.maxRunMs },
        })),
      };
    }
    if (outcome.kind === 'crashed') return { ...toWireError(new RemoteError('internal', `${outcome.message}; ${reset}`)) };
    if (job.stoppedFor === 'cancelled') return { ...toWireError(new RemoteError('cancelled', `the client that sent this program went away while it ran on chip ${hosted.index}; it was stopped and ${reset}`)) };
    return { ...toWireError(new RemoteError('shutting-down', `the server ran out of drain time and stopped this program on chip ${hosted.index}`)) };
  }

  private stopRunning(chip: number, job: Job, reason: 'cancelled' | 'shutting-down'): void {
    if (job.stoppedFor !== undefined) return;
    job.stoppedFor = reason;
    const hosted = this.chips[chip] as HostedChip;
    if (reason === 'cancelled') hosted.stop();
    else hosted.retire();
  }

  private timeOut(job: Job): void {
    this.inFlight.delete(job.key);
    this.replyError(job.route, job.parentHeader, new RemoteError('timeout', `the program waited ${Math.round(performance.now() - job.enqueuedMs)} ms in the queue of chip ${job.chip}, past its timeoutMs`, {
      field: 'content.timeoutMs',
    }));
  }

  private expire(): void {
    const now = performance.now();
    for (const job of this.scheduler.removeWhere((j) => now > j.deadlineMs)) this.timeOut(job);
    this.notifyIfIdle();
  }

  private notifyIfIdle(): void {
    if (this.inFlight.size > 0 || this.idleWaiters.length === 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private replyError(route: Uint8Array, parentHeader: WireMap, error: RemoteError): void {
    const msgType = parentHeader['msgType'] === 'status_request' ? 'status_reply' : 'run_reply';
    this.reply(route, { msgType, parentHeader, content: { ...toWireError(error) } });
  }

  private reply(route: Uint8Array, parts: ReplyParts): void {
    this.send(route, encodeReply(randomUUID(), this.instance, parts));
  }
}

function requestKey(header: Header): string {
  return `${header.session}\u0000${header.msgId}`;
}

/** Chip and program bytes of a request: a resend matches, a reused id with another program does not. */
function fingerprintOf(chip: number, program: Uint8Array): string {
  return `${chip}:${program.byteLength}:${createHash('sha1').update(program).digest('base64')}`;
}

function bounded(name: string, value: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value < 1 || value > max) throw new RemoteError('invalid-option', `${name} must be an integer in 1..${max}, got ${value}`, { field: name, value, range: { min: 1, max } });
  return value;
}
