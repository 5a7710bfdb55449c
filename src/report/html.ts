/**
 * ReportData → one self-contained HTML page: no external resources, no script, readable as is
 * (also printed or mailed). Every document-derived string goes through the escaping `html` tag.
 */
import type { PassageEvidence, PassageKind } from '../align/types.js';
import { percent } from '../align/verdict.js';
import { publishedTime } from '../provenance/index.js';
import type { DirectionCall, DirectionEvidence, EvidenceKind, ReprintCluster, Story } from '../provenance/types.js';
import { describeDrift, type DriftSegment, type Utterance } from '../quotes/match.js';
import type { DiffChunk } from '../text/word-diff.js';
import type { CountedDocument, ReportData, ReportDocument, ReportLink, ReportPassage } from './data.js';
import { externalLink, html, Html, join, type HtmlValue } from './escape.js';
import { graphSvg, KIND_COLORS, shorten, type GraphEdge, type GraphNode } from './graph.js';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** The whole page. */
export function renderReport(data: ReportData): string {
  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="mimeo">
<title>${data.title}</title>
<style>${new Html(STYLE)}</style>
</head>
<body>
<header>
<h1>${data.title}</h1>
<p class="meta">Made by Mimeo on ${data.generated.slice(0, 16).replace('T', ' ')} UTC from <code>${data.database}</code>.
Texts, titles and addresses below are quoted from the documents as found; links open the original pages.</p>
<nav><a href="#summary">Summary</a> · <a href="#graph">Graph</a> · <a href="#stories">Stories</a> · <a href="#clusters">Reprint clusters</a> · <a href="#links">Reuse links</a> · <a href="#quotes">Quotes</a> · <a href="#documents">Documents</a></nav>
</header>
<main>
${summarySection(data)}
${graphSection(data)}
${storiesSection(data)}
${clustersSection(data)}
${linksSection(data)}
${quotesSection(data)}
${documentsSection(data)}
</main>
<footer><p>How to read this report: a <em>link</em> is text reuse Mimeo verified between two documents, passage by passage.
<em>Verbatim</em> = copied word for word, <em>edited</em> = copied with changes, <em>paraphrase</em> = rewritten in other words.
The <em>direction</em> (which document is the original) is inferred from publication dates and from the texts; when the clues are too weak it is left undetermined rather than guessed.</p></footer>
</body>
</html>
`;
  return page.value;
}

// ---------------------------------------------------------------- small pieces

function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? singular : plural}`;
}

function num(n: number): string {
  return n.toLocaleString('en-US');
}

/** "2024-03-05" for ISO dates and times; anything else as written, shortened. */
function shortDate(published: string | null): string {
  if (!published) return 'no date';
  const iso = /^\d{4}(-\d{2}(-\d{2})?)?/.exec(published);
  return iso && publishedTime(published) !== null ? iso[0] : shorten(published, 24);
}

function docOf(data: ReportData, id: string): ReportDocument | undefined {
  return data.documents.get(id);
}

function nameOf(doc: ReportDocument | undefined, id: string): string {
  return doc?.title?.trim() || id;
}

/** A document's name linking to its row in the documents table. */
function docRef(data: ReportData, id: string): Html {
  const doc = docOf(data, id);
  if (!doc) return html`<bdi>${id}</bdi>`;
  return html`<a href="#doc-${doc.seq}"><bdi>${shorten(nameOf(doc, id), 90)}</bdi></a>`;
}

/** "date · outlet · title" of a timeline or member row. */
function docLine(data: ReportData, id: string): Html {
  const doc = docOf(data, id);
  const outlet = doc?.outlet ? html` · <span class="outlet"><bdi>${shorten(doc.outlet, 40)}</bdi></span>` : '';
  return html`<span class="date">${shortDate(doc?.published ?? null)}</span>${outlet} · ${docRef(data, id)}`;
}

function kindBadge(kind: PassageKind, duplicate = false): Html {
  return html`<span class="kind kind-${kind}">${duplicate ? 'exact duplicate' : kind}</span>`;
}

