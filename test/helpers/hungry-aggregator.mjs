// An aggregator for worker tests that keeps `config.mb` MB live when it finishes: more than a
// scan worker's heap cap lets it hold (test/parallel.worker-heap.test.ts).
export function createHungryAggregator(config) {
  const records = [];
  return {
    fields: new Set(['sc-status']),
    add(record) {
      records.push(record['sc-status']);
    },
    finish(input) {
      // Arrays of small numbers: 8 bytes each on the heap, all live until the result is made.
      const held = Array.from({ length: config.mb }, () => new Array(131072).fill(1.5));
      const sum = held.reduce((n, a) => n + a.length, 0);
      return { input, records: records.length, held: sum };
    },
  };
}
