// A worker-thread aggregator factory with a bug: its `add` throws a TypeError, as a real bug would.
// Plain JavaScript, since worker threads run plain Node (see src/parallel/runnable-module-url.ts).
export function createThrowingAggregator() {
  return {
    fields: new Set(['sc-status']),
    add(record) {
      return record.missing.length;
    },
    finish(input) {
      return { input };
    },
  };
}
