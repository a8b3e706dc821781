/**
 * Lines of prose and lists laid out to a terminal width, counted in cells. Tokens (a word, or a
 * `value (count)` list item that must stay together) are never split across lines; one too long
 * for a whole line is cut with an ellipsis.
 */
import { cellWidth, cutEnd, cutStart } from './cells.js';

/**
 * `lead` then the tokens joined by single spaces, in lines of at most `width` cells; continuation
 * lines start with `indent`. `cut` shortens a token too long for a line of its own.
 */
export function wrapTokens(lead: string, tokens: readonly string[], indent: string, width: number, cut = cutEnd): string[] {
  const lines: string[] = [];
  let line = lead;
  let used = cellWidth(lead);
  let empty = true;
  for (const token of tokens) {
    const w = cellWidth(token);
    if (!empty && used + 1 + w > width) {
      lines.push(line);
      line = indent;
      used = cellWidth(indent);
      empty = true;
    }
    const fitted = empty ? cut(token, width - used) : token;
    line += empty ? fitted : ` ${fitted}`;
    used += (empty ? 0 : 1) + cellWidth(fitted);
    empty = false;
  }
  lines.push(line);
  return lines;
}

export const words = (text: string): string[] => text.split(' ').filter((w) => w !== '');

/**
 * Prose after `lead`, wrapped with continuation lines aligned under its first word. A word longer
 * than a line is a path or URL in practice, so it keeps its end: the file name.
 */
export const wrapProse = (lead: string, text: string, width: number): string[] =>
  wrapTokens(lead, words(text), ' '.repeat(cellWidth(lead)), width, cutStart);
