/** Exit codes shared by both executables (`aoai-key-scan`, `aoai-keyless`). */
export const EXIT_CLEAN = 0;
/** Findings: keys found, accounts that allow keys, failed changes. */
export const EXIT_FINDINGS = 1;
/** Usage or fatal error; message on stderr. */
export const EXIT_ERROR = 2;