function leftOut(text: string | false): Html {
  return text ? html`<p class="left-out">${text}</p>` : html``;
}

// ---------------------------------------------------------------- summary

function summarySection(data: ReportData): Html {
  const s = data.summary;
  const dates = s.dated === 0 ? 'no publication dates' : `${shortDate(s.from)} to ${shortDate(s.to)} (${num(s.dated)} of ${num(s.documents)} dated)`;
  const kinds = (['verbatim', 'edited', 'paraphrase'] as PassageKind[]).map((k) => html`${kindBadge(k)} ${num(s.linksByKind[k])}`);
  const direction =
    s.links === 0
      ? 'no links'
      : `${num(s.directed)} with a known original, ${num(s.undetermined)} undetermined`;
  const outlets = s.topOutlets.length === 0 ? '' : html` (most documents: ${join(s.topOutlets.slice(0, 5).map((o) => html`<bdi>${shorten(o.outlet, 40)}</bdi> ${num(o.documents)}`), ', ')})`;
  return html`<section id="summary">
<h2>Summary</h2>
<dl class="figures">
<dt>Documents</dt><dd>${num(s.documents)}${s.duplicates ? ` (${count(s.duplicates, 'exact duplicate')})` : ''}, ${num(s.linked)} with reuse links</dd>
<dt>Outlets</dt><dd>${s.outlets === 0 ? 'none named' : num(s.outlets)}${outlets}</dd>
<dt>Dates</dt><dd>${dates}</dd>
<dt>Reuse links</dt><dd>${num(s.links)}${s.links ? html`: ${join(kinds, ' · ')}` : ''}${s.exactDuplicateLinks ? ` (${num(s.exactDuplicateLinks)} of them exact duplicates)` : ''}</dd>
<dt>Direction</dt><dd>${direction}</dd>
</dl>
<h3>Most-copied sources</h3>
${
  s.mostCopied.length === 0
    ? html`<p>No link has a known direction, so no document can be named as a source.</p>`
    : rankTable(data, s.mostCopied, 'copied by')
}
<h3>Most linked documents</h3>
${s.mostLinked.length === 0 ? html`<p>No reuse found.</p>` : rankTable(data, s.mostLinked, 'links')}
</section>`;
}

function rankTable(data: ReportData, rows: CountedDocument[], what: string): Html {
  const body = rows.map((r) => {
    const doc = docOf(data, r.id);
    return html`<tr><td>${docRef(data, r.id)}</td><td><bdi>${doc?.outlet ?? ''}</bdi></td><td>${shortDate(doc?.published ?? null)}</td><td class="num">${num(r.count)}</td></tr>`;
  });
  return html`<table class="rank"><thead><tr><th>Document</th><th>Outlet</th><th>Published</th><th class="num">${what}</th></tr></thead><tbody>${body}</tbody></table>`;
}

// ---------------------------------------------------------------- graph

