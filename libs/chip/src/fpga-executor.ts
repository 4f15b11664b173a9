import { decodeToFpgaInto, FromFpgaWriter, PHYWORD_BYTES, type ToFpgaVisitor } from '@bss2/link';
import { ChipError } from './chip-error.js';
import type { ChipTwin } from './chip-twin.js';

/** What executing one program produced. */
export interface Execution {
  readonly fromFpga: Uint8Array;
  /** FPGA cycles from the first to the end of the last message. */
  readonly executionCycles: number;
}

/**
 * The FPGA playback executor (reference §5.2, §5.7): runs to-FPGA messages in order on the 125 MHz timeline.
 * Time costs (twin choices, libs/chip README): an omnibus write or read takes one cycle; timer reset, spike
 * packs, barriers and loopbacks take none; `waitUntil` completes when the timer reaches its value (at once if
 * it already has). So spikes injected after `waitUntil(t)` enter the chip at exactly timer value t.
 * Before each message, the chip is simulated up to the message's time.
 */
export class FpgaExecutor {
  private readonly writer = new FromFpgaWriter();
  private pendingWrite: { address: number; byteEnables: number } | undefined;
  private messageIndex = 0;

  constructor(private readonly twin: ChipTwin) {}

  execute(toFpga: Uint8Array): Execution {
    const twin = this.twin;
    const started = twin.now;
    this.writer.reset();
    this.pendingWrite = undefined;
    this.messageIndex = 0;
    try {
      decodeToFpgaInto(toFpga, this.visitor);
      if (this.pendingWrite !== undefined) {
        throw this.error('missing-data', 'the program ends after an omnibus write address without its data word');
      }
      twin.advanceTo(twin.now);
      twin.flushRecording(this.writer);
      return { fromFpga: this.writer.finish(), executionCycles: twin.now - started };
    } catch (error) {
      twin.recorder.clear();
      if (error instanceof ChipError && error.details.offset === undefined) {
        throw new ChipError(error.code, `${error.message} (message ${this.messageIndex}, byte ${this.offset})`, {
          ...error.details,
          offset: this.offset,
        });
      }
      throw error;
    }
  }

  private get offset(): number {
    return (this.messageIndex - 1) * PHYWORD_BYTES;
  }

  private error(code: 'missing-data' | 'unsupported-instruction', message: string): ChipError {
    return new ChipError(code, message, { offset: this.offset });
  }

  /** Advances the chip by `cycles` after simulating up to now. */
  private spend(cycles: number): void {
    this.twin.advanceTo(this.twin.now + cycles);
  }

  private readonly visitor: ToFpgaVisitor = {
    'jtag.init': () => {
      this.messageIndex++;
    },
    'jtag.scaler': () => {
      this.messageIndex++;
    },
    'jtag.ins': () => {
      this.messageIndex++;
    },
    'jtag.data': () => {
      this.messageIndex++;
      throw this.error('unsupported-instruction', 'JTAG data shifting is not modelled by the twin (use omnibus access)');
    },
    'timing.setup': () => {
      this.messageIndex++;
      this.twin.advanceTo(this.twin.now);
      this.twin.resetTimer();
    },
    'timing.waitUntil': (cycles) => {
      this.messageIndex++;
      const target = this.twin.now - this.twin.timer + (cycles as number);
      this.twin.advanceTo(Math.max(this.twin.now, target));
    },
    'timing.systimeInit': () => {
      this.messageIndex++;
    },
    'timing.barrier': () => {
      this.messageIndex++;
    },
    'timing.pollingOmnibusBlock': () => {
      this.messageIndex++;
      throw this.error('unsupported-instruction', 'PollingOmnibusBlock is not modelled by the twin');
    },
    'system.reset': (enable) => {
      this.messageIndex++;
      if (enable === 1) this.twin.reset();
    },
    'system.loopback': (tick) => {
      this.messageIndex++;
      this.twin.advanceTo(this.twin.now);
      this.twin.flushRecording(this.writer);
      this.writer.loopback(tick as number);
    },
    'omnibus.address': (address, byteEnables, isRead) => {
      this.messageIndex++;
      if (this.pendingWrite !== undefined) throw this.error('missing-data', 'an omnibus write address was not followed by its data word');
      if (isRead === 1) {
        this.twin.advanceTo(this.twin.now);
        const word = this.twin.registers.read(address as number);
        this.twin.flushRecording(this.writer);
        this.writer.omnibusData(word);
        this.spend(1);
      } else {
        this.pendingWrite = { address: address as number, byteEnables: byteEnables as number };
      }
    },
    'omnibus.data': (data) => {
      this.messageIndex++;
      const pending = this.pendingWrite;
      if (pending === undefined) throw this.error('missing-data', 'an omnibus data word without a preceding write address');
      this.pendingWrite = undefined;
      this.twin.advanceTo(this.twin.now);
      this.twin.registers.write(pending.address, data as number, pending.byteEnables);
      this.spend(1);
    },
    'event.spikePack1': (label0) => {
      this.messageIndex++;
      this.inject(label0 as number);
    },
    'event.spikePack2': (label0, label1) => {
      this.messageIndex++;
      this.inject(label0 as number);
      this.inject(label1 as number);
    },
    'event.spikePack3': (label0, label1, label2) => {
      this.messageIndex++;
      this.inject(label0 as number);
      this.inject(label1 as number);
      this.inject(label2 as number);
    },
  };

  private inject(label: number): void {
    this.twin.advanceTo(this.twin.now);
    this.twin.injectSpike(label);
  }
}
