/**
 * What `executeFxv` reports instead of executing: `'illegal-instruction'` when the extended opcode is not a row
 * of the FXV table (reference §4.4). The simulator turns it into a program interrupt (isr_program, §4.6); it is
 * a return value, not an exception, so the hot loop needs no try/catch.
 */
export type VectorFault = 'illegal-instruction';