function graphSection(data: ReportData): Html {
  const drawn = data.links.filter((l) => l.inGraph);
  if (drawn.length === 0) return html`<section id="graph"><h2>Provenance graph</h2><p>No reuse links to draw.</p></section>`;
  const ids = new Set(drawn.flatMap((l) => [l.a, l.b]));
  const originals = new Set(data.clusters.map((c) => c.original).filter((o): o is string => o !== null));
  const nodes: GraphNode[] = [...ids].map((id) => {
    const doc = docOf(data, id);
    const title = nameOf(doc, id);
    return {
      id,
      anchor: doc ? `doc-${doc.seq}` : 'documents',
      label: doc?.outlet?.trim() || title,
      sublabel: shortDate(doc?.published ?? null),
      tooltip: [title, doc?.outlet, doc?.published, id].filter(Boolean).join(' · '),
      group: doc?.story != null ? `story ${doc.story}` : doc?.cluster != null ? `cluster ${doc.cluster}` : null,
      time: publishedTime(doc?.published),
      seq: doc?.seq ?? 0,
      original: originals.has(id),
    };
  });
  const edges: GraphEdge[] = drawn.map((l) => {
    const from = l.source ?? l.a;
    const to = from === l.a ? l.b : l.a;
    const arrow = l.source ? '→' : '—';
    return {
      from,
      to,
      directed: l.source !== null,
      kind: l.kind,
      duplicate: l.duplicate,
      anchor: `link-${l.number}`,
      tooltip: `${nameOf(docOf(data, from), from)} ${arrow} ${nameOf(docOf(data, to), to)} · ${l.duplicate ? 'exact duplicate' : l.kind}${l.source ? '' : ' · direction undetermined'}`,
    };
  });
  const groupLabels = new Map(data.stories.map((s) => [`story ${s.id}`, `Story: ${s.title}`]));
  for (const c of data.clusters) groupLabels.set(`cluster ${c.id}`, `Reprint cluster ${c.id}`);
  const title = `Provenance graph: ${count(nodes.length, 'document')}, ${count(edges.length, 'link')}`;
  const notDrawn = data.links.length - drawn.length;
  const note =
    notDrawn > 0 || data.linksLeftOut > 0
      ? `Drawn: the ${count(drawn.length, 'strongest link')} (${count(nodes.length, 'document')}).` +
        (notDrawn > 0 ? ` ${count(notDrawn, 'more link')} listed below ${notDrawn === 1 ? 'is' : 'are'} not drawn, to keep the picture readable (${count(data.graphNodesLeftOut, 'document')} left out).` : '') +
        (data.linksLeftOut > 0 ? ` ${count(data.linksLeftOut, 'weaker link')} ${data.linksLeftOut === 1 ? 'is' : 'are'} neither drawn nor listed.` : '')
      : false;
  return html`<section id="graph">
<h2>Provenance graph</h2>
<p>Each circle is a document (outlet or title, and date); each line is a reuse link, colored by kind.
An arrow points from the original to the document that reused it; a dashed line without an arrow means the direction is undetermined.
A filled circle is the original of a reprint cluster. Click a document or a line to jump to it.</p>
${legend()}
${leftOut(note)}
<div class="graph-wrap">${graphSvg(nodes, edges, title, groupLabels)}</div>
</section>`;
}

function legend(): Html {
  const items = (Object.keys(KIND_COLORS) as PassageKind[]).map(
    (kind) =>
      html`<span class="legend-item"><svg width="34" height="10" aria-hidden="true"><line x1="0" y1="5" x2="34" y2="5" stroke="${KIND_COLORS[kind]}" stroke-width="3"/></svg> ${kind}</span>`,
  );
  return html`<p class="legend">${join(items, ' ')} <span class="legend-item"><svg width="34" height="10" aria-hidden="true"><line x1="0" y1="5" x2="34" y2="5" stroke="#555" stroke-width="2" stroke-dasharray="6 4"/></svg> undetermined direction</span></p>`;
}

// ---------------------------------------------------------------- stories and clusters

function storiesSection(data: ReportData): Html {
  const intro = html`<p>Documents about the same event, in order of publication, whether or not they share text.</p>`;
  if (data.stories.length === 0) return html`<section id="stories"><h2>Stories</h2>${intro}<p>No story has more than one document.</p></section>`;
  return html`<section id="stories"><h2>Stories</h2>${intro}
${data.stories.map((s) => storyBlock(data, s))}
${leftOut(data.storiesLeftOut > 0 && `${count(data.storiesLeftOut, 'smaller story', 'smaller stories')} left out.`)}
</section>`;
}

