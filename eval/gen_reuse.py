#!/usr/bin/python3
"""gen_reuse.py: builds the labelled text-reuse benchmark for `newsgraph eval reuse`.

Takes real news bodies (FNC-1, PolNeAR, SlavicNER), keeps one of every
group of bodies that already share text, and writes a corpus of originals
and of copies made from them by the transformations documented in
docs/REUSE_BENCHMARK.md, with the gold:

  OUT/articles.jsonl  {"id","title","text","published","outlet","lang"},
                      in a shuffled order ("published" absent when undated)
  OUT/pairs.jsonl     {"copy","original","kind","transform","copy_dated"}
                      for every copy, kind exact|near|rewrite|partial, and
                      {"a","b","kind":"negative"} for hard negatives: two
                      FNC-1 bodies about the same claim that share no text
  OUT/stats.json      counts per kind, transform and language

Run with Debian's /usr/bin/python3 (standard library only); English word
rewrites read WordNet from Debian's wordnet-base (/usr/share/wordnet). The
same arguments give the same files byte for byte.

usage: /usr/bin/python3 eval/gen_reuse.py OUT [--articles N] [--seed S]
                                              [--shared DIR]
"""

import argparse
import csv
import datetime
import json
import os
import random
import re
import sys

WORDNET_DIR = "/usr/share/wordnet"

# transform -> (kind, weight, English only). Weights are shares of the copies.
TRANSFORMS = [
    ("exact", "exact", 0.10, False),
    ("boilerplate", "near", 0.12, False),
    ("truncation", "near", 0.10, False),
    ("reheadline", "near", 0.10, False),
    ("drop_reorder", "near", 0.10, False),
    ("names_dropped", "near", 0.06, False),
    ("synonyms_light", "near", 0.06, True),
    ("clauses", "near", 0.04, True),
    ("synonyms", "rewrite", 0.08, True),
    ("paraphrase", "rewrite", 0.12, True),
    ("partial", "partial", 0.12, False),
]
PARTIAL_SHARE = sum(w for t, _, w, _ in TRANSFORMS if t == "partial")

MIN_WORDS = 80
MIN_SENTENCES = 4
UNDATED_SHARE = 0.10

WORD_RE = re.compile(r"\w+(?:['’-]\w+)*")


def die(msg):
    sys.stderr.write("gen_reuse: %s\n" % msg)
    sys.exit(2)


# ---- text model -------------------------------------------------------------
ABBREV = set("""mr mrs ms dr prof st sen rep gov gen col lt sgt capt cmdr adm
jr sr inc corp co ltd no vs etc jan feb mar apr jun jul aug sep sept oct nov
dec u.s u.n u.k e.g i.e a.m p.m mt ft rev pres dept est approx tj ул г т.е
т.д др им св проф z.b tzv tj. hl""".split())


def split_sentences(par):
    """Splits a paragraph at sentence stops followed by space and an
    upper-case letter, digit or opening quote; skips abbreviations and
    initials."""
    out, start = [], 0
    for m in re.finditer(r"[.!?…]+[\"”»'’)\]]*\s+", par):
        nxt = par[m.end():m.end() + 1]
        if not nxt or not (nxt.isupper() or nxt.isdigit() or nxt in "\"“«„'(‘"):
            continue
        before = par[start:m.start()]
        w = before.rsplit(None, 1)[-1].lower() if before.split() else ""
        w = w.strip("\"“”«»()'’")
        if par[m.start()] == "." and (w in ABBREV or len(w) == 1):
            continue
        out.append(par[start:m.end()].strip())
        start = m.end()
    if par[start:].strip():
        out.append(par[start:].strip())
    return out


class Doc:
    """A body as paragraphs of sentences."""

    def __init__(self, paras):
        self.paras = [p for p in paras if p]

    @staticmethod
    def parse(text):
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        paras = [re.sub(r"\s+", " ", p).strip()
                 for p in re.split(r"\n\s*\n|\n", text)]
        return Doc([split_sentences(p) for p in paras if p])

    def sentences(self):
        return [s for p in self.paras for s in p]

    def n_sentences(self):
        return sum(len(p) for p in self.paras)

    def text(self):
        return "\n\n".join(" ".join(p) for p in self.paras if p)

    def copy(self):
        return Doc([list(p) for p in self.paras])

    def map_sentences(self, fn):
        return Doc([[fn(s) for s in p] for p in self.paras])

    def flat_with_breaks(self):
        """(sentence, starts_paragraph) pairs."""
        out = []
        for p in self.paras:
            for i, s in enumerate(p):
                out.append((s, i == 0))
        return out

    @staticmethod
    def from_flat(items):
        paras = []
        for s, brk in items:
            if brk or not paras:
                paras.append([])
            paras[-1].append(s)
        return Doc(paras)


