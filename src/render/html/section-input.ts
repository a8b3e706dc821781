/**
 * The page's header: where every line went (lines = records + directives + blank + rejected),
 * the formats read, rejected samples, skipped and damaged files, the time span and zone, and the
 * filters applied. Numbers carry `data-metric` so tests (and scripts) can read them.
 */
import type { InputSummary } from '../../scan/input-summary.js';
import type { TimelineData } from '../../report/timeline.js';
import { toIso } from '../../../parsers/time.js';
import { int, percent, text, utc } from './escape.js';
import { cell, num, renderTable } from './table.js';

export interface FilterApplied {
  /** The option, `--since`. */
  option: string;
  /** As the user gave it. */
  value: string;
}

export interface Headline {
  requests: number;
  errors: number;
}

const metric = (name: string, value: number): string => `<span data-metric="${name}">${int(value)}</span>`;
const plural = (n: number, noun: string): string => `${noun}${n === 1 ? '' : 's'}`;

function cards(headline: Headline, timeline: TimelineData): string {
  const rate = headline.requests === 0 ? 0 : headline.errors / headline.requests;
  const span =
    timeline.first === undefined || timeline.last === undefined
      ? 'no timestamps'
      : `${utc(toIso(timeline.first))} to ${utc(toIso(timeline.last))}`;
  return `<div class="cards">
<div class="card"><span class="k">requests</span><span class="v">${metric('requests', headline.requests)}</span></div>
<div class="card"><span class="k">errors (4xx, 5xx, HTTP.sys)</span><span class="v">${metric('errors', headline.errors)}</span></div>
<div class="card"><span class="k">error rate</span><span class="v">${percent(rate)}</span></div>
<div class="card wide"><span class="k">time span (UTC)</span><span class="v small">${span}</span></div>
</div>`;
}

function accounting(input: InputSummary): string {
  const filtered =
    input.filteredOut > 0
      ? `<dt>filtered out</dt><dd>${metric('filteredOut', input.filteredOut)} records left out by the filters</dd>`
      : '';
  return `<dl class="accounting">
<dt>files</dt><dd>${metric('files', input.files)} ${plural(input.files, 'file')}</dd>
<dt>lines</dt><dd>${metric('lines', input.lines)} lines = ${metric('records', input.records)} records + ${metric('directives', input.directives)} directives + ${metric('blank', input.blank)} blank + ${metric('rejected', input.rejected)} rejected</dd>
${filtered}</dl>`;
}

function formatsTable(input: InputSummary): string {
  const rows = Object.entries(input.formats)
    .sort((a, b) => b[1] - a[1])
    .map(([format, count]) => [cell(text(format)), num(count, int(count))]);
  if (rows.length === 0) return '';
  return renderTable({
    id: 't-formats',
    caption: 'Formats read (records per detected format and layout)',
    columns: [{ name: 'format' }, { name: 'records', numeric: true }],
    rows,
  });
}

function rejectedBlock(input: InputSummary): string {
  if (input.rejected === 0) return '<p>No line was rejected.</p>';
  const rows = Object.entries(input.rejectedByReason)
    .sort((a, b) => b[1] - a[1])
    .map(([reason, count]) => [cell(`<code>${text(reason)}</code>`), num(count, int(count))]);
  const table = renderTable({
    id: 't-rejected',
    caption: 'Rejected lines by reason',
    columns: [{ name: 'reason' }, { name: 'lines', numeric: true }],
    rows,
  });
  const samples = input.rejectedSamples.map(
    (s) =>
      `<li><span class="where">${text(s.file)}:${int(s.line)}</span> <code>${text(s.reason)}</code>${s.detail ? ` (${text(s.detail)})` : ''}<pre class="excerpt">${text(s.excerpt)}</pre></li>`,
  );
  return `${table}<h3>First rejected lines</h3><ul class="samples">${samples.join('\n')}</ul>`;
}

function listBlock(title: string, items: readonly string[]): string {
  return items.length === 0 ? '' : `<h3>${title}</h3><ul>${items.map((i) => `<li>${text(i)}</li>`).join('')}</ul>`;
}

/** Notes that say in which zone local times were read; logs in UTC (W3C, ISO with offsets) make none. */
function zoneAssumed(input: InputSummary): string {
  const zoneNotes = input.notes.filter((n) => /local time|GMT-Offset|time zone|--tz/i.test(n));
  return zoneNotes.length === 0 ? 'UTC: every format read logs UTC or an explicit offset' : zoneNotes.map((n) => text(n)).join('; ');
}

function filtersBlock(filters: readonly FilterApplied[]): string {
  if (filters.length === 0) return 'none: every record counted';
  return filters.map((f) => `<code>${text(f.option)} ${text(f.value)}</code>`).join(' ');
}

export function inputSection(input: InputSummary, headline: Headline, timeline: TimelineData, filters: readonly FilterApplied[]): string {
  const untimed =
    timeline.untimed > 0 ? `<dt>without a time</dt><dd>${metric('untimed', timeline.untimed)} records (not in the chart)</dd>` : '';
  return `<section id="input" aria-labelledby="h-input">
<h2 id="h-input">Input</h2>
${cards(headline, timeline)}
${accounting(input)}
<dl class="accounting">
<dt>first record</dt><dd data-metric-text="first">${timeline.first === undefined ? 'none' : utc(toIso(timeline.first))}</dd>
<dt>last record</dt><dd data-metric-text="last">${timeline.last === undefined ? 'none' : utc(toIso(timeline.last))}</dd>
${untimed}
<dt>zone assumed</dt><dd>${zoneAssumed(input)}</dd>
<dt>filters</dt><dd>${filtersBlock(filters)}</dd>
</dl>
${formatsTable(input)}
${rejectedBlock(input)}
${listBlock('Notes', input.notes)}
${listBlock(
  'Skipped files (not read as logs)',
  input.skipped.map((s) => s.message),
)}
${listBlock(
  'Damaged files (read in part)',
  input.damaged.map((d) => d.message),
)}
</section>`;
}
