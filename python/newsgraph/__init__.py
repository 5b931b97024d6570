"""newsgraph: stories, copies, entities and dates of news articles.

A binding over libnewsgraph's public C API (include/newsgraph.h) with the
standard library's ctypes: no compiler needed, nothing downloaded. Every
query is a cursor in the library; here each one is an iterator of dicts
whose keys are the cursor's column names (the header lists them).

    import newsgraph
    with newsgraph.open("news.db") as db:
        db.ingest("articles/")
        for story in db.stories(min_size=2, lang="de"):
            print(story["story"], story["size"], story["title"])

docs/PYTHON.md is the guide.
"""
import ctypes

from . import _capi

__all__ = ["open", "Engine", "Error", "NotFound", "DatabaseError",
           "InputError", "UsageError", "libversion", "__version__"]

__version__ = "0.6.0"

_lib = _capi.declare(_capi.load())


def libversion():
    """The version of the libnewsgraph loaded, e.g. "0.6.0"."""
    return _lib.ng_libversion().decode()


class Error(Exception):
    """A failed call: status is the ng_status number, message the detail."""

    def __init__(self, status, message):
        name = _lib.ng_status_str(status).decode()
        super().__init__("%s: %s" % (name, message) if message else name)
        self.status = status
        self.message = message


class NotFound(Error, LookupError):
    """No such story, article or file (NG_ERR_NOTFOUND)."""


class DatabaseError(Error):
    """The SQLite store failed, e.g. a damaged file (NG_ERR_DB)."""


class InputError(Error):
    """Some input was bad; the rest went in (NG_ERR_INPUT)."""


class UsageError(Error, ValueError):
    """A bad argument (NG_ERR_USAGE)."""


_ERRORS = {_capi.ERR_NOTFOUND: NotFound, _capi.ERR_DB: DatabaseError,
           _capi.ERR_INPUT: InputError, _capi.ERR_USAGE: UsageError}


def _b(s):
    """A str argument as the C API takes it (UTF-8), None as NULL."""
    if s is None:
        return None
    if isinstance(s, bytes):
        return s
    return str(s).encode("utf-8")


def _s(b):
    return None if b is None else b.decode("utf-8", "replace")


def open(path, *, threads=0, read_only=False, story_threshold=0.0,
         story_window_days=0, batch_size=0):
    """Opens (or creates) the SQLite file at path and returns an Engine.

    read_only opens an existing file without writing to it, so a reader
    never waits for an ingest on the same file. ":memory:" is a database
    that lives as long as the engine."""
    return Engine(path, threads=threads, read_only=read_only,
                  story_threshold=story_threshold,
                  story_window_days=story_window_days, batch_size=batch_size)