def word_count(text):
    return len(WORD_RE.findall(text))


def shingles(text):
    w = [x.lower() for x in WORD_RE.findall(text)]
    return set(zip(w, w[1:], w[2:]))


def quote_spans(s):
    """Spans inside quotation marks: kept verbatim by every rewrite."""
    spans = []
    for m in re.finditer(r"[\"“«„]([^\"“”«»„]{1,400})[\"”»“]", s):
        spans.append((m.start(), m.end()))
    return spans


def in_spans(pos, spans):
    return any(a <= pos < b for a, b in spans)


def cap_first(s):
    for i, c in enumerate(s):
        if c.isalpha():
            return s[:i] + c.upper() + s[i + 1:]
    return s


def lower_first(s):
    """Lower-cases the first word unless it looks like a name or acronym."""
    m = re.match(r"(\W*)(\w+)(.*)", s, re.S)
    if not m:
        return s
    w = m.group(2)
    if w in ("I",) or w.isupper() or w.lower() not in COMMON_WORDS:
        return s
    return m.group(1) + w.lower() + m.group(3)


# ---- WordNet ------------------------------------------------------------------
STOPWORDS = set("""a about above after again against all am an and any are as at
be because been before being below between both but by can could did do does
doing down during each few for from further had has have having he her here
hers herself him himself his how i if in into is it its itself just me more
most my myself no nor not now of off on once only or other our ours ourselves
out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very
was we were what when where which while who whom why will with would you your
yours yourself yourselves said says say told also mr mrs ms one two three new
year years people would could may might must shall us state states""".split())

COMMON_WORDS = STOPWORDS | set("""when after although while if because as since
before though despite following according during in on at however but the
a an this that these those it its officials police many some most several
according inc co corp ltd llc plc""".split())


class WordNet:
    """Synonyms from the first (most frequent) sense of a lemma, read from
    WordNet's own data and index files, per part of speech; regular
    inflections (plural, -s, -ed, -ing) are undone before the look-up and
    redone on the synonym."""

    def __init__(self, root):
        self.syn = {}    # pos -> lemma -> (tagged sense count, synonyms)
        self.best = {}   # lemma -> pos whose first sense is used most
        for pos in ("noun", "verb", "adj", "adv"):
            dpath = os.path.join(root, "data." + pos)
            ipath = os.path.join(root, "index." + pos)
            if not (os.path.isfile(dpath) and os.path.isfile(ipath)):
                die("WordNet not found: %s is missing; install Debian's "
                    "wordnet-base (make deps, or apt-get install wordnet-base)"
                    % dpath)
            synsets = {}
            with open(dpath, encoding="latin-1") as f:
                for line in f:
                    if line.startswith("  "):
                        continue
                    parts = line.split()
                    n = int(parts[3], 16)
                    synsets[parts[0]] = [
                        re.sub(r"\(.*\)$", "", parts[4 + 2 * i]).lower()
                        for i in range(n)]
            table = self.syn.setdefault(pos, {})
            with open(ipath, encoding="latin-1") as f:
                for line in f:
                    if line.startswith("  "):
                        continue
                    parts = line.split()
                    lemma = parts[0]
                    if not lemma.isalpha():
                        continue
                    p_cnt = int(parts[3])
                    tagsense = int(parts[5 + p_cnt])
                    offsets = parts[6 + p_cnt:]
                    if not offsets or tagsense == 0:
                        continue
                    cands = [w for w in synsets.get(offsets[0], [])
                             if w != lemma and w.isalpha()
                             and not w.startswith(lemma[:4])
                             and not lemma.startswith(w[:4])]
                    if not cands:
                        continue
                    table[lemma] = (tagsense, cands[:3])
                    prev = self.best.get(lemma)
                    if prev is None or tagsense > self.syn[prev][lemma][0]:
                        self.best[lemma] = pos

    def _lookup(self, pos, lemma):
        hit = self.syn[pos].get(lemma)
        return hit[1] if hit else None

    def synonym(self, word, rng):
        """A synonym for a lower-case word, inflected like it, or None."""
        pos = self.best.get(word)
        if pos is not None:
            return rng.choice(self.syn[pos][word][1])
        for suffix, bases, pos_list in (
                ("ies", (word[:-3] + "y",), ("noun", "verb")),
                ("es", (word[:-2],), ("noun", "verb")),
                ("s", (word[:-1],), ("noun", "verb")),
                ("ing", (word[:-3], word[:-3] + "e", word[:-4]), ("verb",)),
                ("ied", (word[:-3] + "y",), ("verb",)),
                ("ed", (word[:-2], word[:-1], word[:-3]), ("verb",))):
            if not word.endswith(suffix) or len(word) - len(suffix) < 3:
                continue
            for base in bases:
                for p in pos_list:
                    cands = self._lookup(p, base)
                    if cands:
                        return inflect(rng.choice(cands), suffix)
            return None
        return None


