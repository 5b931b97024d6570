"""Tests of the Python binding, run by `make test` under /usr/bin/python3.

They ingest the bundled seed articles (examples/articles/) through the binding and
check what comes back against the newsgraph command's own JSON output, an
independent client of the same library: the binding must neither lose nor
invent rows. Environment: NEWSGRAPH_LIBRARY (the shared library) and
NEWSGRAPH (the command), both set by the Makefile.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "python"))

import newsgraph  # noqa: E402

CLI = os.environ.get("NEWSGRAPH", os.path.join(ROOT, "build", "newsgraph"))
EXAMPLES = os.path.join(ROOT, "examples", "articles")
N_EXAMPLES = len([f for f in os.listdir(EXAMPLES) if f.endswith(".txt")])


def cli_json(*args):
    out = subprocess.run([CLI, *args], check=True, capture_output=True)
    return json.loads(out.stdout)


class SeedDatabase(unittest.TestCase):
    """One database of the seed articles, shared by the read-only tests."""

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="ng-python-")
        cls.path = os.path.join(cls.dir, "seeds.db")
        with newsgraph.open(cls.path, threads=1) as db:
            cls.stats = db.ingest(EXAMPLES)
        cls.db = newsgraph.open(cls.path, read_only=True)

    @classmethod
    def tearDownClass(cls):
        cls.db.close()
        shutil.rmtree(cls.dir)

    def test_version(self):
        with open(os.path.join(ROOT, "VERSION")) as f:
            version = f.read().strip()
        self.assertEqual(newsgraph.libversion(), version)
        self.assertEqual(newsgraph.__version__, version)
        with open(os.path.join(ROOT, "python", "pyproject.toml")) as f:
            self.assertIn('version = "%s"' % version, f.read())

    def test_ingest_counts(self):
        self.assertEqual(self.stats["added"], N_EXAMPLES)
        self.assertEqual(self.stats["failed"], 0)
        with newsgraph.open(self.path) as db:
            again = db.ingest(EXAMPLES)
        self.assertEqual(again["added"], 0)
        self.assertEqual(again["unchanged"], N_EXAMPLES)

    def test_stories_match_the_command(self):
        ours = list(self.db.stories())
        theirs = cli_json("stories", "--db", self.path, "--format", "json")
        if isinstance(theirs, dict):
            theirs = theirs.get("stories", theirs)
        self.assertEqual([s["story"] for s in ours],
                         [s["story"] for s in theirs])
        self.assertEqual([s["size"] for s in ours],
                         [s["size"] for s in theirs])
        self.assertEqual([s["title"] for s in ours],
                         [s["title"] for s in theirs])
        self.assertEqual(sum(s["size"] for s in ours), N_EXAMPLES)

    def test_story_filters(self):
        everything = list(self.db.stories())
        big = list(self.db.stories(min_size=2))
        self.assertTrue(big, "the seeds hold a story of several articles")
        self.assertEqual(big, [s for s in everything if s["size"] >= 2])
        for lang in {l for s in everything
                     for l in s["languages"].split(",") if l}:
            got = list(self.db.stories(lang=lang))
            self.assertEqual(got, [s for s in everything
                                   if lang in s["languages"].split(",")])
        self.assertEqual(list(self.db.stories(lang="zz")), [])
        pages = []
        for offset in range(len(everything)):
            pages += list(self.db.stories(limit=1, offset=offset))
        self.assertEqual(pages, everything)

    def test_articles_and_text(self):
        articles = list(self.db.articles())
        self.assertEqual(len(articles), N_EXAMPLES)
        by_story = {}
        for a in articles:
            by_story.setdefault(a["story"], set()).add(a["id"])
        for s in self.db.stories():
            ids = {a["id"] for a in self.db.story_articles(s["story"])}
            self.assertEqual(ids, by_story[s["story"]])
        one = articles[0]
        self.assertEqual(self.db.article(one["id"]), one)
        text = self.db.article_text(one["id"])
        mentions = list(self.db.mentions(one["id"]))
        self.assertTrue(mentions)
        for m in mentions:
            self.assertEqual(text.encode()[m["byte_start"]:m["byte_end"]]
                             .decode(), text[m["start"]:m["end"]])
            self.assertIn(m["text"], text[m["start"]:m["end"]])

    def test_not_found(self):
        with self.assertRaises(newsgraph.NotFound):
            self.db.story(10 ** 9)
        with self.assertRaises(newsgraph.NotFound):
            self.db.article("no such article")
        with self.assertRaises(LookupError):
            list(self.db.mentions("no such article"))

    def test_copies_and_evidence(self):
        ids = {a["id"] for a in self.db.articles()}
        edges = [e for s in self.db.stories()
                 for e in self.db.copies(story=s["story"])]
        self.assertTrue(edges, "the seeds hold copies")
        for e in edges:
            self.assertIn(e["copy"], ids)
            self.assertIn(e["original"], ids)
            self.assertIn(e["kind"], ("exact", "near", "rewrite", "partial"))
            self.assertTrue(0 <= e["score"] <= 1)
            per_article = list(self.db.copies(article=e["copy"]))
            self.assertIn(e, per_article)
            for ev in self.db.evidence(e["copy"], e["original"]):
                self.assertTrue(ev["copy_text"])
        with self.assertRaises(newsgraph.UsageError):
            self.db.copies()

    def test_entities(self):
        everything = list(self.db.entities())
        self.assertTrue(everything)
        counts = [e["mentions"] for e in everything]
        self.assertEqual(counts, sorted(counts, reverse=True))
        people = list(self.db.entities(type="person"))
        self.assertEqual(people, [e for e in everything
                                  if e["type"] == "person"])
        putin = list(self.db.entities(name="Putin"))
        self.assertTrue(putin)
        for e in putin:
            variants = list(self.db.entity_variants(e["type"], e["key"]))
            self.assertTrue(any("putin" in (v["text"] + v["name"]).lower()
                                for v in variants) or
                            "putin" in e["name"].lower())
            mentions = list(self.db.entity_mentions(e["type"], e["key"]))
            self.assertEqual(len(mentions), e["mentions"])

    def test_dates(self):
        values = [d["value"] for a in self.db.articles()
                  for d in self.db.dates(a["id"])]
        self.assertTrue(values)
        self.assertTrue(any(v[:4].isdigit() for v in values))

    def test_quotes_and_claims_match_the_command(self):
        # the quote groups and claims the command prints, row for row
        groups = cli_json("quotes", "--db", self.path, "--format", "json")
        rows = list(self.db.quote_groups())
        self.assertEqual([g["quote_group"] for g in rows],
                         [g["group"] for g in groups["quote_groups"]])
        self.assertTrue(rows, "the seed articles quote people")
        for g, row in zip(groups["quote_groups"], rows):
            self.assertEqual(g["text"], row["text"])
            quotes = list(self.db.quotes(group=row["quote_group"]))
            self.assertEqual(len(quotes), len(g["quotes"]))
        everything = list(self.db.quotes())
        by_article = [q for a in self.db.articles()
                      for q in self.db.quotes(article=a["id"])]
        self.assertEqual(everything, by_article)
        claims = cli_json("claims", "--db", self.path, "--format", "json")
        rows = list(self.db.claims())
        self.assertEqual([c["claim"] for c in rows],
                         [c["id"] for c in claims["claims"]])
        for c, row in zip(claims["claims"], rows):
            reports = list(self.db.claim_reports(row["claim"]))
            self.assertEqual(len(reports), row["reports"])
            self.assertEqual(sorted({r["article"] for r in reports}),
                             sorted(c["reported_in"]))
            responses = list(self.db.claim_responses(row["claim"]))
            self.assertEqual(len(responses), len(c["responses"]))
            self.assertEqual([s["story"] for s in
                              self.db.claim_stories(row["claim"])], c["stories"])
        with self.assertRaises(newsgraph.NotFound):
            list(self.db.claim_reports(10 ** 9))

    def test_timeline(self):
        story = next(iter(self.db.stories()))["story"]
        events = list(self.db.timeline(story))
        self.assertTrue(any(e["event"] == "published" for e in events))
        dates = [e["date"] for e in events if e["date"]]
        self.assertEqual(dates, sorted(dates))
        thread = list(self.db.timeline(story, thread=True))
        self.assertTrue(len(thread) >= len(events))
        with self.assertRaises(newsgraph.NotFound):
            list(self.db.timeline(10 ** 9))

    def test_export_matches_the_command(self):
        out = subprocess.run([CLI, "export", "--db", self.path, "--format",
                              "jsonl"], check=True, capture_output=True)
        self.assertEqual(self.db.export("jsonl"), out.stdout.decode())
        with self.assertRaises(newsgraph.UsageError):
            self.db.export("table")

    def test_read_only_refuses_ingest(self):
        with self.assertRaises(newsgraph.UsageError):
            self.db.ingest(EXAMPLES)


class Writing(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="ng-python-")
        self.path = os.path.join(self.dir, "w.db")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def test_records_stored_once(self):
        recs = [{"id": "a", "title": "Storm hits coast",
                 "text": "A storm hit the coast of Norway on Monday, "
                         "officials in Bergen said.",
                 "published": "2024-03-04", "lang": "en"},
                {"id": "b", "text": "Die Regierung in Berlin hat am Montag "
                                    "ein neues Gesetz beschlossen."}]
        with newsgraph.open(self.path, threads=1) as db:
            first = db.ingest_records(recs)
            second = db.ingest_records(recs)
            self.assertEqual(first["added"], 2)
            self.assertEqual(second["added"], 0)
            self.assertEqual(second["unchanged"], 2)
            a = db.article("a")
            self.assertEqual(a["published"], "2024-03-04")
            self.assertEqual(a["title"], "Storm hits coast")
            self.assertEqual(db.article_text("b"), recs[1]["text"])
        with self.assertRaises(newsgraph.UsageError):
            with newsgraph.open(self.path) as db:
                db.ingest_records([{"id": "x"}])

    def test_bad_input_reported_good_input_stored(self):
        src = os.path.join(self.dir, "mixed.jsonl")
        with open(src, "w") as f:
            f.write('{"id":"good","text":"Parliament met in Oslo today."}\n')
            f.write('{"id":"bad", this is not json\n')
        with newsgraph.open(self.path, threads=1) as db:
            stats = db.ingest(src)
            self.assertEqual(stats["added"], 1)
            self.assertEqual(stats["failed"], 1)
            self.assertTrue(any(d["record"] == 2 and d["file"] == src
                                for d in db.diagnostics))
            with self.assertRaises(newsgraph.InputError):
                db.ingest(src, strict=True)
            self.assertIsNotNone(db.article("good"))

    def test_search_and_ingest_bytes(self):
        with newsgraph.open(self.path, threads=1) as db:
            db.ingest(EXAMPLES)
            hits = list(db.search("Peskov"))
            self.assertTrue(hits)
            self.assertEqual(set(hits[0]), {"article", "story", "title",
                                            "lang", "published", "snippet",
                                            "rank"})
            self.assertTrue(any("\x02" in h["snippet"] for h in hits))
            self.assertEqual(list(db.search("")), [])
            by_match = {s["story"] for s in db.stories(match="Peskov")}
            self.assertEqual(by_match, {h["story"] for h in hits})
        body = json.dumps([{"id": "arr-1", "text": "Ferries to Gotland "
                            "were cancelled on Friday."},
                           {"id": "arr-2", "title": "no text"}], indent=1)
        with newsgraph.open(self.path, threads=1) as db:
            stats = db.ingest_bytes(body, name="post")
            self.assertEqual((stats["added"], stats["failed"]), (1, 1))
            self.assertEqual([h["article"] for h in db.search("gotland")],
                             ["arr-1"])
            with self.assertRaises(newsgraph.InputError):
                db.ingest_bytes(b"", name="empty", strict=True)

    def test_closed_engine(self):
        db = newsgraph.open(self.path)
        db.close()
        db.close()
        with self.assertRaises(newsgraph.UsageError):
            list(db.stories())

    def test_unfinished_iterator_then_close(self):
        with newsgraph.open(self.path, threads=1) as db:
            db.ingest(EXAMPLES)
            it = db.articles()
            next(it)
        # the cursor was closed with the engine; dropping it is harmless
        del it

    def test_damaged_database(self):
        with newsgraph.open(self.path, threads=1) as db:
            db.ingest(EXAMPLES)
        size = os.path.getsize(self.path)
        page = 4096
        self.assertGreater(size, 4 * page)
        with open(self.path, "r+b") as f:
            for p in range(2, size // page):
                f.seek(p * page)
                f.write(b"\xff" * 64)
        with self.assertRaises(newsgraph.DatabaseError):
            with newsgraph.open(self.path, read_only=True) as db:
                list(db.articles())
                for a in db.articles():
                    list(db.mentions(a["id"]))

    def test_missing_read_only_file(self):
        with self.assertRaises(newsgraph.Error):
            newsgraph.open(os.path.join(self.dir, "absent.db"),
                           read_only=True)


if __name__ == "__main__":
    unittest.main()
