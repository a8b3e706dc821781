import { FORMAT_CATALOG, sampleLayout, type CatalogEntry, type ExpectedRecord } from '../../../parsers/formats/index.js';
import type { TableData } from '../../report/table-data.js';
import { forTerminal as safe, safeJson } from '../../render/sanitize.js';
import { formatsMarkdown } from '../../render/formats-markdown.js';
import { renderTextTable } from '../../render/text-table.js';
import { wrapProse } from '../../render/wrap.js';
import type { CliIO, Command, ParsedArgs } from '../command.js';
import { EXIT_OK, EXIT_USAGE } from '../command.js';
import { useColor } from '../output.js';

const FORMATS = ['table', 'json', 'markdown'] as const;

const help = `Usage: logtally formats [--format table|json|markdown] [NAME...]

List the log formats logtally reads. Each file's format is detected from its
first lines, so no flag is needed; --log-format NAME on report, errors and
records forces one (a JSON or CSV shape is forced with json or csv, a format
inside an envelope with ENVELOPE:FORMAT, such as syslog:combined).

With NAME (or an alias such as ncsa), show those formats in full: description,
specification, sample lines and the fields each sample gives.

Options:
  --format table|json|markdown
                           table (default): one row per format (NAME: a block
                           per format). json: an array, one object per format
                           with name, family, logFormat, aliases, description,
                           spec and samples (lines, the layout the report names
                           them by, and the records they give).
                           markdown: docs/formats.md, family notes included.
  --debug                  show internal error details
  --help                   show this help

Exit status:
  0  success
  2  an unknown NAME or a bad option

Examples:
  logtally formats
  logtally formats combined 'json (caddy)' syslog
  logtally formats --format json | jq -r '.[] | select(.family == "access-log") | .name'
`;

/** The overview: a cut URL is no use, so spec links are left to the detail view and JSON. */
function listTable(entries: readonly CatalogEntry[]): TableData {
  return {
    id: 'formats',
    title: `${entries.length} formats, detected per file; force one with --log-format NAME (a JSON or CSV shape: json or csv; an envelope: ENVELOPE:FORMAT)`,
    columns: [
      { name: 'format', kind: 'text' },
      { name: 'family', kind: 'text' },
      { name: 'description', kind: 'text' },
    ],
    rows: entries.map((e) => [e.name, e.family, e.description]),
    omitted: 0,
  };
}

const fieldsText = (record: ExpectedRecord): string =>
  Object.entries(record)
    .map(([field, value]) => `${field}=${typeof value === 'string' ? JSON.stringify(value) : value}`)
    .join(' ');

function detail(entry: CatalogEntry, width: number): string {
  const lines = [
    `${entry.name}  (${entry.family}; --log-format ${entry.logFormat}${entry.aliases ? `, also ${entry.aliases.join(', ')}` : ''})`,
    ...wrapProse('  ', entry.description, width),
    `  spec: ${entry.spec}`,
  ];
  entry.samples.forEach((sample, i) => {
    lines.push(`  sample ${i + 1} (reported as ${sampleLayout(entry, sample)}):`, ...sample.lines.map((l) => `    ${l}`));
    for (const record of sample.records) lines.push(...wrapProse('    → ', fieldsText(record), width));
  });
  return lines.map(safe).join('\n');
}

/** What --format json promises, without the engine's settings an entry carries (an access layout's syntax, fallbacks). */
const asJson = (e: CatalogEntry) => ({
  name: e.name,
  family: e.family,
  logFormat: e.logFormat,
  aliases: e.aliases ?? [],
  description: e.description,
  spec: e.spec,
  samples: e.samples.map((s) => ({ lines: s.lines, layout: sampleLayout(e, s), records: s.records })),
});

/** A format by its name or one of its aliases (`ncsa` is common). */
const entryNamed = (name: string): CatalogEntry | undefined => FORMAT_CATALOG.find((e) => e.name === name || e.aliases?.includes(name));

async function run(args: ParsedArgs, io: CliIO): Promise<number> {
  const format = String(args.values.format ?? 'table');
  if (!(FORMATS as readonly string[]).includes(format)) {
    io.stderr.write(`logtally formats: --format must be table, json or markdown, not "${safe(format)}"\n`);
    return EXIT_USAGE;
  }
  const unknown = args.positionals.filter((name) => entryNamed(name) === undefined);
  if (unknown.length > 0) {
    io.stderr.write(
      `logtally formats: no format named ${unknown.map((n) => `"${safe(n)}"`).join(', ')}; run logtally formats for the list\n`,
    );
    return EXIT_USAGE;
  }
  const chosen = args.positionals.length === 0 ? FORMAT_CATALOG : [...new Set(args.positionals.map((name) => entryNamed(name)!))];
  if (format === 'json') io.stdout.write(`${safeJson(chosen.map(asJson), 2)}\n`);
  else if (format === 'markdown') io.stdout.write(formatsMarkdown(chosen));
  else if (args.positionals.length > 0) io.stdout.write(`${chosen.map((e) => detail(e, io.columns)).join('\n\n')}\n`);
  else
    io.stdout.write(
      renderTextTable(listTable(chosen), {
        width: io.columns,
        color: useColor(io.stdoutIsTTY, io.env),
        hideable: ['family'],
        whenCut: { description: 'Descriptions in full, with spec links and samples: logtally formats NAME, or --format json.' },
      }),
    );
  return EXIT_OK;
}

export const formatsCommand: Command = {
  name: 'formats',
  summary: 'the log formats logtally detects, with samples: what to pass to --log-format',
  help,
  options: {
    format: { type: 'string', default: 'table' },
    debug: { type: 'boolean' },
  },
  run,
};
