// A small history router: paths are the workbench's pages, the query string their state.
import { useEffect, useState } from 'preact/hooks';

export interface Route {
  path: string;
  query: URLSearchParams;
}

function current(): Route {
  return { path: location.pathname, query: new URLSearchParams(location.search) };
}

export function navigate(href: string): void {
  history.pushState(null, '', href);
  dispatchEvent(new PopStateEvent('popstate'));
  scrollTo(0, 0);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const update = () => setRoute(current());
    addEventListener('popstate', update);
    return () => removeEventListener('popstate', update);
  }, []);
  return route;
}

export const href = {
  corpus: () => '/',
  doc: (id: string) => `/doc/${encodeURIComponent(id)}`,
  compare: (a: string, b: string) => `/compare?${new URLSearchParams({ a, b })}`,
  graph: (p: { story?: number; doc?: string } = {}) => `/graph${p.story !== undefined ? `?story=${p.story}` : p.doc ? `?doc=${encodeURIComponent(p.doc)}` : ''}`,
  quotes: () => '/quotes',
  add: () => '/add',
};

/** Only internal paths and http(s) URLs ever become links: never javascript: or data:. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url, location.origin);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
