import { AutogradError, formatShape } from './errors.js';

/** A tensor shape: one non-negative integer extent per axis, outermost first (row-major). */
export type Shape = readonly number[];

/** Number of elements of a shape (1 for a scalar). */
export function sizeOf(shape: Shape): number {
  let size = 1;
  for (const extent of shape) size *= extent;
  return size;
}

/** Checks that every extent is a non-negative integer. */
export function checkShape(shape: Shape, where: string): void {
  for (const extent of shape) {
    if (!Number.isInteger(extent) || extent < 0) {
      throw new AutogradError(
        'invalid-argument',
        `${where}: shape ${formatShape(shape)} has extent ${extent}, must be a non-negative integer`,
        shape,
        'non-negative integers',
      );
    }
  }
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((extent, axis) => extent === b[axis]);
}

/** Resolves a possibly negative axis (−1 is the last) against a rank, or throws naming the legal range. */
export function normalizeAxis(axis: number, rank: number, where: string): number {
  const resolved = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(axis) || resolved < 0 || resolved >= rank) {
    throw new AutogradError(
      'invalid-axis',
      `${where}: axis ${axis} is out of range for a rank-${rank} tensor`,
      axis,
      `${-rank}..${rank - 1}`,
    );
  }
  return resolved;
}

/** Splits a shape around one axis into (outer, extent, inner) so a kernel can walk it as a 3-D block. */
export function splitAtAxis(shape: Shape, axis: number): { outer: number; extent: number; inner: number } {
  return { outer: sizeOf(shape.slice(0, axis)), extent: shape[axis] ?? 1, inner: sizeOf(shape.slice(axis + 1)) };
}

/** NumPy broadcasting: align shapes at the right; each pair of extents must be equal or contain a 1. */
export function broadcastShapes(a: Shape, b: Shape, where: string): Shape {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let axis = 0; axis < rank; axis++) {
    const ea = a[a.length - rank + axis] ?? 1;
    const eb = b[b.length - rank + axis] ?? 1;
    if (ea !== eb && ea !== 1 && eb !== 1) {
      throw new AutogradError(
        'shape-mismatch',
        `${where}: shapes ${formatShape(a)} and ${formatShape(b)} do not broadcast (axis ${axis}: ${ea} vs ${eb})`,
        { a, b },
        'equal extents or 1 on every right-aligned axis',
      );
    }
    out.push(ea === 1 ? eb : ea);
  }
  return out;
}

/**
 * For an input of shape `from` broadcast to `to`, the flat input index of every output element, or `null` when
 * the shapes are equal (the identity, which kernels take as their fast path). The same map serves the forward
 * gather and the backward scatter-add that sums a gradient back to the input's shape.
 */
export function broadcastIndex(from: Shape, to: Shape): Int32Array | null {
  if (sameShape(from, to)) return null;
  const rank = to.length;
  const strides = new Int32Array(rank);
  let stride = 1;
  for (let axis = rank - 1; axis >= 0; axis--) {
    const extent = from[from.length - rank + axis] ?? 1;
    strides[axis] = extent === 1 ? 0 : stride;
    stride *= extent;
  }
  const size = sizeOf(to);
  const index = new Int32Array(size);
  const counter = new Int32Array(rank);
  let flat = 0;
  for (let k = 0; k < size; k++) {
    index[k] = flat;
    for (let axis = rank - 1; axis >= 0; axis--) {
      flat += strides[axis]!;
      if (++counter[axis]! < to[axis]!) break;
      flat -= strides[axis]! * counter[axis]!;
      counter[axis] = 0;
    }
  }
  return index;
}
