import type { AnyContainer } from './field-engine/define-container.js';

// Which register instances a batch of omnibus writes touched. The twin's register file collects one per batch
// and hands it to the physics, which re-derives only what changed (a PPU rewriting one synapse row must not
// make the analog core decode all 32,768 synapse quads again).

/** Container types and instances (coordinate enum values) written since the last hand-over. */
export class ChangeSet {
  private readonly touched = new Map<AnyContainer, Set<number> | 'all'>();
  private everything = false;

  /** A change set that reports every container type and instance as changed (a first full configuration). */
  static all(): ChangeSet {
    const changes = new ChangeSet();
    changes.everything = true;
    return changes;
  }

  /** Marks every container type and instance as changed (after a chip reset). */
  markAll(): void {
    this.touched.clear();
    this.everything = true;
  }

  add(type: AnyContainer, instance: number): void {
    if (this.everything) return;
    const seen = this.touched.get(type);
    if (seen === 'all') return;
    if (seen === undefined) this.touched.set(type, new Set([instance]));
    else seen.add(instance);
  }

  addAll(type: AnyContainer): void {
    if (!this.everything) this.touched.set(type, 'all');
  }

  has(type: AnyContainer): boolean {
    return this.everything || this.touched.has(type);
  }

  /** The changed instances of `type` ('all' when every instance may have changed; empty if none). */
  instances(type: AnyContainer): ReadonlySet<number> | 'all' {
    if (this.everything) return 'all';
    return this.touched.get(type) ?? new Set();
  }

  /** Calls `visit(instance)` for every changed instance of `type` (every instance when all changed). */
  forEachInstance(type: AnyContainer, visit: (instance: number) => void): void {
    const instances = this.instances(type);
    if (instances === 'all') {
      for (let i = 0; i < type.coord.size; i++) visit(i);
    } else {
      for (const i of instances) visit(i);
    }
  }

  get isEmpty(): boolean {
    return !this.everything && this.touched.size === 0;
  }

  clear(): void {
    this.touched.clear();
    this.everything = false;
  }
}
