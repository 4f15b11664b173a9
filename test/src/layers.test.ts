import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

describe('Nx project graph', () => {
  const graph = nxProjectGraph();

  it('contains the foundation libs', () => {
    const roots = Object.values(graph.nodes).map((n) => n.data.root);
    expect(roots).toEqual(expect.arrayContaining(['libs/coords', 'libs/regs', 'libs/link', 'libs/playback', 'apps/cli']));
  });

  it('has libs importing only libs of a lower layer (ARCHITECTURE.md layer table)', () => {
    const violations: string[] = [];
    for (const [source, edges] of Object.entries(graph.dependencies)) {
      const from = graph.nodes[source];
      if (!from) continue;
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
});