def inflect(lemma, suffix):
    """Regular English inflection of a base form."""
    if suffix in ("s", "es", "ies"):
        if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
            return lemma[:-1] + "ies"
        if lemma.endswith(("s", "x", "z", "ch", "sh")):
            return lemma + "es"
        return lemma + "s"
    if suffix == "ing":
        if lemma.endswith("e") and not lemma.endswith("ee"):
            return lemma[:-1] + "ing"
        return lemma + "ing"
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


def match_case(src, repl):
    if src.isupper() and len(src) > 1:
        return repl.upper()
    if src[:1].isupper():
        return repl[:1].upper() + repl[1:]
    return repl


def substitute_words(s, wn, rng, rate):
    """Replaces about `rate` of the eligible words (lower-case content words
    outside quotes that WordNet knows) by synonyms."""
    spans = quote_spans(s)
    out, last = [], 0
    for i, m in enumerate(WORD_RE.finditer(s)):
        w = m.group(0)
        lw = w.lower()
        if (len(w) < 3 or lw in STOPWORDS or in_spans(m.start(), spans)
                or (w[:1].isupper() and i > 0) or not w.isalpha()):
            continue
        if rng.random() >= rate:
            continue
        syn = wn.synonym(lw, rng)
        if not syn:
            continue
        out.append(s[last:m.start()])
        out.append(match_case(w, syn))
        last = m.end()
    out.append(s[last:])
    return "".join(out)


# ---- sentence-level rewrites --------------------------------------------------
LEAD_CLAUSE = re.compile(
    r"^(When|After|Although|While|If|Because|As|Since|Before|Though|Despite|"
    r"Following|During|In|On|At|Earlier|Last|This) ([^,\"“”]{4,90}), "
    r"([^\"“”].*?)([.!?])$")
TRAIL_SAID = re.compile(
    r"^([^\"“”].{10,}?), (he|she|they|officials|police|the [a-z]+|"
    r"[A-Z][a-z]+(?: [A-Z][a-z]+)?) (said|says|added|noted|told reporters)"
    r"([^,.]{0,30})\.$")
QUOTE_SAID = re.compile(
    r"^[\"“]([^\"“”]{10,}),[\"”] (he|she|they|[A-Z][a-z]+(?: [A-Z][a-z]+)?) "
    r"(said|says|added)\.$")
SAID_THAT = re.compile(
    r"^([A-Z][\w ]{2,40}?) (said|says|announced|reported) (on \w+|last \w+|"
    r"yesterday|today|earlier) that (.+)$")


def reorder_clauses(s):
    """Moves a leading clause to the end, an attribution to the front, or a
    time phrase to the front; None when no pattern fits."""
    m = LEAD_CLAUSE.match(s)
    if m:
        lead, clause, rest, stop = m.groups()
        return "%s %s %s%s" % (cap_first(rest), lead.lower(), clause, stop)
    m = QUOTE_SAID.match(s)
    if m:
        quote, who, verb = m.groups()
        return '%s %s: "%s."' % (cap_first(who), verb, quote.rstrip(".!?"))
    m = TRAIL_SAID.match(s)
    if m:
        body, who, verb, tail = m.groups()
        return "%s %s%s that %s." % (cap_first(who), verb, tail,
                                     lower_first(body))
    m = SAID_THAT.match(s)
    if m:
        who, verb, when, rest = m.groups()
        return "%s, %s %s that %s" % (cap_first(when), who, verb, rest)
    return None


