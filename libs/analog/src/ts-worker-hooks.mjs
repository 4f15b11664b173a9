// Module hooks for workers that run from the TypeScript sources (the tests of libs/analog's hemisphere worker and
// libs/remote's chip workers; built libs run dist/*.js and need none): `.js` specifiers of a `.ts` importer
// resolve to the `.ts` file, workspace packages resolve to their sources (the "@bss2/source" condition, as in the
// tests), and `.ts` files are transpiled (types dropped) by the workspace's TypeScript. A worker imports ~200
// modules; transpiling them costs ~5 s of CPU and loading TypeScript ~1 s, and a server starts a worker per chip,
// so the transpiled text is kept in a disk cache keyed by the module's source, this file and the TypeScript
// version, and TypeScript is loaded only on a miss.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const transpiler = `${readFileSync(new URL(import.meta.url), 'utf8')}\n${createRequire(import.meta.url)('typescript/package.json').version}`;
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
  const source = readFileSync(new URL(url));
  const file = join(directory, `${createHash('sha256').update(transpiler).update(url).update(source).digest('hex')}.js`);
  try {
    return { format: 'module', source: readFileSync(file, 'utf8'), shortCircuit: true };
  } catch {
    const { default: ts } = await import('typescript');
    const { outputText } = ts.transpileModule(source.toString('utf8'), {
      fileName: url,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true, sourceMap: false },
    });
    // Written aside and renamed: workers starting at the same time never read half a file.
    const partial = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    writeFileSync(partial, outputText);
    renameSync(partial, file);
    return { format: 'module', source: outputText, shortCircuit: true };
  }
}
