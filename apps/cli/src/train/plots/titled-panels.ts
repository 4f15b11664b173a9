// The report's SVG files: a title line, then panels (Observable Plot charts) one below the other, each under its
// own caption, on white. Plot's own `title` option wraps the chart in an HTML <figure>, which a standalone SVG
// cannot hold, so captions are drawn here as SVG text.

export const PANEL_WIDTH = 720;
const TITLE_HEIGHT = 28;
const CAPTION_HEIGHT = 22;

export interface Panel {
  readonly caption: string;
  readonly chart: SVGSVGElement;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function titledPanelsSvg(title: string, panels: readonly Panel[]): string {
  let y = TITLE_HEIGHT;
  const parts = panels.map(({ caption, chart }) => {
    const text = `<text x="10" y="${y + 15}" font-size="12">${escapeXml(caption)}</text>`;
    y += CAPTION_HEIGHT;
    chart.setAttribute('y', String(y));
    y += Number(chart.getAttribute('height'));
    return `${text}\n${chart.outerHTML}`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${PANEL_WIDTH}" height="${y}" viewBox="0 0 ${PANEL_WIDTH} ${y}" font-family="system-ui, sans-serif">\n<rect width="100%" height="100%" fill="white"/>\n<text x="10" y="18" font-size="14">${escapeXml(title)}</text>\n${parts.join('\n')}\n</svg>\n`;
}
