import cytoscape from 'cytoscape';
import { useEffect, useRef } from 'preact/hooks';
import { api, type GraphJson } from '../api.js';
import { href, navigate, useRoute } from '../router.js';
import { Link, Ready, Status, day, useLoad } from '../ui.js';

const KIND_COLOURS = { verbatim: '#c0392b', edited: '#d68910', paraphrase: '#2471a3' } as const;
const WIDTH = 1600;
const LANE = 90;
const UNDATED_WIDTH = 260;

const short = (s: string) => (s.length > 28 ? `${s.slice(0, 27)}…` : s);

declare global {
  interface Window {
    __mimeoGraph?: { nodes: number; edges: number; ids: string[] };
  }
}

/**
 * Preset positions, no animated layout (it must stay quick for thousands of nodes): x by publication
 * date, y by story lane; undated documents on a ring per lane at the left, so their links stay apart.
 */
function positions(g: GraphJson): { pos: Map<string, { x: number; y: number }>; range: [number, number] | null } {
  const times = g.nodes.map((n) => (n.published ? Date.parse(n.published) : NaN));
  const known = times.filter((t) => Number.isFinite(t));
  const range: [number, number] | null = known.length > 0 ? [Math.min(...known), Math.max(...known)] : null;
  const laneOf = new Map<string, number>();
  const lane = (i: number) => {
    const n = g.nodes[i];
    const key = n.story !== null ? `s${n.story}` : n.cluster !== null ? `c${n.cluster}` : 'none';
    if (!laneOf.has(key)) laneOf.set(key, laneOf.size);
    return laneOf.get(key)!;
  };
  const undated = new Map<number, number[]>();
  const dated = new Map<number, number>();
  const pos = new Map<string, { x: number; y: number }>();
  const lanes = g.nodes.map((_, i) => lane(i));
  g.nodes.forEach((n, i) => {
    const t = times[i];
    if (Number.isFinite(t) && range) {
      const k = dated.get(lanes[i]) ?? 0;
      dated.set(lanes[i], k + 1);
      const x = UNDATED_WIDTH + ((t - range[0]) / Math.max(1, range[1] - range[0])) * (WIDTH - UNDATED_WIDTH);
      // Stagger within a lane so documents of one day do not sit on each other.
      pos.set(n.id, { x, y: lanes[i] * LANE * 3 + (k % 5) * LANE * 0.55 + Math.floor(k / 5) * 6 });
    } else {
      undated.set(lanes[i], [...(undated.get(lanes[i]) ?? []), i]);
    }
  });
  for (const [l, members] of undated) {
    const r = Math.max(60, members.length * 22);
    members.forEach((i, k) => {
      const angle = (2 * Math.PI * k) / members.length - Math.PI / 2;
      pos.set(g.nodes[i].id, { x: r * Math.cos(angle) - (range ? r + 40 : 0), y: l * LANE * 3 + r * Math.sin(angle) });
    });
  }
  return { pos, range };
}

const TICKS = 6;
/** Ids of the drawing's own nodes start with a NUL, which no document id has. */
const storyNode = (id: number) => `\u0000story:${id}`;

