// The membrane ADC (reference §3.2, twin mapping §10.7): 10 bit over 0..1.2 V (1.17 mV/LSB), one sample every
// 32 ns. madc_clock_scale_value and sample_duration_adjust are stored but do not change the period.

/** Sample period in FPGA cycles (32 ns, 31.25 MSa/s; §10.7). */
export const MADC_SAMPLE_PERIOD_CYCLES = 4;

const maxCode = 1023;
const fullScaleVolts = 1.2;

/** code = clamp(round(V/1.2 V·1023), 0, 1023). */
export function madcCode(volts: number): number {
  const code = Math.round((volts / fullScaleVolts) * maxCode);
  return code < 0 ? 0 : code > maxCode ? maxCode : code;
}
