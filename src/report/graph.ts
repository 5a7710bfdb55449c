/**
 * The provenance graph as an inline SVG: documents as nodes, links as edges (source → derivative
 * when the direction is known). The layout is computed here, deterministically: the same data
 * always gives the same picture, with no script in the page.
 */
import type { PassageKind } from '../align/types.js';
import { html, join, type Html } from './escape.js';

export interface GraphNode {
  /** Document id (only a key; shown through `label` and `tooltip`). */
  id: string;
  /** Fragment the node links to, e.g. "doc-12". */
  anchor: string;
  /** Outlet or short title. */
  label: string;
  /** Date, or "no date". */
  sublabel: string;
  tooltip: string;
  /** Documents of the same story (or cluster) are kept together. */
  group: string | null;
  /** Publication time, for ordering; null when unknown. */
  time: number | null;
  seq: number;
  /** The original of a reprint cluster: drawn filled. */
  original: boolean;
}

export interface GraphEdge {
  /** The source when directed, else either end. */
  from: string;
  to: string;
  directed: boolean;
  kind: PassageKind;
  duplicate: boolean;
  anchor: string;
  tooltip: string;
}

export interface Point {
  x: number;
  y: number;
}

/** A story's frame around several unlinked parts that belong together. */
export interface GraphFrame {
  x: number;
  y: number;
  width: number;
  height: number;
  label: string;
}

export interface GraphLayout {
  width: number;
  height: number;
  positions: Map<string, Point>;
  frames: GraphFrame[];
}

export const KIND_COLORS: Record<PassageKind, string> = {
  verbatim: '#b2182b',
  edited: '#e08214',
  paraphrase: '#2166ac',
};

/** Ideal distance between linked documents: about a label's width. */
const SPACING = 130;
const RADIUS = 7;
/** Room around a node for its two label lines. */
const NODE_BOX = { left: 65, right: 65, top: 12, bottom: 40 };
const GAP = 24;
const MARGIN = 12;
/** Rows fit the page's width (1200 px less padding) when nothing is wider. */
const MAX_ROW = 1120;
const FRAME_PAD = 10;
const FRAME_LABEL = 18;
const LABEL_CHARS = 22;

interface Box {
  width: number;
  height: number;
  /** Node positions relative to the box's top left corner. */
  positions: Map<string, Point>;
  frames: GraphFrame[];
}

/**
 * Positions for every node. Documents joined by links are laid out by forces; the linked parts of
 * one story (`group`) are packed together inside a frame; then everything is packed in rows,
 * largest first.
 */
export function layoutGraph(nodes: readonly GraphNode[], edges: readonly GraphEdge[], groupLabels: ReadonlyMap<string, string> = new Map()): GraphLayout {
  const ordered = nodes.slice().sort(compareNodes);
  const index = new Map(ordered.map((n, i) => [n.id, i]));
  const valid = edges.filter((e) => index.has(e.from) && index.has(e.to) && e.from !== e.to);
  const parts = unionParts(ordered, valid.map((e) => [index.get(e.from)!, index.get(e.to)!]));

  // Blocks: linked parts whose documents share a group.
  const pairs: Array<[number, number]> = [];
  const firstOfGroup = new Map<string, number>();
  parts.forEach((part, p) => {
    for (const n of part) {
      if (n.group === null) continue;
      const first = firstOfGroup.get(n.group);
      if (first === undefined) firstOfGroup.set(n.group, p);
      else if (first !== p) pairs.push([first, p]);
    }
  });
  const blocks = unionParts(
    parts.map((_, p) => p),
    pairs,
    (p) => parts[p].length,
  );

  const boxes = blocks.map((members): Box => {
    const inner = members.map((p) => forceBox(parts[p], valid));
    if (inner.length === 1) return inner[0];
    const area = inner.reduce((sum, b) => sum + b.width * b.height, 0);
    const packed = shift(pack(inner, Math.max(Math.sqrt(area) * 1.4, ...inner.map((b) => b.width))), FRAME_PAD, FRAME_LABEL);
    const group = members.flatMap((p) => parts[p]).find((n) => n.group !== null)?.group ?? null;
    const frame = {
      x: 0,
      y: 0,
      width: packed.width + 2 * FRAME_PAD,
      height: packed.height + FRAME_PAD + FRAME_LABEL,
      label: group === null ? '' : (groupLabels.get(group) ?? group),
    };
    return { width: frame.width, height: frame.height, positions: packed.positions, frames: [frame, ...packed.frames] };
  });
  const page = shift(pack(boxes, Math.max(MAX_ROW, ...boxes.map((b) => b.width))), MARGIN, MARGIN);
  const positions = new Map([...page.positions].map(([id, p]) => [id, { x: round(p.x), y: round(p.y) }]));
  return { width: Math.ceil(page.width + 2 * MARGIN), height: Math.ceil(page.height + 2 * MARGIN), positions, frames: page.frames };
}

/** Earliest first, undated last, then stored order. */
function compareNodes(x: GraphNode, y: GraphNode): number {
  if (x.time !== y.time) {
    if (x.time === null) return 1;
    if (y.time === null) return -1;
    return x.time - y.time;
  }
  return x.seq - y.seq;
}

