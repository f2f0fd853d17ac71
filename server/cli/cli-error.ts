/**
 * How the `syncdeck` command fails: a message for the operator and an exit code that scripts can
 * test. 2 = the command line or the configuration is wrong (nothing was done), 1 = the work failed.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
    this.name = "CliError";
  }
}
