#!/usr/bin/python3
"""seeds.py: writes the seed corpora of the fuzz targets (fuzz/corpus/NAME/)
from the project's own fixtures: the string literals of the unit tests
that feed each reader or extractor (tests/test_*.c), the seed articles
(examples/articles/), WARC files made by tests/gen_warc.py from them, and
a few requests and values written here for the HTTP targets. Each seed is
named by the SHA-1 of its bytes (as libFuzzer names its finds), so a re-run
writes the same files. docs/RELIABILITY.md, "Fuzzing (issue 15)".

Usage: /usr/bin/python3 fuzz/seeds.py   (from the top of the repository)
       /usr/bin/python3 fuzz/seeds.py --shared DATA OUT
The second form adds seeds cut from the labelled data in DATA
(../shared/data: news pages, articles in nine languages, TimeML, quotes)
to OUT/NAME/, for `make fuzz` only: that data may not be copied into the
repository, so these seeds live in the build tree.
"""
import glob
import hashlib
import os
import re
import subprocess
import sys
import tempfile

# fuzz.h's fuzz_langs: the byte that picks a language
LANGS = [None, "en", "de", "fr", "es", "it", "pt", "nl", "ru", "uk", "pl",
         "cs", "sk", "sl", "hr", "sr", "bg", "mk", "tr", "ar", "ja", "zh",
         "sv", "da", "no", "fi", "hu", "el", "he", "hi", "id", "und"]
MAX_SEED = 16384     # bytes of one seed
MAX_SEEDS = 80       # seeds of one target


def c_literals(path):
    """The runs of adjacent C string literals of a file, decoded."""
    src = open(path, encoding="utf-8", errors="surrogateescape").read()
    src = re.sub(r"/\*.*?\*/", " ", src, flags=re.S)
    out, cur, i, n = [], None, 0, len(src)
    while i < n:
        c = src[i]
        if c == '"':
            i += 1
            buf = bytearray()
            while i < n and src[i] != '"':
                ch = src[i]
                if ch == "\\":
                    e = src[i + 1]
                    i += 2
                    if e == "x":
                        m = re.match(r"[0-9a-fA-F]+", src[i:])
                        buf.append(int(m.group(0), 16) & 0xFF)
                        i += len(m.group(0))
                    elif e in "01234567":
                        m = re.match(r"[0-7]{1,3}", src[i - 1:])
                        buf.append(int(m.group(0), 8) & 0xFF)
                        i += len(m.group(0)) - 1
                    else:
                        buf += {"n": b"\n", "t": b"\t", "r": b"\r", "0": b"\0",
                                "\\": b"\\", '"': b'"', "'": b"'",
                                "a": b"\a", "?": b"?"}.get(e, e.encode())
                    continue
                buf += ch.encode("utf-8", errors="surrogateescape")
                i += 1
            i += 1
            cur = (cur or b"") + bytes(buf)
            continue
        if c in " \t\r\n":
            i += 1
            continue
        if c == "/" and src[i:i + 2] == "//":
            j = src.find("\n", i)
            i = n if j < 0 else j
            continue
        if cur is not None:
            out.append(cur)
            cur = None
        if c == "'":
            j = i + 1
            while j < n and src[j] != "'":
                j += 2 if src[j] == "\\" else 1
            i = j + 1
            continue
        i += 1
    if cur is not None:
        out.append(cur)
    return out


def lang_byte(lang):
    return bytes([LANGS.index(lang) if lang in LANGS else 0])


class Corpus:
    def __init__(self, name):
        self.name = name
        self.dir = os.path.join("fuzz", "corpus", name)
        self.seen = {}

    def add(self, data):
        data = data[:MAX_SEED]
        if len(data) < 2 or len(self.seen) >= MAX_SEEDS:
            return
        self.seen[hashlib.sha1(data).hexdigest()] = data

    def write(self):
        os.makedirs(self.dir, exist_ok=True)
        for f in glob.glob(os.path.join(self.dir, "*")):
            os.remove(f)
        for h, data in sorted(self.seen.items()):
            with open(os.path.join(self.dir, h), "wb") as f:
                f.write(data)
        size = sum(len(d) for d in self.seen.values())
        print("%-9s %3d seeds %7d bytes" % (self.name, len(self.seen), size))


def literals(pattern, min_len=12):
    out = []
    for path in sorted(glob.glob(pattern)):
        out += [s for s in c_literals(path) if len(s) >= min_len]
    return out


