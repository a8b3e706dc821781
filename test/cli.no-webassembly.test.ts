/**
 * Where Node runs no WebAssembly (`--jitless`), `errors` reads every line instead of passing over
 * the status-only ones (parsers/status-lines.ts), and `report` reads records instead of rows
 * (parsers/column-lines.ts): both report the same.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-run.js';

const dir = mkdtempSync(join(tmpdir(), 'logtally-jitless-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('errors and report without WebAssembly', () => {
  it('report what they report with it', () => {
    const header =
      '#Software: Microsoft Internet Information Services 10.0\r\n#Fields: date time cs-method cs-uri-stem c-ip sc-status sc-substatus sc-win32-status time-taken\r\n';
    const lines = Array.from({ length: 3000 }, (_, i) => {
      const status = i % 7 === 0 ? '404 0 2' : i % 11 === 0 ? '500 19 5' : '200 0 0';
      return `2024-03-01 00:${String(i % 60).padStart(2, '0')}:00 GET /page/${i % 13} 10.0.0.${i % 200} ${status} ${i % 90}`;
    });
    // Over one 64 KB piece, so the lines after the first piece take the passing path.
    const file = join(dir, 'u_ex240301.log');
    writeFileSync(file, header + lines.join('\r\n') + '\r\n');
    for (const command of [['errors'], ['report'], ['report', '--by', 'uri']]) {
      const withWasm = runCli([...command, '--format', 'json', file]);
      const without = runCli([...command, '--format', 'json', file], { env: { NODE_OPTIONS: '--jitless' } });
      expect(withWasm.status).toBe(0);
      // Node itself warns that --jitless turns WebAssembly off; nothing else may be said.
      expect(without.stderr.replace(/^Warning: disabling flag --expose_wasm.*\n/m, '')).toBe('');
      expect(without.status).toBe(0);
      expect(JSON.parse(without.stdout)).toEqual(JSON.parse(withWasm.stdout));
      expect(JSON.parse(withWasm.stdout).input).toMatchObject({ lines: 3002, records: 3000 });
    }
  });
});
