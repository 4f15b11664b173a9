import { assert } from './link-error.js';
import type { FieldSpec } from './message-spec.js';
import { TO_FPGA_DICTIONARY, type ToFpgaType } from './to-fpga-dictionary.js';

/** FPGA clock: 125 MHz, i.e. 8 ns per timer tick [fisch:include/fisch/vx/constants.h; bss2-reference §5.5]. */
export const FPGA_CYCLES_PER_US = 125;

/** FPGA playback instruction memory: 32 MB of 64-bit words = 4,194,304 to-FPGA messages (§5.5). */
export const INSTRUCTION_MEMORY_WORDS = 4_194_304;

type Row<N extends ToFpgaType> = Extract<(typeof TO_FPGA_DICTIONARY)[number], { readonly name: N }>;
type Values<N extends ToFpgaType, F extends string> =
  Extract<Row<N>['fields'][number], { readonly name: F }> extends { readonly values: infer V } ? V : never;

/** The named values a dictionary field declares, so constants and table cannot disagree. */
function namedValues<N extends ToFpgaType, F extends string>(row: N, field: F): Values<N, F> {
  const spec = TO_FPGA_DICTIONARY.find((r) => r.name === row);
  const values = (spec?.fields as readonly FieldSpec[] | undefined)?.find((f) => f.name === field)?.values;
  assert(values !== undefined, `${row}.${field} declares no named values`);
  return values as Values<N, F>;
}

/** Bits of the `timing.barrier` mask: omnibus 1, jtag 2, systime 4, multiFpga 8, systimeCorrection 16 (§5.2). */
export const BARRIER_MASK = namedValues('timing.barrier', 'mask');

/** Values of the `system.loopback` tick: `halt` (0) ends a program, `tick` (1) is a trace marker. */
export const LOOPBACK_TICK = namedValues('system.loopback', 'tick');

/** JTAG instruction register values for `jtag.ins` [hxcomm instruction/to_fpga_jtag.h]. */
export const JTAG_INSTRUCTION = namedValues('jtag.ins', 'instruction');
