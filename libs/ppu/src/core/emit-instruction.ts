import { FXV_BY_XO } from '../vector/fxv-table.js';
import { ZERO_REGISTER } from './lower-instruction.js';
import { INTERNAL_MEMORY_BYTES } from './memory-map.js';
import { B_IMMEDIATE, CARRY_CA, CARRY_ONE, INVERT_A, LK, OE, Op, RC, SETS_CA, UPDATE, type OpId } from './op.js';
import { SPR_CTR, SPR_LR, SPR_XER } from './spr.js';

// JavaScript source for one lowered instruction inside a compiled block (`block-compiler.ts`). Each template
// is the interpreter's case (`interpret.ts`) with the slot's fields, flags and immediate folded in as
// constants, so a block runs without decoding, dispatch or flag tests. The interpreter stays the reference:
// every template must do exactly what its case does, in the same order (the block tests compare the two).
//
// Names the templates use, bound by the block's function: `s` the PpuState, `r` the GPRs, `m` internal
// memory, `v` the VectorDispatch, `u` and `o` its vector unit and operand record, `h` the helpers
// (`BLOCK_HELPERS`), `vectorHandler(xo)` the handler of FXV row xo; `next` the branch target variable of a
// terminator, `c` the block's clock (a FXV memory/I/O row advances it). Exits are passed in by the compiler,
// which knows the instruction's clock offset.

/** One slot, as the decode cache holds it. */
export interface Slot {
  readonly op: OpId;
  readonly t: number;
  readonly a: number;
  readonly b: number;
  readonly imm: number;
  readonly flags: number;
  /** Byte address of the instruction. */
  readonly pc: number;
}

/** Statements that leave the block, specific to one instruction of it. */
export interface Exits {
  /** Halted with a fault at this instruction: it did not complete (pc, clock and count stay before it). */
  readonly fault: string;
  /** Leave after this instruction completed at cost `cost` (a JS expression): a slow access, or a terminator. */
  after(cost: string): string;
  /** Leave after this store if it wrote into the block's own words (self-modifying code), else go on. */
  readonly storeCheck: string;
}

/** How a compiled instruction relates to the block it sits in. */
export const enum Role {
  /** Cannot be compiled: the block ends before it and the interpreter runs it. */
  Interpret,
  /** Runs inline, cost 1 (or leaves the block after a slow access). */
  Inline,
  /** FXV row without memory or I/O: inline, cost `PPU_CYCLES.arithmetic`. */
  VectorInline,
  /**
   * FXV memory/I/O: inline with a cost known only once it ran (§10.8: it depends on the address). The compiler
   * advances the block's clock by it and checks that the block may go on (`block-compiler.ts`).
   */
  VectorAccess,
  /** Ends the block: a branch (sets `next`) or `wait`. */
  Terminator,
}

/** Where `slot` may sit in a block. */
export function roleOf(slot: Slot): Role {
  switch (slot.op) {
    case Op.ILLEGAL:
    case Op.LMW:
    case Op.STMW:
      return Role.Interpret;
    case Op.B:
    case Op.BC:
    case Op.BCLR:
    case Op.BCCTR:
    case Op.WAIT:
      return Role.Terminator;
    case Op.FXV: {
      const row = FXV_BY_XO[slot.imm];
      if (row === undefined) return Role.Interpret;
      return row.kind === 'memory' || row.kind === 'io' ? Role.VectorAccess : Role.VectorInline;
    }
    default:
      return Role.Inline;
  }
}

/** The name under which a block binds the handler of FXV row `xo` (`block-compiler.ts`). */
export const vectorHandler = (xo: number): string => `fxv${xo}`;

/** A GPR read: the `(RA|0)` zero register folds to the literal 0. */
const reg = (index: number): string => (index === ZERO_REGISTER ? '0' : `r[${index}]`);
const cr0 = (value: string): string => `s.cr = h.recordCr0(s.cr, ${value}, s.so);`;
/** CR0 update of a record form, reading the just written RT back as the interpreter does. */
const record = (slot: Slot): string => ((slot.flags & RC) !== 0 ? cr0(`r[${slot.t}]`) : '');

/** The effective address (RA|0) + (RB | D) with the zero parts left out. */
function effectiveAddress(slot: Slot): string {
  const parts = [slot.a, slot.b].filter((index) => index !== ZERO_REGISTER).map((index) => `r[${index}]`);
  if (slot.imm !== 0 || parts.length === 0) parts.push(String(slot.imm));
  return `(${parts.join(' + ')}) | 0`;
}

