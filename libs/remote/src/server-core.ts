import { createHash, randomUUID } from 'node:crypto';
import type { ChipTwinOptions } from '@bss2/chip';
import { FairScheduler } from './fair-scheduler.js';
import type { WireMap } from './field-validator.js';
import { HostedChip } from './hosted-chip.js';
import { PROTOCOL_ID, PROTOCOL_VERSION } from './protocol.js';
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
  /** The peer to answer; a resend of the same request from a new connection moves it. */
  route: Uint8Array;
  deadlineMs: number;
}

const BUSY_RETRY_AFTER_MS = 20;

/**
 * The twin server without its transport (quiggeldy's scheduler, reference §5.6): decodes requests at the
 * edge, answers every one (a result or a typed error, STYLE item 14), queues runs in a `FairScheduler`, runs
 * them on its chips one program per event-loop turn so new requests keep being answered, keeps results for
 * resent request ids, and drains on shutdown. `TwinServer` puts it behind a ZeroMQ ROUTER socket; tests may
 * drive it directly.
 */
export class ServerCore {
  readonly instance = randomUUID();
  readonly chips: readonly HostedChip[];
  private readonly scheduler: FairScheduler<Job>;
  private readonly store: ResultStore;
  private readonly inFlight = new Map<string, Job>();
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
    this.chips = chips.map((c, i) => new HostedChip(i, c));
    this.scheduler = new FairScheduler(chips.length, positive('queueCapacity', options.queueCapacity ?? 256));
    this.store = new ResultStore(positive('resultStoreEntries', options.resultStoreEntries ?? 4096), positive('resultStoreBytes', options.resultStoreBytes ?? 256 * 2 ** 20));
    // Queued work past its deadline is answered promptly, also while its chip is still busy with others.
    this.sweeper = setInterval(() => this.expire(), 100);
    this.sweeper.unref();
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

  /** The peer `route` disconnected: its queued work is dropped (it can no longer receive the result). */
  peerLeft(route: Uint8Array): void {
    const gone = Buffer.from(route);
    for (const job of this.scheduler.removeWhere((j) => gone.equals(j.route))) this.inFlight.delete(job.key);
    this.notifyIfIdle();
  }

  /** Starts draining: new runs are refused with `shutting-down`, queued and running ones finish. */
  beginShutdown(): void {
    this.draining = true;
  }

  /** Refuses everything still queued with `shutting-down` (a drain that ran out of time). */
  refuseQueued(): void {
    for (const job of this.scheduler.removeWhere(() => true)) {
      this.inFlight.delete(job.key);
      this.replyError(job.route, job.parentHeader, new RemoteError('shutting-down', 'the server shut down before this request ran'));
    }
    this.notifyIfIdle();
  }

  /** Resolves when no work is queued or running. */
  whenIdle(): Promise<void> {
    if (this.inFlight.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  dispose(): void {
    clearInterval(this.sweeper);
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
      sessions: this.scheduler.sessions().size,
      chips: this.chips.map((c) => c.describe(this.scheduler.queued(c.index))),
    };
  }

  private submit(route: Uint8Array, request: RunRequest): void {
    const { header, chip, program, timeoutMs } = request;
    const parentHeader = header as unknown as WireMap;
    if (chip >= this.chips.length) {
      this.replyError(route, parentHeader, new RemoteError('unknown-chip', `chip ${chip} does not exist on this server of ${this.chips.length} chip(s)`, {
        field: 'content.chip',
        value: chip,
        range: { min: 0, max: this.chips.length - 1 },
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
    const job: Job = { key, session: header.session, chip, fingerprint, program, parentHeader, enqueuedMs: now, route, deadlineMs: now + timeoutMs };
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

  /** Schedules the chip's next program for the next event-loop turn, unless it is already running one. */
  private wake(chip: number): void {
    const hosted = this.chips[chip] as HostedChip;
    if (hosted.running) return;
    hosted.running = true;
    setImmediate(() => this.runNext(hosted));
  }

  private runNext(hosted: HostedChip): void {
    const job = this.scheduler.next(hosted.index);
    if (job === undefined) {
      hosted.running = false;
      this.notifyIfIdle();
      return;
    }
    const startedMs = performance.now();
    if (startedMs > job.deadlineMs) this.timeOut(job);
    else this.execute(hosted, job, startedMs);
    setImmediate(() => this.runNext(hosted));
  }

  private execute(hosted: HostedChip, job: Job, startedMs: number): void {
    let content: WireMap;
    let buffers: Uint8Array[] = [];
    try {
      const { fromFpga, executionCycles } = hosted.execute(job.program);
      content = { status: 'ok', chip: hosted.index, executionCycles };
      buffers = [fromFpga];
    } catch (error) {
      content = { ...toWireError(error) };
    }
    const executedMs = performance.now() - startedMs;
    this.store.put(job.key, { fingerprint: job.fingerprint, content, buffers });
    this.inFlight.delete(job.key);
    this.reply(job.route, {
      msgType: 'run_reply',
      parentHeader: job.parentHeader,
      metadata: { replayed: false, queuedMs: Math.round(startedMs - job.enqueuedMs), executedMs: Math.round(executedMs) },
      content,
      buffers,
    });
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

function positive(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RemoteError('invalid-option', `${name} must be a positive integer, got ${value}`, { field: name, value, range: { min: 1, max: Number.MAX_SAFE_INTEGER } });
  return value;
}
