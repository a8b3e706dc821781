/**
 * Log text is attacker-controlled (URIs, user agents, user names). These make it inert for each
 * place it is shown.
 */

// C0 and C1 controls, DEL, and bidi overrides that can disguise text in a terminal.
const TERMINAL_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const hex = (c: string): string => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
const unicodeEscape = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Escapes control characters visibly (`\x1b`) so an ANSI sequence cannot drive the terminal. */
export function forTerminal(text: string): string {
  TERMINAL_UNSAFE.lastIndex = 0;
  if (!TERMINAL_UNSAFE.test(text)) return text;
  return text.replace(TERMINAL_UNSAFE, (c) => (c.charCodeAt(0) < 0x100 ? hex(c) : unicodeEscape(c)));
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * OWASP CSV injection defence for a text cell: a leading `'` makes spreadsheets treat the cell as
 * text. Numeric columns are never passed here, so numbers stay numbers.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * One RFC 4180 field. Text cells are neutralised; numbers are written plainly. Control characters
 * are escaped as for a terminal: RFC 4180 text has none, and CSV is often read with `cat`.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = neutraliseFormula(forTerminal(value));
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes `& < > " '` so log text placed in an HTML page stays text. */
export function forHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

// JSON.stringify escapes C0 controls but leaves DEL, C1 controls (U+009B is a one-byte CSI) and
// bidi overrides raw, which still drive a terminal when the JSON is `cat`-ed.
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** JSON.stringify with every terminal-unsafe character escaped as `\uXXXX`: the same value, inert text. */
export function safeJson(value: unknown, indent?: number): string {
  const json = JSON.stringify(value, null, indent);
  JSON_UNSAFE.lastIndex = 0;
  return JSON_UNSAFE.test(json) ? json.replace(JSON_UNSAFE, unicodeEscape) : json;
}