function loadStore(slot: Slot, clock: string, exits: Exits): string {
  const { op, t, a, flags, pc } = slot;
  const update = (flags & UPDATE) !== 0 ? `r[${a}] = ea;` : '';
  const limit = INTERNAL_MEMORY_BYTES;
  const slowLoad = (size: number, assign: string): string =>
    `{ s.clock = ${clock}; const value = h.loadSlow(s, ea, ${size}, ${pc}); if (s.fault !== undefined) ${exits.fault} ${assign} ${update} ${exits.after('s.accessCycles')} }`;
  const slowStore = (size: number, value: string): string =>
    `{ s.clock = ${clock}; h.storeSlow(s, ea, ${size}, ${value}, ${pc}); if (s.fault !== undefined) ${exits.fault} ${update} ${exits.after('s.accessCycles')} }`;
  const fastStore = (statement: string): string => `{ ${statement} ${update} ${exits.storeCheck} }`;
  let body: string;
  switch (op) {
    case Op.LWZ:
      body = `if ((ea & 3) === 0 && ea >>> 0 < ${limit}) { r[${t}] = m[ea >>> 2]; ${update} } else ${slowLoad(4, `r[${t}] = value;`)}`;
      break;
    case Op.LBZ:
      body = `if (ea >>> 0 < ${limit}) { r[${t}] = (m[ea >>> 2] >>> ((~ea & 3) << 3)) & 0xff; ${update} } else ${slowLoad(1, `r[${t}] = value;`)}`;
      break;
    case Op.LHZ:
    case Op.LHA: {
      const extend = (value: string): string => (op === Op.LHA ? `(${value} << 16) >> 16` : value);
      body =
        `if ((ea & 1) === 0 && ea >>> 0 < ${limit}) { r[${t}] = ${extend('((m[ea >>> 2] >>> ((2 - (ea & 2)) << 3)) & 0xffff)')}; ${update} } ` +
        `else ${slowLoad(2, `r[${t}] = ${extend('value')};`)}`;
      break;
    }
    case Op.STW:
      body = `if ((ea & 3) === 0 && ea >>> 0 < ${limit}) ${fastStore(`m[ea >>> 2] = r[${t}];`)} else ${slowStore(4, `r[${t}]`)}`;
      break;
    case Op.STB:
      body =
        `if (ea >>> 0 < ${limit}) ${fastStore(`const shift = (~ea & 3) << 3; m[ea >>> 2] = (m[ea >>> 2] & ~(0xff << shift)) | ((r[${t}] & 0xff) << shift);`)} ` +
        `else ${slowStore(1, `r[${t}] & 0xff`)}`;
      break;
    default:
      body =
        `if ((ea & 1) === 0 && ea >>> 0 < ${limit}) ${fastStore(`const shift = (2 - (ea & 2)) << 3; m[ea >>> 2] = (m[ea >>> 2] & ~(0xffff << shift)) | ((r[${t}] & 0xffff) << shift);`)} ` +
        `else ${slowStore(2, `r[${t}] & 0xffff`)}`;
  }
  return `{ const ea = ${effectiveAddress(slot)}; ${body} }`;
}

function addExtended(slot: Slot): string {
  const { t, a, b, imm, flags } = slot;
  const x = (flags & INVERT_A) !== 0 ? `~${reg(a)}` : reg(a);
  const y = (flags & B_IMMEDIATE) !== 0 ? String(imm) : reg(b);
  const carryIn = (flags & CARRY_CA) !== 0 ? 's.ca' : (flags & CARRY_ONE) !== 0 ? '1' : '0';
  return (
    `{ const x = ${x}, y = ${y}, carryIn = ${carryIn}; const unsigned = (x >>> 0) + (y >>> 0) + carryIn; const result = unsigned | 0; ` +
    ((flags & SETS_CA) !== 0 ? 's.ca = unsigned > 0xffffffff ? 1 : 0; ' : '') +
    ((flags & OE) !== 0 ? 's.ov = x + y + carryIn === result ? 0 : 1; s.so |= s.ov; ' : '') +
    `r[${t}] = result; ${(flags & RC) !== 0 ? cr0('result') : ''} }`
  );
}

/** A conditional branch: `target` is evaluated before CTR and LR change, as in the interpreter. */
function branchConditional(slot: Slot, target: string): string {
  const { t: bo, a: bi, flags, pc } = slot;
  const tests: string[] = [];
  if ((bo & 4) === 0) tests.push(`(s.ctr !== 0) === ${(bo & 2) === 0}`);
  if ((bo & 16) === 0) tests.push(`((s.cr >>> ${31 - bi}) & 1) === ${(bo >>> 3) & 1}`);
  return (
    `{ const target = ${target}; ` +
    ((bo & 4) === 0 ? 's.ctr = (s.ctr - 1) | 0; ' : '') +
    `const taken = ${tests.length === 0 ? 'true' : tests.join(' && ')}; ` +
    ((flags & LK) !== 0 ? `s.lr = ${pc + 4}; ` : '') +
    `next = taken ? target : ${pc + 4}; }`
  );
}

