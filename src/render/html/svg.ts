/**
 * Charts as SVG written here, on the server side, rather than a chart library run in the browser:
 * the page must show every chart with scripts disabled (mail clients, print, strict CSP), must
 * make no request, and must stay small; a stacked bar chart and a sparkline are a few hundred
 * lines of arithmetic, with no dependency to vet, inline, version or keep safe. Each series is one
 * <path> (a bar per bucket as `M x y h w v h h -w z`), so a thousand buckets cost kilobytes, not
 * thousands of elements. Colour is never the only signal: every series has its own texture
 * (pattern), a text legend, and the numbers are in a table beside the chart.
 */
import { int, percent, text } from './escape.js';

export interface ChartSeries {
  /** Legend text: the page's own words (`5xx`), escaped anyway. */
  name: string;
  /** CSS suffix for colour and texture: `s5` → class `s5`, pattern `#p-s5`. */
  style: string;
  values: number[];
}

export interface StackedChart {
  id: string;
  title: string;
  desc: string;
  /** Bucket starts, epoch ms, one per value. */
  times: number[];
  intervalMs: number;
  series: ChartSeries[];
  /** 0…1 per bucket, drawn as a line against the right axis. */
  rate?: number[];
  yLabel: string;
}

const W = 1160;
const H = 340;
const LEFT = 70;
const RIGHT = 64;
const TOP = 28;
const BOTTOM = 52;
const PLOT_W = W - LEFT - RIGHT;
const PLOT_H = H - TOP - BOTTOM;

const round = (n: number): number => Math.round(n * 100) / 100;

/** A round number at or above `max` (1, 1.2, 1.5, 2 … 8 × 10^k), so the bars fill most of the plot. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 1.2, 1.6, 2, 2.4, 3, 4, 5, 6, 8, 10]) if (step * magnitude >= max) return step * magnitude;
  return 10 * magnitude;
}

/** `14:05`, `10-02 14:05` or `2026-10-02`, as fine as the bucket and as wide as the span needs. */
export function timeLabel(ms: number, intervalMs: number, spanMs: number): string {
  const iso = new Date(ms).toISOString();
  if (intervalMs >= 86_400_000) return iso.slice(0, 10);
  if (spanMs >= 86_400_000) return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
  return intervalMs < 60_000 ? iso.slice(11, 19) : iso.slice(11, 16);
}

/** Textures that tell series apart without colour: solid, dots, lines at several angles, cross-hatch. */
const TEXTURES: Record<string, string> = {
  s0: '<path d="M3 0V6" class="tx"/>',
  s1: '<path d="M0 3H6" class="tx"/>',
  s2: '',
  s3: '<circle cx="3" cy="3" r="1.1" class="dot"/>',
  s4: '<path d="M0 6L6 0M-1 1L1 -1M5 7L7 5" class="tx"/>',
  s5: '<path d="M0 6L6 0M0 0L6 6" class="tx"/>',
};

export function patternDefs(styles: readonly string[]): string {
  return styles
    .map(
      (s) =>
        `<pattern id="p-${s}" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" class="${s}"/>${TEXTURES[s] ?? ''}</pattern>`,
    )
    .join('');
}

function legend(series: readonly ChartSeries[], withRate: boolean): string {
  const items = series.map((s, i) => {
    const x = LEFT + i * 92;
    return `<g transform="translate(${x} 6)"><rect width="14" height="14" fill="url(#p-${s.style})" class="edge"/><text x="19" y="12">${text(s.name)}</text></g>`;
  });
  if (withRate) {
    const x = LEFT + series.length * 92;
    items.push(`<g transform="translate(${x} 6)"><path d="M0 7H22" class="rate"/><text x="27" y="12">error rate (right axis)</text></g>`);
  }
  return `<g class="legend">${items.join('')}</g>`;
}

function yAxis(max: number, label: string): string {
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const y = round(TOP + PLOT_H - f * PLOT_H);
    return `<path d="M${LEFT} ${y}H${LEFT + PLOT_W}" class="grid"/><text x="${LEFT - 6}" y="${y + 4}" class="end">${int(Math.round(max * f))}</text>`;
  });
  const mid = TOP + PLOT_H / 2;
  return `${ticks.join('')}<text transform="translate(14 ${mid}) rotate(-90)" class="mid">${text(label)}</text>`;
}

function rateAxis(max: number): string {
  const ticks = [0, 0.5, 1].map((f) => {
    const y = round(TOP + PLOT_H - f * PLOT_H);
    return `<text x="${LEFT + PLOT_W + 6}" y="${y + 4}">${percent(max * f)}</text>`;
  });
  return ticks.join('');
}

