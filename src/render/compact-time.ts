/**
 * Shorter spellings of the ISO-8601 UTC times in table cells, for narrow terminals. Style 0 is the
 * full form (`2021-04-01T10:00:02Z`); the others drop the `T` and `Z` (the table title then says
 * UTC), then the seconds, then the year. Cells that are not full times (`-`, a day) are kept.
 */
const ISO_TIME = /^(\d{4})-(\d\d-\d\d)T(\d\d:\d\d)(:\d\d(?:\.\d+)?)?Z$/;

const STYLES: readonly ((m: RegExpExecArray) => string)[] = [
  (m) => m[0],
  (m) => `${m[1]}-${m[2]} ${m[3]}${m[4] ?? ''}`,
  (m) => `${m[1]}-${m[2]} ${m[3]}`,
  (m) => `${m[2]} ${m[3]}`,
];

export function formatTime(text: string, style: number): string {
  if (style === 0) return text;
  const m = ISO_TIME.exec(text);
  return m ? STYLES[style]!(m) : text;
}

/** The styles usable for these cells: dropping the year only when they all share one. */
export function timeStyleCount(cells: Iterable<string>): number {
  const years = new Set<string>();
  for (const cell of cells) {
    const m = ISO_TIME.exec(cell);
    if (m) years.add(m[1]!);
  }
  return years.size <= 1 ? STYLES.length : STYLES.length - 1;
}