/**
 * The source of `slot` at clock offset `clock` (a JS expression: the clock when it starts). Branches assign
 * `next`; the compiler emits what follows a terminator.
 */
export function emitInstruction(slot: Slot, clock: string, exits: Exits): string {
  const { op, t, a, b, imm, flags, pc } = slot;
  const rt = `r[${t}]`, ra = reg(a), rb = reg(b);
  switch (op) {
    case Op.ADDI:
      return `${rt} = ${ra} + ${imm};`;
    case Op.ADD:
      return `${rt} = ${ra} + ${rb};`;
    case Op.ADD_EXTENDED:
      return addExtended(slot);
    case Op.MULLI:
      return `${rt} = Math.imul(${ra}, ${imm});`;
    case Op.MULLW:
      return (
        `{ const x = ${ra}, y = ${rb}; const result = Math.imul(x, y); ` +
        ((flags & OE) !== 0 ? 's.ov = h.mulhw(x, y) === result >> 31 ? 0 : 1; s.so |= s.ov; ' : '') +
        `${rt} = result; ${(flags & RC) !== 0 ? cr0('result') : ''} }`
      );
    case Op.MULHW:
      return `${rt} = h.mulhw(${ra}, ${rb}); ${record(slot)}`;
    case Op.MULHWU:
      return `${rt} = h.mulhwu(${ra}, ${rb}); ${record(slot)}`;
    case Op.DIVW:
      return (
        `{ const x = ${ra}, y = ${rb}; const undefinedCase = y === 0 || (x === -0x80000000 && y === -1); ${rt} = undefinedCase ? x : x / y; ` +
        ((flags & OE) !== 0 ? 's.ov = undefinedCase ? 1 : 0; s.so |= s.ov; ' : '') +
        `${record(slot)} }`
      );
    case Op.DIVWU:
      return (
        `{ const x = ${ra}, y = ${rb}; ${rt} = y === 0 ? x : (x >>> 0) / (y >>> 0); ` +
        ((flags & OE) !== 0 ? 's.ov = y === 0 ? 1 : 0; s.so |= s.ov; ' : '') +
        `${record(slot)} }`
      );
    case Op.CMP:
      return `s.cr = h.setCrField(s.cr, ${t}, h.compareSigned(${ra}, ${rb}, s.so));`;
    case Op.CMPL:
      return `s.cr = h.setCrField(s.cr, ${t}, h.compareUnsigned(${ra}, ${rb}, s.so));`;
    case Op.CMPI:
      return `s.cr = h.setCrField(s.cr, ${t}, h.compareSigned(${ra}, ${imm}, s.so));`;
    case Op.CMPLI:
      return `s.cr = h.setCrField(s.cr, ${t}, h.compareUnsigned(${ra}, ${imm}, s.so));`;
    case Op.ORI:
      return `${rt} = ${ra} | ${imm};`;
    case Op.XORI:
      return `${rt} = ${ra} ^ ${imm};`;
    case Op.ANDI:
      return `${rt} = ${ra} & ${imm}; ${cr0(rt)}`;
    case Op.AND:
      return `${rt} = ${ra} & ${rb}; ${record(slot)}`;
    case Op.ANDC:
      return `${rt} = ${ra} & ~${rb}; ${record(slot)}`;
    case Op.NOR:
      return `${rt} = ~(${ra} | ${rb}); ${record(slot)}`;
    case Op.EQV:
      return `${rt} = ~(${ra} ^ ${rb}); ${record(slot)}`;
    case Op.XOR:
      return `${rt} = ${ra} ^ ${rb}; ${record(slot)}`;
    case Op.ORC:
      return `${rt} = ${ra} | ~${rb}; ${record(slot)}`;
    case Op.OR:
      return `${rt} = ${ra} | ${rb}; ${record(slot)}`;
    case Op.NAND:
      return `${rt} = ~(${ra} & ${rb}); ${record(slot)}`;
    case Op.SLW:
      return `{ const n = ${rb} & 63; ${rt} = n > 31 ? 0 : ${ra} << n; } ${record(slot)}`;
    case Op.SRW:
      return `{ const n = ${rb} & 63; ${rt} = n > 31 ? 0 : ${ra} >>> n; } ${record(slot)}`;
    case Op.SRAW:
      return (
        `{ const n = ${rb} & 63, value = ${ra}; ` +
        `if (n > 31) { ${rt} = value >> 31; s.ca = value < 0 ? 1 : 0; } ` +
        `else { ${rt} = value >> n; s.ca = value < 0 && (value & ((1 << n) - 1)) !== 0 ? 1 : 0; } } ${record(slot)}`
      );
    case Op.SRAWI:
      // SH is 5 bits, so the n > 31 case of sraw cannot occur.
      return `{ const value = ${ra}; ${rt} = value >> ${b}; s.ca = value < 0 && (value & ${(1 << b) - 1}) !== 0 ? 1 : 0; } ${record(slot)}`;
    case Op.CNTLZW:
      return `${rt} = Math.clz32(${ra}); ${record(slot)}`;
    case Op.EXTSH:
      return `${rt} = (${ra} << 16) >> 16; ${record(slot)}`;
    case Op.EXTSB:
      return `${rt} = (${ra} << 24) >> 24; ${record(slot)}`;
    case Op.RLWINM:
      return `{ const x = ${ra}; ${rt} = ((x << ${b}) | (x >>> ${32 - b})) & ${imm}; } ${record(slot)}`;
    case Op.RLWNM:
      return `${rt} = h.rotl(${ra}, ${rb} & 31) & ${imm}; ${record(slot)}`;
    case Op.RLWIMI:
      return `{ const x = ${ra}; ${rt} = (((x << ${b}) | (x >>> ${32 - b})) & ${imm}) | (${rt} & ${~imm}); } ${record(slot)}`;
    case Op.LWZ:
    case Op.LBZ:
    case Op.LHZ:
    case Op.LHA:
    case Op.STW:
    case Op.STB:
    case Op.STH:
      return loadStore(slot, clock, exits);
    case Op.B:
      return `${(flags & LK) !== 0 ? `s.lr = ${pc + 4}; ` : ''}next = ${imm};`;
    case Op.BC:
      return branchConditional(slot, String(imm));
    case Op.BCLR:
      return branchConditional(slot, 's.lr & ~3');
    case Op.BCCTR:
      return branchConditional(slot, 's.ctr & ~3');
    case Op.CRLOGIC:
      return (
        `{ const cr = s.cr; const bit = (${imm} >>> ((((cr >>> ${31 - a}) & 1) << 1) | ((cr >>> ${31 - b}) & 1))) & 1; ` +
        `s.cr = (cr & ${~(1 << (31 - t))}) | (bit << ${31 - t}); }`
      );
    case Op.MCRF:
      return `s.cr = h.setCrField(s.cr, ${t}, (s.cr >>> ${28 - 4 * a}) & 0xf);`;
    case Op.MFCR:
      return `${rt} = s.cr;`;
    case Op.MTCRF:
      return `s.cr = (${rt} & ${imm}) | (s.cr & ${~imm});`;
    case Op.MFSPR:
      return `${rt} = ${imm === SPR_LR ? 's.lr' : imm === SPR_CTR ? 's.ctr' : 's.xer'};`;
    case Op.MTSPR:
      return imm === SPR_LR ? `s.lr = ${rt};` : imm === SPR_CTR ? `s.ctr = ${rt};` : imm === SPR_XER ? `s.xer = ${rt};` : '';
    case Op.WAIT:
      // The program is done (§4.8): the core sleeps and its clock stops.
      return `s.runState = 'sleeping'; ${exits.after('1')}`;
    case Op.NOP:
      return '';
    case Op.MFTB:
      return imm === 268 ? `${rt} = (${clock}) % 0x100000000;` : `${rt} = Math.floor((${clock}) / 0x100000000);`;
    case Op.FXV: {
      // A row without memory or I/O cannot fault: its handler is called directly, one call site per
      // instruction, so V8 sees a single target there and can inline it with the fields as constants.
      if (roleOf(slot) === Role.VectorInline) return `o.gprA = r[${a}]; ${vectorHandler(imm)}(u, ${flags}, ${t}, ${a}, ${b}, o);`;
      // Memory and I/O rows reach the chip, which reads the PPU's clock to catch up first (libs/chip); the
      // block's clock `c` then moves past the access.
      const ea = a === 0 ? `r[${b}]` : `(r[${a}] + r[${b}]) | 0`;
      return `{ s.clock = ${clock}; const cost = v.access(${imm}, ${flags}, ${t}, ${ea}, ${pc}); if (cost < 0) ${exits.fault} c = ${clock} + cost; }`;
    }
    default:
      throw new Error(`op ${op} cannot be compiled`);
  }
}
