import { AutogradError, formatShape } from '../errors.js';
import { sameShape } from '../shape.js';
import { Parameter, Tensor } from '../tensor.js';

/** A state dict: parameter name (dotted path, `layers.0.weight`) → tensor. */
export type StateDict = Readonly<Record<string, Tensor>>;

export interface LoadStateOptions {
  /** Require exactly the module's parameter names (default); otherwise load only the names both have. */
  readonly strict?: boolean;
}

/**
 * Base class of network building blocks (PyTorch's `nn.Module`). Parameters and sub-modules are found by walking
 * the instance's own fields — a `Parameter`, a `Module`, or an array of them — in declaration order, so a subclass
 * only assigns fields. Subclasses define their own `forward`.
 */
export class Module {
  /** Training or evaluation mode; modules such as dropout read it. */
  training = true;

  /** Parameters with dotted names, depth first in field order. */
  namedParameters(prefix = ''): [string, Parameter][] {
    const out: [string, Parameter][] = [];
    for (const [name, value] of this.fields()) {
      if (value instanceof Parameter) out.push([prefix + name, value]);
      else if (value instanceof Module) out.push(...value.namedParameters(`${prefix}${name}.`));
    }
    return out;
  }

  parameters(): Parameter[] {
    return this.namedParameters().map(([, parameter]) => parameter);
  }

  /** Direct sub-modules with their names. */
  namedChildren(): [string, Module][] {
    return this.fields().filter((entry): entry is [string, Module] => entry[1] instanceof Module);
  }

  private fields(): [string, unknown][] {
    const out: [string, unknown][] = [];
    for (const [name, value] of Object.entries(this)) {
      if (Array.isArray(value)) value.forEach((item, index) => out.push([`${name}.${index}`, item]));
      else out.push([name, value]);
    }
    return out;
  }

  /** Sets training mode here and in every sub-module. */
  train(mode = true): this {
    this.training = mode;
    for (const [, child] of this.namedChildren()) child.train(mode);
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  /** Clears the accumulated gradient of every parameter. */
  zeroGrad(): void {
    for (const parameter of this.parameters()) parameter.grad = null;
  }

  /** A snapshot of every parameter (copies, so later training does not change it). */
  stateDict(): StateDict {
    const state: Record<string, Tensor> = {};
    for (const [name, parameter] of this.namedParameters()) state[name] = new Tensor(Float32Array.from(parameter.data), parameter.shape);
    return state;
  }

  /**
   * Copies values into the parameters in place (optimizers keep their references). Every shape must match; in
   * strict mode the names must match exactly. Nothing is written unless every check passes.
   */
  loadStateDict(state: StateDict, options: LoadStateOptions = {}): void {
    const strict = options.strict ?? true;
    const own = new Map(this.namedParameters());
    if (strict) {
      const missing = [...own.keys()].filter((name) => !(name in state));
      const unexpected = Object.keys(state).filter((name) => !own.has(name));
      if (missing.length > 0 || unexpected.length > 0) {
        throw new AutogradError(
          'state-mismatch',
          `loadStateDict: missing [${missing.join(', ')}], unexpected [${unexpected.join(', ')}]`,
          { missing, unexpected },
          `exactly [${[...own.keys()].join(', ')}]`,
        );
      }
    }
    const writes: [Parameter, Tensor][] = [];
    for (const [name, value] of Object.entries(state)) {
      const parameter = own.get(name);
      if (parameter === undefined) continue;
      if (!sameShape(parameter.shape, value.shape)) {
        throw new AutogradError(
          'shape-mismatch',
          `loadStateDict: '${name}' has shape ${formatShape(value.shape)}, the module's is ${formatShape(parameter.shape)}`,
          { name, shape: value.shape },
          formatShape(parameter.shape),
        );
      }
      writes.push([parameter, value]);
    }
    for (const [parameter, value] of writes) parameter.data.set(value.data);
  }
}
