// Text with marked ranges, rendered as text nodes inside spans (never as HTML).
import type { ComponentChildren } from 'preact';

export interface Mark {
  start: number;
  end: number;
  class: string;
  title?: string;
  /** Extra attributes for tests and click-through (data-*). */
  data?: Record<string, string>;
  onClick?: () => void;
}

/** Cuts `text` into plain and marked pieces; overlapping marks: the earlier-starting one wins. */
export function Highlighted(props: { text: string; marks: Mark[]; from?: number; to?: number }) {
  const from = props.from ?? 0;
  const to = props.to ?? props.text.length;
  const marks = props.marks.filter((m) => m.end > from && m.start < to).sort((x, y) => x.start - y.start || y.end - x.end);
  const out: ComponentChildren[] = [];
  let at = from;
  for (const m of marks) {
    const start = Math.max(m.start, at);
    const end = Math.min(m.end, to);
    if (end <= start) continue;
    if (start > at) out.push(props.text.slice(at, start));
    const data: Record<string, string> = {};
    for (const [k, v] of Object.entries(m.data ?? {})) data[`data-${k}`] = v;
    out.push(
      <mark class={m.class} title={m.title} {...data} onClick={m.onClick} data-start={String(start)} data-end={String(end)}>
        {props.text.slice(start, end)}
      </mark>,
    );
    at = end;
  }
  if (at < to) out.push(props.text.slice(at, to));
  return <>{out}</>;
}
