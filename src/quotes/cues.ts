// Verbs (and a few phrases) that attribute speech or writing to someone. Each lemma's inflected
// forms are generated; irregular ones are listed. "Strong" cues nearly always introduce a quote;
// the others (think, call, describe) only count right next to a quote mark.

const STRONG = `say tell add ask write state note explain continue argue insist claim declare warn recall
remark reply respond answer acknowledge admit announce concede contend counter emphasize emphasise stress
suggest tweet post joke quip shout yell exclaim complain observe predict promise conclude caution urge vow
boast lament muse reiterate testify agree elaborate fume plead proclaim speculate assert allege charge
gripe brag marvel snap scoff chant whisper mutter scream cry sigh laugh demand wonder tout retort interject
rail rant opine confide confirm deny disclose reveal report recount reason repeat estimate
inform instruct advise assure counsel preach pledge swear concur reflect relate
sneer grumble protest beg implore accuse criticize criticise blast slam defend dismiss reject praise attack mock hail laud
chide scold rebuke condemn denounce bark thunder roar holler sing cheer jeer gush plead summarize summarise
hint surmise exhort retaliate riff remember react`;

const WEAK = `think believe feel describe call dub label term put go read hope worry fear know want see pan`;

const IRREGULAR: Record<string, string[]> = {
  say: ['says', 'said', 'saying'],
  tell: ['tells', 'told', 'telling'],
  write: ['writes', 'wrote', 'written', 'writing'],
  swear: ['swears', 'swore', 'sworn', 'swearing'],
  think: ['thinks', 'thought', 'thinking'],
  feel: ['feels', 'felt', 'feeling'],
  put: ['puts', 'put', 'putting'],
  go: ['goes', 'went', 'gone', 'going'],
  read: ['reads', 'read', 'reading'],
  know: ['knows', 'knew', 'known', 'knowing'],
  see: ['sees', 'saw', 'seen', 'seeing'],
  cry: ['cries', 'cried', 'crying'],
  reply: ['replies', 'replied', 'replying'],
  testify: ['testifies', 'testified', 'testifying'],
  deny: ['denies', 'denied', 'denying'],
  quip: ['quips', 'quipped', 'quipping'],
  snap: ['snaps', 'snapped', 'snapping'],
  scoff: ['scoffs', 'scoffed', 'scoffing'],
  slam: ['slams', 'slammed', 'slamming'],
  admit: ['admits', 'admitted', 'admitting'],
  rant: ['rants', 'ranted', 'ranting'],
  marvel: ['marvels', 'marveled', 'marvelled', 'marveling', 'marvelling'],
  concur: ['concurs', 'concurred', 'concurring'],
  beg: ['begs', 'begged', 'begging'],
  pan: ['pans', 'panned', 'panning'],
  dub: ['dubs', 'dubbed', 'dubbing'],
  label: ['labels', 'labeled', 'labelled', 'labeling', 'labelling'],
  interject: ['interjects', 'interjected', 'interjecting'],
};

function inflect(lemma: string): string[] {
  const irregular = IRREGULAR[lemma];
  if (irregular) return [lemma, ...irregular];
  const forms = [lemma];
  if (/(?:s|sh|ch|x|z)$/.test(lemma)) forms.push(`${lemma}es`);
  else if (/[^aeiou]y$/.test(lemma)) forms.push(`${lemma.slice(0, -1)}ies`);
  else forms.push(`${lemma}s`);
  if (lemma.endsWith('e')) forms.push(`${lemma}d`, `${lemma.slice(0, -1)}ing`);
  else if (/[^aeiou]y$/.test(lemma)) forms.push(`${lemma.slice(0, -1)}ied`, `${lemma}ing`);
  else forms.push(`${lemma}ed`, `${lemma}ing`);
  return forms;
}

function formTable(list: string): Map<string, string> {
  const table = new Map<string, string>();
  for (const lemma of list.split(/\s+/).filter(Boolean)) for (const form of inflect(lemma)) if (!table.has(form)) table.set(form, lemma);
  return table;
}

const STRONG_FORMS = formTable(STRONG);
const WEAK_FORMS = formTable(WEAK);
// Only in the past tense: "Hannity pressed." ("press" is mostly a noun: "press secretary").
WEAK_FORMS.set('pressed', 'press');

export interface CueWord {
  lemma: string;
  strong: boolean;
}

/** The cue a lower-case word form belongs to, or null. */
export function cueOf(word: string): CueWord | null {
  const lower = word.toLowerCase();
  const strong = STRONG_FORMS.get(lower);
  if (strong) return { lemma: strong, strong: true };
  const weak = WEAK_FORMS.get(lower);
  return weak ? { lemma: weak, strong: false } : null;
}

/** Verbs that attribute speech only with "back" after them ("shot back", "fired back"): the verb form → the phrase. */
const BACK_VERBS = new Map<string, string>(
  ['shoot:shoots:shot:shooting', 'fire:fires:fired:firing', 'hit:hits:hitting', 'push:pushes:pushed:pushing', 'strike:strikes:struck:striking', 'write:writes:wrote:writing', 'snap:snaps:snapped:snapping']
    .flatMap((forms) => forms.split(':').map((form) => [form, `${forms.split(':')[0]} back`] as [string, string])),
);

/** A two-word cue starting with `word` when `next` follows ("shot" + "back"), or null. */
export function phrasalCue(word: string, next: string | undefined): CueWord | null {
  const lemma = next?.toLowerCase() === 'back' ? BACK_VERBS.get(word.toLowerCase()) : undefined;
  return lemma ? { lemma, strong: true } : null;
}

/** Cue phrases that put the speaker after them: "according to X", "in the words of X". */
export const SOURCE_PHRASES: ReadonlyArray<{ pattern: RegExp; lemma: string }> = [
  { pattern: /\baccording to\b/iy, lemma: 'according to' },
  { pattern: /\bin the words of\b/iy, lemma: 'in the words of' },
  { pattern: /\bas quoted by\b/iy, lemma: 'quoted by' },
];
