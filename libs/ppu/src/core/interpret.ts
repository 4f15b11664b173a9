import { MEMORY_WORDS } from './decode-cache.js';
import { compareSigned, compareUnsigned, mulhw, mulhwu, rotl, setCrField } from './fixed-point.js';
import { INTERNAL_MEMORY_BYTES, loadSlow, storeSlow } from './memory-map.js';
import { loadMultiple, storeMultiple } from './multiple-word.js';
import { B_IMMEDIATE, CARRY_CA, CARRY_ONE, INVERT_A, LK, OE, Op, RC, SETS_CA, UPDATE, type Ops } from './op.js';
import { hex32 } from './ppu-fault.js';
import type { PpuState } from './ppu-state.js';
import { SPR_CTR, SPR_LR, SPR_XER } from './spr.js';
import type { VectorDispatch } from './vector-dispatch.js';

// The interpreter of the scalar core (Power ISA Book I; reference §4.1, §10.8): the reference semantics, and
// the fallback of the block compiler (`execute.ts`) for code that is cold, not compilable, or near the clock or
// instruction limit. One switch over the small op id of the cached slot, registers in an Int32Array, no
// allocation per instruction. Record forms (Rc = 1)
// set CR0 from the int32 result and XER.SO; OE = 1 forms set XER.OV and accumulate SO. Where the Power ISA
// leaves a result undefined (divw by 0 or −2^31 / −1, divwu by 0) the loop does what qemu does: it divides by
// 1, so RT = RA, and OV = 1 for the o forms.

/** CR with field 0 set from `result` compared with 0 and SO. */
function recordCr0(cr: number, result: number, so: number): number {
  return (cr & 0x0fff_ffff) | (compareSigned(result, 0, so) << 28);
}

/**
 * Runs `state` until its clock reaches `untilClock` (PPU cycles), it executes `wait`, it faults, it reaches its
 * instruction budget, or it executed a branch. An instruction that starts before `untilClock` completes even if
 * it ends after it. Returning after every branch hands control back to `execute` at each block boundary, where
 * it can switch to a compiled block.
 */
