import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type CompareJson } from '../api.js';
import { Highlighted, type Mark } from '../highlight.js';
import { href, useRoute } from '../router.js';
import { KindBadge, Link, Ready, Status, day, pct, useLoad, type Loaded } from '../ui.js';

/** Passage and changed-word marks of one side. */
function marksOf(c: CompareJson, side: 'a' | 'b'): Mark[] {
  const marks: Mark[] = [];
  c.passages.forEach((p, i) => {
    for (const span of p.diff[side]) {
      marks.push({
        start: span.start,
        end: span.end,
        class: `hl kind-${p.kind}${span.style === 'same' ? '' : ' changed'}`,
        title: span.style === 'same' ? `passage ${i + 1}: ${p.kind}` : `passage ${i + 1}: only on this side`,
        data: { passage: String(i) },
      });
    }
  });
  return marks;
}

function Side(props: { c: CompareJson; side: 'a' | 'b'; scroller: (el: HTMLElement | null) => void }) {
  const s = props.c[props.side];
  return (
    <div class="side">
      <h2>
        {s.id ? <Link href={href.doc(s.id)}>{s.title ?? s.id}</Link> : 'pasted text'}
        {props.c.source === props.side && <span class="badge original">original</span>}
      </h2>
      <p class="meta">{s.outlet ?? 'no outlet'} · {day(s.published)} · {pct(props.c.coverage[props.side])} reused</p>
      <div class="text scroll" ref={props.scroller} data-testid={`side-${props.side}`}>
        <Highlighted text={s.text} marks={marksOf(props.c, props.side)} />
      </div>
    </div>
  );
}

/** Two texts side by side; scrolling one brings the matching passage of the other into line. */
function CompareView(props: { c: CompareJson }) {
  const c = props.c;
  const left = useRef<HTMLElement | null>(null);
  const right = useRef<HTMLElement | null>(null);
  useEffect(() => {
    let syncing = false;
    const follow = (from: HTMLElement, to: HTMLElement) => () => {
      if (syncing) return;
      // The first passage mark visible at the top of `from` is aligned with its partner in `to`.
      const top = from.getBoundingClientRect().top;
      const marks = [...from.querySelectorAll<HTMLElement>('mark[data-passage]')];
      const visible = marks.find((m) => m.getBoundingClientRect().bottom > top);
      if (!visible) return;
      const partner = to.querySelector<HTMLElement>(`mark[data-passage="${visible.dataset.passage}"]`);
      if (!partner) return;
      syncing = true;
      const offset = visible.getBoundingClientRect().top - top;
      to.scrollTop += partner.getBoundingClientRect().top - to.getBoundingClientRect().top - offset;
      requestAnimationFrame(() => {
        syncing = false;
      });
    };
    const a = left.current;
    const b = right.current;
    if (!a || !b) return;
    const fa = follow(a, b);
    const fb = follow(b, a);
    a.addEventListener('scroll', fa);
    b.addEventListener('scroll', fb);
    return () => {
      a.removeEventListener('scroll', fa);
      b.removeEventListener('scroll', fb);
    };
  }, [c]);
  return (
    <>
      <Ready page="compare" />
      <p class="verdict" data-testid="verdict">{c.verdict}</p>
      <div class="direction" data-testid="direction">
        {c.source === null ? (
          <strong>Direction undetermined</strong>
        ) : (
          <strong>
            Original: {c.source === 'a' ? c.a.title ?? c.a.id ?? 'left text' : c.b.title ?? c.b.id ?? 'right text'} ({pct(c.directionConfidence)}, from {c.direction.basis})
          </strong>
        )}
        <ul class="evidence">
          {c.direction.evidence.map((e) => (
            <li>
              <span class="badge">{e.kind}</span> {e.detail}
              {e.favours && <span class="muted"> (favours {e.favours === 'a' ? 'left' : 'right'}, weight {e.weight.toFixed(2)})</span>}
            </li>
          ))}
        </ul>
      </div>
      <p class="small">
        {c.passages.length} {c.passages.length === 1 ? 'passage' : 'passages'}:{' '}
        {c.passages.map((p, i) => (
          <span class="passage-chip">
            {i + 1} <KindBadge kind={p.kind} /> {p.score.toFixed(2)}
          </span>
        ))}
        <span class="muted"> · highlighted: reused passage; darker: words only on that side</span>
      </p>
      <div class="compare">
        <Side c={c} side="a" scroller={(el) => (left.current = el)} />
        <Side c={c} side="b" scroller={(el) => (right.current = el)} />
      </div>
    </>
  );
}

export function ComparePage() {
  const route = useRoute();
  const a = route.query.get('a');
  const b = route.query.get('b');
  const stored = useLoad<CompareJson | null>(() => (a && b ? api.compareIds(a, b) : Promise.resolve(null)), `${a}|${b}`);
  const [pasted, setPasted] = useState<Loaded<CompareJson> | null>(null);
  const [texts, setTexts] = useState({ a: '', b: '' });
  if (a && b) {
    return (
      <section>
        <h1>Compare</h1>
        <Status loaded={stored}>{(c) => (c ? <CompareView c={c} /> : null)}</Status>
      </section>
    );
  }
  return (
    <section>
      <h1>Compare two texts</h1>
      <form
        class="paste"
        onSubmit={(e) => {
          e.preventDefault();
          setPasted({ state: 'loading' });
          api.compareTexts({ text: texts.a }, { text: texts.b }).then(
            (data) => setPasted({ state: 'ready', data }),
            (error: Error) => setPasted({ state: 'error', message: error.message }),
          );
        }}
      >
        <textarea name="a" placeholder="First text" value={texts.a} onInput={(e) => setTexts({ ...texts, a: e.currentTarget.value })} />
        <textarea name="b" placeholder="Second text" value={texts.b} onInput={(e) => setTexts({ ...texts, b: e.currentTarget.value })} />
        <button type="submit">Compare</button>
      </form>
      {pasted && <Status loaded={pasted}>{(c) => <CompareView c={c} />}</Status>}
      {!pasted && <Ready page="compare" />}
    </section>
  );
}
