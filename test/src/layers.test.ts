import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layerOf } from './layers.js';

const workspaceRoot = new URL('../..', import.meta.url).pathname;

interface GraphFile {
  graph: {
    nodes: Record<string, { name: string; data: { root: string } }>;
    dependencies: Record<string, { source: string; target: string }[]>;
  };
}

/** The project graph exactly as Nx computes it (package.json dependencies and source imports). */
function nxProjectGraph(): GraphFile['graph'] {
  const dir = mkdtempSync(join(tmpdir(), 'bss2-graph-'));
  try {
    const file = join(dir, 'graph.json');
    execFileSync('npx', ['nx', 'graph', `--file=${file}`], {
      cwd: workspaceRoot,
      env: { ...process.env, NX_DAEMON: 'false' },
      stdio: 'pipe',
    });
    return (JSON.parse(readFileSync(file, 'utf8')) as GraphFile).graph;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every `@bss2/…` package a project's sources import (static imports, re-exports and dynamic imports). */
function sourceImports(root: string): Set<string> {
  const found = new Set<string>();
  const files = readdirSync(join(workspaceRoot, root, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  for (const file of files) {
    const text = readFileSync(join(workspaceRoot, root, 'src', file), 'utf8');
    for (const match of text.matchAll(/(?:from|import)\s*\(?\s*['"](@bss2\/[a-z-]+)['"]/g)) found.add(match[1] as string);
  }
  return found;
}

describe('Nx project graph', () => {
  const graph = nxProjectGraph();
  const byPackage = new Map(Object.values(graph.nodes).map((n) => [n.name, n]));

  it('contains the foundation libs', () => {
    const roots = Object.values(graph.nodes).map((n) => n.data.root);
    expect(roots).toEqual(expect.arrayContaining(['libs/coords', 'libs/regs', 'libs/link', 'libs/playback', 'apps/cli']));
  });

  it('has libs importing only libs of a lower layer (ARCHITECTURE.md layer table)', () => {
    const violations: string[] = [];
    for (const [source, edges] of Object.entries(graph.dependencies)) {
      const from = graph.nodes[source];
      if (!from?.data.root.startsWith('libs/')) continue;
      for (const { target } of edges) {
        const to = graph.nodes[target];
        if (!to) continue; // external npm packages
        if (layerOf(to.data) >= layerOf(from.data)) {
          violations.push(`${from.data.root} (layer ${layerOf(from.data)}) → ${to.data.root} (layer ${layerOf(to.data)})`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('declares every workspace import of a lib in its package.json, so the graph shows it', () => {
    const undeclared: string[] = [];
    for (const [name, node] of Object.entries(graph.nodes)) {
      if (!node.data.root.startsWith('libs/')) continue;
      const edges = new Set((graph.dependencies[name] ?? []).map((e) => graph.nodes[e.target]?.name));
      for (const imported of sourceImports(node.data.root)) {
        if (!byPackage.has(imported)) undeclared.push(`${node.data.root} imports ${imported}, which is not a workspace project`);
        else if (!edges.has(imported) && imported !== node.name) undeclared.push(`${node.data.root} imports ${imported} without declaring it`);
      }
    }
    expect(undeclared).toEqual([]);
  });

  it('has nothing but the test suite depending on an app or a tool', () => {
    const violations = Object.entries(graph.dependencies).flatMap(([source, edges]) => {
      const from = graph.nodes[source];
      if (!from || from.data.root === 'test') return [];
      return edges
        .map(({ target }) => graph.nodes[target])
        .filter((to) => to !== undefined && !to.data.root.startsWith('libs/'))
        .map((to) => `${from.data.root} → ${to?.data.root}`);
    });
    expect(violations).toEqual([]);
  });
});
