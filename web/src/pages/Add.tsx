import { useState } from 'preact/hooks';
import { api, type AddedJson } from '../api.js';
import { href } from '../router.js';
import { Direction, KindBadge, Link, Ready, Status, pct, type Loaded } from '../ui.js';

export function AddPage() {
  const [form, setForm] = useState({ id: '', title: '', outlet: '', published: '', url: '', body: '' });
  const [asHtml, setAsHtml] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<Loaded<AddedJson> | null>(null);
  const set = (k: keyof typeof form) => (e: Event) => setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value });

  const submit = (e: Event) => {
    e.preventDefault();
    setResult({ state: 'loading' });
    const meta: Record<string, string> = {};
    for (const k of ['id', 'title', 'outlet', 'published', 'url'] as const) if (form[k].trim()) meta[k] = form[k].trim();
    let call: Promise<AddedJson>;
    if (file) {
      const data = new FormData();
      data.set('file', file);
      for (const [k, v] of Object.entries(meta)) data.set(k, v);
      call = api.upload(data);
    } else {
      call = api.add({ ...meta, [asHtml ? 'html' : 'text']: form.body });
    }
    call.then(
      (data) => setResult({ state: 'ready', data }),
      (error: Error) => setResult({ state: 'error', message: error.message }),
    );
  };

  return (
    <section>
      <Ready page="add" />
      <h1>Add an article</h1>
      <p class="muted">Paste the text (or a web page's HTML: only its article text is kept), or upload a .txt, .md or .html file. Its sources show at once.</p>
      <form class="add" onSubmit={submit}>
        <div class="row">
          <input name="id" placeholder="id (optional)" value={form.id} onInput={set('id')} />
          <input name="title" placeholder="title" value={form.title} onInput={set('title')} />
          <input name="outlet" placeholder="outlet" value={form.outlet} onInput={set('outlet')} />
          <input name="published" type="date" value={form.published} onInput={set('published')} />
          <input name="url" placeholder="https://…" value={form.url} onInput={set('url')} />
        </div>
        <textarea name="body" placeholder="Article text or HTML" value={form.body} onInput={set('body')} />
        <div class="row">
          <label><input type="checkbox" checked={asHtml} onChange={(e) => setAsHtml(e.currentTarget.checked)} /> this is HTML</label>
          <label>or a file: <input type="file" name="file" accept=".txt,.md,.html,.htm" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} /></label>
          <button type="submit">Add and find sources</button>
        </div>
      </form>
      {result && (
        <Status loaded={result}>
          {(r) => (
            <div class="added" data-testid="added">
              <p>
                <Link href={href.doc(r.id)}>{r.document.title ?? r.id}</Link>: {r.outcome}, {r.candidates} candidates checked in {r.ms} ms.
              </p>
              {r.related.length === 0 ? (
                <p>No reuse found in the corpus.</p>
              ) : (
                <ul class="related" data-testid="added-related">
                  {r.related.map((x) => (
                    <li data-id={x.id}>
                      <KindBadge kind={x.kind} /> <Link href={href.doc(x.id)}>{x.title ?? x.id}</Link> · {x.role === 'source' ? 'its source' : x.role === 'derived' ? 'copies it' : 'shares text'} · covers{' '}
                      {pct(x.coverage.this)} of it · <Direction source={x.source} confidence={x.directionConfidence} self={r.id} /> · <Link href={href.compare(r.id, x.id)}>compare</Link>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </Status>
      )}
    </section>
  );
}
