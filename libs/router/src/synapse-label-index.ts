import { SynapseQuadColumnOnDLS, SynapseQuadOnDLS, SynapseRowOnDLS } from '@bss2/coords';
import { SynapseQuad, type ChangeSet, type Chip } from '@bss2/regs';

// Reference §1.4 step 5 and §1.5: a synapse responds when its stored 6-bit label equals the delivered address.
// Instead of comparing 256 labels per row event, each row keeps its 256 columns sorted by label (a CSR whose
// offsets live only in the views) and one view per (row, label) onto its slice, created when the row is
// rebuilt, so a delivery costs O(matches) and allocates nothing. A bit per (row, label) says whether the slice is
// non-empty: a PADI event reaches every row of its accepting drivers (64 on a bus whose drivers compare no
// address bits) and usually matches in one, so the misses are answered from one word. The index is all the
// router keeps per row.

const rows = SynapseRowOnDLS.size;
const columnsPerRow = 256;
const labels = 64;
const quadsPerRow = SynapseQuadColumnOnDLS.size;
const entriesPerQuad = 4;
const noColumns = new Uint8Array(0);

/** label → responding columns, for each of the 512 synapse rows of the chip (SynapseRowOnDLS). */
export class SynapseLabelIndex {
  private readonly columns = new Uint8Array(rows * columnsPerRow);
  private readonly views: Uint8Array[] = new Array<Uint8Array>(rows * labels).fill(noColumns);
  /** Bit (l & 31) of word 2·row + (l >> 5): row `row` has a synapse with label l. */
  private readonly present = new Uint32Array(rows * 2);
  // Scratch for rebuilds.
  private readonly dirtyRows = new Uint8Array(rows);
  private readonly rowLabels = new Uint8Array(columnsPerRow);
  private readonly start = new Uint16Array(labels + 1);

  /** Starts in the register reset state: every row holds the SynapseQuad default labels. */
  constructor() {
    const reset = SynapseQuad.defaults().labels;
    for (let c = 0; c < columnsPerRow; c++) this.rowLabels[c] = reset[c % entriesPerQuad] as number;
    for (let row = 0; row < rows; row++) this.setRow(row, this.rowLabels);
  }

  /** The columns of row `row` (SynapseRowOnDLS) whose label is `address` (0..63), ascending. */
  matches(row: number, address: number): Uint8Array {
    return this.views[row * labels + address] as Uint8Array;
  }

  /** Whether some synapse of row `row` (SynapseRowOnDLS) has label `address` (0..63): `matches` is non-empty. */
  has(row: number, address: number): boolean {
    return (((this.present[2 * row + (address >>> 5)] as number) >>> (address & 31)) & 1) === 1;
  }

  /** Rebuilds the rows with a changed SynapseQuad (all 512 when the change set says 'all'). */
  configure(chip: Chip, changed: ChangeSet): void {
    if (!changed.has(SynapseQuad)) return;
    const dirty = this.dirtyRows;
    dirty.fill(0);
    changed.forEachInstance(SynapseQuad, (q) => (dirty[SynapseQuadOnDLS.toSynapseRowOnDLS(SynapseQuadOnDLS(q))] = 1));
    for (let row = 0; row < rows; row++) if (dirty[row] === 1) this.loadRow(chip, row);
  }

  /** Replaces the labels of row `row` (256 labels, column order) and rebuilds its slice of the index. */
  setRow(row: number, rowLabels: ArrayLike<number>): void {
    // Counting sort: start[l] = first slot of label l in the row's slice; columns ascending within a label.
    const start = this.start;
    start.fill(0);
    for (let c = 0; c < columnsPerRow; c++) {
      const next = (rowLabels[c] as number) + 1;
      start[next] = (start[next] as number) + 1;
    }
    for (let l = 0; l < labels; l++) start[l + 1] = (start[l + 1] as number) + (start[l] as number);
    const base = row * columnsPerRow;
    this.present[2 * row] = 0;
    this.present[2 * row + 1] = 0;
    for (let l = 0; l < labels; l++) {
      const end = start[l + 1] as number;
      const first = start[l] as number;
      this.views[row * labels + l] = end === first ? noColumns : this.columns.subarray(base + first, base + end);
      if (end !== first) this.present[2 * row + (l >>> 5)] = ((this.present[2 * row + (l >>> 5)] as number) | (1 << (l & 31))) >>> 0;
    }
    for (let c = 0; c < columnsPerRow; c++) {
      const l = rowLabels[c] as number;
      const at = start[l] as number;
      this.columns[base + at] = c;
      start[l] = at + 1;
    }
  }

  private loadRow(chip: Chip, row: number): void {
    const synram = SynapseRowOnDLS.toSynramOnDLS(SynapseRowOnDLS(row));
    const rowOnSynram = SynapseRowOnDLS.toSynapseRowOnSynram(SynapseRowOnDLS(row));
    for (let qc = 0; qc < quadsPerRow; qc++) {
      const quad = chip.get(SynapseQuad, SynapseQuadOnDLS.of(synram, rowOnSynram, SynapseQuadColumnOnDLS(qc)));
      // Entry e of quad column qc is synapse column 4 · qc + e (§1.1; coords EntryOnQuad).
      for (let e = 0; e < entriesPerQuad; e++) this.rowLabels[qc * entriesPerQuad + e] = quad.labels[e] as number;
    }
    this.setRow(row, this.rowLabels);
  }
}