function storyBlock(data: ReportData, story: Story): Html {
  const span = story.from ? (story.to && story.to !== story.from ? `${shortDate(story.from)} to ${shortDate(story.to)}` : shortDate(story.from)) : 'undated';
  const members = story.members.slice(0, data.maxMembers).map((id) => {
    const links = docOf(data, id)?.links ?? 0;
    return html`<li>${docLine(data, id)} · <span class="links">${count(links, 'link')}</span></li>`;
  });
  const more = story.members.length - members.length;
  return html`<article class="story" id="story-${story.id}">
<h3><bdi>${story.title || `Story ${story.id}`}</bdi></h3>
<p class="meta">${count(story.members.length, 'document')} · ${count(story.links, 'reuse link')} · ${span}${story.terms.length ? html` · <span class="terms"><bdi>${story.terms.join(', ')}</bdi></span>` : ''}</p>
<ol class="timeline">${members}</ol>
${leftOut(more > 0 && `and ${count(more, 'more document')}.`)}
</article>`;
}

function clustersSection(data: ReportData): Html {
  const intro = html`<p>Documents that carry the same reused text: one original and its reprints. The likely original is listed first and marked.</p>`;
  if (data.clusters.length === 0) return html`<section id="clusters"><h2>Reprint clusters</h2>${intro}<p>No reprint clusters.</p></section>`;
  return html`<section id="clusters"><h2>Reprint clusters</h2>${intro}
${data.clusters.map((c) => clusterBlock(data, c))}
${leftOut(data.clustersLeftOut > 0 && `${count(data.clustersLeftOut, 'smaller cluster')} left out.`)}
</section>`;
}

function clusterBlock(data: ReportData, cluster: ReprintCluster): Html {
  const members = cluster.members.slice(0, data.maxMembers).map((id) =>
    id === cluster.original ? html`<li class="original"><strong class="badge">Original</strong> ${docLine(data, id)}</li>` : html`<li>${docLine(data, id)}</li>`,
  );
  const more = cluster.members.length - members.length;
  const original =
    cluster.original === null
      ? html`<p><strong>Original: undetermined</strong> (${cluster.originalReason}).</p>`
      : html`<p><strong>Original:</strong> ${docRef(data, cluster.original)} (${cluster.originalReason}).</p>`;
  return html`<article class="cluster" id="cluster-${cluster.id}">
<h3>Cluster ${cluster.id}: ${count(cluster.members.length, 'document')}, mostly ${kindBadge(cluster.kind)}, ${count(cluster.links, 'link')}</h3>
${original}
<ol class="members">${members}</ol>
${leftOut(more > 0 && `and ${count(more, 'more document')}.`)}
</article>`;
}

// ---------------------------------------------------------------- links

function linksSection(data: ReportData): Html {
  const intro = html`<p>Strongest reuse first. Side by side, <mark class="only-a">highlighted words</mark> are only in A and <mark class="only-b">highlighted words</mark> only in B; the rest is the same in both.</p>`;
  if (data.links.length === 0) return html`<section id="links"><h2>Reuse links</h2><p>No reuse links${data.summary.links > 0 ? ' shown' : ' found'}.</p></section>`;
  const note =
    data.linksLeftOut > 0 &&
    `Showing the ${count(data.links.length, 'strongest link')} of ${num(data.summary.links)}; ${count(data.linksLeftOut, 'weaker link')} left out (the summary counts all of them; use --max-links to show more).`;
  return html`<section id="links"><h2>Reuse links</h2>${intro}${leftOut(note)}
${data.links.map((l) => linkBlock(data, l))}
</section>`;
}

