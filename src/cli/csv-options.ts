/** The CSV options of report and errors: --columns, --no-text, --bom (render/csv-contract.ts). */
import type { CsvShape } from '../render/csv-contract.js';
import type { OptionSpec, ParsedArgs } from './command.js';

export const CSV_OPTIONS: OptionSpec = {
  columns: { type: 'string' },
  'no-text': { type: 'boolean' },
  bom: { type: 'boolean' },
};

export const CSV_HELP = `  --columns LIST         csv: these columns in this order; with --wide these series (0 where
                         a series had no requests), so a dashboard's columns never change
  --no-text              csv: leave out meaning and likely_cause, repeated on every row
  --bom                  csv: start with a UTF-8 byte order mark, for Excel`;

export function csvShapeFromArgs(args: ParsedArgs, list: (args: ParsedArgs, name: string) => string[]): CsvShape {
  return { columns: list(args, 'columns'), noText: args.values['no-text'] === true, bom: args.values.bom === true };
}
