// Module hooks for the hemisphere worker when it runs from the TypeScript sources (the lib's tests; the built
// lib runs dist/hemisphere-worker.js and needs none): `.js` specifiers of a `.ts` importer resolve to the `.ts`
// file, workspace packages resolve to their sources (the "@bss2/source" condition, as in the tests), and `.ts`
// files are transpiled (types dropped) by the workspace's TypeScript.
import { readFile } from 'node:fs/promises';
import ts from 'typescript';

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
  const source = await readFile(new URL(url), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: url,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true, sourceMap: false },
  });
  return { format: 'module', source: outputText, shortCircuit: true };
}
