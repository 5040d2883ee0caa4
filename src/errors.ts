// Errors a user can act on. The CLI prints `message` as one line and exits with `exitCode`;
// it never prints a stack trace for these.
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export class UserError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT_USAGE) {
    super(message);
    this.name = 'UserError';
    this.exitCode = exitCode;
  }
}

/** A config error names the file, the line and the key path. */
export class ConfigError extends UserError {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly keyPath: string,
    readonly detail: string,
  ) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${keyPath ? `${keyPath}: ` : ''}${detail}`, EXIT_USAGE);
    this.name = 'ConfigError';
  }
}

export function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // fetch says only "fetch failed"; why (refused, a certificate, DNS) is in its cause
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return cause && !error.message.includes(cause) ? `${error.message}: ${cause}` : error.message;
}
