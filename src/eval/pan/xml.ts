/**
 * PAN annotation XML: read gold/detection features, write detections in PAN's format.
 * The files are tiny and regular, so a small regex parser is enough.
 */
import type { Case, Detection } from './measure.js';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ENTITIES[entity] ?? whole;
  });
}

export function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Attributes of one start tag body, in any order, single or double quoted. */
function parseAttributes(tagBody: string): Map<string, string> {
  const attributes = new Map<string, string>();
  const pattern = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (const match of tagBody.matchAll(pattern)) {
    attributes.set(match[1], unescapeXml(match[2] ?? match[3] ?? ''));
  }
  return attributes;
}

function readOffset(attributes: Map<string, string>, name: string): number {
  const raw = attributes.get(name);
  if (raw === undefined) throw new Error(`feature without ${name}`);
  const value = Number(raw.trim());
  if (!Number.isInteger(value) || value < 0) throw new Error(`bad ${name} "${raw}"`);
  return value;
}

/** The `reference` of the `<document>` element, or undefined when absent. */
export function documentReference(xml: string): string | undefined {
  const match = /<document\b([^>]*)>/.exec(xml);
  return match ? parseAttributes(match[1]).get('reference') : undefined;
}

/**
 * Features named `featureName` ("plagiarism" for gold, "detected-plagiarism" for detections).
 * Other features (about, md5, ...) are ignored. Throws a one-line Error on a malformed feature.
 */
export function parseFeatures(xml: string, featureName: string, fallbackSusp = ''): Case[] {
  const susp = documentReference(xml) ?? fallbackSusp;
  const features: Case[] = [];
  // A truncated `<feature ...` (no closing `>`) would otherwise vanish or swallow the next tag.
  const unterminated = /<feature\b[^>]*(?=<|$)/.exec(xml);
  if (unterminated) throw new Error(`unterminated <feature> tag at offset ${unterminated.index}`);
  for (const match of xml.matchAll(/<feature\b([^>]*?)\/?>/g)) {
    const attributes = parseAttributes(match[1]);
    if (attributes.get('name') !== featureName) continue;
    const src = attributes.get('source_reference');
    if (!src) throw new Error('feature without source_reference');
    features.push({
      susp,
      src,
      thisOffset: readOffset(attributes, 'this_offset'),
      thisLength: readOffset(attributes, 'this_length'),
      srcOffset: readOffset(attributes, 'source_offset'),
      srcLength: readOffset(attributes, 'source_length'),
    });
  }
  return features;
}

/** Detection XML for one suspicious document, exactly in PAN's output format. */
export function formatDetections(susp: string, detections: Detection[]): string {
  const lines = [`<document reference="${escapeXml(susp)}">`];
  for (const d of detections) {
    lines.push(
      `<feature name="detected-plagiarism" this_offset="${d.thisOffset}" this_length="${d.thisLength}"` +
        ` source_reference="${escapeXml(d.src)}" source_offset="${d.srcOffset}" source_length="${d.srcLength}" />`,
    );
  }
  lines.push('</document>', '');
  return lines.join('\n');
}
