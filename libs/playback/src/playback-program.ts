import { decodeFromFpgaInto, INSTRUCTION_MEMORY_WORDS, PHYWORD_BYTES } from '@bss2/link';
import type { ContainerTicket } from './container-ticket.js';
import { PlaybackError } from './playback-error.js';
import { ResponseDecoder } from './response-decoder.js';
import type { RunResult, RunTiming } from './run-result.js';

/** A read the program issues: its ticket takes the next `words` omnibus data responses. */
export interface PendingRead {
  readonly ticket: ContainerTicket<unknown>;
  readonly words: number;
}

/**
 * An encoded playback program (fisch/stadls PlaybackProgram, reference §5.7): the to-FPGA link words, ready
 * for any `Connection`, plus the ticket table that the response fills. Immutable once built; it can be run
 * many times, and each run refills its tickets.
 */
export class PlaybackProgram {
  /** Number of to-FPGA messages (64-bit instruction words). */
  readonly messageCount: number;
  /** Omnibus words the response must carry, summed over all reads. */
  readonly readWordCount: number;

  constructor(
    /** The to-FPGA stream: 64-bit phywords, big-endian (see docs/protocol.md). */
    readonly toFpga: Uint8Array,
    readonly reads: readonly PendingRead[],
  ) {
    this.messageCount = toFpga.length / PHYWORD_BYTES;
    if (this.messageCount > INSTRUCTION_MEMORY_WORDS) {
      throw new PlaybackError(
        'program-too-large',
        `program has ${this.messageCount} instruction words; the FPGA playback memory holds ${INSTRUCTION_MEMORY_WORDS}: split it into several programs`,
        this.messageCount,
        { min: 0, max: INSTRUCTION_MEMORY_WORDS },
      );
    }
    this.readWordCount = reads.reduce((n, r) => n + r.words, 0);
  }

  /** True when the program reads nothing back. */
  get isWriteOnly(): boolean {
    return this.reads.length === 0;
  }

  get tickets(): readonly ContainerTicket<unknown>[] {
    return this.reads.map((r) => r.ticket);
  }

  /**
   * Decodes the from-FPGA stream a connection returned for this program: fills the tickets in read order
   * and collects spikes and MADC samples. A response with the wrong number of read words is a
   * `response-mismatch`, never a silently misassigned ticket.
   */
  decodeResponse(fromFpga: Uint8Array, timing: RunTiming): RunResult {
    const response = new ResponseDecoder();
    decodeFromFpgaInto(fromFpga, response);
    const data = response.omnibusData;
    if (data.length !== this.readWordCount) {
      throw new PlaybackError(
        'response-mismatch',
        `the response carries ${data.length} omnibus read words, the program issued ${this.readWordCount} reads`,
        data.length,
        { min: this.readWordCount, max: this.readWordCount },
      );
    }
    // One copy of all read words; each ticket gets a view of its own (a program may carry 10^5 reads).
    const all = Uint32Array.from(data);
    let next = 0;
    for (const { ticket, words } of this.reads) {
      ticket.fill(all.subarray(next, next + words));
      next += words;
    }
    // Spikes and samples become objects only when read (then once): the benchmark network returns ~5,000 per
    // hardware ms, and a caller that only reads tickets or counters should not pay for building them.
    return {
      get spikes() {
        return response.spikes;
      },
      get madcSamples() {
        return response.madcSamples;
      },
      timeoutNotifications: response.timeoutNotifications,
      highspeedLinkNotifications: response.highspeedLinkNotifications,
      timing,
    };
  }
}
