/**
 * The `report --by` groups with their measures, bounded like BoundedCounter (top-k.ts): exact
 * until `maxKeys` groups, then Space-Saving pruned in batches, each count over-stated by at most
 * the returned maxError. A pruned group's measures go with it; a group that re-enters measures
 * only the records from then on (its count still carries the floor), which a capped table's
 * "approximate" title already warns of.
 */
import { GroupRecorder, type GroupMeasureData } from './group-measures.js';
import { detached, kthLargest, PRUNE_FACTOR, type BoundedTable } from './top-k.js';

/** The count of a group a prune took out of the table: one held elsewhere is then no longer counted here. */
export const PRUNED = -1;

export class BoundedGroups {
  private readonly groups = new Map<string, GroupRecorder>();
  private floor = 0;
  private pruned = false;

  /** @param rawLatency values a group's latency keeps before a histogram (LatencyRecorder). */
  constructor(
    private readonly maxKeys: number,
    private readonly rawLatency?: number,
  ) {}

  /** The group for `key`, counted `weight` times more; a new group pruned at once still takes the record's measures, which go nowhere. */
  add(key: string, weight = 1): GroupRecorder {
    const group = this.groups.get(key);
    if (group !== undefined) {
      group.count += weight;
      return group;
    }
    return this.insert(detached(key), weight);
  }

  /** `add`, for a key that is a string of its own already (detached), not a slice of a line's text. */
  addOwn(key: string, weight = 1): GroupRecorder {
    const group = this.groups.get(key);
    if (group !== undefined) {
      group.count += weight;
      return group;
    }
    return this.insert(key, weight);
  }

  private insert(key: string, weight: number): GroupRecorder {
    const group = new GroupRecorder(this.rawLatency);
    group.count = this.floor + weight;
    this.groups.set(key, group);
    if (this.groups.size >= this.maxKeys * PRUNE_FACTOR) this.prune();
    return group;
  }

  finish(): { table: BoundedTable; measures: Record<string, GroupMeasureData> } {
    if (this.groups.size > this.maxKeys) this.prune();
    const counts: Record<string, number> = Object.create(null) as Record<string, number>;
    const measures: Record<string, GroupMeasureData> = Object.create(null) as Record<string, GroupMeasureData>;
    for (const [key, group] of this.groups) {
      counts[key] = group.count;
      measures[key] = group.toData();
    }
    return { table: { counts, maxError: this.pruned ? this.floor : 0 }, measures };
  }

  /** Keeps the `maxKeys` largest counts, ties at the cut-off in arrival order (as BoundedCounter). */
  private prune(): void {
    const cutoff = kthLargest(
      Float64Array.from(this.groups.values(), (g) => g.count),
      this.maxKeys,
    );
    let tiesKept = this.maxKeys;
    for (const group of this.groups.values()) if (group.count > cutoff) tiesKept--;
    for (const [key, group] of this.groups) {
      if (group.count > cutoff || (group.count === cutoff && tiesKept-- > 0)) continue;
      this.groups.delete(key);
      if (group.count > this.floor) this.floor = group.count;
      group.count = PRUNED;
    }
    this.pruned = true;
  }
}
