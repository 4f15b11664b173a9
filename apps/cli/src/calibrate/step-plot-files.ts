import type { CalibrationStepReport } from '@bss2/calib';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { stepHistogramSvg } from './step-histogram-plot.js';

export interface StepPlotFiles {
  readonly directory: string;
  /** index.html, showing every histogram. */
  readonly index: string;
  /** One SVG per calibrated parameter, in the calibration's order. */
  readonly svgs: readonly string[];
}

/** `--plots` default: `<out basename>-plots/` next to the result file (calib.json → calib-plots/). */
export function defaultPlotsDirectory(outFile: string): string {
  return join(dirname(outFile), `${basename(outFile, extname(outFile))}-plots`);
}

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Writes `<parameter>.svg` for every report and an index.html that shows them all. */
export async function writeStepPlots(directory: string, reports: readonly CalibrationStepReport[], chip: string): Promise<StepPlotFiles> {
  await mkdir(directory, { recursive: true });
  const svgs: string[] = [];
  for (const report of reports) {
    const path = join(directory, `${report.parameter}.svg`);
    await writeFile(path, stepHistogramSvg(report, chip));
    svgs.push(path);
  }
  const figures = reports
    .map((r) => `<figure><img src="${encodeURIComponent(`${r.parameter}.svg`)}" alt="${escapeHtml(`${r.label}: histograms before and after calibration`)}"><figcaption>${escapeHtml(`${r.label} (${r.parameter}), target ${r.target.toFixed(2)} ${r.unit}`)}</figcaption></figure>`)
    .join('\n');
  const index = join(directory, 'index.html');
  await writeFile(
    index,
    `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(`Calibration of ${chip}`)}</title>\n<style>body{font-family:system-ui,sans-serif;margin:1em}figure{display:inline-block;margin:0.5em}img{max-width:100%}</style>\n</head>\n<body>\n<h1>${escapeHtml(`Calibration of ${chip}: per-neuron values before and after each step`)}</h1>\n${figures}\n</body>\n</html>\n`,
  );
  return { directory, index, svgs };
}