function linkBlock(data: ReportData, link: ReportLink): Html {
  const arrow = link.source === link.a ? '→' : link.source === link.b ? '←' : '—';
  const side = (label: 'A' | 'B', id: string): Html => {
    const doc = docOf(data, id);
    const role = link.source === null ? '' : link.source === id ? html` <strong class="badge">original</strong>` : html` <span class="badge derivative">derivative</span>`;
    const url = doc?.url ? html` · ${externalLink(doc.url, shorten(doc.url, 60))}` : '';
    return html`<li><strong>${label}</strong>${role} ${docLine(data, id)}${url} · <code><bdi>${shorten(id, 60)}</bdi></code></li>`;
  };
  const passages = link.duplicate && link.passages.length === 0
    ? html`<p>Exact duplicate: the two texts are the same.</p>`
    : link.passages.map((p, i) => passageBlock(p, i, link.passages.length + link.passagesLeftOut, [sideLabel(data, link.a), sideLabel(data, link.b)]));
  return html`<article class="link" id="link-${link.number}">
<h3>${link.number}. ${kindBadge(link.kind, link.duplicate)} ${docRef(data, link.a)} ${arrow} ${docRef(data, link.b)}</h3>
<ul class="sides">${side('A', link.a)}${side('B', link.b)}</ul>
<p class="coverage">${percent(link.coverageA)} of A is reused in B · ${percent(link.coverageB)} of B comes from A · score ${link.score.toFixed(2)} · ${count(link.passages.length + link.passagesLeftOut, 'passage')}</p>
${directionBlock(link.direction)}
${passages}
${leftOut(link.passagesLeftOut > 0 && `${count(link.passagesLeftOut, 'more passage')} not shown.`)}
</article>`;
}

/** Kinds added later fall back to their code name. */
const EVIDENCE_NAMES: Partial<Record<EvidenceKind, string>> = {
  dates: 'Publication dates',
  fluency: 'Fluency of the wording',
  'translation-traces': 'Traces of translation',
  containment: 'One text contains the other',
  'wire-credit': 'Wire or agency credit',
  boilerplate: 'Boilerplate',
};

const BASIS_WORDS: Record<DirectionCall['basis'], string> = {
  dates: 'publication dates',
  text: 'the texts themselves',
  'dates+text': 'publication dates and the texts',
  none: 'nothing usable',
};

function confidenceWord(confidence: number): string {
  return confidence >= 0.9 ? 'high' : confidence >= 0.7 ? 'moderate' : 'low';
}

/** The direction call in words, with every reason. */
export function directionBlock(direction: DirectionCall): Html {
  const head =
    direction.source === null
      ? html`<p><strong>Direction: undetermined.</strong> The evidence does not show which text came first, so none is called the original.</p>`
      : html`<p><strong>Direction: ${direction.source === 'a' ? 'A → B' : 'B → A'}.</strong> ${direction.source.toUpperCase()} is likely the original; confidence ${Math.round(direction.confidence * 100)}% (${confidenceWord(direction.confidence)}), based on ${BASIS_WORDS[direction.basis]}.</p>`;
  const reasons = direction.evidence.map((e) => html`<li>${evidenceLine(e)}</li>`);
  const list = reasons.length ? html`<ul class="evidence">${reasons}</ul>` : direction.source === null ? html`<p class="quiet">No dates or text clues were found.</p>` : '';
  return html`<div class="direction">${head}${list}</div>`;
}

function evidenceLine(e: DirectionEvidence): Html {
  const points = e.favours === null ? 'points to neither side' : `points to ${e.favours.toUpperCase()} as the original`;
  const weight = e.favours === null ? '' : `, strength ${Math.abs(e.weight).toFixed(1)}`;
  return html`<strong>${EVIDENCE_NAMES[e.kind] ?? e.kind}</strong> (${points}${weight}): ${e.detail}`;
}

/** Column heading of a side: outlet and date, else a short title. */
function sideLabel(data: ReportData, id: string): string {
  const doc = docOf(data, id);
  const name = doc?.outlet?.trim() || shorten(nameOf(doc, id), 50);
  return doc?.published ? `${name} · ${shortDate(doc.published)}` : name;
}