def is_name_word(w):
    return (len(w) > 1 and w[:1].isupper() and w[1:2].islower()
            and w.lower() not in COMMON_WORDS and not w.isupper())


def drop_names(s):
    """Drops the last word of each run of two or more capitalised words
    outside quotes ("Russian President Vladimir Putin" -> "Russian President
    Vladimir"), as machine rewrites do with surnames."""
    spans = quote_spans(s)
    words = list(WORD_RE.finditer(s))
    cut = []
    i = 0
    while i < len(words):
        j = i
        while (j < len(words) and is_name_word(words[j].group(0))
               and not in_spans(words[j].start(), spans)
               and (j == i or s[words[j - 1].end():words[j].start()] == " ")):
            j += 1
        if j - i >= 2:
            cut.append((words[j - 2].end(), words[j - 1].end()))
            i = j
        else:
            i += 1
    for a, b in reversed(cut):
        s = s[:a] + s[b:]
    return s


PHRASES = [("in order to", "to"), ("a number of", "several"),
           ("as well as", "and"), ("more than", "over"),
           ("because of", "owing to"), ("due to", "because of"),
           ("according to", "as reported by"), ("at least", "no fewer than"),
           ("on Monday", "Monday"), ("on Tuesday", "Tuesday"),
           ("on Wednesday", "Wednesday"), ("on Thursday", "Thursday"),
           ("on Friday", "Friday"), ("is expected to", "should"),
           ("would be", "will be"), ("will be", "is set to be"),
           ("has been", "was"), ("have been", "were"), ("there is", "there's"),
           ("do not", "don't"), ("does not", "doesn't"), ("did not", "didn't"),
           ("it is", "it's"), ("the United States", "the US"),
           ("percent", "per cent")]
PHRASE_RE = re.compile(r"\b(%s)\b" % "|".join(re.escape(a) for a, _ in PHRASES))
PHRASE_MAP = dict(PHRASES)

FILLERS = re.compile(r"\b(also|very|just|really|still|actually|currently) ")
SAID_VARIANTS = ["stated", "noted", "told reporters", "explained", "remarked"]


def paraphrase_sentence(s, wn, rng):
    """Seed-000 style: clause order, surnames, reporting verbs, fillers and
    half the content words change; quotes stay verbatim."""
    t = reorder_clauses(s) or s
    t = drop_names(t)
    if not quote_spans(t):
        t = FILLERS.sub("", t)
        t = re.sub(r"\bsaid\b", lambda _m: rng.choice(SAID_VARIANTS), t,
                   count=1)
        t = re.sub(r"\b(\d+(?:\.\d+)?) percent\b", r"\1%", t)
        t = t.replace(" however,", " but").replace("However, ", "But ")
        t = PHRASE_RE.sub(lambda m: PHRASE_MAP[m.group(1)], t)
    t = substitute_words(t, wn, rng, 0.85)
    return cap_first(t)


