/**
 * `npm run bench:ppu`: speed of the PPU instruction-set simulator in million instructions per second and in
 * simulated PPU cycles per wall second, measured in one run beside its peer:
 * (i) a scalar loop (an LCG feeding a rotate-and-add checksum, 6 instructions per iteration) on a bare PPU;
 * (ii) the STDP kernel of reference §4.10 (18 instructions per synapse vector, 512 vectors per sweep, fxvinx and
 *      fxvoutx on a stand-in chip port that serves synapse and CADC rows from arrays);
 * (iii) `qemu-ppc` (Debian qemu-user) running the same scalar loop as a static PPC32 Linux binary assembled by
 *      binutils; its time is the whole process minus a null program's.
 * The real PPU runs at 250 MHz (§4.7), so the twin keeps up with real time when it simulates at least 250 M PPU
 * cycles per wall second: the real-time factor is simulated cycles/s ÷ 250 M. A scalar instruction takes one
 * cycle (§10.8), so on (i) that is 250 MIPS; the kernel's vector I/O takes 8 cycles per synapse access and 135
 * per CADC conversion (§10.8, `PPU_CYCLES`), so it needs far fewer MIPS for real time.
 * Wall time is what real time is about; CPU time (this process's user + system) is printed beside it, since on a
 * loaded machine the wall time measures the other processes too.
 * Environment: BENCH_PPU_ITERATIONS (default 50,000,000 loop iterations), BENCH_SKIP_QEMU=1 skips (iii).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemble, BareBus, PpuCore, type PpuBus } from '@bss2/ppu';
import { formatTable } from './measure.js';

const ITERATIONS = Number(process.env['BENCH_PPU_ITERATIONS'] ?? 50_000_000);
const STDP_SWEEPS = 200;
/** PPU clock (§4.7): simulated cycles per wall second for real time. */
const REAL_PPU_HZ = 250e6;

/** The scalar loop body, valid for both our assembler and GNU as (`-mregnames`). */
const scalarLoop = (iterations: number): string => `
        lis r3, ${iterations >>> 16}
        ori r3, r3, ${iterations & 0xffff}
        mtctr r3
        li r4, 1
        lis r5, 0x0019
        ori r5, r5, 0x660d
        lis r6, 0x3c6e
        ori r6, r6, 0xf35f
        li r7, 0
loop:
        mullw r4, r4, r5
        add r4, r4, r6
        xor r7, r7, r4
        rlwinm r8, r4, 3, 0, 31
        add r7, r7, r8
        bdnz loop
`;
const SCALAR_SETUP = 9;
const SCALAR_BODY = 6;

/** §4.10 step 3 as assembly: one sweep over the 512 synapse vectors of a hemisphere. */
const stdpKernel = `
        lis r20, 0x8            # causal CADC base
        lis r21, 0xc            # acausal CADC base
        li r3, 3
        fxvsplatb v3, r3        # correlation reset byte
        li r3, 2
        fxvsplatb v4, r3        # baseline offset
        li r3, 32
        fxvsplatb v6, r3        # STDP factor (32/128)
        li r3, 0
        fxvsplatb v0, r3        # zero for the clamp
        li r3, 512
        mtctr r3
        li r4, 0
vector:
        fxvinx v1, r20, r4
        fxvinx v2, r21, r4
        fxvshb v1, v1, -1
        fxvshb v2, v2, -1
        fxvoutx v3, r20, r4
        fxvsubbfs v1, v1, v4
        fxvsubbfs v2, v2, v4
        fxvsubbfs v5, v1, v2
        fxvmulbfs v5, v5, v6
        fxvinx v7, 0, r4
        fxvshb v7, v7, 1
        fxvaddbfs v7, v7, v5
        fxvcmpb v7
        fxvsel v7, v7, v0, 2
        fxvshb v7, v7, -1
        fxvoutx v7, 0, r4
        addi r4, r4, 1
        bdnz vector
        wait
`;
const STDP_INSTRUCTIONS = 13 + 512 * 18 + 1;

