/**
 * UserError: a problem with the user's input or environment that the user can fix.
 * The CLI prints `message` as a single line (no stack trace unless --verbose) and exits with `exitCode`.
 * The message says what is wrong, where (file:line, ticker, date, flag) and how to fix it.
 */
export class UserError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'UserError';
    this.exitCode = exitCode;
  }
}
