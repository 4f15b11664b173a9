// An independent, deliberately slow reference for the FXV semantics, written from the formulas of reference
// §4.4 and the twin choices of §10.8 with BigInt arithmetic and per-bit loops. It shares no code with the
// implementation (not even the state layout: ACC is kept here as 64 halfword accumulators, VCR as booleans),
// so that the property tests compare two separate readings of the reference.

/** Per byte lane condition flags. */
export interface RefFlags {
  gt: boolean;
  lt: boolean;
  eq: boolean;
}

/** The reference state: 32 registers of 128 unsigned bytes, 64 signed 32-bit accumulators, 128 flag sets. */
export interface RefState {
  regs: number[][];
  acc32: bigint[];
  vcr: RefFlags[];
}

const sx = (x: bigint, bits: number): bigint => BigInt.asIntN(bits, x);
const clamp = (x: bigint, bits: number): bigint => {
  const hi = (1n << BigInt(bits - 1)) - 1n;
  const lo = -(1n << BigInt(bits - 1));
  return x > hi ? hi : x < lo ? lo : x;
};
const msf = (a: bigint, b: bigint, n: number): bigint => {
  const min = -(1n << BigInt(n - 1));
  return a === min && b === min ? (1n << BigInt(2 * n - 1)) - 1n : 2n * a * b;
};
const upper = (x: bigint, n: number): bigint => x >> BigInt(n);

// Element access: n = 8 → 128 byte lanes, n = 16 → 64 big-endian halfword lanes.
function getElem(reg: number[], i: number, n: number): bigint {
  return n === 8 ? sx(BigInt(reg[i]!), 8) : sx(BigInt(reg[2 * i]! * 256 + reg[2 * i + 1]!), 16);
}
function setElem(reg: number[], i: number, n: number, v: bigint): void {
  const u = Number(BigInt.asUintN(n, v));
  if (n === 8) reg[i] = u;
  else {
    reg[2 * i] = Math.floor(u / 256);
    reg[2 * i + 1] = u % 256;
  }
}
// ACC element: a byte lane is one 16-bit half of its halfword's 32-bit accumulator, the even lane the upper.
function getAcc(s: RefState, i: number, n: number): bigint {
  if (n === 16) return s.acc32[i]!;
  const word = BigInt.asUintN(32, s.acc32[i >> 1]!);
  return sx(i % 2 === 0 ? word >> 16n : word & 0xffffn, 16);
}
function setAcc(s: RefState, i: number, n: number, v: bigint): void {
  if (n === 16) {
    s.acc32[i] = sx(v, 32);
    return;
  }
  const word = BigInt.asUintN(32, s.acc32[i >> 1]!);
  const half = BigInt.asUintN(16, v);
  s.acc32[i >> 1] = sx(i % 2 === 0 ? (half << 16n) | (word & 0xffffn) : (word & 0xffff0000n) | half, 32);
}
function holds(f: RefFlags, c: number): boolean {
  return c === 0 || (c === 1 && f.gt) || (c === 2 && f.lt) || (c === 3 && f.eq);
}

type Lane = (a: bigint, b: bigint, acc: bigint, n: number) => { vrt?: bigint; acc?: bigint };
const N = (n: number): bigint => BigInt(n);

