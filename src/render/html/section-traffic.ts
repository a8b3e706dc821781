/**
 * Traffic: status classes and codes with their meanings (the default report), bots against people
 * and probes of exploit paths, then the top URIs and clients (the report's overview), 404 URIs,
 * methods, hosts and sites. A table the data has nothing for (hosts in a log without cs-host) is
 * left out rather than shown empty.
 */
import { probeOf } from '../../filter/noise.js';
import { overviewTables } from '../../report/overview-view.js';
import type { PageData, TrafficTable } from '../../report/page-data.js';
import { classesTable, codesTable } from '../../report/report-view.js';
import type { Report } from '../../report/report.js';
import type { BoundedTable } from '../../report/top-k.js';
import { byCountThenKey, shareOf, type TableData } from '../../report/table-data.js';
import { int, percent, text } from './escape.js';
import { cell, num, renderTable, type HtmlCell } from './table.js';

const cutNote = (omitted: number, maxError: number): string | undefined => {
  const parts = [];
  if (omitted > 0) parts.push(`${int(omitted)} more left out (--top; --top 0 lists all)`);
  if (maxError > 0) parts.push(`approximate: key cap reached, each count may be over by up to ${int(maxError)}`);
  return parts.length === 0 ? undefined : `${parts.join('; ')}.`;
};

const CODE_COLUMNS = new Set(['status', 'substatus', 'win32']);

/** A report-view table (classes, codes) as HTML: integers and shares right-aligned, text escaped. */
function fromTableData(id: string, table: TableData, maxError = 0): string {
  return renderTable({
    id,
    caption: text(table.title),
    columns: table.columns.map((c) => ({
      name: text(c.name),
      numeric: c.kind !== 'text' && c.kind !== 'time',
      prose: c.name === 'meaning',
    })),
    rows: table.rows.map((row) =>
      row.map((value, i): HtmlCell => {
        const { kind, name } = table.columns[i]!;
        if (typeof value !== 'number') return cell(text(value));
        // Codes are identifiers (win32 2148074254), not quantities to group in thousands.
        if (CODE_COLUMNS.has(name)) return num(value, String(value));
        return num(value, kind === 'share' ? percent(value) : int(value));
      }),
    ),
    note: cutNote(table.omitted, maxError),
  });
}

interface CountTableSpec {
  name: TrafficTable | 'uris' | 'clients';
  caption: string;
  column: string;
  /** Denominator of the share column. */
  of: 'requests' | 'notFound';
}

const TRAFFIC: CountTableSpec[] = [
  { name: 'uris', caption: 'Top URIs', column: 'URI', of: 'requests' },
  { name: 'clients', caption: 'Top clients', column: 'client', of: 'requests' },
  { name: 'notFound', caption: 'Not found (404): top URIs', column: 'URI', of: 'notFound' },
  { name: 'methods', caption: 'Methods', column: 'method', of: 'requests' },
  { name: 'hosts', caption: 'Hosts (Host header)', column: 'host', of: 'requests' },
  { name: 'sites', caption: 'Sites', column: 'site', of: 'requests' },
];

/** A traffic table by name: top URIs and clients are the overview's (counts of its measured tables). */
function trafficTable(page: PageData, name: CountTableSpec['name']): BoundedTable {
  if (name === 'uris' || name === 'clients') return page.report.overview?.[name] ?? { counts: {}, maxError: 0 };
  return page.traffic[name];
}

function countTable(page: PageData, spec: CountTableSpec, top: number, requests: number): string {
  const table = trafficTable(page, spec.name);
  const entries = Object.entries(table.counts).sort(byCountThenKey);
  if (entries.length === 0) return '';
  const total = spec.of === 'requests' ? requests : entries.reduce((sum, [, n]) => sum + n, 0);
  const kept = top > 0 ? entries.slice(0, top) : entries;
  return renderTable({
    id: `t-${spec.name}`,
    caption: spec.caption,
    columns: [{ name: spec.column }, { name: 'requests', numeric: true }, { name: 'share', numeric: true }],
    rows: kept.map(([key, count]) => [cell(text(key)), num(count, int(count)), num(shareOf(count, total), percent(shareOf(count, total)))]),
    note: cutNote(entries.length - kept.length, table.maxError),
  });
}

/**
 * Requests by the exploit path they probe for (`--by probe`'s values), summed over the overview's
 * URIs: no regular expression per request, and exact while the URI table is (else its bound says so).
 */
function probesTable(report: Report, requests: number): string {
  const uris = report.overview?.uris;
  if (uris === undefined) return '';
  const byProbe = new Map<string, number>();
  for (const [uri, count] of Object.entries(uris.counts)) {
    const probe = probeOf(uri);
    if (probe !== 'no') byProbe.set(probe, (byProbe.get(probe) ?? 0) + count);
  }
  const entries = [...byProbe].sort(byCountThenKey);
  if (entries.length === 0) return '';
  return renderTable({
    id: 't-probes',
    caption: 'Probes for well-known exploit paths (by URI)',
    columns: [{ name: 'probe' }, { name: 'requests', numeric: true }, { name: 'share', numeric: true }],
    rows: entries.map(([probe, count]) => [
      cell(text(probe)),
      num(count, int(count)),
      num(shareOf(count, requests), percent(shareOf(count, requests))),
    ]),
    note: cutNote(0, uris.maxError),
  });
}

export function trafficSection(page: PageData, report: Report, top: number): string {
  const requests = report.input.records - report.input.filteredOut;
  const view = { top, share: true };
  const tables = TRAFFIC.map((spec) => countTable(page, spec, top, requests)).filter((t) => t !== '');
  // A log without user agents has nothing to tell bots from people with.
  const agents = report.overview === undefined ? 0 : report.overview.bots.yes + report.overview.bots.no;
  const bots = agents === 0 ? undefined : overviewTables(report, view).find((t) => t.id === 'bots');
  return `<section id="traffic" aria-labelledby="h-traffic">
<h2 id="h-traffic">Traffic</h2>
${fromTableData('t-codes', codesTable(report, view), report.approximate?.codes)}
<div class="grid">
${fromTableData('t-classes', classesTable(report, view))}
${bots === undefined ? '' : fromTableData('t-bots', { ...bots, title: 'Bots and people (user agent, isbot)' })}
${probesTable(report, requests)}
${tables.join('\n')}
</div>
</section>`;
}