# ---- boilerplate -------------------------------------------------------------
BOILER = {
    "en": {
        "lead": ["By {name}, Staff Writer", "By {name} | {outlet}",
                 "Posted by {name} on {outlet}"],
        "wire": ["WASHINGTON (Reuters) - ", "LONDON (AP) — ", "(Reuters) - ",
                 "NEW YORK (AFP) - ", "MOSCOW, /TASS/. "],
        "tail": ["Subscribe to our newsletter for the day's top stories.",
                 "Follow us on Twitter and Facebook for the latest updates.",
                 "Copyright {year} {outlet}. All rights reserved. This "
                 "material may not be published, broadcast, rewritten or "
                 "redistributed.",
                 "Additional reporting by {name}; Editing by {name2}.",
                 "READ MORE: {other}",
                 "Related: {other}",
                 "Click here to get our free app and never miss a story."],
    },
    "ru": {"lead": ["Автор: {name}", "{outlet}, корреспондент {name}"],
           "wire": ["МОСКВА, /ТАСС/. ", "(РИА Новости) — "],
           "tail": ["Подписывайтесь на наш канал в Telegram.",
                    "Читайте также: {other}",
                    "Все права защищены. Перепечатка запрещена."]},
    "uk": {"lead": ["Автор: {name}"], "wire": ["КИЇВ, Укрінформ. "],
           "tail": ["Підписуйтесь на наш Telegram-канал.",
                    "Читайте також: {other}"]},
    "bg": {"lead": ["Автор: {name}"], "wire": ["СОФИЯ (БТА) - "],
           "tail": ["Абонирайте се за нашия бюлетин.",
                    "Прочетете още: {other}"]},
    "pl": {"lead": ["Autor: {name}"], "wire": ["WARSZAWA (PAP) - "],
           "tail": ["Zapisz się na nasz newsletter.",
                    "Czytaj także: {other}"]},
    "cs": {"lead": ["Autor: {name}"], "wire": ["PRAHA (ČTK) - "],
           "tail": ["Přihlaste se k odběru našeho newsletteru.",
                    "Čtěte také: {other}"]},
    "sl": {"lead": ["Avtor: {name}"], "wire": ["LJUBLJANA (STA) - "],
           "tail": ["Naročite se na naše novice.",
                    "Preberite tudi: {other}"]},
}
NAMES = ["Anna Keller", "John Mercer", "Maria Novak", "David Okafor",
         "Elena Petrova", "Tom Hale", "Sara Lindqvist", "Jan Dvořák",
         "Olga Ivanova", "Marek Zieliński"]
OUTLET_A = ["Daily", "Morning", "Evening", "National", "Metro", "Global",
            "Capital", "Northern", "Free", "Union"]
OUTLET_B = ["Ledger", "Courier", "Herald", "Observer", "Post", "Tribune",
            "Wire", "Journal", "Gazette", "Dispatch"]
OUTLETS = ["The %s %s" % (a, b) for a in OUTLET_A for b in OUTLET_B]


def fill(tmpl, rng, outlet, other_title, year):
    return tmpl.format(name=rng.choice(NAMES), name2=rng.choice(NAMES),
                       outlet=outlet, other=other_title, year=year)


# ---- the corpus ------------------------------------------------------------------
class Body:
    __slots__ = ("key", "source", "title", "doc", "lang", "outlet",
                 "fnc_id", "words")

    def __init__(self, key, source, title, text, lang, outlet, fnc_id=None):
        self.key, self.source, self.lang = key, source, lang
        self.title = re.sub(r"\s+", " ", title).strip()
        self.doc = Doc.parse(text)
        self.outlet, self.fnc_id = outlet, fnc_id
        self.words = word_count(text)


def first_words(s, n):
    w = s.split()
    return " ".join(w[:n]).rstrip(",.;:") + ("..." if len(w) > n else "")


