/**
 * Input accounting: every line read is exactly one of record, directive, blank or rejected.
 * Plain data so partial summaries merge.
 */
import { forTerminal } from '../render/sanitize.js';
import { toIso } from '../../parsers/time.js';

/** A line that could not be read as a record: where, why, and a safe excerpt. */
export interface RejectedSample {
  file: string;
  line: number;
  reason: string;
  /** Sanitised, shortened copy of the line. */
  excerpt: string;
  detail?: string;
}

/** A source that was not read as a log (not a log format logtally knows, or not a web log), and why. */
export interface SkippedFile {
  file: string;
  code: string;
  message: string;
}

/** A file read only in part: its lines up to the damage are counted, the rest could not be read. */
export interface DamagedFile {
  file: string;
  code: string;
  /** Lines read before the damage. */
  lines: number;
  message: string;
}

/** The accounting of a run: every line read is a record, a directive, blank or rejected (`lines` is their sum). */
export interface InputSummary {
  files: number;
  lines: number;
  records: number;
  directives: number;
  blank: number;
  rejected: number;
  rejectedByReason: Record<string, number>;
  rejectedSamples: RejectedSample[];
  /** Records per detected format and layout. */
  formats: Record<string, number>;
  /** Assumptions the reader made (assumed layouts, time zones), once each. */
  notes: string[];
  /** Files that were not read as logs (unknown format, not a web log), with why. */
  skipped: SkippedFile[];
  /** Files whose reading broke off (corrupt or truncated gzip data), with how far it got. */
  damaged: DamagedFile[];
  /** Records dropped by filters; they are still counted in `records`. */
  filteredOut: number;
  /**
   * Time span of the records read (filtered out or not), ISO-8601 UTC. Present when their times
   * were read: of every record, or (`sampled`) of the lines in the default report's sample of a
   * large input (report/overview-sampling.ts), when the true span may begin or end a few lines
   * beyond it. Not for `errors` without a time series, which reads the errors' times only.
   */
  timeRange?: { first: string; last: string; sampled?: true };
}

/** The formats detection tried, noted once for all skipped files rather than in every message. */
export const FORMATS_TRIED_NOTE = 'formats tried on the skipped files: ';

export function addNote(summary: InputSummary, note: string): void {
  if (!summary.notes.includes(note)) summary.notes.push(note);
}

/**
 * Why no input could be read: each skipped file's message, then the formats tried, one per line.
 * Each is made safe for a terminal first, so a newline in a file name cannot start a line of its own.
 */
export function nothingReadMessage(summary: InputSummary): string {
  return [...summary.skipped.map((s) => s.message), ...summary.notes.filter((n) => n.startsWith(FORMATS_TRIED_NOTE))]
    .map(forTerminal)
    .join('\n');
}

export const SAMPLES_PER_REASON = 3;
export const MAX_SAMPLES = 20;
const EXCERPT_CHARS = 120;

export function emptyInputSummary(): InputSummary {
  return {
    files: 0,
    lines: 0,
    records: 0,
    directives: 0,
    blank: 0,
    rejected: 0,
    rejectedByReason: {},
    rejectedSamples: [],
    formats: {},
    notes: [],
    skipped: [],
    damaged: [],
    filteredOut: 0,
  };
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

/** Control characters are replaced so an excerpt is safe anywhere it is shown. */
export function excerptOf(line: string): string {
  // Never cut between the two halves of a surrogate pair (an emoji in a user agent).
  const end = EXCERPT_CHARS - (isHighSurrogate(line.charCodeAt(EXCERPT_CHARS - 1)) ? 1 : 0);
  const cut = line.length > EXCERPT_CHARS ? `${line.slice(0, end)}…` : line;
  return cut.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '\uFFFD');
}

export function addRejection(summary: InputSummary, sample: RejectedSample): void {
  summary.rejected++;
  const count = (summary.rejectedByReason[sample.reason] ?? 0) + 1;
  summary.rejectedByReason[sample.reason] = count;
  if (count <= SAMPLES_PER_REASON && summary.rejectedSamples.length < MAX_SAMPLES) summary.rejectedSamples.push(sample);
}

const addCounts = (into: Record<string, number>, from: Record<string, number>): void => {
  for (const [key, count] of Object.entries(from)) into[key] = (into[key] ?? 0) + count;
};

/** Widens the summary's time span to take in [firstMs, lastMs]. */
export function noteTimeRange(summary: InputSummary, firstMs: number, lastMs: number): void {
  if (!(firstMs <= lastMs)) return;
  summary.timeRange = mergeTimeRanges(summary.timeRange, { first: toIso(firstMs), last: toIso(lastMs) });
}

function mergeTimeRanges(a: InputSummary['timeRange'], b: InputSummary['timeRange']): InputSummary['timeRange'] {
  if (a === undefined || b === undefined) return a ?? b;
  const merged: InputSummary['timeRange'] = {
    first: Date.parse(a.first) <= Date.parse(b.first) ? a.first : b.first,
    last: Date.parse(a.last) >= Date.parse(b.last) ? a.last : b.last,
  };
  if (a.sampled || b.sampled) merged.sampled = true;
  return merged;
}

export function mergeInputSummaries(a: InputSummary, b: InputSummary): InputSummary {
  const merged: InputSummary = {
    files: a.files + b.files,
    lines: a.lines + b.lines,
    records: a.records + b.records,
    directives: a.directives + b.directives,
    blank: a.blank + b.blank,
    rejected: a.rejected + b.rejected,
    rejectedByReason: { ...a.rejectedByReason },
    rejectedSamples: [],
    formats: { ...a.formats },
    notes: [...new Set([...a.notes, ...b.notes])],
    skipped: [...a.skipped, ...b.skipped],
    damaged: [...a.damaged, ...b.damaged],
    filteredOut: a.filteredOut + b.filteredOut,
  };
  const timeRange = mergeTimeRanges(a.timeRange, b.timeRange);
  if (timeRange !== undefined) merged.timeRange = timeRange;
  addCounts(merged.rejectedByReason, b.rejectedByReason);
  addCounts(merged.formats, b.formats);
  const perReason = new Map<string, number>();
  for (const sample of [...a.rejectedSamples, ...b.rejectedSamples]) {
    const seen = perReason.get(sample.reason) ?? 0;
    if (seen >= SAMPLES_PER_REASON || merged.rejectedSamples.length >= MAX_SAMPLES) continue;
    perReason.set(sample.reason, seen + 1);
    merged.rejectedSamples.push(sample);
  }
  return merged;
}
