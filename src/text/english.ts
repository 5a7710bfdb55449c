import type { Language } from './types.js';
import { cachedStemmer, stopwordList } from './stemmer.js';
import { wordnetCanonical } from './wordnet.js';

// Function words beyond the `stopword` package's short English list: pronouns, auxiliaries,
// determiners, prepositions, conjunctions and common contractions.
const EXTRA_STOPWORDS = `
a about above across after again against ago all almost along already also although always am among an and
another any anybody anyone anything anyway anywhere are aren't around as at away be became because become
becomes been before being below beside besides between beyond both but by can can't cannot could couldn't
did didn't do does doesn't doing don't done down during each either else enough etc even ever every
everybody everyone everything everywhere few for from further had hadn't has hasn't have haven't having he
he'd he'll he's her here here's hers herself him himself his how how's however i i'd i'll i'm i've if in
inside instead into is isn't it it'd it'll it's its itself just least less let let's may maybe me might
mine more most much must mustn't my myself neither never nevertheless no nobody none noone nor not nothing
now nowhere of off often on once one's only onto or other others otherwise ought our ours ourselves out
outside over own per perhaps quite rather really same shall shan't she she'd she'll she's should
shouldn't since so some somebody someone something sometimes somewhat somewhere soon still such than that
that's the their theirs them themselves then there there's therefore these they they'd they'll they're
they've this those though through throughout thus to together too toward towards under underneath unless
unlike until up upon us very via was wasn't we we'd we'll we're we've were weren't what what's whatever
when when's whenever where where's whereas wherever whether which while who who's whoever whom whose why
why's will with within without won't would wouldn't yet you you'd you'll you're you've your yours yourself
yourselves
`;

// Titles and honorifics: written before a name, so never the end of a sentence.
const TITLES = `mr mrs ms messrs mmes dr prof sen sens rep reps gov govs gen lt col capt cmdr sgt maj adm cpl pvt
rev hon pres supt insp det atty gens cols lts`;

// Other abbreviations (a following word such as "The" still ends the sentence after them).
const OTHER_ABBREVIATIONS = `u.s u.k u.n u.s.a e.u d.c n.y n.j n.h n.m n.c n.d s.c s.d r.i w.va l.a a.m p.m e.g
i.e ph.d inc corp co ltd llc plc bros jr sr st mt ft no nos vs v etc al approx dept est fig vol vols pp p ca cf
esp incl ed eds jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb nev okla ore
pa tenn tex vt va wash wis wyo ave blvd rd hwy univ assn intl govt`;

const STARTERS = `the a an this that these those there here it its he she they we i you his her their our my your
but and or so yet however meanwhile still then now also in on at for from with by after before during since
when while if although though because as once today yesterday tomorrow last next many most some several few
all both each every not it's that's there's he's she's they're we're i'm what who where why how`;

function words(list: string): string[] {
  return list.split(/\s+/).filter((w) => w.length > 0);
}

const stopwords: ReadonlySet<string> = new Set([...stopwordList('eng'), ...words(EXTRA_STOPWORDS)]);
const titles: ReadonlySet<string> = new Set(words(TITLES));
const abbreviations: ReadonlySet<string> = new Set([...titles, ...words(OTHER_ABBREVIATIONS)]);
const sentenceStarters: ReadonlySet<string> = new Set(words(STARTERS));
const NUMERIC = /^[\p{N}]/u;

const stem = cachedStemmer('english');

/** English: Snowball stems, stopwords, news abbreviations, WordNet synonym canons. */
export const english: Language = {
  code: 'en',
  isStopword: (norm) => stopwords.has(norm),
  stem,
  canonical(norm, stemmed) {
    if (stopwords.has(norm) || NUMERIC.test(norm)) return stemmed;
    return wordnetCanonical(norm) ?? stemmed;
  },
  abbreviations,
  titles,
  sentenceStarters,
};