def load_pool(shared):
    data = os.path.join(shared, "data")
    bodies = []
    csv.field_size_limit(1 << 26)
    fnc_dir = os.path.join(data, "fnc1")
    headlines = {}
    groups = {}
    if os.path.isfile(os.path.join(fnc_dir, "train_stances.csv")):
        with open(os.path.join(fnc_dir, "train_stances.csv"),
                  encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                if row["Stance"] in ("agree", "disagree", "discuss"):
                    bid = int(row["Body ID"])
                    headlines.setdefault(bid, row["Headline"])
                    groups.setdefault(row["Headline"], set()).add(bid)
    path = os.path.join(fnc_dir, "train_bodies.csv")
    if not os.path.isfile(path):
        die("%s not found (set --shared)" % path)
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            bid = int(row["Body ID"])
            text = row["articleBody"]
            doc0 = Doc.parse(text)
            title = headlines.get(bid) or first_words(doc0.sentences()[0]
                                                      if doc0.paras else "", 10)
            bodies.append(Body("fnc1/%d" % bid, "fnc1", title, text, "en",
                               None, bid))
    for split in ("train", "dev"):
        d = os.path.join(data, "polnear", split, "text")
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            if not name.endswith(".txt"):
                continue
            with open(os.path.join(d, name), encoding="utf-8") as f:
                title, _, text = f.read().partition("\n")
            bodies.append(Body("polnear/%s/%s" % (split, name), "polnear",
                               title, text, "en", name.split("_")[0]))
    root = os.path.join(data, "slavicner", "raw")
    for dirpath, dirnames, files in sorted(os.walk(root)):
        dirnames.sort()
        for name in sorted(files):
            if not name.endswith(".txt"):
                continue
            lang = os.path.basename(dirpath)
            with open(os.path.join(dirpath, name), encoding="utf-8") as f:
                title, _, text = f.read().partition("\n")
            rel = os.path.relpath(os.path.join(dirpath, name), root)
            bodies.append(Body("slavicner/" + rel, "slavicner", title, text,
                               lang, None))
    return bodies, groups


def dedupe(bodies):
    """Keeps bodies with enough text and, of every group of bodies that
    already share text, the first one only, so that no two bodies in the pool
    are copies of each other. Two bodies share text when the rare word
    3-shingles (in at most 20 bodies: common phrases do not count) they have
    in common are at least 10 % of the smaller one's shingles."""
    cands = [b for b in bodies
             if b.words >= MIN_WORDS and b.doc.n_sentences() >= MIN_SENTENCES]
    sets = [shingles(b.doc.text()) for b in cands]
    df = {}
    for sh in sets:
        for x in sh:
            df[x] = df.get(x, 0) + 1
    keep, sizes, post = [], [], {}
    for b, sh in zip(cands, sets):
        rare = [x for x in sh if df[x] <= 20]
        counts = {}
        for x in rare:
            for j in post.get(x, ()):
                counts[j] = counts.get(j, 0) + 1
        if any(c >= 0.1 * min(len(sh), sizes[j]) for j, c in counts.items()):
            continue
        for x in rare:
            post.setdefault(x, []).append(len(keep))
        keep.append(b)
        sizes.append(len(sh))
    return keep


def iso(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


class Gen:
    def __init__(self, args, wn):
        self.rng = random.Random(args.seed)
        self.wn = wn
        self.articles = []   # dicts without id yet
        self.pairs = []

    def add(self, title, doc_or_text, lang, outlet, published):
        text = doc_or_text.text() if isinstance(doc_or_text, Doc) else doc_or_text
        a = {"title": title, "text": text, "lang": lang, "outlet": outlet}
        if published is not None:
            a["published"] = iso(published)
        self.articles.append(a)
        return len(self.articles) - 1


def make_copy(g, transform, body, other_title, host):
    """Returns (title, Doc) of the copy of body by transform."""
    rng, wn = g.rng, g.wn
    doc = body.doc.copy()
    title = body.title
    lang = body.lang
    year = 2020
    bp = BOILER.get(lang, BOILER["en"])
    if transform == "exact":
        return title, doc
    if transform == "boilerplate":
        flat = doc.flat_with_breaks()
        outlet = rng.choice(OUTLETS)
        choice = rng.sample(["lead", "wire", "tail", "tail2"], rng.randint(1, 3))
        if "wire" in choice:
            flat[0] = (rng.choice(bp["wire"]) + flat[0][0], True)
        if "lead" in choice:
            flat.insert(0, (fill(rng.choice(bp["lead"]), rng, outlet,
                                 other_title, year), True))
        tails = rng.sample(bp["tail"], min(len(bp["tail"]),
                                           2 if "tail2" in choice else 1)) \
            if ("tail" in choice or "tail2" in choice) else []
        for t in tails:
            flat.append((fill(t, rng, outlet, other_title, year), True))
        return title, Doc.from_flat(flat)
    if transform == "truncation":
        flat = doc.flat_with_breaks()
        keep = max(2, round(len(flat) * rng.uniform(0.4, 0.8)))
        return title, Doc.from_flat(flat[:keep])
    if transform == "reheadline":
        flat = doc.flat_with_breaks()
        first = flat[0][0]
        if lang == "en":
            new_title = substitute_words(title, wn, rng, 0.6)
            if new_title == title:
                new_title = rng.choice(["UPDATE: ", "BREAKING: ", "WATCH: "]) \
                    + title
            lead = rng.choice(bp["wire"]) + paraphrase_sentence(first, wn, rng)
        else:
            new_title = first_words(first, 9)
            lead = title.rstrip(".!?") + "."
        flat[0] = (lead, True)
        return new_title, Doc.from_flat(flat)
    if transform == "drop_reorder":
        flat = doc.flat_with_breaks()
        n_drop = rng.randint(1, max(1, len(flat) // 8))
        for _ in range(n_drop):
            if len(flat) <= 3:
                break
            i = rng.randrange(1, len(flat))
            brk = flat[i][1]
            del flat[i]
            if brk and i < len(flat):
                flat[i] = (flat[i][0], True)
        for _ in range(rng.randint(1, 2)):
            if len(flat) < 3:
                break
            i = rng.randrange(1, len(flat) - 1)
            (a, ba), (b, bb) = flat[i], flat[i + 1]
            flat[i], flat[i + 1] = (b, ba), (a, bb)
        return title, Doc.from_flat(flat)
    if transform == "names_dropped":
        return title, doc.map_sentences(drop_names)
    if transform == "synonyms_light":
        return title, doc.map_sentences(
            lambda s: substitute_words(s, wn, rng, 0.12))
    if transform == "clauses":
        return title, doc.map_sentences(lambda s: reorder_clauses(s) or s)
    if transform == "synonyms":
        return (substitute_words(title, wn, rng, 0.7),
                doc.map_sentences(lambda s: substitute_words(s, wn, rng, 0.7)))
    if transform == "paraphrase":
        share = rng.uniform(0.8, 0.95)
        return (substitute_words(title, wn, rng, 0.7),
                doc.map_sentences(lambda s: paraphrase_sentence(s, wn, rng)
                                  if rng.random() < share else s))
    if transform == "partial":
        src = body.doc.sentences()
        k = max(2, round(len(src) * rng.uniform(0.2, 0.5)))
        start = rng.randrange(0, len(src) - k + 1)
        block = src[start:start + k]
        hflat = host.doc.flat_with_breaks()
        breaks = [i for i, (_, b) in enumerate(hflat) if b] + [len(hflat)]
        at = rng.choice(breaks[1:]) if len(breaks) > 1 else len(hflat)
        items = hflat[:at] + [(s, i == 0) for i, s in enumerate(block)]
        rest = hflat[at:]
        if rest:
            rest[0] = (rest[0][0], True)
        return host.title, Doc.from_flat(items + rest)
    raise ValueError(transform)


def build(args):
    wn = WordNet(WORDNET_DIR)
    bodies, groups = load_pool(args.shared)
    pool = dedupe(bodies)
    n = args.articles
    if n < 10:
        die("--articles must be at least 10")
    g = Gen(args, wn)
    rng = g.rng
    P = len(pool)
    # Originals: about a third of the corpus, fewer when the pool is short
    # (each original then gets more copies); partial copies need one unused
    # host body each.
    originals_n = max(2, n // 3)
    hosts_n = round(PARTIAL_SHARE * (n - originals_n))
    if originals_n + hosts_n > P:
        originals_n = int((P - PARTIAL_SHARE * n) / (1 - PARTIAL_SHARE))
        hosts_n = P - originals_n
        if originals_n < max(2, n // 20):
            die("%d articles need more bodies than the %d in the pool" % (n, P))
    # FNC-1 bodies in a claim group make the hard negatives: up to 30 % of
    # the originals are taken from them first.
    fnc_grouped = set()
    for ids in groups.values():
        if len(ids) > 1:
            fnc_grouped |= ids
    shuffled = list(pool)
    rng.shuffle(shuffled)
    grouped = [b for b in shuffled if b.fnc_id in fnc_grouped]
    grouped = grouped[:int(0.3 * originals_n)]
    chosen = set(id(b) for b in grouped)
    shuffled = grouped + [b for b in shuffled if id(b) not in chosen]
    originals = shuffled[:originals_n]
    spare = shuffled[originals_n:]
    hosts = {}
    for b in spare:
        hosts.setdefault(b.lang, []).append(b)
    copies_n = n - originals_n

    base = datetime.datetime(2020, 1, 6, 0, 0, 0)
    orig_idx = {}
    for b in originals:
        when = base + datetime.timedelta(seconds=rng.randrange(0, 120 * 86400))
        outlet = b.outlet or rng.choice(OUTLETS)
        i = g.add(b.title, b.doc, b.lang, outlet, when)
        orig_idx[b.key] = (i, when, outlet)
    en_originals = [b for b in originals if b.lang == "en"]
    titles = [b.title for b in originals]
    names = [t for t, _, _, _ in TRANSFORMS]
    weights = [w for _, _, w, _ in TRANSFORMS]
    made = 0
    while made < copies_n:
        t = rng.choices(names, weights)[0]
        kind, _, en_only = next((k, w, e) for x, k, w, e in TRANSFORMS
                                if x == t)
        cands = en_originals if en_only else originals
        if not cands:
            continue
        body = rng.choice(cands)
        host = None
        if t == "partial":
            hl = hosts.get(body.lang)
            if not hl:
                continue
            host = hl.pop()
        title, doc = make_copy(g, t, body, rng.choice(titles), host)
        text = doc.text()
        if word_count(text) < 10:
            continue
        oi, when, o_outlet = orig_idx[body.key]
        dated = rng.random() >= UNDATED_SHARE
        published = None
        if dated:
            # Lag from 20 minutes to 4 days, log-uniform.
            lag = 1200 * (288 ** rng.random())
            published = when + datetime.timedelta(seconds=int(lag))
        outlet = rng.choice([o for o in OUTLETS[:40] if o != o_outlet])
        ci = g.add(title, text, body.lang, outlet, published)
        g.pairs.append({"copy": ci, "original": oi, "kind": kind,
                        "transform": t, "copy_dated": dated})
        made += 1

    # Hard negatives: pairs of originals about the same FNC-1 claim.
    fnc_in = {b.fnc_id: orig_idx[b.key][0] for b in originals
              if b.fnc_id is not None}
    neg = set()
    for head in sorted(groups):
        ids = sorted(i for i in groups[head] if i in fnc_in)
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                neg.add((fnc_in[ids[x]], fnc_in[ids[y]]))
    neg = sorted(neg)
    if len(neg) > args.max_negatives:
        neg = sorted(rng.sample(neg, args.max_negatives))

    # Shuffle the file order; ids follow it so they say nothing.
    perm = list(range(len(g.articles)))
    rng.shuffle(perm)
    pos = {old: new for new, old in enumerate(perm)}
    ident = lambda i: "a%06d" % pos[i]
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "articles.jsonl"), "w",
              encoding="utf-8") as f:
        for old in perm:
            a = dict(g.articles[old])
            rec = {"id": ident(old), "title": a["title"], "text": a["text"]}
            if "published" in a:
                rec["published"] = a["published"]
            rec["outlet"] = a["outlet"]
            rec["lang"] = a["lang"]
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    with open(os.path.join(args.out, "pairs.jsonl"), "w",
              encoding="utf-8") as f:
        for p in g.pairs:
            f.write(json.dumps({"copy": ident(p["copy"]),
                                "original": ident(p["original"]),
                                "kind": p["kind"], "transform": p["transform"],
                                "copy_dated": p["copy_dated"]}) + "\n")
        for a, b in neg:
            f.write(json.dumps({"a": ident(a), "b": ident(b),
                                "kind": "negative"}) + "\n")
    stats = {"articles": len(g.articles), "originals": len(originals),
             "pool": P, "copies": len(g.pairs), "negatives": len(neg),
             "seed": args.seed, "kinds": {}, "transforms": {}, "langs": {}}
    for p in g.pairs:
        stats["kinds"][p["kind"]] = stats["kinds"].get(p["kind"], 0) + 1
        stats["transforms"][p["transform"]] = \
            stats["transforms"].get(p["transform"], 0) + 1
    for a in g.articles:
        stats["langs"][a["lang"]] = stats["langs"].get(a["lang"], 0) + 1
    with open(os.path.join(args.out, "stats.json"), "w") as f:
        json.dump(stats, f, indent=1, sort_keys=True)
        f.write("\n")
    sys.stderr.write("gen_reuse: %d articles (%d originals from a pool of %d, "
                     "%d copies, %d negative pairs) in %s\n"
                     % (len(g.articles), len(originals), P, len(g.pairs),
                        len(neg), args.out))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--shared", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared"))
    ap.add_argument("--max-negatives", type=int, default=20000)
    args = ap.parse_args()
    build(args)


if __name__ == "__main__":
    main()
