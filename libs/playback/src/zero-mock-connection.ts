import { decodeToFpgaInto, FromFpgaWriter, PHYWORD_BYTES } from '@bss2/link';
import { StreamConnection, type Exchange } from './connection.js';

/**
 * hxcomm's ZeroMockConnection (reference §5.6): every omnibus read answers 0, loopbacks are echoed, everything
 * else is discarded, and execution takes 8 ns (one FPGA cycle) per message — the 125 M messages/s it models.
 * Useful to check that a program is well-formed and to measure host-side overhead without a twin.
 */
export class ZeroMockConnection extends StreamConnection {
  readonly description = 'zero-mock';

  protected exchange(toFpga: Uint8Array): Promise<Exchange> {
    const response = new FromFpgaWriter();
    decodeToFpgaInto(toFpga, {
      'omnibus.address': (_address, _byteEnables, isRead) => {
        if (isRead === 1) response.omnibusData(0);
      },
      'system.loopback': (tick) => {
        response.loopback(tick);
      },
    });
    // Every to-FPGA message is exactly one phyword (reference §5.1).
    return Promise.resolve({ fromFpga: response.finish(), executionCycles: toFpga.length / PHYWORD_BYTES });
  }
}