class Engine:
    """One engine over one database. Use it from one thread at a time.

    diagnostics is the list of problems found in the input so far, each a
    dict {"severity", "file", "record", "offset", "message"}."""

    def __init__(self, path, *, threads=0, read_only=False,
                 story_threshold=0.0, story_window_days=0, batch_size=0):
        self.diagnostics = []
        self._cursors = set()
        self._handle = None
        # Kept alive as long as the engine: C holds a pointer to it.
        self._diag_cb = _capi.DIAG_FN(self._on_diag)
        cfg = _capi.Config()
        _lib.ng_config_init_sized(ctypes.byref(cfg), ctypes.sizeof(cfg))
        cfg.db_path = _b(path)
        cfg.threads = threads
        cfg.on_diag = self._diag_cb
        cfg.story_threshold = story_threshold
        cfg.story_window_days = story_window_days
        cfg.batch_size = batch_size
        cfg.read_only = 1 if read_only else 0
        handle = ctypes.c_void_p()
        st = _lib.ng_engine_open(ctypes.byref(cfg), ctypes.byref(handle))
        if st != _capi.OK:
            msg = self.diagnostics[-1]["message"] if self.diagnostics else ""
            raise _ERRORS.get(st, Error)(st, msg or "opening %s" % path)
        self._handle = handle

    def _on_diag(self, ctx, d):
        d = d.contents
        self.diagnostics.append({
            "severity": "error" if d.severity == _capi.DIAG_ERROR
                        else "warning",
            "file": _s(d.file), "record": d.record, "offset": d.offset,
            "message": _s(d.message)})

    # ---- lifetime --------------------------------------------------------
    def close(self):
        """Flushes what is queued, closes every open cursor and the engine.
        Raises Error when the last commit failed."""
        if self._handle is None:
            return
        for c in list(self._cursors):
            _lib.ng_cursor_close(c)
        self._cursors.clear()
        handle, self._handle = self._handle, None
        st = _lib.ng_engine_close(handle)
        if st != _capi.OK:
            msg = self.diagnostics[-1]["message"] if self.diagnostics else ""
            raise _ERRORS.get(st, Error)(st, msg)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    def _h(self):
        if self._handle is None:
            raise UsageError(_capi.ERR_USAGE, "the engine is closed")
        return self._handle

    def _check(self, st):
        if st != _capi.OK:
            raise _ERRORS.get(st, Error)(
                st, _s(_lib.ng_errmsg(self._handle)))

    # ---- ingest ----------------------------------------------------------
    @staticmethod
    def _stats_dict(stats):
        return {name: getattr(stats, name) for name in _capi.STATS_FIELDS}

    def ingest(self, path, *, strict=False):
        """Reads a file, a directory (recursively) or "-" (stdin) and stores
        its articles. Returns the counts as a dict (added, unchanged, failed,
        ...). Bad records are reported in self.diagnostics and counted in
        "failed"; the good ones go in. With strict=True bad input raises
        InputError after the good records are stored."""
        stats = _capi.IngestStats()
        stats.size = ctypes.sizeof(stats)
        st = _lib.ng_ingest_path(self._h(), _b(path), ctypes.byref(stats))
        if st != _capi.OK and (st != _capi.ERR_INPUT or strict):
            self._check(st)
        return self._stats_dict(stats)

    def ingest_bytes(self, data, *, name="bytes", strict=False):
        """Reads articles from bytes (or str) in any format ingest() reads
        from a file: JSON Lines, a JSON array of articles or one object,
        text, HTML, a feed, WARC, gzip or not; name stands for the file in
        diagnostics and ids. Returns the counts as ingest() does."""
        if isinstance(data, str):
            data = data.encode("utf-8")
        stats = _capi.IngestStats()
        stats.size = ctypes.sizeof(stats)
        st = _lib.ng_ingest_bytes(self._h(), _b(name), data, len(data),
                                  ctypes.byref(stats))
        if st != _capi.OK and (st != _capi.ERR_INPUT or strict):
            self._check(st)
        return self._stats_dict(stats)

    def ingest_records(self, records, *, source="python"):
        """Stores articles given as dicts with "text" and optionally "id",
        "url", "title", "published", "outlet", "lang"; then flushes.
        Returns the counts as ingest() does. A record the library rejects is
        reported in self.diagnostics and counted, the others go in."""
        stats = _capi.IngestStats()
        stats.size = ctypes.sizeof(stats)
        h = self._h()
        for i, rec in enumerate(records):
            if "text" not in rec or rec["text"] is None:
                raise UsageError(_capi.ERR_USAGE,
                                 "record %d has no text" % (i + 1))
            text = _b(rec["text"])
            r = _capi.Record()
            r.size = ctypes.sizeof(r)
            r.id = _b(rec.get("id"))
            r.url = _b(rec.get("url"))
            r.title = _b(rec.get("title"))
            r.text = text
            r.text_len = len(text)
            r.published = _b(rec.get("published"))
            r.outlet = _b(rec.get("outlet"))
            r.lang = _b(rec.get("lang"))
            st = _lib.ng_ingest_record(h, ctypes.byref(r), _b(source),
                                       ctypes.byref(stats))
            if st not in (_capi.OK, _capi.ERR_INPUT, _capi.ERR_TOOBIG):
                self._check(st)
        st = _lib.ng_ingest_flush(h, ctypes.byref(stats))
        if st not in (_capi.OK, _capi.ERR_INPUT):
            self._check(st)
        return self._stats_dict(stats)

    # ---- cursors ---------------------------------------------------------
    def _rows(self, opener, *args):
        """Opens a cursor with opener(engine, *args, &cursor) and yields its
        rows as dicts; the cursor closes when the iteration ends or the
        iterator is dropped."""
        h = self._h()
        cur = ctypes.c_void_p()
        self._check(opener(h, *args, ctypes.byref(cur)))
        c = cur.value
        self._cursors.add(c)
        try:
            n = _lib.ng_cursor_column_count(c)
            names = [_lib.ng_cursor_column_name(c, i).decode()
                     for i in range(n)]
            while True:
                st = _lib.ng_cursor_step(c)
                if st == _capi.DONE:
                    return
                if st != _capi.ROW:
                    self._check(st)
                row = {}
                for i, name in enumerate(names):
                    t = _lib.ng_cursor_column_type(c, i)
                    if t == _capi.TYPE_INT:
                        row[name] = _lib.ng_cursor_column_int64(c, i)
                    elif t == _capi.TYPE_FLOAT:
                        row[name] = _lib.ng_cursor_column_double(c, i)
                    elif t == _capi.TYPE_TEXT:
                        p = _lib.ng_cursor_column_text(c, i)
                        size = _lib.ng_cursor_column_bytes(c, i)
                        row[name] = ctypes.string_at(p, size).decode(
                            "utf-8", "replace") if p else None
                    else:
                        row[name] = None
                yield row
        finally:
            if c in self._cursors:
                self._cursors.discard(c)
                _lib.ng_cursor_close(c)

    def _one(self, rows):
        for row in rows:
            rows.close()
            return row
        return None

    def stories(self, *, lang=None, since=None, until=None, min_size=0,
                text=None, match=None, limit=0, offset=0):
        """Stories, largest first: dicts with story, size, languages,
        first_seen, last_seen, title. lang: an ISO 639-1 code of one of its
        articles; since/until: ISO dates ("2024-11" is a month); text: a
        substring of a title or body; match: full-text search words
        (docs/SEARCH.md); limit/offset page through."""
        f = _capi.StoryFilter()
        f.size = ctypes.sizeof(f)
        f.lang, f.from_, f.to = _b(lang), _b(since), _b(until)
        f.min_size, f.text, f.match = min_size, _b(text), _b(match)
        f.limit, f.offset = limit, offset
        return self._rows(_lib.ng_stories_open, ctypes.byref(f))

    def search(self, query, *, limit=0, offset=0):
        """Full-text search over titles and bodies (docs/SEARCH.md): dicts
        with article, story, title, lang, published, snippet (matched words
        between U+0002 and U+0003), rank; best first."""
        return self._rows(_lib.ng_search_open, _b(query), limit, offset)

    def story(self, story):
        """One story as a dict (the columns of stories()); NotFound."""
        return self._one(self._rows(_lib.ng_story_open, story))

    def story_articles(self, story):
        """The articles of a story, by publication day."""
        return self._rows(_lib.ng_story_articles_open, story)

    def articles(self):
        """Every article, in ingest order."""
        return self._rows(_lib.ng_articles_open)

    def article(self, article_id):
        """One article as a dict; NotFound when there is none."""
        return self._one(self._rows(_lib.ng_article_open, _b(article_id)))

    def article_text(self, article_id):
        """The stored body of an article (what offsets point into)."""
        text = ctypes.c_char_p()
        size = ctypes.c_size_t()
        self._check(_lib.ng_article_text(self._h(), _b(article_id),
                                         ctypes.byref(text),
                                         ctypes.byref(size)))
        return ctypes.string_at(text, size.value).decode("utf-8", "replace")

    def copies(self, *, story=None, article=None):
        """Copy edges (copy, original, kind, score, why, ...) of one story
        or one article: give exactly one of them."""
        if (story is None) == (article is None):
            raise UsageError(_capi.ERR_USAGE,
                             "copies() takes story= or article=")
        if story is not None:
            return self._rows(_lib.ng_story_copies_open, story)
        return self._rows(_lib.ng_article_copies_open, _b(article))

    def evidence(self, copy_id, original_id):
        """The quotations and passages behind the edge copy -> original."""
        return self._rows(_lib.ng_evidence_open, _b(copy_id),
                          _b(original_id))

    def related_stories(self, story):
        """Stories sharing claims, quote groups, copy edges or named
        entities with story."""
        return self._rows(_lib.ng_related_stories_open, story)

    def entities(self, *, type=None, name=None, min_mentions=0, limit=0,
                 offset=0):
        """Canonical entities, most mentioned first: type, key, name,
        mentions, articles. name matches the name or any variant."""
        f = _capi.EntityFilter()
        f.size = ctypes.sizeof(f)
        f.type, f.name = _b(type), _b(name)
        f.min_mentions, f.limit, f.offset = min_mentions, limit, offset
        return self._rows(_lib.ng_entities_open, ctypes.byref(f))

    def entity_variants(self, type=None, key=None):
        """Distinct spellings of an entity (or all) with their counts."""
        return self._rows(_lib.ng_entity_variants_open, _b(type), _b(key))

    def entity_mentions(self, type, key):
        """Every mention of one entity: article, offsets, text, name."""
        return self._rows(_lib.ng_entity_mentions_open, _b(type), _b(key))

    def mentions(self, article_id):
        """The named-entity mentions of one article, in text order."""
        return self._rows(_lib.ng_article_mentions_open, _b(article_id))

    def dates(self, article_id):
        """The dates of one article, resolved to TIMEX3 values."""
        return self._rows(_lib.ng_article_dates_open, _b(article_id))

    @staticmethod
    def _said_filter(story, speaker, group, limit, offset):
        f = _capi.SaidFilter()
        f.size = ctypes.sizeof(f)
        f.story, f.speaker, f.group = story or 0, _b(speaker), group or 0
        f.limit, f.offset = limit, offset
        return f

    def quotes(self, *, story=None, speaker=None, group=None, article=None,
               limit=0, offset=0):
        """Quotes with their speakers (all, or of one story, speaker,
        quote group or article), in ingest and text order."""
        if article is not None:
            return self._rows(_lib.ng_article_quotes_open, _b(article))
        f = self._said_filter(story, speaker, group, limit, offset)
        return self._rows(_lib.ng_quotes_open, ctypes.byref(f))

    def quote_groups(self, *, story=None, speaker=None, limit=0, offset=0):
        """Quote groups (the same words in several articles and languages),
        most articles first."""
        f = self._said_filter(story, speaker, None, limit, offset)
        return self._rows(_lib.ng_quote_groups_open, ctypes.byref(f))

    def claims(self, *, story=None, speaker=None, limit=0, offset=0):
        """Claims with their claimant and counts of reports, responses and
        denials."""
        f = self._said_filter(story, speaker, None, limit, offset)
        return self._rows(_lib.ng_claims_open, ctypes.byref(f))

    def claim_reports(self, claim):
        """The articles reporting one claim."""
        return self._rows(_lib.ng_claim_reports_open, claim)

    def claim_responses(self, claim):
        """Denials, confirmations and refusals to comment on one claim."""
        return self._rows(_lib.ng_claim_responses_open, claim)

    def claim_stances(self, claim):
        """Each article's stance (agree, disagree, discuss, unrelated)."""
        return self._rows(_lib.ng_claim_stances_open, claim)

    def claim_stories(self, claim):
        """The stories one claim is reported or answered in."""
        return self._rows(_lib.ng_claim_stories_open, claim)

    def timeline(self, story, *, thread=False):
        """The dated events of a story (and of its thread)."""
        return self._rows(_lib.ng_timeline_open, story, 1 if thread else 0)

    def export(self, fmt="jsonl"):
        """The whole export (docs/EXPORT.md) as a str, "json" or "jsonl"."""
        formats = {"json": _capi.FORMAT_JSON, "jsonl": _capi.FORMAT_JSONL}
        if fmt not in formats:
            raise UsageError(_capi.ERR_USAGE, "export takes json or jsonl")
        parts = []

        def write(ctx, data, size):
            parts.append(ctypes.string_at(data, size))
            return 0
        cb = _capi.WRITE_FN(write)
        self._check(_lib.ng_export_to(self._h(), formats[fmt], cb, None))
        return b"".join(parts).decode("utf-8")
