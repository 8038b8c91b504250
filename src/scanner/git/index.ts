/** The git-backed sources of the scanner: `--staged`, `--diff`, `--history`. */
export type { ChangedFile, Changes, ChangeSpec, PendingChanges } from "./changes.js";
export { startChanges } from "./changes.js";
export type { CommitInfo, HistoryPatch } from "./history.js";
export { readHistory } from "./history.js";
export { GitError, locateRepository, NotAGitRepositoryError } from "./run-git.js";
export type { GitScanOptions, GitScanResult, HistoryFinding, HistoryScanResult } from "./scan-git.js";
export { scanChanges, scanHistory } from "./scan-git.js";
