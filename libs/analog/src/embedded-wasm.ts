// Instantiating the lib's embedded WebAssembly kernels (neuron-kernel.ts, ideal-kernel.ts): each module is
// compiled once from its base64 bytes (tools/wasm-embed), each engine gets its own instance with a fixed-size
// memory it imports. Only the slice of the WebAssembly JS API used here is typed (the ES lib has no WebAssembly
// types, @types/node 20 neither, and the DOM lib is not loaded in Node-side libs).

interface WebAssemblyApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: unknown };
  readonly Memory: new (descriptor: { initial: number; maximum: number }) => { readonly buffer: ArrayBuffer };
}
const wasm = (globalThis as unknown as { readonly WebAssembly: WebAssemblyApi }).WebAssembly;

const compiled = new Map<string, object>();

/** An instance of the module in `base64` with a memory of `pages` × 64 KiB: its exports and the memory's buffer. */
export function instantiateEmbedded<Exports>(base64: string, pages: number): { readonly exports: Exports; readonly buffer: ArrayBuffer } {
  let module = compiled.get(base64);
  if (module === undefined) {
    module = new wasm.Module(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
    compiled.set(base64, module);
  }
  const memory = new wasm.Memory({ initial: pages, maximum: pages });
  return { exports: new wasm.Instance(module, { env: { memory } }).exports as Exports, buffer: memory.buffer };
}
