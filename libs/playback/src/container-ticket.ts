import { PlaybackError } from './playback-error.js';

/**
 * The promise of a container value that a program reads (stadls ContainerTicket, reference §5.7). It is
 * filled when the program's run returns; asking for the value earlier is an error, not a zero.
 */
export class ContainerTicket<V> {
  private words: Uint32Array | undefined;

  constructor(
    /** Container name, for messages. */
    readonly containerName: string,
    /** The coordinate that was read. */
    readonly coord: number,
    /** Omnibus addresses read, one per container word. */
    readonly addresses: Uint32Array,
    private readonly decode: (words: Uint32Array) => V,
  ) {}

  /** True once the run that carried this read has returned its words. */
  get valid(): boolean {
    return this.words !== undefined;
  }

  /** The decoded container value; throws `PlaybackError` `ticket-not-ready` before the program ran. */
  get(): V {
    if (this.words === undefined) {
      throw new PlaybackError(
        'ticket-not-ready',
        `ticket for ${this.containerName}(${this.coord}) is read before its program ran: run the program on a Connection first`,
      );
    }
    return this.decode(this.words);
  }

  /** The raw words as read from the omnibus. */
  getWords(): Uint32Array {
    if (this.words === undefined) this.get();
    return this.words as Uint32Array;
  }

  /** @internal Filled by the program's result decoder. */
  fill(words: Uint32Array): void {
    this.words = words;
  }
}
