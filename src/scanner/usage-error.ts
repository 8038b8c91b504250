/** A config or usage problem: the CLI prints the message on one line and exits 2. A module of its own, so `--help` loads nothing else. */
export class UsageError extends Error {}