/** A stand-in for the chip: synapse and CADC rows as arrays, the way libs/chip's port serves them. */
class ArrayChip extends BareBus implements PpuBus {
  private readonly weights = Array.from({ length: 256 }, (_, row) => Uint8Array.from({ length: 256 }, (_, c) => (row + c) % 64));
  private readonly cadc = [0, 1].map((type) => Array.from({ length: 256 }, (_, row) => Uint8Array.from({ length: 256 }, (_, c) => (row * 7 + c * 3 + type * 50) % 256)));

  override readSynapseWeights(row: number, out: Uint8Array): void {
    out.set(this.weights[row]!);
  }
  override writeSynapseWeights(row: number, values: Uint8Array, mask?: Uint8Array): void {
    const weights = this.weights[row]!;
    for (let c = 0; c < 256; c++) if (mask === undefined || mask[c] !== 0) weights[c] = values[c]!;
  }
  override readCadcRow(type: number, row: number, out: Uint8Array): void {
    out.set(this.cadc[type]![row]!);
  }
  override resetCorrelation(): void {}
}

function load(bus: PpuBus, source: string): void {
  const { image } = assemble(source);
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  for (let i = 0; i + 4 <= image.length; i += 4) bus.memory[i / 4] = view.getUint32(i);
}

interface Measurement {
  readonly seconds: number;
  /** CPU seconds of this process (user + system) over the same span. */
  readonly cpuSeconds: number;
  readonly instructions: number;
  /** Simulated PPU cycles (§10.8 costs), what the real PPU would take. */
  readonly cycles: number;
}

/** Runs `source` to `wait` on `bus` `repeats` times; wall seconds, instructions and simulated cycles. */
function measureTwin(bus: PpuBus, source: string, repeats: number): Measurement {
  load(bus, source);
  const core = new PpuCore();
  let instructions = 0;
  let cycles = 0;
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  for (let i = 0; i < repeats; i++) {
    core.start(bus);
    core.runUntil(Number.POSITIVE_INFINITY, bus);
    if (!core.sleeping) throw new Error(`benchmark program did not finish: ${JSON.stringify(core.fault)}`);
    instructions += core.instructions;
    cycles += core.cycles;
  }
  const cpu = process.cpuUsage(cpuStarted);
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, cpuSeconds: (cpu.user + cpu.system) / 1e6, instructions, cycles };
}

/** Wall seconds of `qemu-ppc` on a static binary of `body` followed by exit(0), best of three. */
function qemuSeconds(dir: string, name: string, body: string): number {
  const source = `  .text\n  .globl _start\n_start:\n${body}\n  li r0, 1\n  li r3, 0\n  sc\n`;
  writeFileSync(join(dir, `${name}.s`), source);
  execFileSync('powerpc-linux-gnu-as', ['-mppc', '-a32', '-mbig', '-mregnames', '-o', join(dir, `${name}.o`), join(dir, `${name}.s`)]);
  execFileSync('powerpc-linux-gnu-ld', ['-static', '-o', join(dir, name), join(dir, `${name}.o`)]);
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const started = process.hrtime.bigint();
    execFileSync('qemu-ppc', [join(dir, name)]);
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e9);
  }
  return best;
}

const mips = (instructions: number, seconds: number): string => (instructions / seconds / 1e6).toFixed(0);

