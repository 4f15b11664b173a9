import { FromFpgaTimeline } from '@bss2/link';

/**
 * Walks a from-FPGA stream once: the timeline turns events into absolutely timed spikes and MADC samples,
 * and this subclass also keeps the omnibus read data (in the order the reads were issued, reference §5.4) and
 * the notifications. It runs on the link's allocation-free visitor decoder.
 */
export class ResponseDecoder extends FromFpgaTimeline {
  readonly omnibusData: number[] = [];
  readonly timeoutNotifications: number[] = [];
  readonly highspeedLinkNotifications: number[] = [];

  override 'omnibus.data'(data?: number): void {
    super['omnibus.data']();
    this.omnibusData.push(data as number);
  }

  override timeoutNotification(value?: number): void {
    super.timeoutNotification();
    this.timeoutNotifications.push(value as number);
  }

  override highspeedLinkNotification(value?: number): void {
    super.highspeedLinkNotification();
    this.highspeedLinkNotifications.push(value as number);
  }
}
