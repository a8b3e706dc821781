/**
 * Text measured in terminal cells, not UTF-16 code units: East Asian wide characters and emoji take
 * two cells, combining marks and other zero-width characters none. Only for text that went through
 * forTerminal: control characters, whose width a terminal decides, are escaped by then.
 */

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
// Emoji presentation by default, or asked for with VS16 (❤️): two cells in current terminals.
const EMOJI = /\p{Emoji_Presentation}|\uFE0F/u;
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]+$/u;

// East Asian Width W and F (Unicode 15 EastAsianWidth.txt), outside the emoji matched above.
const WIDE_RANGES: readonly [number, number][] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1b000, 0x1b2ff],
  [0x1f200, 0x1f2ff],
  [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];

const isWide = (codePoint: number): boolean => WIDE_RANGES.some(([from, to]) => codePoint >= from && codePoint <= to);

const hex = (n: number): string => `\\u{${n.toString(16)}}`;
/**
 * Characters whose width depends on their neighbours or is not one cell: marks and format
 * characters (they join a cluster), emoji, wide ranges, and anything outside the BMP. Text without
 * them is one cell per code unit, which spares the grapheme segmenter (slow) for the common case
 * of Latin text with an em dash or accented letter, as every decoded meaning has.
 */
const NEEDS_SEGMENTING = new RegExp(
  `[\\p{M}\\p{Cf}\\p{Extended_Pictographic}\\u{fe0f}\\u{1160}-\\u{11ff}\\u{d800}-\\u{dfff}\\u{10000}-\\u{10ffff}${WIDE_RANGES.map(([from, to]) => `${hex(from)}-${hex(to)}`).join('')}]`,
  'u',
);

/** One cell per UTF-16 code unit: printable ASCII, or text with nothing that needs segmenting. */
const isOneCellEach = (text: string): boolean => PRINTABLE_ASCII.test(text) || !NEEDS_SEGMENTING.test(text);

/** Cells of one user-perceived character (a flag, a family emoji or `é` as e + U+0301 are one). */
function graphemeWidth(grapheme: string): number {
  if (ZERO_WIDTH.test(grapheme)) return 0;
  if (EMOJI.test(grapheme) || isWide(grapheme.codePointAt(0)!)) return 2;
  return 1;
}

const split = (text: string): string[] => Array.from(graphemes.segment(text), (s) => s.segment);

export function cellWidth(text: string): number {
  if (isOneCellEach(text)) return text.length;
  let width = 0;
  for (const g of split(text)) width += graphemeWidth(g);
  return width;
}

/** The longest run of whole characters from `parts` that fits `cells`. */
function take(parts: readonly string[], cells: number): string[] {
  const kept: string[] = [];
  let used = 0;
  for (const part of parts) {
    const w = graphemeWidth(part);
    if (used + w > cells) break;
    kept.push(part);
    used += w;
  }
  return kept;
}

/** `text` cut to at most `cells` cells, ending in `…` when cut; never splits a character. */
export function cutEnd(text: string, cells: number): string {
  if (cellWidth(text) <= cells) return text;
  if (cells <= 0) return '';
  if (isOneCellEach(text)) return `${text.slice(0, cells - 1)}…`;
  return `${take(split(text), cells - 1).join('')}…`;
}

/** `text` cut from the start to at most `cells` cells, so the end (a file name) stays. */
export function cutStart(text: string, cells: number): string {
  if (cellWidth(text) <= cells) return text;
  if (cells <= 0) return '';
  if (isOneCellEach(text)) return `…${text.slice(text.length - (cells - 1))}`;
  return `…${take(split(text).reverse(), cells - 1)
    .reverse()
    .join('')}`;
}

/** `text` cut to `cells` and padded with spaces to exactly that many cells. */
export function fitCell(text: string, cells: number, align: 'left' | 'right'): string {
  const cut = cutEnd(text, cells);
  const pad = ' '.repeat(Math.max(0, cells - cellWidth(cut)));
  return align === 'left' ? cut + pad : pad + cut;
}
