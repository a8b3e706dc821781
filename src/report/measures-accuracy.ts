/**
 * What JSON says about the accuracy of group measures: the rules, and the groups whose distinct
 * clients are HyperLogLog estimates (a JSON row's number alone does not say).
 */
import { GROUP_DISTINCT_ACCURACY, type GroupMeasureData } from './group-measures.js';
import { LATENCY_ACCURACY } from './latency.js';
import { MIN_SAMPLED_LINES } from './overview-view.js';
import type { Report } from './report.js';

const estimated = (measures: Record<string, GroupMeasureData> = {}): number =>
  Object.values(measures).filter((m) => m.clientsHll !== undefined).length;

export function measuresAccuracy(report: Report): { accuracy: Record<string, unknown> } {
  return {
    accuracy: {
      latency: LATENCY_ACCURACY,
      distinctClients: GROUP_DISTINCT_ACCURACY,
      // Groups (of --by, and of --overview's URIs and clients) whose distinct clients are estimates.
      estimatedDistinctClients: {
        groups: estimated(report.measures),
        ...(report.overview
          ? { topUris: estimated(report.overview.uris.measures), topClients: estimated(report.overview.clients.measures) }
          : {}),
      },
      // The overview's numbers (topUris, slowestUris, topClients, bots) estimated from a sample of lines.
      ...(report.overview?.sample && report.overview.sample.oneIn > 1
        ? {
            overviewSample: {
              ...report.overview.sample,
              rule: `counts, bytes and bots estimated from 1 line in ${report.overview.sample.oneIn} (picked by a hash of the line's position in its file), each counted ${report.overview.sample.oneIn} times; rows with ${MIN_SAMPLED_LINES}+ sampled lines; latency from the sampled requests`,
            },
          }
        : {}),
    },
  };
}
