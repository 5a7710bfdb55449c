#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerCompare } from './compare.js';
import { registerDb } from './db-command.js';
import { describeError, isExpectedError, UserError } from './errors.js';
import { registerEval } from './eval.js';
import { registerQuotes } from './quotes.js';
import { registerReport } from './report.js';
import { registerScan } from './scan.js';
import { registerServe } from './serve.js';
import { registerStories } from './stories.js';
import { registerViews } from './views.js';
import { registerWorker } from './worker.js';

/** Same relative path from src/cli (tsx) and dist/cli (built). */
function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export function buildProgram(): Command {
  const program = new Command('mimeo')
    .description('News text provenance: who copied whom, and how')
    .version(packageVersion(), '-V, --version')
    .usage('<command> [options]')
    .helpCommand(true);
  registerCompare(program);
  registerDb(program);
  registerEval(program);
  registerQuotes(program);
  registerReport(program);
  registerScan(program);
  registerServe(program);
  registerStories(program);
  registerViews(program);
  registerWorker(program);
  // Bare `mimeo` or a typo: one clear line instead of commander's help dump or argument count.
  // Set after the subcommands exist so that they do not inherit allowExcessArguments.
  program
    .argument('[command]')
    .allowExcessArguments()
    .action((command: string | undefined) => {
      const problem = command === undefined ? 'missing command' : `unknown command '${command}'`;
      throw new UserError(`${problem} (try 'mimeo --help')`, 2);
    });
  quietUsageErrors(program);
  return program;
}

/**
 * Commander prints usage errors itself and exits 1; we want one "mimeo:" line and exit 2.
 * Applied to every command, including ones added with addCommand (which inherit nothing).
 */
function quietUsageErrors(command: Command, path = command.name()): void {
  command.exitOverride((error) => {
    throw new UsageError(error, path);
  });
  command.configureOutput({ outputError: () => {} });
  for (const sub of command.commands) quietUsageErrors(sub, `${path} ${sub.name()}`);
}

/** A commander error that remembers which (sub)command's help to point to. */
class UsageError extends Error {
  constructor(
    readonly commanderError: CommanderError,
    readonly commandPath: string,
  ) {
    super(commanderError.message);
  }
}

function fail(message: string, exitCode: number): void {
  process.stderr.write(`mimeo: ${message}\n`);
  process.exitCode = exitCode;
}

function handleError(error: unknown): void {
  if (error instanceof UsageError) {
    // Help and version "errors" are normal exits.
    if (error.commanderError.exitCode === 0) return;
    const message = error.message.replace(/^error:\s*/i, '').replace(/\s*\n[\s\S]*$/, '');
    fail(`${message} (try '${error.commandPath} --help')`, 2);
    return;
  }
  if (isExpectedError(error)) {
    fail(describeError(error), error instanceof UserError ? error.exitCode : 1);
    return;
  }
  if (process.env.MIMEO_DEBUG === '1' && error instanceof Error && error.stack) {
    fail(`unexpected error: ${describeError(error)}\n${error.stack}`, 1);
    return;
  }
  fail(`unexpected error: ${describeError(error)} (set MIMEO_DEBUG=1 for details)`, 1);
}

// `mimeo compare ... | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  handleError(error);
  process.exit();
});

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  handleError(error);
}
