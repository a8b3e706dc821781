/**
 * Shape checks for the measures a partial report carries (`measures`, `overview`), so `logtally
 * merge` names an edited or damaged partial instead of failing inside a merge.
 */
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);

function isLatency(v: unknown): boolean {
  if (v === undefined) return true;
  if (!isObject(v) || !isNumber(v.count) || !isNumber(v.sum) || !isNumber(v.max)) return false;
  return Array.isArray(v.values) ? v.values.every(isNumber) : typeof v.buckets === 'string';
}

function isMeasure(v: unknown): boolean {
  if (!isObject(v) || !isNumber(v.bytesSent) || !isLatency(v.latency)) return false;
  return Array.isArray(v.clients) ? v.clients.every((c) => typeof c === 'string') : typeof v.clientsHll === 'string';
}

const isMeasures = (v: unknown): boolean => isObject(v) && Object.values(v).every(isMeasure);

const isCounts = (v: unknown): boolean => isObject(v) && Object.values(v).every(isNumber);

function isMeasuredTable(v: unknown): boolean {
  return isObject(v) && isCounts(v.counts) && isNumber(v.maxError) && isMeasures(v.measures);
}

/** What is wrong with a report partial's measures and overview, or undefined. */
export function measuresProblem(partial: Record<string, unknown>): string | undefined {
  if (partial.measures !== undefined && !isMeasures(partial.measures)) return 'its "measures" are malformed';
  const overview = partial.overview;
  if (overview === undefined) return undefined;
  const ok = isObject(overview) && isMeasuredTable(overview.uris) && isMeasuredTable(overview.clients) && isCounts(overview.bots);
  return ok ? undefined : 'its "overview" is malformed';
}
