import { FPGA_CYCLES_PER_US } from '@bss2/link';
import type { ProgramStep } from '@bss2/playback';
import { containers } from '@bss2/regs';

const hex = (n: number, digits = 8): string => `0x${n.toString(16).padStart(digits, '0')}`;

/** Messages a step occupies on the link: writes take address + data per word, reads one address per word. */
function messagesOf(step: ProgramStep): number {
  if (step.kind === 'writeContainer') return 2 * step.words.length;
  if (step.kind === 'write') return 2;
  return 1;
}

/** Only the fields that differ from the container's reset value, so a line shows what the write changes. */
function changedFields(containerName: string, value: unknown): string {
  const container = containers.find((c) => c.name === containerName);
  if (!container) return JSON.stringify(value);
  const defaults = container.defaults() as Record<string, unknown>;
  const changed = Object.entries(value as Record<string, unknown>).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(defaults[k]));
  if (changed.length === 0) return '(reset value)';
  return changed.map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(',')}]` : String(v)}`).join(' ');
}

function describeStep(step: ProgramStep): string {
  switch (step.kind) {
    case 'writeContainer':
      return `write ${step.container}(${step.coordName} ${step.coord}) @${hex(step.addresses[0] as number)} ${changedFields(step.container, step.value)}`;
    case 'write':
      return `write ${hex(step.address)} ← ${hex(step.word)}${step.owner ? ` (${step.owner.container}(${step.owner.coord}) word ${step.owner.word})` : ''}`;
    case 'read':
      return `read  ${hex(step.address)}${step.owner ? ` (${step.owner.container}(${step.owner.coordName} ${step.owner.coord}) word ${step.owner.word})` : ''}`;
    case 'timerReset':
      return 'timer reset (t = 0)';
    case 'waitUntil':
      return `wait until ${step.cycles} cycles (${(step.cycles / FPGA_CYCLES_PER_US).toFixed(3)} µs)`;
    case 'spikes':
      return `inject spikes ${step.labels.map((l) => hex(l, 4)).join(' ')}`;
    case 'barrier':
      return `barrier mask ${step.mask}`;
    case 'message':
      return JSON.stringify(step.message);
  }
}

/** One line per step: the index of its first link message, then what it does in the chip's vocabulary. */
export function formatProgram(steps: readonly ProgramStep[]): string {
  let message = 0;
  const lines = steps.map((step) => {
    const line = `${String(message).padStart(5)}  ${describeStep(step)}`;
    message += messagesOf(step);
    return line;
  });
  return ['  msg  step', ...lines].join('\n');
}
