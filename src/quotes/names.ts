import { COMPLEMENT_PREPOSITIONS, isHonorific, isNameToken, isOrgWord, tokenize, type Mention } from './mentions.js';

// Name resolution within one article: full names are capitalized runs of two or more name words;
// a surname ("Zakir") resolves to the full name that ends (or, for East Asian names, starts) with
// it; a pronoun to the last person named before it whose gender does not contradict it; a title
// ("the spokeswoman") to the person the article introduced with that title.

interface Person {
  name: string;
  words: string[];
  gender: 'f' | 'm' | null;
  /** The gender comes from a first name, an honorific or a pronoun, not only from a role noun. */
  sure: boolean;
  /** Offsets where the article names this person (outside quotes). */
  positions: number[];
}

// A dot only after a short first word ("Sen. Ted Cruz", "J. Smith"), never a sentence's end
// ("... Republicans. Mr. Sykes"); at most one line break between words, never a blank line.
const NAME_RUN = /\p{Lu}(?:[\p{L}\p{M}'\u2019-]{0,3}\.(?=\s)|[\p{L}\p{M}'\u2019-]*)(?:(?:[^\S\n]+\n?[^\S\n]*|\n[^\S\n]*)(?:(?:de|da|del|der|van|von|bin|al|la|le|di|du)\s+)?(?:\p{Lu}\.|\p{Lu}[\p{L}\p{M}'\u2019-]*))+/gu;
// ", the port authority spokeswoman," right after a name: a role in lower case (proper nouns allowed inside).
const APPOSITIVE = /^,\s+(?:the|a|an)\s+((?:[\p{Ll}\p{Lu}][\p{L}'\u2019-]*\s+){0,6}\p{Ll}[\p{L}-]*)\s*,/u;
const FEMALE_FIRST = new Set(`mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret sandra
ashley kimberly emily donna michelle carol amanda melissa deborah stephanie rebecca laura sharon cynthia kathleen amy shirley
angela helen anna brenda pamela nicole samantha katherine christine debra rachel catherine carolyn janet ruth maria heather diane
virginia julie joyce victoria kelly christina joan evelyn lauren judith olivia martha cheryl megan andrea hannah jacqueline ann
jean alice kathryn gloria teresa doris sara janice julia marie madison grace judy theresa beverly denise marilyn amber danielle
abigail brittany rose diana natalie sophia alexis lori kayla jane hillary hilary chelsea condoleezza nikki sonia ruth elena carly
michele nancy dianne kamala elizabeth tulsi kellyanne sarah huma ivanka melania angela theresa marine christine federica
kelley debbie donna maxine barbara claire amy kirsten tammy jeanne patty heidi susana lisa kristen jill laura ivana`.split(/\s+/));
const MALE_FIRST = new Set(`james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony
mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric
jonathan stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry tyler aaron
jose adam nathan henry douglas zachary peter kyle walter ethan jeremy harold keith christian roger noah gerald carl terry sean
austin arthur lawrence jesse dylan bryan joe jordan billy bruce albert willie gabriel logan alan juan wayne roy ralph randy eugene
vincent russell elijah louis bobby philip johnny barack bernie ted marco jeb rand mike mitt newt rick chris ben bill tim tom jim
vladimir xi recep emmanuel francois justin shinzo narendra bashar hassan ali mohammed muhammad ahmed omar reince rudy rudolph
chuck mitch lindsey harry dick al hank rex rod kim jon dan don ron ken sean tony fred ed sam steve dave bob rob greg jeff josh`.split(/\s+/));

export interface ResolvedName {
  name: string;
  role: string | null;
}

export class NameResolver {
  private people: Person[] = [];
  private byWord = new Map<string, Person[]>();
  /** Role head noun ("spokeswoman") → the person introduced with it, in order of introduction. */
  private roles: Array<{ head: string; words: string[]; complement: string[]; person: Person; pos: number }> = [];
  private roleOf = new Map<Person, string>();

  constructor(
    private readonly text: string,
    private readonly insideQuote: (pos: number) => boolean,
  ) {
    NAME_RUN.lastIndex = 0;
    for (let m = NAME_RUN.exec(text); m; m = NAME_RUN.exec(text)) {
      if (insideQuote(m.index)) continue;
      const toks = tokenize(text, m.index, m.index + m[0].length).filter((t) => t.word);
      let i = 0;
      let honorific: string | null = null;
      while (i < toks.length && !isNameToken(toks[i])) i++;
      // The name starts after the last title word: "Foreign Ministry Spokesman Hua Chunying".
      for (let k = i; k < toks.length - 1; k++) {
        if (isHonorific(toks[k])) {
          honorific = toks[k].lower;
          i = k + 1;
        } else if (!isNameToken(toks[k])) break;
      }
      let j = i;
      while (j < toks.length && (isNameToken(toks[j]) || j === i)) j++;
      const words = toks.slice(i, j);
      if (words.length < 2 || words.some((t) => isOrgWord(t.text) || /^\p{Lu}{2,}$/u.test(t.text) && t.text.length > 3) || !personLike(words.map((t) => t.text))) continue;
      const start = words[0].start;
      const end = words[words.length - 1].end;
      const name = text.slice(start, end);
      const person = this.person(name, words.map((t) => t.text));
      person.positions.push(start);
      // "Foreign Ministry Spokesman Hua Chunying" or "Vera Kolar, the port authority spokeswoman,": a role.
      const prefix = text.slice(toks[0]?.start ?? start, start).trim();
      if (prefix && honorific && !/^(?:mr|mrs|ms|miss|dr)\.?$/i.test(prefix)) this.addRole(person, prefix, start);
      const appositive = APPOSITIVE.exec(text.slice(end, end + 120));
      if (appositive) this.addRole(person, appositive[1], start);
      if (person.gender === null && honorific) {
        person.gender = honorificGender(honorific);
        person.sure = person.gender !== null;
      }
    }
  }

  private person(name: string, words: string[]): Person {
    const existing = this.people.find((p) => p.name === name);
    if (existing) return existing;
    const first = words[0].toLowerCase();
    const gender = FEMALE_FIRST.has(first) ? 'f' : MALE_FIRST.has(first) ? 'm' : null;
    const person: Person = { name, words, gender, sure: gender !== null, positions: [] };
    this.people.push(person);
    for (const w of words) {
      const key = w.toLowerCase();
      const list = this.byWord.get(key) ?? [];
      list.push(person);
      this.byWord.set(key, list);
    }
    return person;
  }

  private addRole(person: Person, role: string, pos: number): void {
    const words = role.toLowerCase().split(/\s+/);
    if (!this.roleOf.has(person)) this.roleOf.set(person, role);
    // The head noun comes before its complement: "a spokeswoman for the ministry", "a friend of the baker".
    const { head, words: headWords, complement } = splitRole(words);
    this.roles.push({ head, words: headWords, complement, person, pos });
    if (person.gender === null) {
      if (/\b(?:spokeswoman|chairwoman|congresswoman|woman|wife|mother|daughter|sister|actress|widow)\b/i.test(role)) person.gender = 'f';
      else if (/\b(?:spokesman|chairman|congressman|man|husband|father|son|brother|actor|widower)\b/i.test(role)) person.gender = 'm';
    }
  }

  /** Records what an attribution told about a person: a role and a gender. */
  learn(mention: Mention, resolved: string): void {
    const person = this.people.find((p) => p.name === resolved);
    if (!person) return;
    if (mention.gender && (person.gender === null || (!person.sure && mention.kind === 'pronoun'))) {
      person.gender = mention.gender;
      person.sure = mention.kind === 'pronoun';
    }
    if (mention.role) this.addRole(person, mention.role, mention.start);
  }

  roleFor(name: string): string | null {
    const person = this.people.find((p) => p.name === name);
    return person ? (this.roleOf.get(person) ?? null) : null;
  }

  /** The canonical name for a mention at its position, with the role the article gave it. */
  resolve(mention: Mention, lastSpeaker: { name: string; gender: 'f' | 'm' | null; pos: number } | null): ResolvedName {
    if (mention.members) return { name: mention.members.map((m) => this.resolveName(m).name).join(' and '), role: null };
    switch (mention.kind) {
      case 'name':
        return this.resolveName(mention);
      case 'pronoun':
        return this.resolvePronoun(mention, lastSpeaker);
      case 'title':
        return this.resolveTitle(mention);
      default:
        return { name: mention.text.replace(/^the\s+/i, ''), role: null };
    }
  }

  genderOf(name: string): 'f' | 'm' | null {
    return this.people.find((p) => p.name === name)?.gender ?? null;
  }

  private resolveName(mention: Mention): ResolvedName {
    const words = mention.text.split(/\s+/);
    const exact = this.people.find((p) => p.name === mention.text);
    if (exact) return { name: exact.name, role: mention.role ?? this.roleOf.get(exact) ?? null };
    // A surname or part of a longer name: the person named with it, nearest before the mention.
    const last = words[words.length - 1].toLowerCase().replace(/[\u2019']s$/, '');
    const candidates = (this.byWord.get(last) ?? []).filter((p) => words.every((w) => p.words.some((pw) => pw.toLowerCase() === w.toLowerCase())) && p.words.length > words.length);
    const best = nearestBefore(candidates, mention.start);
    if (best) return { name: best.name, role: mention.role ?? this.roleOf.get(best) ?? null };
    return { name: mention.text, role: mention.role };
  }

  private resolvePronoun(mention: Mention, lastSpeaker: { name: string; gender: 'f' | 'm' | null; pos: number } | null): ResolvedName {
    if (!mention.person || mention.text.toLowerCase() === 'you') return { name: mention.text, role: null };
    const gender = mention.gender;
    // The last person named before the pronoun (outside quotes) whose gender fits.
    let best: Person | null = null;
    let bestPos = -1;
    for (const p of this.people) {
      if (gender && p.sure && p.gender !== gender) continue;
      for (const pos of p.positions) if (pos < mention.start && pos > bestPos && mention.start - pos < 3000) {
        best = p;
        bestPos = pos;
      }
    }
    // Surname-only mentions count as naming the person too.
    const surname = this.lastSurnameBefore(mention.start, gender);
    if (surname && surname.pos > bestPos) {
      best = surname.person;
      bestPos = surname.pos;
    }
    if (lastSpeaker && lastSpeaker.pos > bestPos && (!gender || !lastSpeaker.gender || lastSpeaker.gender === gender) && mention.text.toLowerCase() !== 'i') {
      return { name: lastSpeaker.name, role: this.roleFor(lastSpeaker.name) };
    }
    if (best) {
      return { name: best.name, role: this.roleOf.get(best) ?? null };
    }
    if (lastSpeaker) return { name: lastSpeaker.name, role: this.roleFor(lastSpeaker.name) };
    return { name: mention.text, role: null };
  }

  /** The last single-word mention of a known person's name before `pos`. */
  private lastSurnameBefore(pos: number, gender: 'f' | 'm' | null): { person: Person; pos: number } | null {
    const from = Math.max(0, pos - 1500);
    const window = this.text.slice(from, pos);
    const re = /\p{Lu}[\p{L}\p{M}'\u2019-]+/gu;
    let found: { person: Person; pos: number } | null = null;
    for (let m = re.exec(window); m; m = re.exec(window)) {
      const at = from + m.index;
      if (this.insideQuote(at)) continue;
      const people = this.byWord.get(m[0].toLowerCase().replace(/[\u2019']s$/, ''));
      if (!people) continue;
      const p = nearestBefore(people, at + 1);
      if (p && (!gender || !p.sure || p.gender === gender)) found = { person: p, pos: at };
    }
    return found;
  }

  private resolveTitle(mention: Mention): ResolvedName {
    // "a friend", "another official": an indefinite introduces someone new, not the friend named before.
    if (/^(?:a|an|another|one)\s/i.test(mention.text)) return { name: mention.text, role: null };
    const { head, words, complement } = splitRole(mention.text.toLowerCase().split(/\s+/));
    let best: { person: Person } | null = null;
    for (const r of this.roles) {
      if (r.pos >= mention.start || r.head !== head) continue;
      // "the friend" is Ana Ruiz, a friend of the baker; "the friend of the mayor" is not.
      if (!words.every((w) => r.words.includes(w)) || !complement.every((w) => r.complement.includes(w))) continue;
      best = r;
    }
    if (best) return { name: best.person.name, role: this.roleOf.get(best.person) ?? null };
    return { name: mention.text, role: null };
  }
}

/**
 * A role or title split at its complement: "a spokeswoman for the ministry" → head "spokeswoman",
 * words ["spokeswoman"], complement ["ministry"] (determiners dropped).
 */
function splitRole(all: string[]): { head: string; words: string[]; complement: string[] } {
  const words = all.filter((w) => !/^(?:the|a|an|this|that)$/.test(w));
  const at = words.findIndex((w, i) => i > 0 && COMPLEMENT_PREPOSITIONS.has(w));
  const headWords = at > 0 ? words.slice(0, at) : words;
  return { head: headWords[headWords.length - 1] ?? '', words: headWords, complement: at > 0 ? words.slice(at + 1) : [] };
}

function nearestBefore(people: Person[], pos: number): Person | null {
  let best: Person | null = null;
  let bestPos = -Infinity;
  for (const p of people) {
    const before = p.positions.filter((x) => x < pos);
    const at = before.length > 0 ? before[before.length - 1] : p.positions.length > 0 ? -1e9 + p.positions[0] : -Infinity;
    if (at > bestPos) {
      best = p;
      bestPos = at;
    }
  }
  return best;
}

// Capitalized runs that name places, peoples and things, not people: "West Virginia", "Muslim Americans", "Trump World".
const PLACE_FIRST = /^(?:north|south|east|west|new|northern|southern|eastern|western|central|upper|lower|greater|san|santa|los|las|fort|mount|lake|port)$/i;
const NOT_PERSON_WORD = /^(?:world|zone|america|americas|patriarchate|city|county|island|islands|valley|street|avenue|square|park|hall|church|district|region|province|republic|kingdom|empire|river|bay|coast|beach|airport|station|bridge|tower|plaza|road|highway|mountains|hills|heights|springs|falls|caucus|caucuses|primary|convention|summit|act|bill|amendment|day|week|year|era|war|cup|games|awards|prize|show)$/i;

/** Two or more name words that could name a person (not a place, a group of people or an event). */
function personLike(words: string[]): boolean {
  if (PLACE_FIRST.test(words[0])) return false;
  // A plural last word names a group ("Muslim Americans", "House Democrats"); a dotted word that is not an initial ends a sentence.
  if (/[^s']s$/.test(words[words.length - 1]) && /^\p{Lu}\p{Ll}+(?:an|ist|ite|crat|can|ian)s$/u.test(words[words.length - 1])) return false;
  return !words.some((w) => NOT_PERSON_WORD.test(w) || (/\.$/.test(w) && w.length > 3));
}

function honorificGender(h: string): 'f' | 'm' | null {
  const w = h.replace(/\.$/, '');
  if (w === 'mrs' || w === 'ms' || w === 'miss') return 'f';
  if (w === 'mr') return 'm';
  return null;
}
