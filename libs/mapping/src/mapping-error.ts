/** What was wrong with a network, or which chip resource it exhausted. */
export type MappingErrorCode =
  /** The network does not fit: `resource` names what ran out, `demand` and `capacity` say by how much. */
  | 'resource-exhausted'
  /** The description is inconsistent: unknown or duplicate names, wrong matrix shape, an input as a target. */
  | 'invalid-network'
  /** A number outside its legal range (a weight outside −63..63, a placement outside the chip). */
  | 'out-of-range';

/** The chip resources a mapping allocates (reference §1.1–§1.5). */
export type MappingResource =
  | 'neurons'
  | 'synapse-driver-rows'
  | 'padi-bus-drivers'
  | 'labels';

/** Demand against capacity of an exhausted resource. */
export interface ResourceShortage {
  readonly resource: MappingResource;
  /** Where on the chip, e.g. `synapse driver block 1` or `PADI bus 5`. */
  readonly where: string;
  readonly demand: number;
  readonly capacity: number;
}

/**
 * The one error class of `@bss2/mapping` (STYLE item 9). It names the offending value or the exhausted
 * resource with demand and capacity, so the caller can shrink the network or relax a placement.
 */
export class MappingError extends Error {
  override readonly name = 'MappingError';
  constructor(
    readonly code: MappingErrorCode,
    message: string,
    /** The argument or network part at fault, e.g. `projection hidden→readout`. */
    readonly subject: string,
    readonly value?: unknown,
    readonly range?: { readonly min: number; readonly max: number },
    readonly shortage?: ResourceShortage,
  ) {
    super(message);
  }
}

/** Throws `resource-exhausted` for `shortage`, with a message stating demand vs capacity. */
export function exhausted(shortage: ResourceShortage, why: string): never {
  throw new MappingError(
    'resource-exhausted',
    `the network needs ${shortage.demand} ${shortage.resource} on ${shortage.where}, the chip has ${shortage.capacity} (${why})`,
    shortage.where,
    shortage.demand,
    { min: 0, max: shortage.capacity },
    shortage,
  );
}

/** Throws `invalid-network` naming `subject`. */
export function invalid(subject: string, message: string, value?: unknown): never {
  throw new MappingError('invalid-network', `${subject}: ${message}`, subject, value);
}