export function interpret(state: PpuState, vectors: VectorDispatch, untilClock: number): void {
  const r = state.gpr;
  const memory = state.bus.memory;
  const cache = state.cache;
  const cachedWord = cache.word, infos = cache.info, allFlags = cache.flags, imms = cache.imm;
  const budget = state.maxInstructions;
  let pc = state.pc;
  // The clock is a local; it is written back to `state.clock` before every access that leaves the core, so the
  // chip can bring the analog core up to the PPU's time first (a CADC conversion sees the membrane of its cycle).
  let clock = state.clock;
  let count = state.instructions;

  run: while (clock < untilClock) {
    if (count >= budget) {
      state.halt({ code: 'instruction-budget-exceeded', pc: pc >>> 0, message: `instruction budget of ${budget} exhausted at ${hex32(pc)}` });
      break;
    }
    const index = pc >>> 2;
    if (index >= MEMORY_WORDS) {
      state.halt({ code: 'fetch-out-of-range', pc: pc >>> 0, address: pc >>> 0, message: `instruction fetch at ${hex32(pc)}, outside internal memory 0..0x3fff` });
      break;
    }
    const word = memory[index]!;
    if (cachedWord[index] !== word) cache.decode(index, word);
    // Slot layout (decode-cache.ts): op in bits 0..7, then the t, a and b fields, 6 bits each.
    const info = infos[index]!;
    const op = info & 0xff, t = (info >>> 8) & 63, a = (info >>> 14) & 63, b = (info >>> 20) & 63;
    const imm = imms[index]!, flags = allFlags[index]!;
    let next = pc + 4;
    let cost = 1;

    switch (op) {
      case 0 satisfies Ops['ILLEGAL']:
        state.halt({ code: 'illegal-instruction', pc: pc >>> 0, word, message: `illegal instruction ${hex32(word)} at ${hex32(pc)}` });
        break run;

      // Fixed-point arithmetic.
      case 1 satisfies Ops['ADDI']:
        r[t] = r[a]! + imm;
        break;
      case 2 satisfies Ops['ADD']:
        r[t] = r[a]! + r[b]!;
        break;
      case 3 satisfies Ops['ADD_EXTENDED']: {
        const x = (flags & INVERT_A) !== 0 ? ~r[a]! : r[a]!;
        const y = (flags & B_IMMEDIATE) !== 0 ? imm : r[b]!;
        const carryIn = (flags & CARRY_CA) !== 0 ? state.ca : (flags & CARRY_ONE) !== 0 ? 1 : 0;
        const unsigned = (x >>> 0) + (y >>> 0) + carryIn;
        const result = unsigned | 0;
        if ((flags & SETS_CA) !== 0) state.ca = unsigned > 0xffff_ffff ? 1 : 0;
        if ((flags & OE) !== 0) {
          state.ov = x + y + carryIn === result ? 0 : 1;
          state.so |= state.ov;
        }
        r[t] = result;
        if ((flags & RC) !== 0) state.cr = recordCr0(state.cr, result, state.so);
        break;
      }
      case 4 satisfies Ops['MULLI']:
        r[t] = Math.imul(r[a]!, imm);
        break;
      case 5 satisfies Ops['MULLW']: {
        const x = r[a]!, y = r[b]!;
        const result = Math.imul(x, y);
        if ((flags & OE) !== 0) {
          state.ov = mulhw(x, y) === result >> 31 ? 0 : 1;
          state.so |= state.ov;
        }
        r[t] = result;
        if ((flags & RC) !== 0) state.cr = recordCr0(state.cr, result, state.so);
        break;
      }
      case 6 satisfies Ops['MULHW']:
        r[t] = mulhw(r[a]!, r[b]!);
        if ((flags & RC) !== 0) state.cr = recordCr0(state.cr, r[t]!, state.so);
        break;
      case 7 satisfies Ops['MULHWU']:
        r[t] = mulhwu(r[a]!, r[b]!);
        if ((flags & RC) !== 0) state.cr = recordCr0(state.cr, r[t]!, state.so);
        break;
      case 8 satisfies Ops['DIVW']: {
        const x = r[a]!, y = r[b]!;
        const undefinedCase = y === 0 || (x === -0x8000_0000 && y === -1);
        r[t] = undefinedCase ? x : x / y;
        if ((flags & OE) !== 0) {
          state.ov = undefinedCase ? 1 : 0;
          state.so |= state.ov;
        }
        if ((flags & RC) !== 0) state.cr = recordCr0(state.cr, r[t]!, state.so);
        break;
      }
      case 9 satisfies Ops['DIVWU']: {
        const x = r[a]!, y = r[b]!;
        r[t] = y === 0 ? x : (x >>> 0) / (y >>> 0);
        if ((flags & OE) !== 0) {
          state.ov = y === 0 ? 1 : 0;
          state.so |= state.ov;
        }
        if ((flags & RC) !== 0) state.cr = recordCr0(state.cr, r[t]!, state.so);
        break;
      }

      // Compare: into CR field BF (the t field).
      case 10 satisfies Ops['CMP']:
        state.cr = setCrField(state.cr, t, compareSigned(r[a]!, r[b]!, state.so));
        break;
      case 11 satisfies Ops['CMPL']:
        state.cr = setCrField(state.cr, t, compareUnsigned(r[a]!, r[b]!, state.so));
        break;
      case 12 satisfies Ops['CMPI']:
        state.cr = setCrField(state.cr, t, compareSigned(r[a]!, imm, state.so));
        break;
      case 13 satisfies Ops['CMPLI']:
        state.cr = setCrField(state.cr, t, compareUnsigned(r[a]!, imm, state.so));
        break;

      // Logical, shift and rotate: RA (the t field) ← f(RS (the a field), RB or SH (the b field)).
      case 14 satisfies Ops['ORI']:
        r[t] = r[a]! | imm;
        break;
      case 15 satisfies Ops['XORI']:
        r[t] = r[a]! ^ imm;
        break;
      case 16 satisfies Ops['ANDI']:
        r[t] = r[a]! & imm;
        state.cr = recordCr0(state.cr, r[t]!, state.so);
        break;
      case 17 satisfies Ops['AND']:
        r[t] = r[a]! & r[b]!;
        if ((flags & RC) !== 0) state.cr = recordCr0(state.cr, r[t]!, state.so);
        break;
      case 18 satisfies Ops['ANDC']:
        r[t] = r[a]! & ~r[b]!;
        if ((flags & RC) !== 0) state.cr = recordCr0(state.cr, r[t]!, state.so);
        break;
      case 19 satisfies Ops['NOR']:
        r[t] = ~(r[a]! | r[b]!);
        if ((flags & RC) !== 0) state.cr = recordCr0(state.cr, r[t]!, state.so);
        break;
      case 20 satisfies Ops['EQV']:
        r[t] = ~(r[a]! ^ r[b]!);
        if ((flags & RC) !== 0) state.cr = recordCr0(state.cr, r[t]!, state.so);
        break;
      case 21 satisfies Ops['XOR']:
        r[t] = r[a]! ^ r[b]!;
        if ((flags & RC) !== 0) state.cr = recordCr0(state.cr, r[t]!, state.so);
        break;
      case 22 satisfies Ops['ORC']:
        r[t] = r[a]! | ~r[b]!;
        if ((flags & RC) !== 0) state.cr = recordCr0(state.cr, r[t]!, state.so);
        break;
      case 23 satisfies Ops['OR']:
        r[t] = r[a]! | r[b]!;
        if ((flags & RC) !== 0) state.cr = recordCr0(state.cr, r[t]!, state.so);
        break;
      case 24 satisfies Ops['NAND']:
        r[t] = ~(r[a]! & r[b]!);
        if ((flags & RC) !== 0) state.cr = recordCr0(state.cr, r[t]!, state.so);
        break;
      case 25 satisfies Ops['SLW']: {
        const n = r[b]! & 63;
        r[t] = n > 31 ? 0 : r[a]! << n;
        if ((flags & RC) !== 0) state.cr = recordCr0(state.cr, r[t]!, state.so);
        break;
      }
      case 26 satisfies Ops['SRW']: {
        const n = r[b]! & 63;
        r[t] = n > 31 ? 0 : r[a]! >>> n;
        if ((flags & RC) !== 0) state.cr = recordCr0(state.cr, r[t]!, state.so);
        break;
      }
      case 27 satisfies Ops['SRAW']:
      case 28 satisfies Ops['SRAWI']: {
        // CA = 1 when the source is negative and 1-bits are shifted out (Power ISA sraw/srawi).
        const n = op === Op.SRAW ? r[b]! & 63 : b;
        const value = r[a]!;
        if (n > 31) {
          r[t] = value >> 31;
          state.ca = value < 0 ? 1 : 0;
        } else {
          r[t] = value >> n;
          state.ca = value < 0 && (value & ((1 << n) - 1)) !== 0 ? 1 : 0;
        }
        if ((flags & RC) !== 0) state.cr = recordCr0(state.cr, r[t]!, state.so);
        break;
      }
      case 29 satisfies Ops['CNTLZW']:
        r[t] = Math.clz32(r[a]!);
        if ((flags & RC) !== 0) state.cr = recordCr0(state.cr, r[t]!, state.so);
        break;
      case 30 satisfies Ops['EXTSH']:
        r[t] = (r[a]! << 16) >> 16;
        if ((flags & RC) !== 0) state.cr = recordCr0(state.cr, r[t]!, state.so);
        break;
      case 31 satisfies Ops['EXTSB']:
        r[t] = (r[a]! << 24) >> 24;
        if ((flags & RC) !== 0) state.cr = recordCr0(state.cr, r[t]!, state.so);
        break;
      case 32 satisfies Ops['RLWINM']:
        r[t] = rotl(r[a]!, b) & imm;
        if ((flags & RC) !== 0) state.cr = recordCr0(state.cr, r[t]!, state.so);
        break;
      case 34 satisfies Ops['RLWNM']:
        r[t] = rotl(r[a]!, r[b]! & 31) & imm;
        if ((flags & RC) !== 0) state.cr = recordCr0(state.cr, r[t]!, state.so);
        break;
      case 33 satisfies Ops['RLWIMI']:
        r[t] = (rotl(r[a]!, b) & imm) | (r[t]! & ~imm);
        if ((flags & RC) !== 0) state.cr = recordCr0(state.cr, r[t]!, state.so);
        break;

      // Loads and stores: EA = (RA|0) + (RB | D). Aligned internal-memory accesses inline, the rest in
      // memory-map.ts. Update forms write EA to RA only after the access succeeded.
      case 35 satisfies Ops['LWZ']: {
        const ea = (r[a]! + r[b]! + imm) | 0;
        if ((ea & 3) === 0 && ea >>> 0 < INTERNAL_MEMORY_BYTES) r[t] = memory[ea >>> 2]!;
        else {
          state.clock = clock;
          const value = loadSlow(state, ea, 4, pc);
          if (state.fault !== undefined) break run;
          r[t] = value;
          cost = state.accessCycles;
        }
        if ((flags & UPDATE) !== 0) r[a] = ea;
        break;
      }
      case 36 satisfies Ops['LBZ']: {
        const ea = (r[a]! + r[b]! + imm) | 0;
        if (ea >>> 0 < INTERNAL_MEMORY_BYTES) r[t] = (memory[ea >>> 2]! >>> ((~ea & 3) << 3)) & 0xff;
        else {
          state.clock = clock;
          const value = loadSlow(state, ea, 1, pc);
          if (state.fault !== undefined) break run;
          r[t] = value;
          cost = state.accessCycles;
        }
        if ((flags & UPDATE) !== 0) r[a] = ea;
        break;
      }
      case 37 satisfies Ops['LHZ']:
      case 38 satisfies Ops['LHA']: {
        const ea = (r[a]! + r[b]! + imm) | 0;
        let value: number;
        if ((ea & 1) === 0 && ea >>> 0 < INTERNAL_MEMORY_BYTES) value = (memory[ea >>> 2]! >>> ((2 - (ea & 2)) << 3)) & 0xffff;
        else {
          state.clock = clock;
          value = loadSlow(state, ea, 2, pc);
          if (state.fault !== undefined) break run;
          cost = state.accessCycles;
        }
        r[t] = op === Op.LHA ? (value << 16) >> 16 : value;
        if ((flags & UPDATE) !== 0) r[a] = ea;
        break;
      }
      case 39 satisfies Ops['STW']: {
        const ea = (r[a]! + r[b]! + imm) | 0;
        if ((ea & 3) === 0 && ea >>> 0 < INTERNAL_MEMORY_BYTES) memory[ea >>> 2] = r[t]!;
        else {
          state.clock = clock;
          storeSlow(state, ea, 4, r[t]!, pc);
          if (state.fault !== undefined) break run;
          cost = state.accessCycles;
        }
        if ((flags & UPDATE) !== 0) r[a] = ea;
        break;
      }
      case 40 satisfies Ops['STB']: {
        const ea = (r[a]! + r[b]! + imm) | 0;
        if (ea >>> 0 < INTERNAL_MEMORY_BYTES) {
          const shift = (~ea & 3) << 3;
          memory[ea >>> 2] = (memory[ea >>> 2]! & ~(0xff << shift)) | ((r[t]! & 0xff) << shift);
        } else {
          state.clock = clock;
          storeSlow(state, ea, 1, r[t]! & 0xff, pc);
          if (state.fault !== undefined) break run;
          cost = state.accessCycles;
        }
        if ((flags & UPDATE) !== 0) r[a] = ea;
        break;
      }
      case 41 satisfies Ops['STH']: {
        const ea = (r[a]! + r[b]! + imm) | 0;
        if ((ea & 1) === 0 && ea >>> 0 < INTERNAL_MEMORY_BYTES) {
          const shift = (2 - (ea & 2)) << 3;
          memory[ea >>> 2] = (memory[ea >>> 2]! & ~(0xffff << shift)) | ((r[t]! & 0xffff) << shift);
        } else {
          state.clock = clock;
          storeSlow(state, ea, 2, r[t]! & 0xffff, pc);
          if (state.fault !== undefined) break run;
          cost = state.accessCycles;
        }
        if ((flags & UPDATE) !== 0) r[a] = ea;
        break;
      }
      case 42 satisfies Ops['LMW']:
        state.clock = clock;
        cost = loadMultiple(state, t, (r[a]! + imm) | 0, pc);
        if (cost < 0) break run;
        break;
      case 43 satisfies Ops['STMW']:
        state.clock = clock;
        cost = storeMultiple(state, t, (r[a]! + imm) | 0, pc);
        if (cost < 0) break run;
        break;

      // Branch facility. BO (the t field, Power ISA §2.4): 16 = ignore the condition, 8 = the CR bit value
      // to branch on, 4 = do not decrement CTR, 2 = branch when CTR = 0 (else when CTR ≠ 0).
      case 44 satisfies Ops['B']:
        if ((flags & LK) !== 0) state.lr = next;
        next = imm;
        break;
      case 45 satisfies Ops['BC']:
      case 46 satisfies Ops['BCLR']:
      case 47 satisfies Ops['BCCTR']: {
        const target = op === Op.BC ? imm : op === Op.BCLR ? state.lr & ~3 : state.ctr & ~3;
        if ((t & 4) === 0) state.ctr = (state.ctr - 1) | 0;
        const ctrOk = (t & 4) !== 0 || (state.ctr !== 0) !== ((t & 2) !== 0);
        const conditionOk = (t & 16) !== 0 || ((state.cr >>> (31 - a)) & 1) === ((t >>> 3) & 1);
        if ((flags & LK) !== 0) state.lr = next;
        if (ctrOk && conditionOk) next = target;
        break;
      }
      case 48 satisfies Ops['CRLOGIC']: {
        // CR bit BT (t) ← bit 2·BA + BB of the row's truth table (imm).
        const cr = state.cr;
        const bit = (imm >>> ((((cr >>> (31 - a)) & 1) << 1) | ((cr >>> (31 - b)) & 1))) & 1;
        state.cr = (cr & ~(1 << (31 - t))) | (bit << (31 - t));
        break;
      }
      case 49 satisfies Ops['MCRF']:
        state.cr = setCrField(state.cr, t, (state.cr >>> (28 - 4 * a)) & 0xf);
        break;

      // System registers.
      case 50 satisfies Ops['MFCR']:
        r[t] = state.cr;
        break;
      case 51 satisfies Ops['MTCRF']:
        state.cr = (r[t]! & imm) | (state.cr & ~imm);
        break;
      case 52 satisfies Ops['MFSPR']:
        r[t] = imm === SPR_LR ? state.lr : imm === SPR_CTR ? state.ctr : state.xer;
        break;
      case 53 satisfies Ops['MTSPR']:
        if (imm === SPR_LR) state.lr = r[t]!;
        else if (imm === SPR_CTR) state.ctr = r[t]!;
        else if (imm === SPR_XER) state.xer = r[t]!;
        break;
      case 54 satisfies Ops['WAIT']:
        // The program is done (§4.8): the core sleeps and its clock stops.
        state.runState = 'sleeping';
        pc = next;
        clock += cost;
        count++;
        break run;
      case 55 satisfies Ops['NOP']:
        break;

      case 57 satisfies Ops['MFTB']:
        // The time base runs with the PPU clock (twin choice, §10.8): TBL is its low word, TBU its high word.
        r[t] = imm === 268 ? clock % 0x1_0000_0000 : Math.floor(clock / 0x1_0000_0000);
        break;

      case 56 satisfies Ops['FXV']:
        state.clock = clock;
        cost = vectors.execute(imm, flags, t, a, b, pc >>> 0);
        if (cost < 0) break run;
        break;
    }
    pc = next;
    clock += cost;
    count++;
    if (op - Op.B >>> 0 <= Op.BCCTR - Op.B) break;
  }
  state.pc = pc >>> 0;
  state.clock = clock;
  state.instructions = count;
}
