// Starts `mimeo serve` on a free port as a child process (so the load generator or browser runs
// on the other core) and resolves with its URL once the stories/quotes views are computed.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export async function serveChild(db: string): Promise<{ url: string; child: ChildProcess; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--db', db, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /at (http:\/\/\S+\/)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`mimeo serve exited (${code})`)));
  });
  // Wait for the background views: the pages read them.
  for (;;) {
    const summary = (await (await fetch(`${url}api/summary`)).json()) as { derived: string };
    if (summary.derived === 'ready') break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return { url, child, stop: () => child.kill('SIGTERM') };
}
