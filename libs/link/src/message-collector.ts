import type { CompiledDictionary } from './ut-framing.js';

/**
 * A visitor that turns every decoded message into a `{ type, ...fields }` object and appends it to `out`:
 * how the object decoders reuse the allocation-free stream decoder, so both APIs share one engine.
 */
export function messageCollector<M>(dictionary: CompiledDictionary, out: M[]): object {
  const visitor: Record<string, (a: number, b: number, c: number, d: number, e: number, f: number) => void> = {};
  for (const m of dictionary.messages) {
    const names = m.fields.map((f) => f.name);
    const n = names.length;
    // Cloning a template with every key gives all objects of a type one shape (the fastest build measured).
    const template: Record<string, unknown> = { type: m.name };
    for (const name of names) template[name] = 0;
    visitor[m.name] = (a, b, c, d, e, f): void => {
      const message = { ...template };
      if (n > 0) message[names[0]!] = a;
      if (n > 1) message[names[1]!] = b;
      if (n > 2) message[names[2]!] = c;
      if (n > 3) message[names[3]!] = d;
      if (n > 4) message[names[4]!] = e;
      if (n > 5) message[names[5]!] = f;
      out.push(message as M);
    };
  }
  return visitor;
}
