// The OpenAPI 3.1 description served at /api/openapi.json. Response bodies are named after the
// TypeScript types in api-types.ts, which are the reference for their fields.

type Param = { name: string; in: 'query' | 'path'; required?: boolean; description: string; schema: Record<string, unknown> };

const str = { type: 'string' };
const int = { type: 'integer', minimum: 0 };
const q = (name: string, description: string, schema: Record<string, unknown> = str): Param => ({ name, in: 'query', description, schema });
const idParam: Param = { name: 'id', in: 'path', required: true, description: 'Document id, percent-encoded (ids may contain "/")', schema: str };

function op(summary: string, type: string, parameters: Param[] = [], extra: Record<string, unknown> = {}) {
  return {
    summary,
    parameters,
    responses: {
      [String(extra.status ?? 200)]: { description: type, content: { 'application/json': { schema: { $ref: `#/components/schemas/${type}` } } } },
      default: { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiErrorJson' } } } },
    },
    ...(extra.requestBody ? { requestBody: extra.requestBody } : {}),
  };
}

const loose = (description: string) => ({ type: 'object', description, additionalProperties: true });

export function openApiDocument(): Record<string, unknown> {
  const sideInput = { oneOf: [{ type: 'object', required: ['id'], properties: { id: str } }, { type: 'object', required: ['text'], properties: { text: str } }] };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Mimeo API',
      version: '1',
      description:
        'Read a Mimeo corpus database: documents, reuse links with their direction, stories, quotes; compare any two texts; add an article. ' +
        'Errors are { "error": "one line" } with a 4xx/5xx status. With `mimeo serve --token T`, send Authorization: Bearer T.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { token: { type: 'http', scheme: 'bearer', description: 'Only when the server was started with --token' } },
      schemas: {
        ApiErrorJson: { type: 'object', required: ['error'], properties: { error: str } },
        HealthJson: { type: 'object', properties: { ok: { type: 'boolean' }, documents: int, links: int, schema: int } },
        SummaryJson: loose('Counts, outlets, dates, most-copied documents; `derived` says whether stories/quotes are computed yet'),
        DocumentListJson: loose('{ total, offset, limit, documents: [document metadata + links, sources, derived, snippet] }'),
        DocumentPageJson: loose('{ document (with text), related (links seen from it, with role), quotes, story, cluster }'),
        RelatedViewJson: loose('Same as `mimeo sources|derived --json`'),
        LinksJson: loose('{ total, links: [same items as `mimeo links --json`] }'),
        CompareJson: loose('{ a, b (id/title/outlet/published/text), passages (offsets + word diff spans), coverage, verdict, stored, source: "a"|"b"|null, directionConfidence, direction }'),
        StoriesJson: loose('{ status: "ready"|"computing", stories: [same items as `mimeo stories --json`] }'),
        StoryPageJson: loose('A story with `reuse`: its links'),
        GraphJson: loose('{ nodes: [{ id, title, outlet, published, story, cluster }], edges: [{ a, b, source, kind, coverageA, coverageB, directionConfidence }], truncated }'),
        QuotesJson: loose('Same as `mimeo quotes --db --json`, plus `status`'),
        AddedJson: loose('{ id, outcome, document, related, candidates, ms }'),
      },
    },
    security: [{}, { token: [] }],
    paths: {
      '/api/health': { get: op('Is the server up; document and link counts', 'HealthJson') },
      '/api/summary': { get: op('Corpus summary', 'SummaryJson') },
      '/api/documents': {
        get: op('List or search documents', 'DocumentListJson', [
          q('q', 'Full-text search: every word must occur (stemmed); word* matches a prefix'),
          q('outlet', 'Only this outlet'),
          q('from', 'Published on or after (YYYY, YYYY-MM or YYYY-MM-DD)'),
          q('to', 'Published on or before (same formats)'),
          q('limit', 'Page size, 1–500 (default 50)', int),
          q('offset', 'Skip this many (default 0)', int),
        ]),
        post: op('Add an article and get its sources at once', 'AddedJson', [], {
          status: 201,
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { id: str, text: str, html: { type: 'string', description: 'A web page: the article body is extracted, the markup is not stored' }, title: str, url: str, outlet: str, published: str, author: str, language: str },
                },
              },
              'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' }, title: str, outlet: str, published: str } } },
            },
          },
        }),
      },
      '/api/documents/{id}': { get: op('One document: text, links seen from it, quotes, story, cluster', 'DocumentPageJson', [idParam]) },
      '/api/documents/{id}/sources': { get: op('What the document took from others', 'RelatedViewJson', [idParam]) },
      '/api/documents/{id}/derived': { get: op('Who took from the document', 'RelatedViewJson', [idParam]) },
      '/api/links': {
        get: op('Reuse links, strongest first', 'LinksJson', [
          q('kind', 'verbatim, edited or paraphrase'),
          q('minCoverage', 'Least coverage of the more reused side, 0–1', { type: 'number' }),
          q('doc', 'Only links of this document'),
          q('limit', '1–1000 (default 100)', int),
          q('offset', 'Skip this many', int),
          q('passages', '1 to include passages'),
        ]),
      },
      '/api/compare': {
        get: op('Compare two stored documents', 'CompareJson', [q('a', 'Document id'), q('b', 'Document id')]),
        post: op('Compare any two texts (stored ids or pasted text)', 'CompareJson', [], {
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['a', 'b'], properties: { a: sideInput, b: sideInput } } } } },
        }),
      },
      '/api/stories': { get: op('Stories (documents on the same event)', 'StoriesJson', [q('minSize', 'Fewest documents (default 2)', int)]) },
      '/api/stories/{id}': { get: op('One story with its reuse links', 'StoryPageJson', [{ name: 'id', in: 'path', required: true, description: 'Story id', schema: int }]) },
      '/api/graph': {
        get: op('Provenance graph: a story, a document\'s neighbourhood, or the strongest links', 'GraphJson', [
          q('story', 'Story id', int),
          q('doc', 'Document id'),
          q('depth', 'Link steps from doc, 1–3 (default 2)', int),
          q('limit', 'Most nodes, 1–5000 (default 2000)', int),
        ]),
      },
      '/api/quotes': {
        get: op('Utterances quoted across the corpus, with variants and drift', 'QuotesJson', [
          q('speaker', 'Speaker name (or part of it)'),
          q('drift', '1: only altered utterances'),
          q('doc', 'Only utterances quoted by this document'),
          q('limit', '1–5000 (default 200)', int),
        ]),
      },
      '/api/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1' } } } },
    },
  };
}
