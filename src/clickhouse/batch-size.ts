/** Rows per INSERT: large enough to amortise a request, below max_insert_block_size (1,048,576), so a batch is one part per month. */
export const BATCH_ROWS = 100_000;
/** The largest --batch-rows: a batch stays below max_insert_block_size. */
export const MAX_BATCH_ROWS = 1_000_000;
