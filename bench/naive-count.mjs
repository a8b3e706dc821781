// Baseline: the counter most people would write in Node — readline, split every line, count one column.
// usage: naive-count.mjs FILE COLUMN
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

const [file, column] = [process.argv[2], Number(process.argv[3])];
const counts = new Map();
for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
  if (line.startsWith('#')) continue;
  const value = line.split(' ')[column];
  counts.set(value, (counts.get(value) ?? 0) + 1);
}
for (const [value, n] of counts) console.log(value, n);
