import { isGradEnabled } from './grad-mode.js';
import type { Shape } from './shape.js';

/**
 * Backward rule of one recorded op: given the gradient of its output, return the gradient of each parent (same
 * length and order as `parents`), or `null` for a parent that needs none. A rule may return the incoming buffer
 * itself; the engine never writes into a buffer it did not allocate.
 */
export type BackwardRule = (gradOutput: Float32Array) => readonly (Float32Array | null)[];

/** One entry of the tape: the op that produced a tensor, its inputs and its backward rule (micrograd's `_backward`). */
export interface GraphNode {
  readonly op: string;
  readonly parents: readonly TapeTensor[];
  readonly backward: BackwardRule;
}

/** What the engine needs to see of a tensor (the `Tensor` class implements it). */
export interface TapeTensor {
  readonly data: Float32Array;
  readonly shape: Shape;
  requiresGrad: boolean;
  node: GraphNode | null;
}

/**
 * Attaches `op` to `output` when gradients are being recorded and some parent needs one; otherwise leaves
 * `output` a constant. Every op calls this exactly once, beside its forward code.
 */
export function record<T extends TapeTensor>(output: T, op: string, parents: readonly TapeTensor[], backward: BackwardRule): T {
  if (isGradEnabled() && parents.some((parent) => parent.requiresGrad)) {
    output.requiresGrad = true;
    output.node = { op, parents, backward };
  }
  return output;
}

/** Tensors reachable from `root` through parents that need gradients, parents before children (iterative DFS). */
function topologicalOrder(root: TapeTensor): TapeTensor[] {
  const order: TapeTensor[] = [];
  const visited = new Set<TapeTensor>([root]);
  const stack: { tensor: TapeTensor; next: number }[] = [{ tensor: root, next: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const parents = frame.tensor.node?.parents ?? [];
    if (frame.next < parents.length) {
      const parent = parents[frame.next++]!;
      if (parent.requiresGrad && !visited.has(parent)) {
        visited.add(parent);
        stack.push({ tensor: parent, next: 0 });
      }
    } else {
      order.push(frame.tensor);
      stack.pop();
    }
  }
  return order;
}

/**
 * Reverse-mode accumulation from `root` seeded with `seed` (dL/droot): walks the tape children-first, sums the
 * gradient contributions of every use of a tensor, and returns the gradient of each leaf that requires one.
 */
export function reverseAccumulate(root: TapeTensor, seed: Float32Array): Map<TapeTensor, Float32Array> {
  const grads = new Map<TapeTensor, Float32Array>([[root, seed]]);
  const owned = new Set<Float32Array>();
  const leaves = new Map<TapeTensor, Float32Array>();
  const order = topologicalOrder(root);
  for (let k = order.length - 1; k >= 0; k--) {
    const tensor = order[k]!;
    const grad = grads.get(tensor);
    if (grad === undefined) continue;
    grads.delete(tensor);
    const node = tensor.node;
    if (node === null) {
      leaves.set(tensor, grad);
      continue;
    }
    const parentGrads = node.backward(grad);
    node.parents.forEach((parent, index) => {
      const contribution = parentGrads[index];
      if (!parent.requiresGrad || contribution === null || contribution === undefined) return;
      const existing = grads.get(parent);
      if (existing === undefined) {
        grads.set(parent, contribution);
      } else if (owned.has(existing)) {
        for (let j = 0; j < existing.length; j++) existing[j]! += contribution[j]!;
      } else {
        const sum = new Float32Array(existing.length);
        for (let j = 0; j < sum.length; j++) sum[j] = existing[j]! + contribution[j]!;
        owned.add(sum);
        grads.set(parent, sum);
      }
    });
  }
  return leaves;
}
