/**
 * The layer table of ARCHITECTURE.md as data: a lib may import only libs of a lower rank. Libs of equal rank
 * are siblings and never import each other (analog, router and ppu meet only in chip).
 */
export const LIB_LAYERS: Readonly<Record<string, number>> = {
  coords: 0,
  regs: 1,
  link: 2,
  playback: 3,
  analog: 4,
  router: 4,
  ppu: 4,
  chip: 5,
  remote: 6,
  calib: 7,
  autograd: 8,
  mapping: 9,
  datasets: 10,
  snn: 11,
  perceptron: 12,
};

/** Apps, tools and the test suite sit above every lib and may import any of them; libs never import those. */
export const TOP_LAYER = 100;

export function layerOf(project: { root: string }): number {
  if (!project.root.startsWith('libs/')) return TOP_LAYER;
  const lib = project.root.slice('libs/'.length);
  const rank = LIB_LAYERS[lib];
  if (rank === undefined) throw new Error(`libs/${lib} is not in the layer table of test/src/layers.ts (ARCHITECTURE.md)`);
  return rank;
}