/** Union-find over `items`: the joined sets in input order, largest (by `size`) first. */
function unionParts<T>(items: T[], pairs: Array<[number, number]>, size: (item: T) => number = () => 1): T[][] {
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (const [i, j] of pairs) {
    const [ri, rj] = [find(i), find(j)];
    if (ri !== rj) parent[Math.max(ri, rj)] = Math.min(ri, rj);
  }
  const sets = new Map<number, { items: T[]; first: number; size: number }>();
  items.forEach((item, i) => {
    const root = find(i);
    const set = sets.get(root) ?? { items: [], first: i, size: 0 };
    set.items.push(item);
    set.size += size(item);
    sets.set(root, set);
  });
  return [...sets.values()].sort((x, y) => y.size - x.size || x.first - y.first).map((set) => set.items);
}

/** Shelf packing: left to right, a new row when the row is full. */
function pack(boxes: Box[], rowLimit: number): Box {
  const positions = new Map<string, Point>();
  const frames: GraphFrame[] = [];
  let [x, y, rowHeight, width] = [0, 0, 0, 0];
  for (const box of boxes) {
    if (x > 0 && x + box.width > rowLimit) {
      y += rowHeight + GAP;
      [x, rowHeight] = [0, 0];
    }
    const placed = shift(box, x, y);
    for (const [id, p] of placed.positions) positions.set(id, p);
    frames.push(...placed.frames);
    x += box.width + GAP;
    rowHeight = Math.max(rowHeight, box.height);
    width = Math.max(width, x - GAP);
  }
  return { width, height: y + rowHeight, positions, frames };
}

function shift(box: Box, dx: number, dy: number): Box {
  return {
    width: box.width,
    height: box.height,
    positions: new Map([...box.positions].map(([id, p]) => [id, { x: p.x + dx, y: p.y + dy }])),
    frames: box.frames.map((f) => ({ ...f, x: f.x + dx, y: f.y + dy })),
  };
}

/** A linked part laid out by forces, in a box with room for the labels. */
function forceBox(members: GraphNode[], edges: GraphEdge[]): Box {
  const local = forceLayout(members, edges);
  const xs = [...local.values()].map((p) => p.x);
  const ys = [...local.values()].map((p) => p.y);
  const [minX, minY] = [Math.min(...xs), Math.min(...ys)];
  const positions = new Map([...local].map(([id, p]) => [id, { x: p.x - minX + NODE_BOX.left, y: p.y - minY + NODE_BOX.top }]));
  return {
    width: Math.max(...xs) - minX + NODE_BOX.left + NODE_BOX.right,
    height: Math.max(...ys) - minY + NODE_BOX.top + NODE_BOX.bottom,
    positions,
    frames: [],
  };
}

/**
 * Fruchterman–Reingold from a fixed spiral start, plus a pull that puts sources left of their
 * derivatives: the picture reads left to right, earlier to later.
 */
function forceLayout(members: GraphNode[], edges: GraphEdge[]): Map<string, Point> {
  const n = members.length;
  const local = new Map(members.map((m, i) => [m.id, i]));
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  // Members come earliest first: start them left to right, staggered, so time already reads across.
  for (let i = 0; i < n; i++) {
    x[i] = i * SPACING * 0.5;
    y[i] = ((i % 3) - 1) * SPACING * 0.5 + Math.sin(i * 2.399963) * SPACING * 0.2;
  }
  if (n === 1) return new Map([[members[0].id, { x: 0, y: 0 }]]);
  if (n === 2) {
    // A pair reads best side by side, the source (or the earlier) on the left.
    const backwards = edges.some((e) => e.directed && e.from === members[1].id && e.to === members[0].id);
    const [left, right] = backwards ? [members[1], members[0]] : [members[0], members[1]];
    return new Map([
      [left.id, { x: 0, y: 0 }],
      [right.id, { x: SPACING, y: 0 }],
    ]);
  }
  const mine = edges.filter((e) => local.has(e.from) && local.has(e.to)).map((e) => ({ u: local.get(e.from)!, v: local.get(e.to)!, directed: e.directed }));
  const k = SPACING;
  const iterations = n <= 60 ? 300 : 150;
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  for (let step = 0; step < iterations; step++) {
    dx.fill(0);
    dy.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let [ex, ey] = [x[i] - x[j], y[i] - y[j]];
        let d2 = ex * ex + ey * ey;
        if (d2 < 1e-6) {
          // Coincident: separate along a fixed, index-dependent direction.
          [ex, ey] = [Math.cos(i + j), Math.sin(i + j)];
          d2 = 1;
        }
        const f = (k * k) / d2;
        dx[i] += ex * f;
        dy[i] += ey * f;
        dx[j] -= ex * f;
        dy[j] -= ey * f;
      }
    }
    for (const { u, v, directed } of mine) {
      const [ex, ey] = [x[u] - x[v], y[u] - y[v]];
      const d = Math.sqrt(ex * ex + ey * ey) || 1;
      const f = d / k;
      dx[u] -= ex * f;
      dy[u] -= ey * f;
      dx[v] += ex * f;
      dy[v] += ey * f;
      if (directed && x[v] - x[u] < k * 0.6) {
        const push = (k * 0.6 - (x[v] - x[u])) * 0.5;
        dx[u] -= push;
        dx[v] += push;
      }
    }
    const temperature = k * 1.5 * (1 - step / iterations) + 1;
    for (let i = 0; i < n; i++) {
      const len = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]);
      if (len === 0) continue;
      const move = Math.min(len, temperature) / len;
      x[i] += dx[i] * move;
      y[i] += dy[i] * move;
    }
  }
  separateLabels(x, y);
  return new Map(members.map((m, i) => [m.id, { x: x[i], y: y[i] }]));
}

