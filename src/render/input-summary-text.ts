/**
 * The accounting block every terminal report starts with: where every line went. Every line fits
 * the width: lists and notes wrap, a rejected line's excerpt is cut, and numbers stay whole.
 */
import type { InputSummary, RejectedSample, SkippedFile } from '../scan/input-summary.js';
import { forTerminal } from './sanitize.js';
import { cellWidth, cutEnd, cutStart } from './cells.js';
import { wrapProse, wrapTokens } from './wrap.js';

const integerFormat = new Intl.NumberFormat('en-US');
const n = (v: number): string => integerFormat.format(v);

/** Less than this much of an excerpt is no help beside its file:line. */
const MIN_EXCERPT = 16;

const counted = (count: number, noun: string): string => `${n(count)} ${noun}${count === 1 ? '' : 's'}`;

function accountingLine(input: InputSummary, width: number): string[] {
  const parts = [
    `${counted(input.files, 'file')},`,
    `${counted(input.lines, 'line')} =`,
    counted(input.records, 'record'),
    `+ ${counted(input.directives, 'directive')}`,
    `+ ${n(input.blank)} blank`,
    `+ ${n(input.rejected)} rejected`,
  ];
  return wrapTokens('Input: ', parts, '  ', width);
}

/**
 * `file:line (detail): excerpt` on one line when the excerpt still says something, else file:line
 * on its own line and the rest below. The file:line stays whole unless the path alone is wider
 * than the terminal; then its folders are cut from the left, so file name and line number remain.
 */
function sampleLines(s: RejectedSample, width: number): string[] {
  const at = `:${s.line}`;
  const where = `${forTerminal(s.file)}${at}`;
  const detail = s.detail ? `(${forTerminal(s.detail)}): ` : '';
  const excerpt = forTerminal(s.excerpt);
  const lead = `    ${where}${detail ? ` ${detail}` : ': '}`;
  if (cellWidth(lead) + Math.min(MIN_EXCERPT, cellWidth(excerpt)) <= width) return [lead + cutEnd(excerpt, width - cellWidth(lead))];
  const path = cellWidth(where) + 4 <= width ? where : cutStart(forTerminal(s.file), width - 4 - at.length) + at;
  return [`    ${path}`, cutEnd(`      ${detail}${excerpt}`, width)];
}

/** Files named when several are skipped for one reason; JSON lists them all. */
const SKIPPED_NAMED = 3;

/**
 * Skipped files, one entry per reason: a log folder's rotated error logs (error.log, error.log.1 …)
 * are one entry naming a few of them, not a screenful of the same reason.
 */
function skippedLines(skipped: readonly SkippedFile[], width: number): string[] {
  const byReason = new Map<string, SkippedFile[]>();
  for (const s of skipped) {
    const reason = s.message.startsWith(`${s.file}: `) ? s.message.slice(s.file.length + 2) : s.message;
    byReason.set(reason, [...(byReason.get(reason) ?? []), s]);
  }
  return [...byReason].flatMap(([reason, files]) => {
    if (files.length === 1) return wrapProse('  skipped: ', forTerminal(files[0]!.message), width);
    const named = files.slice(0, SKIPPED_NAMED).map((f) => f.file);
    const more = files.length > SKIPPED_NAMED ? ` and ${n(files.length - SKIPPED_NAMED)} more` : '';
    return wrapProse('  skipped: ', forTerminal(`${n(files.length)} files (${named.join(', ')}${more}): ${reason}`), width);
  });
}

export function renderInputSummary(input: InputSummary, width: number): string {
  const lines = accountingLine(input, width);
  if (input.timeRange !== undefined)
    lines.push(
      ...wrapTokens(
        input.timeRange.sampled ? '  time span (of the sampled lines): ' : '  time span: ',
        [input.timeRange.first, 'to', input.timeRange.last],
        '    ',
        width,
      ),
    );
  if (input.filteredOut > 0) lines.push(...wrapTokens('  filtered out: ', [counted(input.filteredOut, 'record')], '    ', width));
  const formats = Object.entries(input.formats);
  if (formats.length > 0) {
    const items = formats.map(([f, c], i) => `${forTerminal(f)} ${n(c)}${i < formats.length - 1 ? ',' : ''}`);
    lines.push(...wrapTokens('  formats: ', items, '    ', width));
  }
  for (const [reason, count] of Object.entries(input.rejectedByReason)) {
    lines.push(...wrapTokens('  rejected ', [`${forTerminal(reason)}:`, n(count)], '    ', width));
    for (const s of input.rejectedSamples.filter((x) => x.reason === reason)) lines.push(...sampleLines(s, width));
  }
  for (const note of input.notes) lines.push(...wrapProse('  note: ', forTerminal(note), width));
  lines.push(...skippedLines(input.skipped, width));
  for (const damaged of input.damaged) lines.push(...wrapProse('  damaged: ', forTerminal(damaged.message), width));
  return `${lines.join('\n')}\n`;
}
