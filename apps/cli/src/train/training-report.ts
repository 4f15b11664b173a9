import type { TrainingEpochStats } from '@bss2/snn';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hiddenRasterSvg } from './plots/hidden-raster-plot.js';
import { readoutTracesSvg } from './plots/readout-traces-plot.js';
import { escapeXml } from './plots/titled-panels.js';
import { trainingCurvesSvg } from './plots/training-curves-plot.js';
import { weightHistogramsSvg, type ProjectionWeights } from './plots/weight-histogram-plot.js';
import type { SampleObservations } from './sample-observations.js';

export interface TrainingReportFiles {
  readonly directory: string;
  /** index.html, showing every plot. */
  readonly index: string;
  readonly svgs: readonly string[];
}

export interface TrainingReportInput {
  /** e.g. "Yin-Yang on mock (libs/snn software model)". */
  readonly title: string;
  /** Lines of settings and results shown above the plots. */
  readonly summary: readonly string[];
  readonly epochs: readonly TrainingEpochStats[];
  /** The trained projections, input → hidden first. */
  readonly weights: readonly ProjectionWeights[];
  readonly observations: SampleObservations;
}

/** Writes the report's SVG files and an index.html that shows them under the run's summary. */
export async function writeTrainingReport(directory: string, input: TrainingReportInput): Promise<TrainingReportFiles> {
  await mkdir(directory, { recursive: true });
  const { observations } = input;
  const plots: readonly { file: string; heading: string; svg: string }[] = [
    { file: 'training-curves.svg', heading: 'Loss and accuracy per epoch', svg: trainingCurvesSvg(input.epochs, `${input.title}: loss and accuracy`) },
    { file: 'readout-traces.svg', heading: 'Readout membrane traces of test samples', svg: readoutTracesSvg(observations, `${input.title}: readout (LI) membrane, one test sample per class`) },
    { file: 'hidden-raster.svg', heading: 'Hidden-layer spike raster', svg: hiddenRasterSvg(observations, `${input.title}: hidden (LIF) spikes of one test sample`) },
    {
      file: 'weight-histograms.svg',
      heading: 'Weight histograms',
      svg: weightHistogramsSvg(input.weights, `${input.title}: trained weights`),
    },
  ];
  const svgs: string[] = [];
  for (const plot of plots) {
    const path = join(directory, plot.file);
    await writeFile(path, plot.svg);
    svgs.push(path);
  }
  const sections = plots.map((p) => `<section>\n<h2>${escapeXml(p.heading)}</h2>\n<img src="${encodeURIComponent(p.file)}" alt="${escapeXml(p.heading)}">\n</section>`).join('\n');
  const summary = input.summary.map((line) => `<li>${escapeXml(line)}</li>`).join('\n');
  const index = join(directory, 'index.html');
  await writeFile(
    index,
    `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${escapeXml(`Training: ${input.title}`)}</title>\n<style>body{font-family:system-ui,sans-serif;margin:1em}img{max-width:100%}section{margin-bottom:1.5em}</style>\n</head>\n<body>\n<h1>${escapeXml(`Training: ${input.title}`)}</h1>\n<ul>\n${summary}\n</ul>\n${sections}\n</body>\n</html>\n`,
  );
  return { directory, index, svgs };
}
