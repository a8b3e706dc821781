/**
 * Allocation-free time parsing for the hot path: values are read from character codes in place.
 * All results are UTC milliseconds; NaN means unreadable.
 */

const DAY_CACHE_SIZE = 64;
const dayCache = new Map<string, number>();

/** `count` decimal digits at `start`, read from character codes; NaN if any is not a digit. */
export const digitsAt = (s: string, start: number, count: number): number => {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    value = value * 10 + d;
  }
  return value;
};

/** `YYYY-MM-DD` at s[start, end) → UTC midnight in ms. Days repeat for millions of lines, so they are cached. */
export function parseIsoDate(s: string, start: number, end: number): number {
  if (end - start !== 10 || s.charCodeAt(start + 4) !== 45 || s.charCodeAt(start + 7) !== 45) return NaN;
  const text = s.slice(start, end);
  const cached = dayCache.get(text);
  if (cached !== undefined) return cached;
  const year = digitsAt(s, start, 4);
  const month = digitsAt(s, start + 5, 2);
  const day = digitsAt(s, start + 8, 2);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return NaN;
  const ms = Date.UTC(year, month - 1, day);
  if (dayCache.size >= DAY_CACHE_SIZE) dayCache.clear();
  dayCache.set(text, ms);
  return ms;
}

/** `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff` at s[start, end) → ms since midnight. */
export function parseClockTime(s: string, start: number, end: number): number {
  const length = end - start;
  if (length < 5 || s.charCodeAt(start + 2) !== 58) return NaN;
  const hours = digitsAt(s, start, 2);
  const minutes = digitsAt(s, start + 3, 2);
  let ms = hours * 3_600_000 + minutes * 60_000;
  if (length === 5) return hours < 24 && minutes < 60 ? ms : NaN;
  if (length < 8 || s.charCodeAt(start + 5) !== 58) return NaN;
  const seconds = digitsAt(s, start + 6, 2);
  ms += seconds * 1000;
  if (length > 8) {
    if (s.charCodeAt(start + 8) !== 46) return NaN;
    // Fractions of any length: keep millisecond precision.
    const fraction = s.slice(start + 9, Math.min(end, start + 12)).padEnd(3, '0');
    ms += digitsAt(fraction, 0, 3);
  }
  return hours < 24 && minutes < 60 && seconds < 61 ? ms : NaN;
}

export const toIso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

/** Minutes east of UTC as `+02:00`. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
