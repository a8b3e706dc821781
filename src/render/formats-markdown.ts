/**
 * docs/formats.md, from the format data in parsers/formats/: `npm run docs:formats` writes it with
 * `logtally formats --format markdown`, and a test fails when the file and the data disagree.
 */
import { FAMILIES } from '../../parsers/formats/families.js';
import { sampleLayout, type CatalogEntry, type ExpectedRecord } from '../../parsers/formats/index.js';

const INTRO = `# Formats

<!-- Generated from parsers/formats/ by \`npm run docs:formats\`: edit the entries there, not this file. -->

logtally detects each file's format from its first lines: no flag is needed, and a folder may mix
formats. \`--log-format NAME\` (on \`report\`, \`errors\` and \`records\`) forces one: a name below, a
JSON or CSV shape with \`json\` or \`csv\`, a format inside an envelope with \`ENVELOPE:FORMAT\`
(\`syslog:combined\`), or a server's own format string (\`apache:…\`, \`nginx:…\`). \`logtally formats\`
lists the same entries in a terminal.

Every format becomes the same record, keyed by W3C names (\`c-ip\`, \`cs-method\`, \`cs-uri-stem\`,
\`sc-status\`, \`time-taken\` in ms, \`timestamp\` in UTC), so every report works on every format. Each
sample below is tested (test/formats.samples.test.ts): detected as its format, no line rejected, and
each record carrying the fields listed under it. To add a format, see [contributing.md](contributing.md).`;

/** A table cell: pipes escaped, code spans kept whole. */
const cell = (text: string): string => text.replaceAll('|', '\\|');

const anchor = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replaceAll(' ', '-');

const value = (v: string | number): string => (typeof v === 'number' ? String(v) : `\`${v.replaceAll('`', "'")}\``);

function recordTable(records: readonly ExpectedRecord[]): string[] {
  const fields = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const rows = fields.map((f) => `| \`${cell(f)}\` | ${records.map((r) => (r[f] === undefined ? '' : cell(value(r[f]!)))).join(' | ')} |`);
  const head = records.length === 1 ? ['field', 'value'] : ['field', ...records.map((_, i) => `record ${i + 1}`)];
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows];
}

function entrySection(entry: CatalogEntry): string[] {
  const aliases = entry.aliases ? ` (or ${entry.aliases.map((a) => `\`${a}\``).join(', ')})` : '';
  const out = [
    `### ${entry.name}`,
    '',
    entry.description,
    '',
    `Force: \`--log-format ${entry.logFormat}\`${aliases} · Spec: <${entry.spec}>`,
  ];
  for (const sample of entry.samples) {
    out.push('', '```', ...sample.lines, '```', '');
    out.push(`Reported as \`${sampleLayout(entry, sample)}\`; gives:`, '');
    out.push(...recordTable(sample.records));
  }
  return out;
}

export function formatsMarkdown(catalog: readonly CatalogEntry[]): string {
  const out = [INTRO, '', '| format | family | description |', '|---|---|---|'];
  for (const e of catalog) out.push(`| [${cell(e.name)}](#${anchor(e.name)}) | ${e.family} | ${cell(e.description)} |`);
  for (const family of FAMILIES) {
    out.push('', `## ${family.title}`, '', ...family.notes.flatMap((n) => [n, '']));
    for (const entry of catalog.filter((e) => e.family === family.family)) out.push(...entrySection(entry), '');
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
