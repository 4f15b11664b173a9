import type { AnyContainer, ChangeSet } from '@bss2/regs';

// Every router unit re-reads only the register instances a batch of writes touched (the ChangeSet contract
// of @bss2/regs); this is the one loop that turns "which instances" into calls.

/** Calls `load(instance)` for every changed instance of `type` (all of them when the change set says 'all'). */
export function forEachChanged(changed: ChangeSet, type: AnyContainer, load: (instance: number) => void): void {
  if (!changed.has(type)) return;
  const instances = changed.instances(type);
  if (instances === 'all') {
    for (let i = 0; i < type.coord.size; i++) load(i);
  } else {
    for (const i of instances) load(i);
  }
}