function passageBlock(p: ReportPassage, index: number, total: number, labels: [string, string]): Html {
  const heading = `Passage ${index + 1} of ${total} · ${p.kind} · score ${p.score.toFixed(2)} · A ${p.a[0]}–${p.a[1]} · B ${p.b[0]}–${p.b[1]}`;
  const rows = p.pieces.map((piece, i) => {
    const cut =
      i > 0
        ? html`<tr><td colspan="2" class="cut">… ${num(p.cutA)} characters of A and ${num(p.cutB)} of B left out here …</td></tr>`
        : '';
    return html`${cut}<tr><td dir="auto">${chunks(piece.a, 'only-a')}</td><td dir="auto">${chunks(piece.b, 'only-b')}</td></tr>`;
  });
  return html`<section class="passage">
<h4>${heading}</h4>
${p.evidence ? html`<p class="quiet">${passageEvidence(p.evidence)}</p>` : ''}
${p.marked ? '' : html`<p class="quiet">The two sides are too different to mark word by word.</p>`}
<table class="side-by-side"><thead><tr><th>A · <bdi>${labels[0]}</bdi></th><th>B · <bdi>${labels[1]}</bdi></th></tr></thead><tbody>${rows}</tbody></table>
</section>`;
}

function passageEvidence(e: PassageEvidence): string {
  const parts = [`found by ${e.method}`, count(e.seeds, 'seed'), `similarity ${e.similarity.toFixed(2)}`, `${percent(e.verbatimShare)} word for word`];
  if (e.sharedTerms.length > 0) parts.push(`shared: ${e.sharedTerms.slice(0, 8).join(', ')}`);
  return parts.join(' · ');
}

function chunks(list: DiffChunk[], markClass: string): Html {
  return join(list.map((c): HtmlValue => (c.style === 'same' ? c.text : html`<mark class="${markClass}">${c.text}</mark>`)));
}

// ---------------------------------------------------------------- quotes

function quotesSection(data: ReportData): Html {
  const intro = html`<p>Quotations that appear in more than one document, matched as the same utterance even when reworded. The original's wording comes first; under each other document, <mark class="only-a">highlighted words</mark> are the original's and <mark class="only-b">highlighted words</mark> replace or add to them, and <span class="cut">dimmed words</span> were left out.</p>`;
  if (data.quotes.length === 0) return html`<section id="quotes"><h2>Quotes</h2>${intro}<p>No quotation appears in more than one document.</p></section>`;
  return html`<section id="quotes"><h2>Quotes</h2>${intro}
${data.quotes.map((u, i) => utteranceBlock(data, u, i + 1))}
${leftOut(data.quotesLeftOut > 0 && `${count(data.quotesLeftOut, 'more quotation')} left out.`)}
</section>`;
}

function utteranceBlock(data: ReportData, u: Utterance, number: number): Html {
  const variants = u.variants.map((v) => {
    if (v.canonical) return html`<li class="original"><strong class="badge">Original</strong> ${docLine(data, v.doc)}</li>`;
    const how = v.duplicateOf ? ' · exact duplicate' : v.matchedBy === 'link' ? '' : ` · matched by ${v.matchedBy}`;
    const said = v.drift?.speakerDifferent && v.speaker ? html` · said by <bdi>${v.speaker}</bdi>` : '';
    const words = v.drift && v.drift.altered ? html`<br><span class="drift" dir="auto">${driftWords(v.drift.segments)}</span>` : '';
    return html`<li>${docLine(data, v.doc)}${how} · ${v.drift ? describeDrift(v.drift) : ''}${said}${words}</li>`;
  });
  return html`<article class="utterance" id="quote-${number}">
<h3>${number}. <bdi>${u.speaker ?? 'Unknown speaker'}</bdi> · ${count(u.documents, 'document')}${u.altered ? ' · altered' : ''}</h3>
<p class="quote" dir="auto">“${u.text}”</p>
<ul class="variants">${variants}</ul>
</article>`;
}

function driftWords(segments: DriftSegment[]): Html {
  const parts = segments.map((s): Html => {
    if (s.style === 'same') return html`${s.text}`;
    if (s.style === 'cut') return html`<span class="cut">${s.text}</span>`;
    return html`<mark class="${s.style === 'removed' ? 'only-a' : 'only-b'}">${s.text}</mark>`;
  });
  return join(parts, ' ');
}

// ---------------------------------------------------------------- documents

