// Runs the real CLI (src/cli/main.ts through tsx) the way a user would, from the project's root.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runMimeo(args: string[], input?: string | Buffer): CliRun {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: PROJECT_ROOT,
    input,
    encoding: 'utf8',
    // Not a TTY here anyway; NO_COLOR makes the plain-marker output explicit. No database or token from the caller's shell.
    env: { ...process.env, NO_COLOR: '1', MIMEO_DEBUG: '', MIMEO_DB: '', MIMEO_TOKEN: '' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
