import { parseHTML } from 'linkedom';

// Observable Plot draws into a DOM; in Node a light DOM (linkedom) stands in for the browser's, so the same
// plotting code serves the CLI's SVG files and, later, the app's live charts.

/** A fresh document for Observable Plot's `document` option. */
export function svgDocument(): Document {
  return parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
}

/** Stacks plots (each an <svg> element) vertically into one standalone SVG file. */
export function stackSvg(plots: readonly SVGSVGElement[], width: number): string {
  let y = 0;
  const parts = plots.map((plot) => {
    const height = Number(plot.getAttribute('height'));
    plot.setAttribute('y', String(y));
    y += height;
    return plot.outerHTML;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}">\n<rect width="100%" height="100%" fill="white"/>\n${parts.join('\n')}\n</svg>\n`;
}
