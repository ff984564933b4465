/** An error the CLI reports in one line and turns into a process exit code. */
export class CliError extends Error {
  constructor(
    readonly exitCode: 1 | 2,
    message: string
  ) {
    super(message);
  }
}

export const usageError = (message: string) => new CliError(2, message);