function xAxis(times: readonly number[], intervalMs: number): string {
  const n = times.length;
  if (n === 0) return '';
  const span = times[n - 1]! - times[0]!;
  const labels = Math.min(n, 8);
  const out: string[] = [];
  const step = PLOT_W / n;
  for (let k = 0; k < labels; k++) {
    const i = labels === 1 ? 0 : Math.round((k * (n - 1)) / (labels - 1));
    const x = round(LEFT + i * step + step / 2);
    out.push(
      `<path d="M${x} ${TOP + PLOT_H}v5" class="axis"/><text x="${x}" y="${TOP + PLOT_H + 19}" class="mid">${timeLabel(times[i]!, intervalMs, span)}</text>`,
    );
  }
  out.push(`<text x="${LEFT + PLOT_W / 2}" y="${H - 8}" class="mid">time (UTC)</text>`);
  return out.join('');
}

/** Stacked bars, one path per series, bottom to top in the order given; an optional rate line. */
export function stackedBarChart(chart: StackedChart): string {
  const n = chart.times.length;
  const totals = chart.times.map((_, i) => chart.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const step = PLOT_W / Math.max(1, n);
  const gap = step > 4 ? 1 : 0;
  const width = round(Math.max(step - gap, 0.5));
  const base = new Array<number>(n).fill(0);
  const paths = chart.series.map((s) => {
    let d = '';
    for (let i = 0; i < n; i++) {
      const v = s.values[i] ?? 0;
      if (v <= 0) continue;
      const y0 = TOP + PLOT_H - (base[i]! / max) * PLOT_H;
      const h = (v / max) * PLOT_H;
      base[i]! += v;
      d += `M${round(LEFT + i * step + gap / 2)} ${round(y0)}h${width}v${round(-h)}h${-width}z`;
    }
    return d === '' ? '' : `<path d="${d}" fill="url(#p-${s.style})" class="bar"/>`;
  });
  let rate = '';
  let rateMax = 0;
  if (chart.rate && n > 0) {
    rateMax = Math.min(1, niceMax(Math.max(...chart.rate)));
    const points = chart.rate.map((r, i) => `${round(LEFT + i * step + step / 2)} ${round(TOP + PLOT_H - (r / rateMax) * PLOT_H)}`);
    rate = `<path d="M${points.join('L')}" class="rate"/>`;
  }
  const titleId = `${chart.id}-title`;
  const descId = `${chart.id}-desc`;
  return `<svg class="chart" id="${chart.id}" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${titleId} ${descId}" xmlns="http://www.w3.org/2000/svg">
<title id="${titleId}">${text(chart.title)}</title><desc id="${descId}">${text(chart.desc)}</desc>
<defs>${patternDefs(chart.series.map((s) => s.style))}</defs>
${legend(chart.series, chart.rate !== undefined)}
${yAxis(max, chart.yLabel)}${chart.rate ? rateAxis(rateMax) : ''}
${paths.join('\n')}
${rate}
<path d="M${LEFT} ${TOP + PLOT_H}H${LEFT + PLOT_W}" class="axis"/>
${xAxis(chart.times, chart.intervalMs)}
</svg>`;
}

const SPARK_W = 360;
const SPARK_H = 56;

/** A small bar chart for one error group over time, with its peak written as text. */
export function sparkline(id: string, title: string, times: readonly number[], values: readonly number[], intervalMs: number): string {
  const n = values.length;
  const max = Math.max(0, ...values);
  const step = (SPARK_W - 8) / Math.max(1, n);
  const width = round(Math.max(step - (step > 4 ? 1 : 0), 0.5));
  const plotH = SPARK_H - 20;
  let d = '';
  values.forEach((v, i) => {
    if (v <= 0 || max === 0) return;
    const h = Math.max(1, (v / max) * plotH);
    d += `M${round(4 + i * step)} ${SPARK_H - 4}h${width}v${round(-h)}h${-width}z`;
  });
  const peakAt = values.indexOf(max);
  const span = n > 0 ? times[n - 1]! - times[0]! : 0;
  const peak = max > 0 ? `peak ${int(max)} at ${timeLabel(times[peakAt]!, intervalMs, span)} UTC` : 'none in this span';
  const from = n > 0 ? timeLabel(times[0]!, intervalMs, span) : '';
  const to = n > 0 ? timeLabel(times[n - 1]!, intervalMs, span) : '';
  return `<svg class="spark" id="${id}" viewBox="0 0 ${SPARK_W} ${SPARK_H}" role="img" aria-labelledby="${id}-title" xmlns="http://www.w3.org/2000/svg">
<title id="${id}-title">${text(title)}: ${peak}, ${from} to ${to}</title>
<text x="4" y="12">${peak}</text>
<path d="M4 ${SPARK_H - 4}H${SPARK_W - 4}" class="axis"/>${d ? `<path d="${d}" class="sparkbar"/>` : ''}
</svg>`;
}