/** Element-wise rows by mnemonic: what each writes, from §4.4 (fractional alignment per §10.8). */
export const LANES: Record<string, Lane> = {};
for (const [w, n] of [['h', 16], ['b', 8]] as const) {
  LANES[`fxvma${w}m`] = (a, b, acc) => ({ vrt: sx(a * b + acc, n) });
  LANES[`fxvmtac${w}`] = (a) => ({ acc: a });
  LANES[`fxvma${w}fs`] = (a, b, acc) => ({ vrt: upper(clamp(acc + msf(a, b, n), 2 * n), n) });
  LANES[`fxvmtac${w}f`] = (a) => ({ acc: a * (1n << N(n)) });
  LANES[`fxvmatac${w}m`] = (a, b, acc) => ({ acc: sx(a * b + acc, 2 * n) });
  LANES[`fxvmatac${w}fs`] = (a, b, acc) => ({ acc: clamp(acc + msf(a, b, n), 2 * n) });
  LANES[`fxvmul${w}m`] = (a, b) => ({ vrt: sx(a * b, n) });
  LANES[`fxvmul${w}fs`] = (a, b) => ({ vrt: upper(msf(a, b, n), n) });
  LANES[`fxvmultac${w}m`] = (a, b) => ({ acc: sx(a * b, 2 * n) });
  LANES[`fxvmultac${w}fs`] = (a, b) => ({ acc: msf(a, b, n) });
  LANES[`fxvsub${w}m`] = (a, b) => ({ vrt: sx(a - b, n) });
  LANES[`fxvsub${w}fs`] = (a, b) => ({ vrt: clamp(a - b, n) });
  LANES[`fxvaddac${w}m`] = (a, _b, acc) => ({ vrt: sx(a + acc, n) });
  LANES[`fxvaddac${w}fs`] = (a, _b, acc) => ({ vrt: upper(clamp(a * (1n << N(n)) + acc, 2 * n), n) });
  LANES[`fxvadd${w}m`] = (a, b) => ({ vrt: sx(a + b, n) });
  LANES[`fxvadd${w}fs`] = (a, b) => ({ vrt: clamp(a + b, n) });
}
LANES['fxvaddactachm'] = (a, _b, acc) => ({ acc: sx(acc + a, 32) });
LANES['fxvaddactacb'] = (a, _b, acc) => ({ acc: sx(acc + a, 16) });
LANES['fxvaddactachf'] = (a, _b, acc) => ({ acc: clamp(acc + a * 65536n, 32) });
LANES['fxvaddactacbf'] = (a, _b, acc) => ({ acc: clamp(acc + a * 256n, 16) });
LANES['fxvaddtachm'] = (a, b) => ({ acc: a + b });
LANES['fxvaddtacb'] = (a, b) => ({ acc: a + b });

/** Applies element-wise row `mnemonic` of width `n` to `s`, gated per element by condition `c`. */
export function refElementwise(s: RefState, mnemonic: string, n: number, c: number, vrt: number, vra: number, vrb: number): void {
  const lane = LANES[mnemonic]!;
  const lanes = 128 / (n / 8);
  const results: { i: number; vrt?: bigint; acc?: bigint }[] = [];
  for (let i = 0; i < lanes; i++) {
    if (!holds(s.vcr[(i * n) / 8]!, c)) continue;
    results.push({ i, ...lane(getElem(s.regs[vra]!, i, n), getElem(s.regs[vrb]!, i, n), getAcc(s, i, n), n) });
  }
  for (const r of results) {
    if (r.vrt !== undefined) setElem(s.regs[vrt]!, r.i, n, r.vrt);
    if (r.acc !== undefined) setAcc(s, r.i, n, r.acc);
  }
}

/** fxvcmpb / fxvcmph: flags from the sign of each element; a halfword sets both its byte lanes. */
export function refCompare(s: RefState, n: number, c: number, vra: number): void {
  for (let i = 0; i < 128 / (n / 8); i++) {
    const lane0 = (i * n) / 8;
    if (!holds(s.vcr[lane0]!, c)) continue;
    const v = getElem(s.regs[vra]!, i, n);
    for (let j = 0; j < n / 8; j++) s.vcr[lane0 + j] = { gt: v > 0n, lt: v < 0n, eq: v === 0n };
  }
}

/** fxvsplatb / fxvsplath. */
export function refSplat(s: RefState, n: number, c: number, vrt: number, gprA: number): void {
  for (let i = 0; i < 128 / (n / 8); i++) if (holds(s.vcr[(i * n) / 8]!, c)) setElem(s.regs[vrt]!, i, n, BigInt(gprA));
}

