import { INTERNAL_MEMORY_BYTES, loadSlow, storeSlow } from './memory-map.js';
import type { PpuState } from './ppu-state.js';

// lmw / stmw (Power ISA §3.3.7): registers RT..r31 from/to consecutive words at EA. Cost: one cycle per word
// moved (twin choice; §10.8 prices single scalar accesses only), plus the window's access cost for words that
// leave internal memory. A fault stops the transfer; earlier words stay transferred, as on a real core.

/** lmw: returns the cost in PPU cycles, or −1 after a fault. */
export function loadMultiple(state: PpuState, rt: number, ea: number, pc: number): number {
  const r = state.gpr;
  const memory = state.bus.memory;
  let cost = 0;
  for (let k = rt; k < 32; k++) {
    const address = (ea + 4 * (k - rt)) | 0;
    if ((address & 3) === 0 && address >>> 0 < INTERNAL_MEMORY_BYTES) {
      r[k] = memory[address >>> 2]!;
      cost += 1;
    } else {
      const value = loadSlow(state, address, 4, pc);
      if (state.fault !== undefined) return -1;
      r[k] = value;
      cost += state.accessCycles;
    }
  }
  return cost;
}

/** stmw: returns the cost in PPU cycles, or −1 after a fault. */
export function storeMultiple(state: PpuState, rs: number, ea: number, pc: number): number {
  const r = state.gpr;
  const memory = state.bus.memory;
  let cost = 0;
  for (let k = rs; k < 32; k++) {
    const address = (ea + 4 * (k - rs)) | 0;
    if ((address & 3) === 0 && address >>> 0 < INTERNAL_MEMORY_BYTES) {
      memory[address >>> 2] = r[k]!;
      cost += 1;
    } else {
      storeSlow(state, address, 4, r[k]!, pc);
      if (state.fault !== undefined) return -1;
      cost += state.accessCycles;
    }
  }
  return cost;
}
