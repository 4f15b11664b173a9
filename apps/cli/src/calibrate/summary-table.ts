import Table from 'cli-table3';
import type { Spread } from '@bss2/calib';
import type { SummaryRow } from './calibration-summary.js';

const number = (value: number | null): string => (value === null || !Number.isFinite(value) ? '—' : value.toFixed(2));
const spread = (s: Spread): string => `${number(s.mean)} ± ${number(s.std)}`;

/**
 * The summary as a text table for stdout: one line per calibrated quantity, mean ± std over the chip before and
 * after. No colours and no rules between rows: it is read in logs and pipes as often as on terminals.
 */
export function summaryTable(rows: readonly SummaryRow[]): string {
  const table = new Table({
    head: ['step', 'parameter', 'target', 'unit', 'before (mean ± std)', 'after (mean ± std)', 'out of tolerance'],
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    colAligns: ['left', 'left', 'right', 'left', 'right', 'right', 'right'],
  });
  for (const row of rows) table.push([row.label, row.parameter, number(row.target), row.unit, spread(row.before), spread(row.after), String(row.outOfTolerance)]);
  return table.toString();
}
