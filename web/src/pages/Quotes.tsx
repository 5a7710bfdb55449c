import { useState } from 'preact/hooks';
import { api, type UtteranceVariantJson } from '../api.js';
import { href, navigate, useRoute } from '../router.js';
import { Link, Ready, Status, day, useLoad } from '../ui.js';

/** A variant's words with the drift marked: substituted and inserted words highlighted, deleted ones struck. */
function DriftWords(props: { v: UtteranceVariantJson }) {
  const d = props.v.drift;
  if (!d) return <q>{props.v.text}</q>;
  return (
    <span class="drift">
      {d.segments.map((s) =>
        s.style === 'same' ? <span>{s.text} </span> : s.style === 'removed' ? <del title="original words left out or replaced">{s.text} </del> : s.style === 'cut' ? <del class="cut" title="cut off">{s.text} </del> : <ins title="words this variant has instead">{s.text} </ins>,
      )}
    </span>
  );
}

export function QuotesPage() {
  const route = useRoute();
  const speaker = route.query.get('speaker') ?? '';
  const drift = route.query.get('drift') === '1';
  const key = route.query.get('key');
  const loaded = useLoad(() => api.quotes({ speaker, drift }), `${speaker}|${drift}`);
  const [draft, setDraft] = useState(speaker);
  const go = (s: string, d: boolean) => navigate(`/quotes?${new URLSearchParams({ ...(s ? { speaker: s } : {}), ...(d ? { drift: '1' } : {}) })}`);
  return (
    <section>
      <h1>Quotes across outlets</h1>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          go(draft, drift);
        }}
      >
        <input type="search" placeholder="Speaker" value={draft} onInput={(e) => setDraft(e.currentTarget.value)} />
        <label>
          <input type="checkbox" checked={drift} onChange={(e) => go(draft, e.currentTarget.checked)} /> only altered quotes
        </label>
        <button type="submit">Filter</button>
      </form>
      <Status loaded={loaded}>
        {(data) => {
          const list = key ? data.utterances.filter((u) => u.key === key) : data.utterances;
          return (
            <>
              <Ready page="quotes" />
              {data.status === 'computing' && <p class="muted">Quotes are still being matched across the corpus; reload in a moment.</p>}
              <p class="muted">{list.length} utterances{key && <> · <Link href={href.quotes()}>show all</Link></>}</p>
              <ol class="utterances" data-testid="utterances">
                {list.map((u) => (
                  <li data-key={u.key} data-altered={u.altered ? '1' : '0'}>
                    <div>
                      <strong>{u.speaker ?? 'unknown speaker'}</strong> · {u.documents} {u.documents === 1 ? 'document' : 'documents'}
                      {u.altered && <span class="badge altered">altered</span>}
                    </div>
                    <table class="variants">
                      {u.variants.map((v) => (
                        <tr data-doc={v.doc}>
                          <td class="small">
                            {v.canonical ? 'original' : 'variant'} · <Link href={href.doc(v.doc)}>{v.outlet ?? v.title ?? v.doc}</Link> · {day(v.published)}
                          </td>
                          <td>
                            <DriftWords v={v} />
                            {v.drift && v.drift.altered && <div class="small muted">{describe(v)}</div>}
                          </td>
                        </tr>
                      ))}
                    </table>
                  </li>
                ))}
              </ol>
            </>
          );
        }}
      </Status>
    </section>
  );
}

function describe(v: UtteranceVariantJson): string {
  const d = v.drift!;
  const parts: string[] = [];
  if (d.substituted) parts.push(`${d.substituted} substituted`);
  if (d.inserted) parts.push(`${d.inserted} inserted`);
  if (d.deleted) parts.push(`${d.deleted} deleted`);
  if (d.truncated) parts.push('truncated');
  if (d.speakerDifferent) parts.push('different speaker');
  if (d.marksLost) parts.push('quotation marks lost');
  return parts.join(', ');
}