function documentsSection(data: ReportData): Html {
  const docs = [...data.documents.values()].sort((x, y) => x.seq - y.seq);
  const rows = docs.map((d) => {
    const links = d.shownLinks.map((n) => html`<a href="#link-${n}">${n}</a>`);
    const extra = [d.author && html`by <bdi>${d.author}</bdi>`, d.language && `language ${d.language}`, d.duplicateOf && html`exact duplicate of ${docRef(data, d.duplicateOf)}`].filter(Boolean) as HtmlValue[];
    return html`<tr id="doc-${d.seq}"><td class="num">${d.seq}</td><td><bdi>${d.title ?? '(no title)'}</bdi><br><code><bdi>${d.id}</bdi></code>${extra.length ? html`<br><span class="quiet">${join(extra, ' · ')}</span>` : ''}</td><td><bdi>${d.outlet ?? ''}</bdi></td><td>${d.published ?? ''}</td><td class="url">${d.url ? externalLink(d.url) : ''}</td><td class="num">${num(d.chars)}</td><td>${count(d.links, 'link')}${links.length ? html`: ${join(links, ', ')}` : ''}</td></tr>`;
  });
  return html`<section id="documents"><h2>Documents</h2>
<p>Every document named in this report, in stored order. Only http and https addresses are links.</p>
<table class="documents"><thead><tr><th class="num">#</th><th>Title and id</th><th>Outlet</th><th>Published</th><th>Address</th><th class="num">Characters</th><th>Links</th></tr></thead><tbody>${rows}</tbody></table>
</section>`;
}

const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff;margin:0 auto;max-width:1200px;padding:0 1.2em 3em}
h1{margin:.8em 0 .2em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}h3{margin:1.2em 0 .3em}h4{margin:.8em 0 .3em;font-size:.95em}
.meta,.quiet,.left-out{color:#555}.left-out{font-style:italic}
nav a{margin:0 .1em}
dl.figures{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}dl.figures dt{font-weight:600}dl.figures dd{margin:0}
table{border-collapse:collapse;margin:.4em 0}th,td{text-align:left;vertical-align:top;padding:.25em .6em;border-bottom:1px solid #e4e4e4}
.num{text-align:right}
.kind{display:inline-block;border-radius:3px;padding:0 .4em;font-size:.85em;color:#fff}
.kind-verbatim{background:#b2182b}.kind-edited{background:#b35806}.kind-paraphrase{background:#2166ac}
.badge{font-size:.8em;text-transform:uppercase;letter-spacing:.03em}.derivative{color:#555}
.legend-item{margin-right:1.2em;white-space:nowrap}
.graph-wrap{overflow:auto;border:1px solid #e4e4e4;max-height:80vh}
.graph a:hover text{text-decoration:underline}
ol.timeline,ol.members{padding-left:1.6em}li.original{font-weight:600}
.date{font-variant-numeric:tabular-nums;color:#444}
article.link{border-top:1px solid #ccc;margin-top:1.6em}
ul.sides{list-style:none;padding:0}ul.sides code,td code{font-size:.85em;color:#555;word-break:break-all}
.direction{background:#f6f6f6;border-left:4px solid #999;padding:.2em .8em;margin:.6em 0}
table.side-by-side{width:100%;table-layout:fixed}table.side-by-side td{white-space:pre-wrap;overflow-wrap:anywhere;width:50%;font-size:.93em}
td.cut{text-align:center;color:#555;font-style:italic;white-space:normal}
mark.only-a{background:#ffd4d0;color:inherit}mark.only-b{background:#cdf1d3;color:inherit}
td.url{overflow-wrap:anywhere;max-width:22em}
article.utterance{border-top:1px solid #ccc;margin-top:1.2em}p.quote{font-style:italic;margin:.3em 0}ul.variants{padding-left:1.2em}
.drift{display:inline-block;margin:.2em 0 .4em}span.cut{color:#888;text-decoration:line-through}
@media print{.graph-wrap{overflow:visible;max-height:none;border:0}article.link{break-inside:avoid-page}}
`;