def looks_like(s, *marks):
    low = s[:400].lower()
    return any(m in low for m in marks)


def shared_seeds(data, out):
    """Seeds cut from DATA into OUT/NAME/ (a few of each kind)."""
    import gzip
    import json
    c = {n: Corpus(n) for n in ["text", "jsonl", "html", "warc", "dates",
                                 "entities", "quotes", "claims", "pivot"]}
    for t in c.values():
        t.dir = os.path.join(out, t.name)
    pages = sorted(glob.glob(os.path.join(data, "article-extraction/html/*.gz")))
    for p in pages[:12]:
        raw = gzip.open(p).read()
        c["html"].add(raw)
        c["text"].add(b"\x03" + raw)
    for p in pages[12:14]:
        c["text"].add(b"\x05" + open(p, "rb").read())
    by_lang = {}
    for name in ["xling-dev/wmt21_news/articles.jsonl", "semeval22t8/articles.jsonl"]:
        path = os.path.join(data, name)
        if not os.path.exists(path):
            continue
        for line in open(path, encoding="utf-8"):
            a = json.loads(line)
            lang = a.get("lang")
            if by_lang.get(lang, 0) >= 2:
                continue
            by_lang[lang] = by_lang.get(lang, 0) + 1
            a["text"] = a.get("text", "")[:1500]
            c["jsonl"].add(b"\x00" + json.dumps(a, ensure_ascii=False).encode())
            text = ((a.get("title") or "") + "\n\n" + a["text"]).encode()
            for t in ["entities", "quotes", "claims", "pivot"]:
                c[t].add(lang_byte(lang) + text)
            c["dates"].add(lang_byte(lang) + b"\x4d\x2c" + text)
    for p in sorted(glob.glob(os.path.join(
            data, "tempeval3/data/TBAQ-cleaned/TimeBank/*.tml")))[:12]:
        tml = open(p, "rb").read()
        c["dates"].add(b"\x01\x2c\x27" + re.sub(rb"<[^>]*>", b"", tml)[:3000])
    for p in sorted(glob.glob(os.path.join(data, "polnear/train/text/*.txt")))[:10]:
        c["quotes"].add(b"\x01" + open(p, "rb").read()[:4000])
        c["claims"].add(b"\x01" + open(p, "rb").read()[:4000])
    for lang in ["bg", "cs", "pl", "ru", "sl", "uk"]:
        for p in sorted(glob.glob(os.path.join(data, "slavicner/raw/*", lang,
                                               "*.txt")))[:2]:
            text = open(p, "rb").read()[:3000]
            c["entities"].add(lang_byte(lang) + text)
            c["pivot"].add(lang_byte(lang) + text)
    for t in c.values():
        if t.seen:
            os.makedirs(t.dir, exist_ok=True)
            for h, d in t.seen.items():
                with open(os.path.join(t.dir, "shared-" + h), "wb") as f:
                    f.write(d)
            print("shared seeds: %-9s %3d" % (t.name, len(t.seen)))


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--shared":
        if os.path.isdir(sys.argv[2]):
            shared_seeds(sys.argv[2], sys.argv[3])
        else:
            print("shared seeds: %s absent, skipped" % sys.argv[2])
        return 0
    c = {n: Corpus(n) for n in ["text", "json", "jsonl", "html", "feed", "warc",
                                 "http", "params", "dates", "entities",
                                 "quotes", "claims", "pivot", "translit"]}
    articles = [open(p, "rb").read() for p in
                sorted(glob.glob("examples/articles/*.txt"))]
    # plain text and the sniffer: the seed articles, the reader tests
    for a in articles:
        c["text"].add(b"\x01" + a[:4096])
        c["text"].add(b"\x81" + a[:2048])
    for s in literals("tests/test_read.c") + literals("tests/test_ingest_bytes.c"):
        c["text"].add(b"\x00" + s)
        if s.lstrip(b"\xef\xbb\xbf \n").startswith((b"{", b"[")):
            c["jsonl"].add(b"\x00" + s)
            c["jsonl"].add(b"\x01" + s)
            c["json"].add(s)
    for s in literals("tests/test_json.c", 2):
        c["json"].add(s)
        c["jsonl"].add(b"\x00" + s)
    # markup
    for s in literals("tests/test_html.c") + literals("tests/test_credits.c"):
        if b"<" in s:
            c["html"].add(s)
    for s in literals("tests/test_feeds.c") + literals("tests/test_watch_api.c"):
        if looks_like(s, b"<rss", b"<feed", b"rdf", b"<?xml", b"<item", b"<entry"):
            for mode in b"\x00\x01\x02":
                c["feed"].add(bytes([mode]) + s)
        elif b"<" in s:
            c["html"].add(s)
    c["html"].add(b"Uhttps://news.example/2024/10/27/story.html\n"
                  b"text/html; charset=windows-1251\n"
                  b"<html><head><title>\xcd\xee\xe2\xee\xf1\xf2\xe8</title></head>"
                  b"<body><article><p>\xd2\xe5\xea\xf1\xf2.</p></article></body></html>")
    # web archives: the tests' records and WARCs of the seed articles
    for s in literals("tests/test_warc.c"):
        if looks_like(s, b"warc/1", b"http/1"):
            c["warc"].add(s if not s.startswith(b"HTTP/") else b"H" + s)
    with tempfile.TemporaryDirectory() as tmp:
        texts = sorted(glob.glob("examples/articles/*.txt"))[:2]
        for kind in ["plain", "members", "stream"]:
            out = os.path.join(tmp, "seed." + kind)
            subprocess.run(["/usr/bin/python3", "tests/gen_warc.py", out, kind]
                           + texts, check=True)
            c["warc"].add(open(out, "rb").read())
    # extractors: the seed articles and the tests' texts, with a language
    for a in articles:
        for t in ["dates", "entities", "quotes", "claims", "pivot"]:
            pre = b"\x01\x4d\x2c" if t == "dates" else lang_byte("en")
            c[t].add(pre + a[:3000])
    for t, files in [("dates", "tests/test_dates.c"),
                     ("entities", "tests/test_entities.c"),
                     ("quotes", "tests/test_quotes.c"),
                     ("claims", "tests/test_claims.c"),
                     ("pivot", "tests/test_pivot.c"),
                     ("translit", "tests/test_kana.c")]:
        for s in literals(files, 3):
            if t == "dates":
                c[t].add(b"\x00\x4d\x2c" + s)
            else:
                c[t].add(lang_byte(None) + s)
    for s in literals("tests/test_entities.c", 3)[:40]:
        c["translit"].add(lang_byte(None) + s[:64])
    # the HTTP server: a request per route, and values for the checks
    for line in [
            b"GET /api/", b"GET /api/stories?limit=2&page=1",
            b"GET /api/stories/1", b"GET /api/stories/1/articles",
            b"GET /api/stories/1/timeline", b"GET /api/stories/1/copies",
            b"GET /api/stories/1/related", b"GET /api/stories/1/claims",
            b"GET /api/copies/evidence?a=1&b=2",
            b"GET /api/articles?lang=de&since=2024-11&until=2024-11-30",
            b"GET /api/articles/a1", b"GET /api/search?q=Lindner%20denies",
            b"GET /api/entities?type=PER&limit=5",
            b"GET /api/entities/PER:lindner", b"GET /api/quotes?speaker=1",
            b"GET /api/quote-groups", b"GET /api/claims?story=1&offset=0",
            b"DELETE /api/stories/1", b"GET /api/stories/0",
            b"GET /", b"GET /story/1", b"GET /article/a1",
            b"GET /entity/PER%3Alindner", b"GET /search?q=storm",
            b"GET /static/style.css", b"GET /api/stories?page=%00"]:
        c["http"].add(line + b"\n\n")
    c["http"].add(b"POST /api/articles\nContent-Type: application/json\n\n"
                  b"{\"id\":\"p1\",\"text\":\"A short article about a storm.\"}")
    c["http"].add(b"POST /api/articles\nContent-Type: application/x-ndjson\n\n"
                  b"{\"id\":\"p2\",\"text\":\"One.\"}\n{\"id\":\"p3\"}\n")
    for s in [b"42\nen\n50\nBearer abcdefghijklmnopqrstuvwxyz",
              b"2024-02-29\n1\n1000\nbearer 0123456789abcdef",
              b"/api/stories/7/articles\nund\n\nBasic xyz",
              b"%41%2f%00%zz\ntrue\n-1\n", b"9223372036854775808\nDE\n0\n"]:
        c["params"].add(s)
    for s in literals("tests/test_serve.c", 2)[:60]:
        c["params"].add(s)
    for name in c.values():
        name.write()


if __name__ == "__main__":
    sys.exit(main())
