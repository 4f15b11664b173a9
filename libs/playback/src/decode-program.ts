import { decodeToFpga, type ToFpgaMessage } from '@bss2/link';
import { addressToContainer } from '@bss2/regs';
import { PlaybackError } from './playback-error.js';

/** Where an omnibus word lives, when it belongs to a known register container. */
export interface WordOwner {
  readonly container: string;
  readonly coord: number;
  readonly coordName: string;
  readonly word: number;
}

/** One step of a decoded program, in the builder's vocabulary. */
export type ProgramStep =
  | { readonly kind: 'write'; readonly address: number; readonly word: number; readonly owner: WordOwner | undefined }
  | {
      /** All words of one container instance written in order, decoded back into its field values. */
      readonly kind: 'writeContainer';
      readonly container: string;
      readonly coord: number;
      readonly coordName: string;
      readonly addresses: readonly number[];
      readonly words: readonly number[];
      readonly value: unknown;
    }
  | { readonly kind: 'read'; readonly address: number; readonly owner: WordOwner | undefined }
  | { readonly kind: 'timerReset' }
  | { readonly kind: 'waitUntil'; readonly cycles: number }
  | { readonly kind: 'spikes'; readonly labels: readonly number[] }
  | { readonly kind: 'barrier'; readonly mask: number }
  | { readonly kind: 'message'; readonly message: ToFpgaMessage };

function ownerOf(address: number): WordOwner | undefined {
  const owner = addressToContainer(address);
  return owner && { container: owner.container.name, coord: owner.coord, coordName: owner.container.coord.coordName, word: owner.word };
}

/**
 * Decodes an encoded program back into steps: omnibus address/data pairs become writes and reads annotated
 * with the container word they address, and runs of writes covering one whole container instance are
 * decoded into its field values. This is how a program is inspected (`bss2 demo`, `bss2 link decode`).
 */
export function decodeProgram(toFpga: Uint8Array): ProgramStep[] {
  const messages = decodeToFpga(toFpga);
  const raw: ProgramStep[] = [];
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i] as ToFpgaMessage;
    switch (m.type) {
      case 'omnibus.address': {
        if (m.isRead === 1) {
          raw.push({ kind: 'read', address: m.address, owner: ownerOf(m.address) });
          break;
        }
        const data = messages[i + 1];
        if (data?.type !== 'omnibus.data') {
          throw new PlaybackError('invalid-program', `omnibus write to 0x${m.address.toString(16)} (message ${i}) is not followed by its data word`, i);
        }
        raw.push({ kind: 'write', address: m.address, word: data.data, owner: ownerOf(m.address) });
        i++;
        break;
      }
      case 'timing.setup':
        raw.push({ kind: 'timerReset' });
        break;
      case 'timing.waitUntil':
        raw.push({ kind: 'waitUntil', cycles: m.cycles });
        break;
      case 'timing.barrier':
        raw.push({ kind: 'barrier', mask: m.mask });
        break;
      case 'event.spikePack1':
        raw.push({ kind: 'spikes', labels: [m.label0] });
        break;
      case 'event.spikePack2':
        raw.push({ kind: 'spikes', labels: [m.label0, m.label1] });
        break;
      case 'event.spikePack3':
        raw.push({ kind: 'spikes', labels: [m.label0, m.label1, m.label2] });
        break;
      default:
        raw.push({ kind: 'message', message: m });
    }
  }
  return groupContainerWrites(raw);
}

/** Replaces each complete, in-order run of writes to one container instance by a `writeContainer` step. */
function groupContainerWrites(steps: ProgramStep[]): ProgramStep[] {
  const out: ProgramStep[] = [];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as ProgramStep;
    const owner = step.kind === 'write' ? step.owner : undefined;
    const found = owner && addressToContainer((step as { address: number }).address);
    if (!owner || !found || owner.word !== 0) {
      out.push(step);
      continue;
    }
    const n = found.container.words;
    const run = steps.slice(i, i + n);
    const complete =
      run.length === n &&
      run.every((s, k) => s.kind === 'write' && s.owner?.container === owner.container && s.owner.coord === owner.coord && s.owner.word === k);
    if (!complete) {
      out.push(step);
      continue;
    }
    const words = run.map((s) => (s as { word: number }).word);
    const decoded = found.container.tryDecode(words);
    if (!decoded.ok) {
      out.push(step);
      continue;
    }
    out.push({
      kind: 'writeContainer',
      container: owner.container,
      coord: owner.coord,
      coordName: owner.coordName,
      addresses: run.map((s) => (s as { address: number }).address),
      words,
      value: decoded.value,
    });
    i += n - 1;
  }
  return out;
}
