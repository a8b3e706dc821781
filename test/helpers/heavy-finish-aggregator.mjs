// An aggregator for worker tests whose reader holds `config.mb` MB live once it has read a
// record, and whose finish() takes `config.finishMs` of work: the result says when it began and
// ended (ms on the clock every thread shares), so a test can tell whether two finishes overlapped.
// A reader of more than `config.outgrowAbove` records also makes `config.finishMb` MB as it
// finishes, more than a worker's heap cap: that worker runs out of memory while finishing.
export function createHeavyFinishAggregator(config) {
  let held;
  let records = 0;
  return {
    fields: new Set(['sc-status']),
    add() {
      records++;
      held ??= Array.from({ length: config.mb }, () => new Array(131072).fill(1.5));
    },
    finish(input) {
      const now = () => performance.timeOrigin + performance.now();
      const began = now();
      while (now() - began < config.finishMs);
      const extra =
        records > (config.outgrowAbove ?? Infinity) ? Array.from({ length: config.finishMb }, () => new Array(131072).fill(2.5)) : [];
      return { input, records, held: (held?.length ?? 0) + extra.length, began, ended: now() };
    },
  };
}
