import { assemble } from '../../asm/assembler.js';
import type { PpuBus } from '../ppu-bus.js';

/** Assembles `source` and copies its image into `bus.memory` as big-endian words (the rest stays as it was). */
export function loadProgram(bus: PpuBus, source: string): void {
  const { image } = assemble(source);
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  for (let i = 0; i + 4 <= image.length; i += 4) bus.memory[i / 4] = view.getUint32(i);
}