/** fxvshb / fxvshh, bit by bit: result bit j = source bit j − sh when that exists, else 0. */
export function refShift(s: RefState, n: number, c: number, vrt: number, vra: number, vrbField: number): void {
  const sh = vrbField >= 16 ? vrbField - 32 : vrbField;
  const src = s.regs[vra]!.slice();
  for (let i = 0; i < 128 / (n / 8); i++) {
    if (!holds(s.vcr[(i * n) / 8]!, c)) continue;
    const v = BigInt.asUintN(n, getElem(src, i, n));
    let r = 0n;
    for (let j = 0; j < n; j++) if (j - sh >= 0 && j - sh < n && ((v >> BigInt(j - sh)) & 1n) === 1n) r |= 1n << BigInt(j);
    setElem(s.regs[vrt]!, i, n, r);
  }
}

/** fxvsel. */
export function refSelect(s: RefState, c: number, vrt: number, vra: number, vrb: number): void {
  const a = s.regs[vra]!.slice();
  const b = s.regs[vrb]!.slice();
  for (let k = 0; k < 128; k++) s.regs[vrt]![k] = holds(s.vcr[k]!, c) ? b[k]! : a[k]!;
}

const bit = (x: number, i: number): number => (x >> i) & 1;

/**
 * fxvpckbu / fxvpckbl, bit by bit within each slice as in the Nux permute datapath: packed byte i of a slice
 * takes halfword i of the slice's 32-byte {VRA, VRB} concatenation. Upper: target bits 7−size … 0 = the
 * halfword's high byte bits 7 … size. Lower: target bits 7−size … 8−2size = high byte bits size−1 … 0, then
 * target bits 7−2size … 0 = low byte bits 7 … 2size.
 */
export function refPack(s: RefState, upperPart: boolean, size: number, vrt: number, vra: number, vrb: number): void {
  const out: number[] = [];
  for (let slice = 0; slice < 8; slice++) {
    const cat = [...s.regs[vra]!.slice(16 * slice, 16 * slice + 16), ...s.regs[vrb]!.slice(16 * slice, 16 * slice + 16)];
    for (let i = 0; i < 16; i++) {
      const hi = cat[2 * i]!;
      const lo = cat[2 * i + 1]!;
      let t = 0;
      if (upperPart) {
        for (let j = 0; j < 8 - size; j++) t |= bit(hi, 7 - j) << (8 - size - 1 - j);
      } else {
        for (let j = 0; j < size; j++) t |= bit(hi, size - 1 - j) << (8 - size - 1 - j);
        for (let j = 0; j < 8 - 2 * size; j++) t |= bit(lo, 7 - j) << (8 - 2 * size - 1 - j);
      }
      out.push(t);
    }
  }
  s.regs[vrt] = out;
}

/**
 * fxvupckbl / fxvupckbr, bit by bit per slice (left: packed bytes 0..7, right: 8..15): output high byte bits
 * 7 … size = VRA byte bits 7−size … 0, bits size−1 … 0 = VRB byte bits 7−size … 8−2size; output low byte
 * bits 7 … 2size = VRB byte bits 7−2size … 0; everything else 0.
 */
export function refUnpack(s: RefState, left: boolean, size: number, vrt: number, vra: number, vrb: number): void {
  const out: number[] = [];
  for (let slice = 0; slice < 8; slice++) {
    for (let i = 0; i < 8; i++) {
      const k = 16 * slice + (left ? 0 : 8) + i;
      const a = s.regs[vra]![k]!;
      const b = s.regs[vrb]![k]!;
      let hi = 0;
      let lo = 0;
      for (let j = 0; j < 8 - size; j++) hi |= bit(a, 7 - size - j) << (7 - j);
      for (let j = 0; j < size; j++) hi |= bit(b, 7 - size - j) << (size - 1 - j);
      for (let j = 0; j < 8 - 2 * size; j++) lo |= bit(b, 7 - 2 * size - j) << (7 - j);
      out.push(hi, lo);
    }
  }
  s.regs[vrt] = out;
}
