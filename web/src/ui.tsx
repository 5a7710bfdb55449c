// Small shared pieces: internal links, loading/error states, formatting.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { navigate } from './router.js';

export function Link(props: { href: string; class?: string; title?: string; children: ComponentChildren; 'data-testid'?: string }) {
  return (
    <a
      href={props.href}
      class={props.class}
      title={props.title}
      data-testid={props['data-testid']}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(props.href);
      }}
    >
      {props.children}
    </a>
  );
}

export type Loaded<T> = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; data: T };

/** Loads data for a page; re-runs when `key` changes. */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [value, setValue] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    setValue({ state: 'loading' });
    load().then(
      (data) => live && setValue({ state: 'ready', data }),
      (error: unknown) => live && setValue({ state: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  return value;
}

export function Status<T>(props: { loaded: Loaded<T>; children: (data: T) => ComponentChildren }) {
  if (props.loaded.state === 'loading') return <p class="muted">Loading…</p>;
  if (props.loaded.state === 'error') return <p class="error" role="alert">{props.loaded.message}</p>;
  return <>{props.children(props.loaded.data)}</>;
}

/** Marks the page rendered with its data: tests and the benchmark wait for it. */
export function Ready(props: { page: string }) {
  useEffect(() => {
    document.body.dataset.ready = props.page;
    return () => {
      delete document.body.dataset.ready;
    };
  }, [props.page]);
  return null;
}

export const pct = (x: number) => `${Math.round(x * 100)}%`;
export const day = (d: string | null | undefined) => (d ? d.slice(0, 10) : 'no date');
export const kindLabel = { verbatim: 'verbatim', edited: 'edited', paraphrase: 'paraphrase' } as const;

export function KindBadge(props: { kind: 'verbatim' | 'edited' | 'paraphrase' }) {
  return <span class={`badge kind-${props.kind}`}>{props.kind}</span>;
}

export function Direction(props: { source: string | null; confidence: number; self?: string }) {
  if (props.source === null) return <span class="muted">direction undetermined</span>;
  return (
    <span>
      original: <strong>{props.source === props.self ? 'this document' : props.source}</strong> ({pct(props.confidence)})
    </span>
  );
}