function GraphView(props: { g: GraphJson; storyTitles: Map<number, string> }) {
  const box = useRef<HTMLDivElement>(null);
  const { g } = props;
  useEffect(() => {
    if (!box.current) return;
    const { pos, range } = positions(g);
    const large = g.nodes.length > 300;
    // Stories with two or more drawn documents become labelled groups (below 300 nodes: compound
    // nodes make a large graph's pans and zooms several times slower; the lanes still separate them).
    const perStory = new Map<number, number>();
    for (const n of g.nodes) if (n.story !== null) perStory.set(n.story, (perStory.get(n.story) ?? 0) + 1);
    const groups = large ? [] : [...perStory].filter(([, k]) => k >= 2).map(([id]) => id);
    const grouped = new Set(groups);
    // A time axis that pans and zooms with the graph: tick marks under the lowest node.
    const ticks: Array<{ data: Record<string, string>; position: { x: number; y: number }; classes: string }> = [];
    if (range) {
      const bottom = Math.max(...[...pos.values()].map((p) => p.y)) + 70;
      for (let i = 0; i < TICKS; i++) {
        const t = range[0] + ((range[1] - range[0]) * i) / (TICKS - 1);
        const x = UNDATED_WIDTH + ((t - range[0]) / Math.max(1, range[1] - range[0])) * (WIDTH - UNDATED_WIDTH);
        ticks.push({ data: { id: `\u0000tick:${i}`, label: new Date(t).toISOString().slice(0, 10) }, position: { x, y: bottom }, classes: 'tick' });
        if (range[0] === range[1]) break;
      }
    }
    const cy = cytoscape({
      container: box.current,
      elements: [
        ...groups.map((id) => ({ data: { id: storyNode(id), label: short(props.storyTitles.get(id) ?? `story ${id}`) }, classes: 'story' })),
        ...g.nodes.map((n) => ({
          data: {
            id: n.id,
            label: large ? '' : `${short(n.outlet ?? n.title ?? n.id)}\n${day(n.published)}`,
            ...(n.story !== null && grouped.has(n.story) ? { parent: storyNode(n.story) } : {}),
          },
          position: pos.get(n.id),
          classes: 'doc',
        })),
        ...ticks,
        ...g.edges.map((e, i) => {
          const [source, target] = e.source === e.b ? [e.b, e.a] : [e.a, e.b];
          return { data: { id: `e${i}`, source, target, kind: e.kind, directed: e.source !== null ? 1 : 0, a: e.a, b: e.b } };
        }),
      ],
      layout: { name: 'preset', fit: true, padding: 30 },
      textureOnViewport: large,
      hideEdgesOnViewport: large,
      pixelRatio: 1,
      style: [
        { selector: 'node.doc', style: { 'background-color': '#566573', width: 14, height: 14, label: 'data(label)', 'font-size': 9, 'text-wrap': 'wrap', 'text-valign': 'bottom', 'text-margin-y': 3, color: '#222' } },
        { selector: 'node.story', style: { 'background-color': '#eef2f5', 'background-opacity': 0.6, 'border-width': 1, 'border-color': '#c5ced6', shape: 'round-rectangle', label: 'data(label)', 'font-size': 10, color: '#51606c', 'text-valign': 'top', 'text-halign': 'center', padding: '18px' } },
        { selector: 'node.tick', style: { shape: 'rectangle', width: 1, height: 10, 'background-color': '#9aa5ae', label: 'data(label)', 'font-size': 9, color: '#6b7580', 'text-valign': 'bottom', 'text-margin-y': 2, events: 'no' } },
        { selector: 'edge', style: { width: 2, 'curve-style': 'bezier', 'line-color': '#999', 'target-arrow-shape': 'none' } },
        ...(['verbatim', 'edited', 'paraphrase'] as const).map((k) => ({ selector: `edge[kind = "${k}"]`, style: { 'line-color': KIND_COLOURS[k], 'target-arrow-color': KIND_COLOURS[k] } })),
        { selector: 'edge[directed = 1]', style: { 'target-arrow-shape': 'triangle' } },
        { selector: 'edge[directed = 0]', style: { 'line-style': 'dashed' } },
      ],
    });
    cy.nodes('.tick').ungrabify().unselectify();
    cy.on('tap', 'node.doc', (e) => navigate(href.doc(e.target.id())));
    cy.on('tap', 'node.story', (e) => navigate(href.graph({ story: Number(String(e.target.id()).split(':')[1]) })));
    cy.on('tap', 'edge', (e) => navigate(href.compare(e.target.data('a'), e.target.data('b'))));
    const docs = cy.nodes('.doc');
    window.__mimeoGraph = { nodes: docs.length, edges: cy.edges().length, ids: docs.map((n) => n.id()) };
    return () => {
      cy.destroy();
      delete window.__mimeoGraph;
    };
  }, [g]);
  const { range } = positions(g);
  return (
    <>
      <Ready page="graph" />
      <div class="legend">
        {(['verbatim', 'edited', 'paraphrase'] as const).map((k) => (
          <span class="swatch" style={`--c:${KIND_COLOURS[k]}`}>{k}</span>
        ))}
        <span class="muted"> arrows point from the original to the copy; dashed: direction undetermined · click a document to open it, a link to compare</span>
      </div>
      <div class="graph" ref={box} data-testid="graph" data-nodes={g.nodes.length} data-edges={g.edges.length} />
      <div class="axis small">
        <span>undated</span>
        <span>{range ? `${new Date(range[0]).toISOString().slice(0, 10)} → ${new Date(range[1]).toISOString().slice(0, 10)} (left to right by publication date)` : 'no publication dates'}</span>
      </div>
      {g.truncated && <p class="muted">Only the strongest links are drawn (node limit reached).</p>}
    </>
  );
}

export function GraphPage() {
  const route = useRoute();
  const story = route.query.get('story');
  const doc = route.query.get('doc') ?? undefined;
  const limit = Number(route.query.get('limit') ?? '') || undefined;
  const stories = useLoad(() => api.stories(), 'stories');
  const graph = useLoad(() => api.graph({ story: story !== null ? Number(story) : undefined, doc, limit }), route.query.toString());
  return (
    <section>
      <h1>Provenance graph</h1>
      <Status loaded={stories}>
        {(s) => (
          <p class="small">
            {s.status === 'computing' ? 'Stories are being computed… ' : 'Stories: '}
            <Link href={href.graph()}>all</Link>
            {s.stories.slice(0, 30).map((st) => (
              <>
                {' · '}
                <Link href={href.graph({ story: st.id })}>{st.title}</Link> ({st.members.length})
              </>
            ))}
          </p>
        )}
      </Status>
      <Status loaded={graph}>
        {(g) => <GraphView g={g} storyTitles={new Map(stories.state === 'ready' ? stories.data.stories.map((st) => [st.id, st.title] as [number, string]) : [])} />}
      </Status>
    </section>
  );
}
