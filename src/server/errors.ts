import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** An API error: a status and one line for the user, sent as `{ "error": message }`. */
export function apiError(status: ContentfulStatusCode, message: string): HTTPException {
  return new HTTPException(status, { res: new Response(JSON.stringify({ error: message }), { status, headers: { 'content-type': 'application/json; charset=utf-8' } }) });
}

/** A whole number query parameter within bounds, else 400. */
export function intParam(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw apiError(400, `${name}: expected a whole number, got "${value.slice(0, 40)}"`);
  const n = Number(value);
  if (n < min || n > max) throw apiError(400, `${name}: expected ${min} to ${max}, got ${n}`);
  return n;
}
