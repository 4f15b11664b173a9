import { FPGA_CYCLES_PER_US } from '@bss2/link';
import type { PlaybackProgramBuilder } from '@bss2/playback';

/** calix's `capmem_level_off_time`: CapMem outputs are trusted 20 ms after a write (reference §2.3). */
export const CAPMEM_SETTLE_US = 20_000;

/** Appends a wait of `us` hardware microseconds from now (timer reset, then wait until). */
export function waitUs(builder: PlaybackProgramBuilder, us: number): void {
  builder.timerReset().waitUntil(Math.round(us * FPGA_CYCLES_PER_US));
}
