/** Where a command prints: standard output and standard error, one line a call. */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** A mistake in how the command was called: printed with a pointer to `hoshin help`, exit code 2. */
export class UsageError extends Error {}
