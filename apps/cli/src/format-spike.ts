import { FPGA_CYCLES_PER_US, type TimedSpike } from '@bss2/link';

/** One recorded spike as a line of text: its 16-bit label and its time on the playback timer. */
export function formatSpike(spike: TimedSpike): string {
  return `label 0x${spike.label.toString(16).padStart(4, '0')} at ${(spike.cycles / FPGA_CYCLES_PER_US).toFixed(3)} µs`;
}
