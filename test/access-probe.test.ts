/**
 * The access-log probes (parsers/access-reader.ts): a probe that says a layout's general matcher
 * cannot read a line exactly must be right, on every line of the corpus and every layout's
 * samples, or a sibling layout's reader would take a line from the layout the general order gives
 * it to. And probes must tell the layouts of real files apart, or they save nothing.
 */
import { describe, expect, it } from 'vitest';
import { compiledAccessLayouts } from '../parsers/access-formats.js';
import { AccessLineMatcher } from '../parsers/access-log.js';
import { compileAccessProbe } from '../parsers/access-reader.js';
import { ACCESS_LAYOUTS } from '../parsers/formats/access-layouts.js';
import { sampleLines } from '../parsers/formats/format-info.js';
import { fixedOffset } from '../parsers/local-time.js';
import type { ParseContext } from '../parsers/types.js';
import { LINES } from './access-lines.js';

const CTX: ParseContext = { file: 't.log', wanted: 'all', localTime: fixedOffset(0) };
const layouts = compiledAccessLayouts();
const byLabel = (label: string) => layouts.find((f) => f.label === label)!;
const sampleOf = (name: string) => sampleLines(ACCESS_LAYOUTS.find((l) => l.name === name)!)[0]!;

describe('access-log probes', () => {
  for (const format of layouts) {
    const probe = compileAccessProbe(format, CTX);
    if (probe === undefined) continue;
    it(`says no only where the general matcher reads no line exactly: ${format.label}`, () => {
      const matcher = new AccessLineMatcher(format, CTX);
      for (const line of LINES) {
        if (probe(line)) continue;
        expect(matcher.matches(line) && !matcher.guessed, line).toBe(false);
      }
    });
  }

  it('says yes on the lines its layout reads', () => {
    for (const format of layouts) {
      const probe = compileAccessProbe(format, CTX);
      if (probe === undefined) continue;
      const matcher = new AccessLineMatcher(format, CTX);
      for (const line of LINES) if (matcher.matches(line) && !matcher.guessed) expect(probe(line), `${format.label}: ${line}`).toBe(true);
    }
  });

  it('tells combined, nginx main, common and vhost_combined lines apart', () => {
    const lines = {
      combined: sampleOf('combined'),
      'nginx main': sampleOf('nginx-main'),
      common: sampleOf('common'),
      vhost_combined: sampleOf('vhost_combined'),
    };
    for (const label of Object.keys(lines)) {
      const probe = compileAccessProbe(byLabel(label), CTX)!;
      for (const [other, line] of Object.entries(lines)) expect(probe(line), `${label} probe on a ${other} line`).toBe(other === label);
    }
  });

  it('tells an unquoted `-` logged for a quoted value from one run into the next value', () => {
    const probe = compileAccessProbe(byLabel('combined'), CTX)!;
    const line = '10.0.0.1 - - [17/Dec/2025:09:03:02 +0000] "GET /x HTTP/1.1" 200 10 - "curl/8"';
    expect(probe(line)).toBe(true);
    expect(probe(line.replace(' - "curl', ' -x "curl'))).toBe(false);
  });
});
