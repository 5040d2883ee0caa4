// What every subcommand gets from the entry point: global options, output helpers and
// the repo resolution shared by all commands.
import type { Command } from 'commander';

export type GlobalOptions = {
  root?: string;
  demo?: boolean;
  color: boolean;
  readonly: boolean;
};

export interface ICliContext {
  /** Global options parsed from the command line (after subcommand parsing). */
  globals(): GlobalOptions;
  /** Writes to stdout; text is printed as is (callers sanitize untrusted text). */
  out(text: string): void;
  /** Writes one line to stderr. */
  err(text: string): void;
  /** The repo root: --root, else --demo's fresh copy, else the walk-up search. Throws UserError (exit 2). */
  resolveRoot(): Promise<string>;
  /** Sets the process exit code that main() returns. */
  setExitCode(code: number): void;
}

export type RegisterCommand = (program: Command, ctx: ICliContext) => void;
