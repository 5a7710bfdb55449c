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

/** An object schema; every listed property is required (the API never leaves a field out). */
const obj = (properties: Record<string, unknown>, description?: string) => ({ type: 'object', ...(description ? { description } : {}), required: Object.keys(properties), properties });
const arr = (items: unknown) => ({ type: 'array', items });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const orNull = (schema: Record<string, unknown>) => ({ anyOf: [schema, { type: 'null' }] });
const num = { type: 'number' };
const bool = { type: 'boolean' };
const nstr = { type: ['string', 'null'] };
const range = { type: 'array', items: int, minItems: 2, maxItems: 2, description: 'Half-open [start, end) character offsets' };
const kind = { type: 'string', enum: ['verbatim', 'edited', 'paraphrase'] };
const status = { type: 'string', enum: ['ready', 'computing'] };

const documentMeta = {
  id: str, seq: int, title: nstr, outlet: nstr, published: nstr, url: nstr, author: nstr, language: nstr, chars: int, duplicateOf: nstr,
};
const direction = {
  source: { ...nstr, description: 'Id of the original; null when undetermined' },
  directionConfidence: num,
  direction: obj({ basis: { type: 'string', enum: ['dates', 'text', 'dates+text', 'none'] }, evidence: arr(ref('EvidenceJson')) }),
};
const relatedItem = {
  id: str, title: nstr, outlet: nstr, published: nstr, kind, coverage: obj({ this: num, other: num }), score: num, duplicate: bool,
  passages: arr(obj({ this: range, other: range, kind, score: num })),
  ...direction,
};
const role = { type: 'string', enum: ['source', 'derived', 'undetermined'], description: 'What the other document is to this one' };

const schemas: Record<string, unknown> = {
  ApiErrorJson: obj({ error: str }),
  DocumentMetaJson: obj(documentMeta),
  EvidenceJson: obj({ kind: str, favours: nstr, weight: num, detail: str }),
  LinkJson: obj({ a: str, b: str, kind, coverageA: num, coverageB: num, score: num, duplicate: bool, ...direction, passages: arr(obj({ a: range, b: range, kind, score: num })) }),
  RelatedWithRole: obj({ ...relatedItem, role }),
  StoryJson: obj({ id: int, title: str, terms: arr(str), members: arr(obj({ id: str, title: nstr, outlet: nstr, published: nstr })), from: nstr, to: nstr, links: int }),
  UtteranceJson: {
    ...obj({ key: str, speaker: nstr, text: str, documents: int, altered: bool, variants: arr({ type: 'object', description: 'doc, seq, title, outlet, published, ord, start, end, text, speaker, canonical, duplicateOf, matchedBy, drift' }) }),
    description: 'One thing said, as quoted by each document (same items as `mimeo quotes --db --json`)',
  },
  HealthJson: obj({ ok: { const: true }, documents: int, links: int, schema: int }),
  SummaryJson: obj({
    documents: int, duplicates: int,
    links: obj({ total: int, verbatim: int, edited: int, paraphrase: int }),
    outlets: arr(obj({ outlet: str, documents: int })),
    dates: obj({ from: nstr, to: nstr }),
    mostCopied: arr(obj({ id: str, title: nstr, copies: int })),
    derived: { ...status, description: 'Whether stories, clusters and quotes are computed yet' },
  }),
  DocumentListJson: obj({ total: int, offset: int, limit: int, documents: arr(obj({ ...documentMeta, links: int, sources: int, derived: int, snippet: nstr })) }),
  DocumentPageJson: obj({
    document: obj({ ...documentMeta, text: str, origin: str, format: str, added: str }),
    related: arr(ref('RelatedWithRole')),
    quotes: arr(obj({ start: int, end: int, text: str, speaker: orNull(obj({ name: str, start: int, end: int })), cue: orNull(obj({ start: int, end: int })), utterance: nstr })),
    story: orNull(obj({ id: int, title: str })),
    cluster: { type: ['integer', 'null'] },
  }),
  RelatedViewJson: { type: 'object', required: ['document'], properties: { document: str, sources: arr(obj(relatedItem)), derived: arr(obj(relatedItem)) }, description: 'Same as `mimeo sources|derived --json`' },
  LinksJson: obj({ total: int, links: arr(ref('LinkJson')) }),
  CompareJson: obj({
    a: ref('CompareSideJson'),
    b: ref('CompareSideJson'),
    passages: arr(obj({
      a: range, b: range, kind, score: num,
      diff: obj({ a: arr(ref('DiffSpanJson')), b: arr(ref('DiffSpanJson')), marked: bool }, 'Each side of the passage cut into stretches, as offsets into that side\'s text'),
    })),
    coverage: obj({ a: num, b: num }),
    verdict: str,
    stored: bool,
    source: { type: ['string', 'null'], enum: ['a', 'b', null] },
    directionConfidence: num,
    direction: obj({ basis: str, evidence: arr(obj({ kind: str, favours: { type: ['string', 'null'], enum: ['a', 'b', null] }, weight: num, detail: str })) }),
  }),
  CompareSideJson: obj({ id: nstr, title: nstr, outlet: nstr, published: nstr, text: str }),
  DiffSpanJson: obj({ start: int, end: int, style: { type: 'string', enum: ['same', 'removed', 'added'] } }),
  StoriesJson: obj({ status, stories: arr(ref('StoryJson')) }),
  StoryPageJson: { allOf: [ref('StoryJson'), obj({ reuse: arr(ref('LinkJson')) })] },
  GraphJson: obj({
    nodes: arr(obj({ id: str, title: nstr, outlet: nstr, published: nstr, story: { type: ['integer', 'null'] }, cluster: { type: ['integer', 'null'] } })),
    edges: arr(obj({ a: str, b: str, source: nstr, kind, coverageA: num, coverageB: num, directionConfidence: num })),
    truncated: bool,
  }),
  QuotesJson: obj({ utterances: arr(ref('UtteranceJson')), pending: int, status }),
  AddedJson: obj({
    id: str,
    outcome: { type: 'string', enum: ['added', 'unchanged', 'replaced', 'duplicate'] },
    document: ref('DocumentMetaJson'),
    related: arr(ref('RelatedWithRole')),
    candidates: int,
    ms: num,
  }),
};

export function openApiDocument(): Record<string, unknown> {
  const sideInput = { oneOf: [{ type: 'object', required: ['id'], properties: { id: str } }, { type: 'object', required: ['text'], properties: { text: str } }] };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Mimeo API',
      version: '1',
      description:
        'Read a Mimeo corpus database: documents, reuse links with their direction, stories, quotes; compare any two texts; add an article. ' +
        'Errors are { "error": "one line" } with a 4xx/5xx status. With `mimeo serve --token T`, send Authorization: Bearer T. ' +
        'Writes with a cross-site Origin are refused (403).',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { token: { type: 'http', scheme: 'bearer', description: 'Only when the server was started with --token' } },
      schemas,
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
