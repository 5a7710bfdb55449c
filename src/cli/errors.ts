/**
 * An error caused by the user's input or environment (bad path, binary file, ...).
 * The CLI prints its message as one line and exits 1, never with a stack trace.
 */
export class UserError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'UserError';
    this.exitCode = exitCode;
  }
}

/** Node system error codes that mean "bad input", not "bug in Mimeo". */
const EXPECTED_CODES = new Set(['ENOENT', 'EISDIR', 'ENOTDIR', 'EACCES', 'EPERM', 'ELOOP', 'ENAMETOOLONG', 'EMFILE']);

/** True for errors a user can fix (so no stack trace is worth showing). */
export function isExpectedError(error: unknown): boolean {
  if (error instanceof UserError) return true;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && (EXPECTED_CODES.has(code) || code.startsWith('ERR_ENCODING'));
}

/** One line describing an error, without a stack trace. */
export function describeError(error: unknown): string {
  if (error instanceof UserError) return oneLine(error.message);
  const err = error as NodeJS.ErrnoException | null;
  const path = err?.path;
  switch (err?.code) {
    case 'ENOENT':
      return path ? `${path}: no such file` : oneLine(err.message);
    case 'EISDIR':
      return path ? `${path}: is a directory, expected a text file` : oneLine(err.message);
    case 'EACCES':
    case 'EPERM':
      return path ? `${path}: permission denied` : oneLine(err.message);
  }
  if (error instanceof Error) return oneLine(error.message || error.name);
  return oneLine(String(error));
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}
