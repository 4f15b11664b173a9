// The directives the assembler knows, grouped by what they do. Sizes of the data directives follow the
// brief of the twin, not gas for PowerPC: `.word` is 32 bit like `.long` (gas-ppc makes `.word` 16 bit).

/** Data directives and their element size in bytes. */
export const dataDirectives: Readonly<Record<string, 1 | 2 | 4>> = {
  '.byte': 1,
  '.half': 2,
  '.hword': 2,
  '.short': 2,
  '.2byte': 2,
  '.word': 4,
  '.long': 4,
  '.4byte': 4,
};

/** `.space n[, fill]` and its aliases. */
export const spaceDirectives: readonly string[] = ['.space', '.zero', '.skip'];

/** Symbol definitions `.equ name, expr` / `.set name, expr` (and `name = expr`). */
export const assignmentDirectives: readonly string[] = ['.equ', '.set'];

/** Symbol visibility: recorded in the symbol map, no effect on the image. */
export const globalDirectives: readonly string[] = ['.global', '.globl'];

/** The legal range of a data element: signed or unsigned values of its size both fit, as in gas. */
export function dataRange(size: 1 | 2 | 4): { readonly min: number; readonly max: number } {
  return { min: -(2 ** (8 * size - 1)), max: 2 ** (8 * size) - 1 };
}
