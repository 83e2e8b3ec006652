/**
 * A line chart as a standalone SVG string: axes, ticks, one polyline per series, a legend and
 * optional marked points. Just enough for the figures of docs/charts.md, with no renderer to install.
 * @module
 */

export interface Series {
  readonly label: string;
  readonly points: readonly (readonly [number, number])[];
  readonly colour: string;
  /** Drawn as steps (a value holds until the next x), not straight segments. */
  readonly steps?: boolean;
  readonly dashed?: boolean;
}

export interface Mark {
  readonly x: number;
  readonly y: number;
  readonly label: string;
  /** Put the label below the point instead of above it. */
  readonly below?: boolean;
}

export interface Chart {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly x: readonly [number, number];
  readonly y: readonly [number, number];
  readonly xTicks: readonly number[];
  readonly yTicks: readonly number[];
  readonly yFormat?: (y: number) => string;
  readonly series: readonly Series[];
  readonly marks?: readonly Mark[];
  /** Where the legend goes; top right unless the data is there. */
  readonly legend?: 'top-right' | 'bottom-left';
}

const WIDTH = 720;
const HEIGHT = 400;
const PAD = { left: 70, right: 24, top: 44, bottom: 56 };

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fixed = (n: number): string => n.toFixed(1);

export function lineChart(chart: Chart): string {
  const [x0, x1] = chart.x;
  const [y0, y1] = chart.y;
  if (!(x1 > x0) || !(y1 > y0)) throw new RangeError(`chart '${chart.title}': empty axis range`);
  const px = (x: number) => PAD.left + ((x - x0) / (x1 - x0)) * (WIDTH - PAD.left - PAD.right);
  const py = (y: number) => HEIGHT - PAD.bottom - ((y - y0) / (y1 - y0)) * (HEIGHT - PAD.top - PAD.bottom);
  const yFormat = chart.yFormat ?? String;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">${escape(chart.title)}</text>`,
  ];
  for (const t of chart.xTicks) {
    out.push(`<line x1="${fixed(px(t))}" y1="${PAD.top}" x2="${fixed(px(t))}" y2="${HEIGHT - PAD.bottom}" stroke="#eee"/>`);
    out.push(`<text x="${fixed(px(t))}" y="${HEIGHT - PAD.bottom + 18}" text-anchor="middle">${t}</text>`);
  }
  for (const t of chart.yTicks) {
    out.push(`<line x1="${PAD.left}" y1="${fixed(py(t))}" x2="${WIDTH - PAD.right}" y2="${fixed(py(t))}" stroke="#eee"/>`);
    out.push(`<text x="${PAD.left - 8}" y="${fixed(py(t) + 4)}" text-anchor="end">${escape(yFormat(t))}</text>`);
  }
  out.push(
    `<rect x="${PAD.left}" y="${PAD.top}" width="${WIDTH - PAD.left - PAD.right}" height="${HEIGHT - PAD.top - PAD.bottom}" fill="none" stroke="#444"/>`,
  );
  out.push(`<text x="${(PAD.left + WIDTH - PAD.right) / 2}" y="${HEIGHT - 14}" text-anchor="middle">${escape(chart.xLabel)}</text>`);
  out.push(
    `<text transform="translate(18 ${(PAD.top + HEIGHT - PAD.bottom) / 2}) rotate(-90)" text-anchor="middle">${escape(chart.yLabel)}</text>`,
  );
  chart.series.forEach((s, i) => {
    const pts: string[] = [];
    s.points.forEach(([x, y], k) => {
      if (s.steps === true && k > 0) pts.push(`${fixed(px(x))},${fixed(py(s.points[k - 1]![1]))}`);
      pts.push(`${fixed(px(x))},${fixed(py(y))}`);
    });
    out.push(
      `<polyline fill="none" stroke="${s.colour}" stroke-width="2"${s.dashed === true ? ' stroke-dasharray="6 4"' : ''} points="${pts.join(' ')}"/>`,
    );
    const bottomLeft = chart.legend === 'bottom-left';
    const lx = bottomLeft ? PAD.left + 12 : WIDTH - PAD.right - 250;
    const ly = bottomLeft ? HEIGHT - PAD.bottom - 12 - (chart.series.length - 1 - i) * 18 : PAD.top + 16 + i * 18;
    out.push(
      `<line x1="${lx}" y1="${ly - 4}" x2="${lx + 24}" y2="${ly - 4}" stroke="${s.colour}" stroke-width="2"${s.dashed === true ? ' stroke-dasharray="6 4"' : ''}/>`,
    );
    out.push(`<text x="${lx + 30}" y="${ly}">${escape(s.label)}</text>`);
  });
  for (const m of chart.marks ?? []) {
    out.push(`<circle cx="${fixed(px(m.x))}" cy="${fixed(py(m.y))}" r="3.5" fill="#222"/>`);
    out.push(`<text x="${fixed(px(m.x) + 6)}" y="${fixed(py(m.y) + (m.below === true ? 16 : -6))}">${escape(m.label)}</text>`);
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
