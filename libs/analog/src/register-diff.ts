import { Chip, type AnyContainer, type ChangeSet } from '@bss2/regs';

// Which register instances really changed since the analog core last read them. A ChangeSet may name a whole
// container type ('all', e.g. a first full configuration) although almost nothing differs; decoding every
// instance (32,768 SynapseQuads, 12,480 CapMem cells) would then dominate a configure. Comparing the raw words
// with the last words read costs a typed-array pass instead.

let resetChip: Chip | undefined;

export class RegisterDiff {
  private readonly seen = new Map<AnyContainer, Uint32Array>();

  /** The instances of `type` named by `changed` whose words differ from the last call (the cache starts at reset). */
  changedInstances(chip: Chip, type: AnyContainer, changed: ChangeSet): number[] {
    const which = changed.instances(type);
    const out: number[] = [];
    if (which !== 'all' && which.size === 0) return out;
    const words = chip.typeWords(type);
    let last = this.seen.get(type);
    if (last === undefined) {
      last = (resetChip ??= new Chip()).typeWords(type).slice();
      this.seen.set(type, last);
    }
    const per = type.words;
    const check = (instance: number): void => {
      const at = instance * per;
      for (let i = at; i < at + per; i++) {
        if (words[i] !== last[i]) {
          last.set(words.subarray(at, at + per), at);
          out.push(instance);
          return;
        }
      }
    };
    changed.forEachInstance(type, check);
    return out;
  }
}
