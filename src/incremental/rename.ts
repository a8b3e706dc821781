/**
 * A file renamed between runs (rotation: access.log → access.log.1 → access.log.2.gz) keeps the
 * partial result read from it; the file names that result holds (rejected samples, damaged files,
 * the errors report's examples) are moved to the new name, as a single run over the renamed
 * file would have named them.
 */
import type { InputSummary } from '../scan/input-summary.js';

interface FileNamed {
  file: string;
}

const renameIn = (items: readonly FileNamed[], from: string, to: string): void => {
  for (const item of items) if (item.file === from) item.file = to;
};

/** Renames `from` to `to` in place throughout a report or errors partial. */
export function renameFileInPartial(partial: { input: InputSummary }, from: string, to: string): void {
  if (from === to) return;
  const input = partial.input;
  renameIn(input.rejectedSamples, from, to);
  renameIn(input.skipped, from, to);
  for (const damaged of input.damaged) {
    if (damaged.file !== from) continue;
    damaged.file = to;
    if (damaged.message.startsWith(`${from}:`)) damaged.message = `${to}${damaged.message.slice(from.length)}`;
  }
  const groups = (partial as { groups?: Record<string, unknown> }).groups;
  for (const group of Object.values(groups ?? {})) {
    const example = (group as { example?: FileNamed }).example;
    if (example !== undefined && example.file === from) example.file = to;
  }
}
