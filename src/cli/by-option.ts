/** `--by`, checked in the CLI's words: the library names the same mistake after its `by` option. */
import { LogtallyError } from '../errors/logtally-error.js';
import { DIMENSION_NAMES, isDimension, type Dimension } from '../report/dimension-names.js';

/** The dimensions of `--by` once the time dimension is resolved (`time` → `time:5m`). */
export function dimensionsOf(names: readonly string[]): Dimension[] {
  return names.map((name) => {
    if (!isDimension(name))
      throw new LogtallyError('USAGE', `unknown --by dimension "${name}" (choose from ${DIMENSION_NAMES.join(', ')}, time or time:SPAN)`);
    return name;
  });
}
