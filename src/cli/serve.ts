import { Option, type Command } from 'commander';
import { startServer } from '../server/index.js';
import { dbLocation, dbOption } from './db.js';
import { UserError } from './errors.js';

export const DEFAULT_PORT = 8411;

interface ServeCliOptions {
  db?: string;
  port: number;
  host: string;
  token?: string;
  maxBody: number;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || port > 65535) throw new UserError(`--port: expected 0 to 65535, got "${value}"`, 2);
  return port;
}

function parseMegabytes(value: string): number {
  const mb = Number(value);
  if (!Number.isFinite(mb) || mb <= 0 || mb > 1024) throw new UserError(`--max-body: expected megabytes from 0.01 to 1024, got "${value}"`, 2);
  return Math.round(mb * 1024 * 1024);
}

/** Adds `serve`. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the corpus: JSON API under /api and the browser workbench')
    .addOption(dbOption())
    .option('--port <n>', 'port (0 picks a free one)', parsePort, DEFAULT_PORT)
    .option('--host <address>', 'address to bind (any but loopback needs --token)', '127.0.0.1')
    .option('--token <secret>', 'require this token (or $MIMEO_TOKEN) on every request: Authorization: Bearer, or open the printed URL')
    .addOption(new Option('--max-body <mb>', 'largest upload in MB (JSON bodies: at most 2)').argParser(parseMegabytes).default(5 * 1024 * 1024, '5'))
    .action(async (options: ServeCliOptions) => {
      const token = options.token ?? (process.env.MIMEO_TOKEN || undefined);
      const running = await startServer({ db: dbLocation(options.db), port: options.port, host: options.host, token, maxBodyBytes: options.maxBody });
      const url = token ? `${running.url}?token=${encodeURIComponent(token)}` : running.url;
      process.stdout.write(`mimeo serve: ${dbLocation(options.db)} at ${url} (Ctrl-C to stop)\n`);
      const stop = () => {
        void running.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
