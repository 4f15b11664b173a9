/** What the scheduler needs of a job: the session it belongs to (fairness is per session). */
export interface Schedulable {
  readonly session: string;
}

/** One chip's queue: a FIFO per session, and the sessions with work in round-robin order. */
class ChipQueue<J extends Schedulable> {
  readonly bySession = new Map<string, J[]>();
  /** Sessions with queued jobs; the head is served next and then moves to the back. */
  readonly turn: string[] = [];
  length = 0;
}

/**
 * The fair scheduler of the twin server (issue 7): per chip, sessions take turns (round robin, one program
 * per turn) and each session's programs run in the order they arrived (FIFO per chip), so a client with a
 * thousand queued programs delays another client's program by at most one program per waiting session. A
 * chip's queue is bounded: `enqueue` refuses instead of growing without limit, and the server answers `busy`.
 */
export class FairScheduler<J extends Schedulable> {
  private readonly queues: ChipQueue<J>[];

  constructor(
    chips: number,
    /** Jobs one chip's queue holds. */
    readonly capacityPerChip: number,
  ) {
    this.queues = Array.from({ length: chips }, () => new ChipQueue<J>());
  }

  /** Adds a job at the end of its session's FIFO; false (and nothing queued) when the chip's queue is full. */
  enqueue(chip: number, job: J): boolean {
    const queue = this.queue(chip);
    if (queue.length >= this.capacityPerChip) return false;
    const fifo = queue.bySession.get(job.session);
    if (fifo) fifo.push(job);
    else {
      queue.bySession.set(job.session, [job]);
      queue.turn.push(job.session);
    }
    queue.length++;
    return true;
  }

  /** The next job of the chip: the head of the session whose turn it is. */
  next(chip: number): J | undefined {
    const queue = this.queue(chip);
    const session = queue.turn.shift();
    if (session === undefined) return undefined;
    const fifo = queue.bySession.get(session) as J[];
    const job = fifo.shift() as J;
    queue.length--;
    if (fifo.length > 0) queue.turn.push(session);
    else queue.bySession.delete(session);
    return job;
  }

  /** Removes every queued job `drop` selects (work of a client that left, expired work) and returns them. */
  removeWhere(drop: (job: J) => boolean): J[] {
    const removed: J[] = [];
    for (const queue of this.queues) {
      for (const [session, fifo] of queue.bySession) {
        const keep = fifo.filter((job) => !drop(job));
        if (keep.length === fifo.length) continue;
        removed.push(...fifo.filter(drop));
        queue.length -= fifo.length - keep.length;
        if (keep.length > 0) queue.bySession.set(session, keep);
        else {
          queue.bySession.delete(session);
          queue.turn.splice(queue.turn.indexOf(session), 1);
        }
      }
    }
    return removed;
  }

  queued(chip: number): number {
    return this.queue(chip).length;
  }

  get totalQueued(): number {
    return this.queues.reduce((n, q) => n + q.length, 0);
  }

  /** Sessions with queued work on any chip. */
  sessions(): Set<string> {
    return new Set(this.queues.flatMap((q) => [...q.bySession.keys()]));
  }

  private queue(chip: number): ChipQueue<J> {
    const queue = this.queues[chip];
    if (queue === undefined) throw new RangeError(`chip ${chip} outside 0..${this.queues.length - 1}`);
    return queue;
  }
}
