/**
 * Keeping up without re-reading: a run that reads only what is new since the last (catchUp, with
 * its state kept in a file by loadState/saveState), and following files as they grow (follow).
 */
export { reportJob, errorsJob } from '../analyse/analyse.js';
export { catchUp, type CatchUpResult, type ReadSoFar } from './catch-up.js';
export { Stored } from './stored.js';
export { follow, type FollowOptions, type Round } from './follow.js';
export {
  emptyState,
  keyMismatch,
  loadState,
  saveState,
  writeFileAtomic,
  STATE_VERSION,
  type FileEntry,
  type IncrementalState,
  type MergedPrefix,
  entrySignature,
  type StateKey,
} from './state-file.js';
