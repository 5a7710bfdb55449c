import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { href, navigate, useRoute } from '../router.js';
import { Link, Ready, Status, day, useLoad } from '../ui.js';

const PAGE = 50;

export function CorpusPage() {
  const route = useRoute();
  const q = route.query.get('q') ?? '';
  const outlet = route.query.get('outlet') ?? '';
  const from = route.query.get('from') ?? '';
  const to = route.query.get('to') ?? '';
  const offset = Number(route.query.get('offset') ?? 0) || 0;
  const summary = useLoad(() => api.summary(), 'summary');
  const list = useLoad(() => api.documents({ q, outlet, from, to, limit: PAGE, offset }), route.query.toString());
  const [draft, setDraft] = useState({ q, outlet, from, to });

  const go = (params: Record<string, string | number>) => {
    const s = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== '' && v !== 0) s.set(k, String(v));
    navigate(`/${s.toString() ? `?${s}` : ''}`);
  };

  return (
    <section>
      <h1>Corpus</h1>
      <Status loaded={summary}>
        {(s) => (
          <div class="summary" data-testid="summary">
            <span><strong>{s.documents}</strong> documents</span>
            <span><strong>{s.links.total}</strong> reuse links: {s.links.verbatim} verbatim, {s.links.edited} edited, {s.links.paraphrase} paraphrase</span>
            <span>{s.outlets.length} outlets</span>
            <span>{s.dates.from ? `${day(s.dates.from)} – ${day(s.dates.to)}` : 'no dates'}</span>
            {s.mostCopied.length > 0 && (
              <span>
                most copied: {s.mostCopied.slice(0, 3).map((m, i) => (
                  <>
                    {i > 0 && ', '}
                    <Link href={href.doc(m.id)}>{m.title ?? m.id}</Link> ({m.copies})
                  </>
                ))}
              </span>
            )}
          </div>
        )}
      </Status>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          go({ ...draft });
        }}
      >
        <input type="search" name="q" placeholder="Search words in titles and texts" value={draft.q} onInput={(e) => setDraft({ ...draft, q: e.currentTarget.value })} />
        <Status loaded={summary}>
          {(s) => (
            <select name="outlet" value={draft.outlet} onChange={(e) => setDraft({ ...draft, outlet: e.currentTarget.value })}>
              <option value="">all outlets</option>
              {s.outlets.map((o) => (
                <option value={o.outlet}>{o.outlet} ({o.documents})</option>
              ))}
            </select>
          )}
        </Status>
        <label>from <input type="date" name="from" value={draft.from} onInput={(e) => setDraft({ ...draft, from: e.currentTarget.value })} /></label>
        <label>to <input type="date" name="to" value={draft.to} onInput={(e) => setDraft({ ...draft, to: e.currentTarget.value })} /></label>
        <button type="submit">Search</button>
      </form>
      <Status loaded={list}>
        {(l) => (
          <>
            <Ready page="corpus" />
            <p class="muted">{l.total} {l.total === 1 ? 'document' : 'documents'}{l.total > PAGE ? `, ${offset + 1}–${Math.min(offset + PAGE, l.total)} shown` : ''}</p>
            <table class="documents" data-testid="documents">
              <thead>
                <tr><th>document</th><th>outlet</th><th>published</th><th title="links / took from others / copied by others">reuse</th></tr>
              </thead>
              <tbody>
                {l.documents.map((d) => (
                  <tr data-id={d.id}>
                    <td>
                      <Link href={href.doc(d.id)}>{d.title ?? d.id}</Link>
                      {d.title && <div class="muted small">{d.id}</div>}
                      {d.snippet && <div class="snippet">{d.snippet}</div>}
                      {d.duplicateOf && <div class="muted small">exact duplicate of {d.duplicateOf}</div>}
                    </td>
                    <td>{d.outlet ?? '–'}</td>
                    <td>{day(d.published)}</td>
                    <td>{d.links} links{d.sources > 0 ? ` · took from ${d.sources}` : ''}{d.derived > 0 ? ` · copied by ${d.derived}` : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div class="pager">
              {offset > 0 && <button onClick={() => go({ q, outlet, from, to, offset: Math.max(0, offset - PAGE) })}>← previous</button>}
              {offset + PAGE < l.total && <button onClick={() => go({ q, outlet, from, to, offset: offset + PAGE })}>next →</button>}
            </div>
          </>
        )}
      </Status>
    </section>
  );
}
