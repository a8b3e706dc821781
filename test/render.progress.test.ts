/** The progress bar: nothing unless stderr is a TTY; on a TTY it draws after a delay and erases itself. */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress } from '../src/cli/progress.js';
import { memorySource, type Source } from '../src/index.js';

const capture = () => {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (c: Buffer) => (text += c.toString()));
  return { stream, text: () => text };
};

describe('progress bar', () => {
  it('writes nothing when stderr is not a TTY', () => {
    const err = capture();
    const progress = createProgress(err.stream, false, [memorySource('a.log', 'x')]);
    expect(progress.onBytes).toBeUndefined();
    progress.done();
    expect(err.text()).toBe('');
  });

  it('on a TTY shows the share of all sources read, then erases the line', () => {
    const err = capture();
    let clock = 0;
    const sources = [memorySource('a.log', 'x'.repeat(100)), memorySource('b.log', 'y'.repeat(300))];
    const progress = createProgress(err.stream, true, sources, () => clock);
    progress.sources[0]!.open();
    progress.onBytes!(100);
    expect(err.text()).toBe(''); // a quick run never flashes a bar
    clock = 1000;
    progress.sources[1]!.open();
    progress.onBytes!(100); // 100 of a.log + 100 of b.log = 200 of 400
    expect(err.text()).toContain('50%');
    progress.done();
    expect(err.text().endsWith('\r\u001b[K')).toBe(true);
  });

  it('counts from the right file when the scan reads a source by its chunks, not its stream', () => {
    const err = capture();
    let clock = 1000;
    const chunked = (name: string, size: number): Source => ({ ...memorySource(name, 'z'.repeat(size)), chunks: async function* () {} });
    const progress = createProgress(err.stream, true, [chunked('a.log', 300), chunked('b.log', 100)], () => clock);
    progress.sources[1]!.chunks!();
    clock = 2000;
    progress.onBytes!(50); // 300 of a.log + 50 of b.log = 350 of 400
    expect(err.text()).toContain('87%');
  });
});