/** Room a node's label needs: nodes closer than this on both axes overlap. */
const LABEL_BOX = { width: 120, height: 46 };

/** Pushes overlapping labels apart along the axis where they overlap least. */
function separateLabels(x: Float64Array, y: Float64Array): void {
  const n = x.length;
  for (let round = 0; round < 60; round++) {
    let moved = false;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const [ex, ey] = [x[j] - x[i], y[j] - y[i]];
        const [ox, oy] = [LABEL_BOX.width - Math.abs(ex), LABEL_BOX.height - Math.abs(ey)];
        if (ox <= 0 || oy <= 0) continue;
        moved = true;
        // Coincident nodes split by index so the result stays deterministic.
        if (ox / LABEL_BOX.width < oy / LABEL_BOX.height) {
          const half = (ox / 2 + 0.5) * (ex < 0 ? -1 : 1);
          x[i] -= half;
          x[j] += half;
        } else {
          const half = (oy / 2 + 0.5) * (ey < 0 ? -1 : 1);
          y[i] -= half;
          y[j] += half;
        }
      }
    }
    if (!moved) return;
  }
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

/** Cuts a label to `max` characters with "…" (by code points, so no half emoji). */
export function shorten(text: string, max = LABEL_CHARS): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length <= max ? chars.join('') : chars.slice(0, max - 1).join('') + '…';
}

/** The whole picture; every text in it is escaped. */
export function graphSvg(nodes: readonly GraphNode[], edges: readonly GraphEdge[], title: string, groupLabels?: ReadonlyMap<string, string>): Html {
  const layout = layoutGraph(nodes, edges, groupLabels);
  const at = layout.positions;
  const markers = (Object.keys(KIND_COLORS) as PassageKind[]).map(
    (kind) =>
      html`<marker id="arrow-${kind}" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="${KIND_COLORS[kind]}"/></marker>`,
  );
  const lines = edges
    .filter((e) => at.has(e.from) && at.has(e.to) && e.from !== e.to)
    .map((e) => {
      const [p, q] = [at.get(e.from)!, at.get(e.to)!];
      const d = Math.hypot(q.x - p.x, q.y - p.y) || 1;
      const [ux, uy] = [(q.x - p.x) / d, (q.y - p.y) / d];
      const gap = RADIUS + 1;
      const color = KIND_COLORS[e.kind];
      return html`<a href="#${e.anchor}"><line x1="${round(p.x + ux * gap)}" y1="${round(p.y + uy * gap)}" x2="${round(q.x - ux * gap)}" y2="${round(q.y - uy * gap)}" stroke="${color}" stroke-width="${e.duplicate ? 3.5 : 2}"${e.directed ? html` marker-end="url(#arrow-${e.kind})"` : html` stroke-dasharray="6 4"`}><title>${e.tooltip}</title></line></a>`;
    });
  const frames = layout.frames.map(
    (f) =>
      html`<g class="frame"><rect x="${round(f.x)}" y="${round(f.y)}" width="${round(f.width)}" height="${round(f.height)}" rx="6" fill="#f4f4f4" stroke="#ddd"/><text x="${round(f.x + 8)}" y="${round(f.y + 13)}" fill="#555">${shorten(f.label, Math.max(8, Math.floor(f.width / 6.5)))}</text></g>`,
  );
  const circles = nodes
    .filter((n) => at.has(n.id))
    .map((n) => {
      const p = at.get(n.id)!;
      return html`<a href="#${n.anchor}"><g class="node" transform="translate(${p.x} ${p.y})"><title>${n.tooltip}</title><circle r="${RADIUS}" fill="${n.original ? '#222' : '#fff'}" stroke="#222" stroke-width="1.5"/><g text-anchor="middle" paint-order="stroke" stroke="#fff" stroke-width="3" stroke-linejoin="round"><text y="20">${shorten(n.label)}</text><text y="33" fill="#666">${n.sublabel}</text></g></g></a>`;
    });
  return html`<svg xmlns="http://www.w3.org/2000/svg" class="graph" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" role="img" aria-label="${title}" font-family="system-ui, sans-serif" font-size="11"><title>${title}</title><defs>${markers}</defs><g class="frames">${frames}</g><g class="edges">${lines}</g><g class="nodes">${join(circles)}</g></svg>`;
}
