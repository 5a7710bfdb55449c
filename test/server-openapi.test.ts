import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { examplesServer } from './server-fixture.js';

// Every documented response is checked against its schema in /api/openapi.json: the description
// cannot drift from what the server sends.
const { app, close } = await examplesServer();
after(close);

type Schema = Record<string, unknown>;
interface Spec {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>>;
  components: { schemas: Record<string, Schema> };
}
const spec = (await (await app.request('/api/openapi.json')).json()) as Spec;

const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);

/** The subset of JSON Schema the document uses; returns the first mismatch, or null. */
function mismatch(schema: Schema, value: unknown, at: string): string | null {
  if (typeof schema.$ref === 'string') return mismatch(spec.components.schemas[schema.$ref.split('/').pop()!], value, at);
  if (schema.anyOf) return (schema.anyOf as Schema[]).some((s) => mismatch(s, value, at) === null) ? null : `${at}: matches no alternative`;
  if (schema.oneOf) return (schema.oneOf as Schema[]).some((s) => mismatch(s, value, at) === null) ? null : `${at}: matches no alternative`;
  if (schema.allOf) for (const s of schema.allOf as Schema[]) {
    const m = mismatch(s, value, at);
    if (m) return m;
  }
  if ('const' in schema && value !== schema.const) return `${at}: expected ${JSON.stringify(schema.const)}`;
  if (schema.enum && !(schema.enum as unknown[]).includes(value)) return `${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`;
  if (schema.type) {
    const types = ([] as string[]).concat(schema.type as string | string[]);
    const actual = typeOf(value);
    if (!types.includes(actual) && !(actual === 'integer' && types.includes('number'))) return `${at}: expected ${types.join('|')}, got ${actual}`;
  }
  if (typeof schema.minimum === 'number' && typeof value === 'number' && value < schema.minimum) return `${at}: below ${schema.minimum}`;
  if (Array.isArray(value) && schema.items) {
    for (const [i, item] of value.entries()) {
      const m = mismatch(schema.items as Schema, item, `${at}[${i}]`);
      if (m) return m;
    }
  }
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    for (const name of (schema.required as string[] | undefined) ?? []) if (!(name in object)) return `${at}.${name}: missing`;
    for (const [name, s] of Object.entries((schema.properties as Record<string, Schema> | undefined) ?? {})) {
      if (name in object) {
        const m = mismatch(s, object[name], `${at}.${name}`);
        if (m) return m;
      }
    }
  }
  return null;
}

async function check(method: 'get' | 'post', path: string, template: string, init?: RequestInit): Promise<void> {
  const res = await app.request(path, { method: method.toUpperCase(), ...init });
  const body: unknown = await res.json();
  const responses = spec.paths[template]?.[method]?.responses;
  assert.ok(responses, `${method} ${template} is not documented`);
  const schema = (responses[String(res.status)] ?? responses.default).content?.['application/json']?.schema;
  assert.ok(schema, `${method} ${template} ${res.status}: no schema`);
  assert.equal(mismatch(schema, body, 'body'), null, `${method} ${path}`);
}

const enc = encodeURIComponent;
const json = (body: unknown): RequestInit => ({ body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

test('every response matches its schema in the OpenAPI document', async () => {
  // The checker itself catches a missing field and a wrong type.
  assert.match(mismatch(spec.components.schemas.HealthJson, { ok: true, documents: 1, links: 0 }, 'x') ?? '', /schema: missing/);
  assert.match(mismatch(spec.components.schemas.LinksJson, { total: 1, links: [{ a: 1 }] }, 'x') ?? '', /x\.links\[0\]/);
  await check('get', '/api/health', '/api/health');
  await check('get', '/api/summary', '/api/summary');
  await check('get', '/api/documents?q=bridge', '/api/documents');
  await check('get', `/api/documents/${enc('reprint-edited.txt')}`, '/api/documents/{id}');
  await check('get', `/api/documents/${enc('wire-original.txt')}/derived`, '/api/documents/{id}/derived');
  await check('get', `/api/documents/${enc('reprint-edited.txt')}/sources`, '/api/documents/{id}/sources');
  await check('get', '/api/links?passages=1', '/api/links');
  await check('get', `/api/compare?a=${enc('wire-original.txt')}&b=${enc('paraphrase-spin.txt')}`, '/api/compare');
  await check('post', '/api/compare', '/api/compare', json({ a: { id: 'wire-original.txt' }, b: { text: 'A short text about nothing in particular.' } }));
  await check('get', '/api/stories', '/api/stories');
  const story = ((await (await app.request('/api/stories')).json()) as { stories: Array<{ id: number }> }).stories[0];
  await check('get', `/api/stories/${story.id}`, '/api/stories/{id}');
  await check('get', `/api/graph?story=${story.id}`, '/api/graph');
  await check('get', `/api/graph?doc=${enc('wire-original.txt')}&depth=1`, '/api/graph');
  await check('get', '/api/graph', '/api/graph');
  await check('get', '/api/quotes', '/api/quotes');
  await check('post', '/api/documents', '/api/documents', json({ id: 'late.txt', text: 'Engineers said the bridge would reopen next week after repairs to its beams.' }));
  // Errors have their own schema.
  await check('get', '/api/documents/nothing', '/api/documents/{id}');
  await check('get', '/api/links?kind=x', '/api/links');
});
