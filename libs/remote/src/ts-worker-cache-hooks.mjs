// Module hooks for chip workers started from the TypeScript sources (tests, tsx; the built lib runs
// dist/chip-worker.js and needs none): libs/analog's ts-worker-hooks.mjs behind a disk cache. Those hooks
// transpile every module a worker imports, ~200 files and ~5 s of CPU per chip worker here, and load TypeScript
// itself (~1 s); a server starts a worker per chip and another after each run-time limit. Here a `.ts` module
// whose source, the hooks file and the TypeScript version are unchanged comes from the cache, and TypeScript is
// loaded only on a miss.
// `resolve` is therefore a copy of the hooks' eight-line resolve: importing theirs would load TypeScript.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const transpilingHooks = new URL('../../analog/src/ts-worker-hooks.mjs', import.meta.url);
// What the transpiled text depends on besides the module's source: the hooks (compiler options) and TypeScript.
const transpiler = `${readFileSync(transpilingHooks, 'utf8')}\n${createRequire(import.meta.url)('typescript/package.json').version}`;
const directory = join(tmpdir(), `bss2-ts-worker-cache-${process.getuid?.() ?? 'user'}`);
mkdirSync(directory, { recursive: true });

export async function resolve(specifier, context, nextResolve) {
  const withSources = { ...context, conditions: [...context.conditions, '@bss2/source'] };
  try {
    return await nextResolve(specifier, withSources);
  } catch (error) {
    if (!specifier.endsWith('.js') || !context.parentURL?.endsWith('.ts')) throw error;
    return nextResolve(`${specifier.slice(0, -3)}.ts`, withSources);
  }
}

export async function load(url, context, nextLoad) {
  if (!url.endsWith('.ts')) return nextLoad(url, context);
  const key = createHash('sha256').update(transpiler).update(url).update(readFileSync(new URL(url))).digest('hex');
  const file = join(directory, `${key}.js`);
  try {
    return { format: 'module', source: readFileSync(file, 'utf8'), shortCircuit: true };
  } catch {
    const transpiled = await (await import(transpilingHooks.href)).load(url, context, nextLoad);
    // Written aside and renamed: workers starting at the same time never read half a file.
    const partial = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    writeFileSync(partial, transpiled.source);
    renameSync(partial, file);
    return transpiled;
  }
}
