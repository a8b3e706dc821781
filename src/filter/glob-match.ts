/**
 * Glob filters (`--uri '*a*a*a*b'`) matched without backtracking. A RegExp of `.*` per `*` tries
 * every split of the text among the stars: minutes on a 3,000-character URI. Here the pattern is
 * cut at its stars; the first piece must start the text and the last end it, and each middle
 * piece is taken at its leftmost place after the previous one. Leftmost is always right for a
 * piece between stars (any later place leaves less room for the rest), so nothing is retried:
 * linear in the text for pieces without `?`, text × piece length with them.
 */

/** What a filter needs of a compiled glob; a RegExp fits too. */
export interface GlobMatcher {
  test(text: string): boolean;
}

/** `*` any characters (also `/`), `?` one character; case-insensitive like IIS. */
export function compileGlob(glob: string): GlobMatcher {
  const pieces = glob.toLowerCase().split('*');
  return { test: (text) => matchPieces(pieces, text.toLowerCase()) };
}

function matchPieces(pieces: readonly string[], text: string): boolean {
  const first = pieces[0]!;
  if (pieces.length === 1) return text.length === first.length && fitsAt(first, text, 0);
  const last = pieces[pieces.length - 1]!;
  const tail = text.length - last.length;
  if (tail < first.length || !fitsAt(first, text, 0) || !fitsAt(last, text, tail)) return false;
  let at = first.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i]!;
    const found = leftmost(piece, text, at, tail);
    if (found === -1) return false;
    at = found + piece.length;
  }
  return true;
}

/** Whether `piece` (`?` any one character) matches text at `at`. */
function fitsAt(piece: string, text: string, at: number): boolean {
  for (let i = 0; i < piece.length; i++) {
    const c = piece.charCodeAt(i);
    if (c !== 63 /* ? */ && c !== text.charCodeAt(at + i)) return false;
  }
  return true;
}

/** The first place at or after `from` where `piece` matches and ends by `limit`; -1 if none. */
function leftmost(piece: string, text: string, from: number, limit: number): number {
  if (!piece.includes('?')) {
    const at = text.indexOf(piece, from);
    return at !== -1 && at + piece.length <= limit ? at : -1;
  }
  for (let at = from; at + piece.length <= limit; at++) if (fitsAt(piece, text, at)) return at;
  return -1;
}
