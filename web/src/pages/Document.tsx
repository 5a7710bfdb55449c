import { api, type DocumentPageJson, type RelatedWithRole } from '../api.js';
import { Highlighted, type Mark } from '../highlight.js';
import { href, navigate, safeUrl } from '../router.js';
import { Direction, KindBadge, Link, Ready, Status, day, pct, useLoad } from '../ui.js';

const ROLE_LABEL = { source: 'took from', derived: 'copied by', undetermined: 'shares text with (direction undetermined)' } as const;

function passageMarks(doc: DocumentPageJson): Mark[] {
  const marks: Mark[] = [];
  for (const r of doc.related) {
    for (const p of r.passages) {
      marks.push({
        start: p.this[0],
        end: p.this[1],
        class: `hl kind-${p.kind}`,
        title: `${p.kind} · ${ROLE_LABEL[r.role]} ${r.title ?? r.id} · click to compare`,
        data: { other: r.id, kind: p.kind },
        onClick: () => navigate(href.compare(doc.document.id, r.id)),
      });
    }
  }
  return marks;
}

function RelatedList(props: { doc: DocumentPageJson; items: RelatedWithRole[]; title: string; testid: string }) {
  if (props.items.length === 0) return null;
  return (
    <div>
      <h3>{props.title}</h3>
      <ul class="related" data-testid={props.testid}>
        {props.items.map((r) => (
          <li data-id={r.id}>
            <KindBadge kind={r.kind} /> <Link href={href.doc(r.id)}>{r.title ?? r.id}</Link>
            <span class="muted"> · {r.outlet ?? 'no outlet'} · {day(r.published)}</span>
            <div class="small">
              covers {pct(r.coverage.this)} of this, {pct(r.coverage.other)} of it · <Direction source={r.source} confidence={r.directionConfidence} self={props.doc.document.id} /> ·{' '}
              <Link href={href.compare(props.doc.document.id, r.id)}>compare</Link>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function DocumentPage(props: { id: string }) {
  const loaded = useLoad(() => api.document(props.id), props.id);
  return (
    <Status loaded={loaded}>
      {(doc) => {
        const d = doc.document;
        const url = safeUrl(d.url);
        const speakers = doc.quotes.filter((q) => q.speaker).map((q): Mark => ({ start: q.speaker!.start, end: q.speaker!.end, class: 'speaker', title: `speaker: ${q.speaker!.name}` }));
        return (
          <section>
            <Ready page="document" />
            <h1 data-testid="doc-title">{d.title ?? d.id}</h1>
            <p class="meta">
              {d.outlet ?? 'no outlet'} · {day(d.published)} · {d.chars.toLocaleString()} characters · id <code>{d.id}</code>
              {url && <> · <a href={url} rel="noopener noreferrer nofollow" target="_blank">original page</a></>}
              {doc.story && <> · story: <Link href={href.graph({ story: doc.story.id })}>{doc.story.title}</Link></>}
              {doc.cluster !== null && <> · reprint cluster {doc.cluster}</>}
              {d.duplicateOf && <> · exact duplicate of <Link href={href.doc(d.duplicateOf)}>{d.duplicateOf}</Link></>}
            </p>
            <div class="legend">
              <span class="hl kind-verbatim">verbatim</span> <span class="hl kind-edited">edited</span> <span class="hl kind-paraphrase">paraphrase</span>
              <span class="muted"> reused passages; click one to compare · </span><Link href={href.graph({ doc: d.id })}>graph around it</Link>
            </div>
            <div class="columns">
              <article class="text" data-testid="doc-text">
                <Highlighted text={d.text} marks={[...passageMarks(doc), ...speakers]} />
              </article>
              <aside>
                {doc.related.length === 0 && <p class="muted">No reuse found with other documents.</p>}
                <RelatedList doc={doc} items={doc.related.filter((r) => r.role === 'source')} title="Sources (it took from)" testid="sources" />
                <RelatedList doc={doc} items={doc.related.filter((r) => r.role === 'derived')} title="Derived (they took from it)" testid="derived" />
                <RelatedList doc={doc} items={doc.related.filter((r) => r.role === 'undetermined')} title="Shared text, direction undetermined" testid="undetermined" />
                <h3>Quotes</h3>
                {doc.quotes.length === 0 && <p class="muted">No quotations.</p>}
                <ul class="quotes" data-testid="doc-quotes">
                  {doc.quotes.map((q) => (
                    <li>
                      <q>{q.text}</q>
                      <div class="small">
                        {q.speaker ? <strong>{q.speaker.name}</strong> : <span class="muted">speaker unknown</span>}
                        {q.utterance && <> · <Link href={`/quotes?key=${encodeURIComponent(q.utterance)}`}>also quoted elsewhere</Link></>}
                      </div>
                    </li>
                  ))}
                </ul>
              </aside>
            </div>
          </section>
        );
      }}
    </Status>
  );
}