console.log(`PPU simulator throughput — ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
// Warm-up: let the JIT settle on both programs before timing.
measureTwin(new BareBus(), `${scalarLoop(1_000_000)}        wait\n`, 3);
measureTwin(new ArrayChip(), stdpKernel, 5);

const scalar = measureTwin(new BareBus(), `${scalarLoop(ITERATIONS)}        wait\n`, 1);
const stdp = measureTwin(new ArrayChip(), stdpKernel, STDP_SWEEPS);
if (stdp.instructions !== STDP_SWEEPS * STDP_INSTRUCTIONS) throw new Error(`STDP kernel ran ${stdp.instructions} instructions`);
const scalarInstructions = SCALAR_SETUP + ITERATIONS * SCALAR_BODY + 1;
if (scalar.instructions !== scalarInstructions) throw new Error(`scalar loop ran ${scalar.instructions} instructions`);

/**
 * A table row: instructions, wall time, MIPS, simulated cycles per second and the real-time factor, then CPU
 * time and the real-time factor by CPU time ('–' where there is none: qemu runs in another process).
 */
function row(workload: string, instructions: number, seconds: number, cycles: number, cpuSeconds?: number): string[] {
  const hz = cycles / seconds;
  const cpu = cpuSeconds === undefined ? ['–', '–'] : [cpuSeconds.toFixed(2), (cycles / cpuSeconds / REAL_PPU_HZ).toFixed(2)];
  return [workload, instructions.toLocaleString('en'), seconds.toFixed(2), mips(instructions, seconds), (hz / 1e6).toFixed(0), (hz / REAL_PPU_HZ).toFixed(2), ...cpu];
}

const rows: string[][] = [
  row('twin: scalar loop', scalar.instructions, scalar.seconds, scalar.cycles, scalar.cpuSeconds),
  row('twin: STDP kernel (§4.10)', stdp.instructions, stdp.seconds, stdp.cycles, stdp.cpuSeconds),
];

let qemuMips: number | undefined;
if (process.env['BENCH_SKIP_QEMU'] !== '1') {
  if (!existsSync('/usr/bin/qemu-ppc') || !existsSync('/usr/bin/powerpc-linux-gnu-as')) throw new Error('qemu-ppc or powerpc-linux-gnu binutils missing (set BENCH_SKIP_QEMU=1 to skip the peer)');
  const dir = mkdtempSync(join(tmpdir(), 'bss2-bench-ppu-'));
  try {
    const loop = qemuSeconds(dir, 'loop', scalarLoop(ITERATIONS));
    const nothing = qemuSeconds(dir, 'null', '');
    const seconds = Math.max(loop - nothing, 1e-6);
    const instructions = scalarInstructions - 1;
    qemuMips = instructions / seconds / 1e6;
    // One PPU cycle per scalar instruction (§10.8): qemu simulates as many PPU cycles as it runs instructions.
    rows.push(row('qemu-ppc: scalar loop', instructions, seconds, instructions));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(formatTable(['workload', 'instructions', 'wall s', 'MIPS', 'sim. Mcycles/s', '× real time', 'CPU s', '× real time (CPU)'], rows));
const twinMips = scalar.instructions / scalar.seconds / 1e6;
const realMips = REAL_PPU_HZ / 1e6;
console.log(`\nscalar loop: twin ${twinMips.toFixed(0)} MIPS vs the real PPU's ${realMips} MIPS (${twinMips >= realMips ? 'keeps up with' : 'slower than'} real time)`);
if (qemuMips !== undefined) console.log(`twin / qemu-ppc on the scalar loop: ${(twinMips / qemuMips).toFixed(2)}`);
// STDP: the real PPU's time for the sweeps (cycle accounting) vs the twin's wall time.
const stdpFactor = stdp.cycles / stdp.seconds / REAL_PPU_HZ;
console.log(
  `STDP kernel: ${(stdp.instructions / STDP_SWEEPS).toLocaleString('en')} instructions and ${(stdp.cycles / STDP_SWEEPS).toLocaleString('en')} PPU cycles ` +
    `per sweep of 512 vectors; the real PPU takes ${((stdp.cycles / REAL_PPU_HZ) * 1e3).toFixed(0)} ms for ${STDP_SWEEPS} sweeps, the twin ` +
    `${(stdp.seconds * 1e3).toFixed(0)} ms (${stdpFactor >= 1 ? 'keeps up with' : 'slower than'} real time; CPU time ${(stdp.cpuSeconds * 1e3).toFixed(0)} ms)`,
);
