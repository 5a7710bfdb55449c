// Typed calls to the Mimeo API (the types are the server's own).
import type {
  AddedJson,
  CompareJson,
  DocumentListJson,
  DocumentPageJson,
  GraphJson,
  QuotesJson,
  StoriesJson,
  SummaryJson,
} from '../../src/server/api-types.js';

export type * from '../../src/server/api-types.js';

export class ApiError extends Error {}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, { credentials: 'same-origin', ...init });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError(`${res.status}: the server did not answer with JSON`);
  }
  if (!res.ok) throw new ApiError((body as { error?: string }).error ?? `error ${res.status}`);
  return body as T;
}

const qs = (params: Record<string, string | number | undefined>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') s.set(k, String(v));
  const t = s.toString();
  return t ? `?${t}` : '';
};

export const api = {
  summary: () => request<SummaryJson>('/api/summary'),
  documents: (p: { q?: string; outlet?: string; from?: string; to?: string; limit?: number; offset?: number }) => request<DocumentListJson>(`/api/documents${qs(p)}`),
  document: (id: string) => request<DocumentPageJson>(`/api/documents/${encodeURIComponent(id)}`),
  compareIds: (a: string, b: string) => request<CompareJson>(`/api/compare${qs({ a, b })}`),
  compareTexts: (a: { id: string } | { text: string }, b: { id: string } | { text: string }) =>
    request<CompareJson>('/api/compare', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ a, b }) }),
  stories: () => request<StoriesJson>('/api/stories?minSize=1'),
  graph: (p: { story?: number; doc?: string; limit?: number }) => request<GraphJson>(`/api/graph${qs(p)}`),
  quotes: (p: { speaker?: string; drift?: boolean }) => request<QuotesJson>(`/api/quotes${qs({ speaker: p.speaker, drift: p.drift ? 1 : undefined })}`),
  add: (body: Record<string, string>) => request<AddedJson>('/api/documents', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  upload: (form: FormData) => request<AddedJson>('/api/documents', { method: 'POST', body: form }),
};
