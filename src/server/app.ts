// The HTTP app of `mimeo serve`: JSON API under /api, the web workbench (web/dist) everywhere else.
// Built from a context so tests call `app.request()` without opening a socket.
import { timingSafeEqual, createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { UserError } from '../cli/errors.js';
import type { ServerContext } from './context.js';
import { registerAdd } from './add.js';
import { registerCorpus } from './corpus.js';
import { registerDocuments } from './documents.js';
import { apiError } from './errors.js';
import { registerLinks } from './links.js';
import { openApiDocument } from './openapi.js';

export interface AppOptions {
  /** Every request must carry it (Authorization: Bearer, or the cookie set by opening /?token=). */
  token?: string;
  /** File uploads larger than this are refused with 413 (default 5 MB). */
  maxBodyBytes?: number;
  /** JSON bodies larger than this are refused with 413 (default 2 MB, never more than maxBodyBytes). */
  maxJsonBytes?: number;
  /** Folder of the built workbench (default: web/dist of this package). */
  webRoot?: string;
  /** Only answer requests addressed to a loopback name (a server bound to loopback without a token). */
  loopbackOnly?: boolean;
}

export const DEFAULT_MAX_BODY = 5 * 1024 * 1024;
export const DEFAULT_MAX_JSON = 2 * 1024 * 1024;
const TOKEN_COOKIE = 'mimeo_token';

/** Where the built workbench lives: <package>/web/dist, from src/server or dist/server alike. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/i;

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

function sameSecret(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  // Hash both so the comparison takes the same time whatever the lengths.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}

function bearer(c: Context): string | undefined {
  const header = c.req.header('authorization');
  const m = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return m?.[1]?.trim();
}

/** A file of the built workbench, or its index.html for client-side routes; null when not built. */
function staticFile(root: string, path: string): { body: Buffer; type: string } | null {
  if (!existsSync(join(root, 'index.html'))) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    decoded = '/';
  }
  const file = normalize(join(root, decoded));
  const inside = file.startsWith(root.endsWith(sep) ? root : root + sep);
  if (inside && existsSync(file) && statSync(file).isFile()) return { body: readFileSync(file), type: TYPES[extname(file)] ?? 'application/octet-stream' };
  // Client-side routes (/doc/ID, /compare…) get the app, whatever the id looks like; a missing asset is a 404.
  if (decoded.startsWith('/assets/')) return null;
  return { body: readFileSync(join(root, 'index.html')), type: TYPES['.html'] };
}

export function createApp(ctx: ServerContext, options: AppOptions = {}): Hono {
  const app = new Hono();
  const webRoot = options.webRoot ?? DEFAULT_WEB_ROOT;

  app.use('*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
  });

  // A web page elsewhere can make the browser post a form here, or point its own name at 127.0.0.1
  // (DNS rebinding): writes must come from this origin, and a loopback server answers loopback names only.
  app.use('*', async (c, next) => {
    const host = c.req.header('host');
    if (options.loopbackOnly && host !== undefined && !LOOPBACK_HOST.test(host)) throw apiError(403, `requests must be addressed to this machine (127.0.0.1 or localhost), not ${host.slice(0, 100)}`);
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header('origin');
      const crossSite = c.req.header('sec-fetch-site') === 'cross-site' || (origin !== undefined && origin !== 'null' && host !== undefined && originHost(origin) !== host);
      if (crossSite || origin === 'null') throw apiError(403, 'cross-site request refused: use the workbench or a client without an Origin header');
    }
    return next();
  });

  if (options.token) {
    const token = options.token;
    app.use('*', async (c, next) => {
      // Opening /?token=T once (the URL `mimeo serve` prints) leaves a cookie for the browser.
      const fromQuery = c.req.query('token');
      if (fromQuery !== undefined && sameSecret(fromQuery, token)) {
        setCookie(c, TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/' });
        if (!c.req.path.startsWith('/api/')) return c.redirect(c.req.path, 302);
        return next();
      }
      if (sameSecret(bearer(c), token) || sameSecret(getCookie(c, TOKEN_COOKIE), token)) return next();
      throw apiError(401, 'this server needs its token: Authorization: Bearer TOKEN, or open the URL mimeo serve printed');
    });
  }

  // Uploads may be larger than JSON bodies; neither is read past its limit.
  const uploadLimit = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const jsonLimit = Math.min(options.maxJsonBytes ?? DEFAULT_MAX_JSON, uploadLimit);
  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw apiError(413, `request body larger than ${formatBytes(maxSize)}`);
      },
    });
  const [uploads, json] = [limit(uploadLimit), limit(jsonLimit)];
  app.use('/api/*', (c, next) => ((c.req.header('content-type') ?? '').includes('multipart/form-data') ? uploads(c, next) : json(c, next)));

  app.get('/api/openapi.json', (c) => c.json(openApiDocument()));
  registerCorpus(app, ctx);
  registerAdd(app, ctx);
  registerDocuments(app, ctx);
  registerLinks(app, ctx);
  app.all('/api/*', (c) => {
    const known = app.routes.some((r) => r.path !== '/api/*' && r.path !== '*' && matches(r.path, c.req.path));
    throw apiError(known ? 405 : 404, known ? `${c.req.method} is not allowed on ${c.req.path}` : `no API route ${c.req.path}`);
  });

  app.get('*', (c) => {
    const file = staticFile(webRoot, c.req.path);
    if (file) return c.body(new Uint8Array(file.body), 200, { 'content-type': file.type, 'cache-control': c.req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache' });
    if (!existsSync(join(webRoot, 'index.html'))) {
      return c.text('The Mimeo workbench is not built: run `npm run build:web` (the API is at /api/).', 404);
    }
    return c.text('not found', 404);
  });

  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    if (error instanceof UserError) return c.json({ error: error.message }, 400);
    // Never a stack trace to the client; the operator sees the message.
    console.error(`mimeo serve: ${c.req.method} ${c.req.path}: ${error instanceof Error ? error.message : String(error)}`);
    return c.json({ error: 'internal error (see the server log)' }, 500);
  });
  return app;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB` : `${Math.round(n / 1024)} KB`;
}

/** Does a Hono route pattern (":id", "{a|b}") match this path? Only used to tell 405 from 404. */
function matches(pattern: string, path: string): boolean {
  const re = pattern
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${re}$`).test(path);
}
