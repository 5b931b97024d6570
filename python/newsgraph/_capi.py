"""The C API of libnewsgraph as ctypes sees it.

This module only finds the shared library and declares the functions and
structs of include/newsgraph.h that the binding uses; the Pythonic layer is
in __init__.py. Struct layouts follow the header: the structs a caller fills
begin with their size (docs/ABI.md), so a newer library reads only the
fields declared here.
"""
import ctypes
import ctypes.util
import os

# Status codes (ng_status); the numbers never change.
OK, ERR_NOMEM, ERR_IO, ERR_INPUT, ERR_DB, ERR_USAGE, ERR_NOTFOUND, \
    ERR_TOOBIG, ERR_INTERNAL = range(9)
ROW, DONE = 100, 101

# Column types (ng_type).
TYPE_NULL, TYPE_INT, TYPE_FLOAT, TYPE_TEXT = range(4)

# Report formats (ng_format).
FORMAT_TABLE, FORMAT_JSON, FORMAT_JSONL = range(3)

# Severities (ng_severity).
DIAG_WARNING, DIAG_ERROR = range(2)


def _candidates():
    """Where the shared library may be, most specific first."""
    env = os.environ.get("NEWSGRAPH_LIBRARY")
    if env:
        yield env
        return
    here = os.path.dirname(os.path.abspath(__file__))
    yield os.path.join(here, "libnewsgraph.so.0")
    # Used in place from a checkout: python/newsgraph -> build/
    yield os.path.join(here, "..", "..", "build", "libnewsgraph.so")
    found = ctypes.util.find_library("newsgraph")
    if found:
        yield found
    yield "libnewsgraph.so.0"


def load():
    """Loads libnewsgraph; raises OSError naming every place tried."""
    tried = []
    for path in _candidates():
        if os.sep in path and not os.path.exists(path):
            tried.append(path + " (absent)")
            continue
        try:
            return ctypes.CDLL(path)
        except OSError as err:
            tried.append("%s (%s)" % (path, err))
    raise OSError("libnewsgraph not found; set NEWSGRAPH_LIBRARY to its path. "
                  "Tried: " + "; ".join(tried))


class Diag(ctypes.Structure):
    _fields_ = [("severity", ctypes.c_int),
                ("file", ctypes.c_char_p),
                ("record", ctypes.c_longlong),
                ("offset", ctypes.c_longlong),
                ("message", ctypes.c_char_p)]


DIAG_FN = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(Diag))
WRITE_FN = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p,
                            ctypes.POINTER(ctypes.c_char), ctypes.c_size_t)


class Config(ctypes.Structure):
    _fields_ = [("size", ctypes.c_size_t),
                ("db_path", ctypes.c_char_p),
                ("threads", ctypes.c_int),
                ("on_diag", DIAG_FN),
                ("diag_ctx", ctypes.c_void_p),
                ("story_threshold", ctypes.c_double),
                ("story_window_days", ctypes.c_int),
                ("batch_size", ctypes.c_int),
                ("read_only", ctypes.c_int)]


STATS_FIELDS = ("files", "records", "added", "unchanged", "failed", "bytes",
                "invalid_utf8", "warnings", "errors", "moved", "split",
                "skipped")


class IngestStats(ctypes.Structure):
    _fields_ = [("size", ctypes.c_size_t)] + \
               [(name, ctypes.c_longlong) for name in STATS_FIELDS]


class Record(ctypes.Structure):
    _fields_ = [("size", ctypes.c_size_t),
                ("id", ctypes.c_char_p),
                ("url", ctypes.c_char_p),
                ("title", ctypes.c_char_p),
                ("text", ctypes.c_char_p),
                ("text_len", ctypes.c_size_t),
                ("published", ctypes.c_char_p),
                ("outlet", ctypes.c_char_p),
                ("lang", ctypes.c_char_p)]


class StoryFilter(ctypes.Structure):
    _fields_ = [("size", ctypes.c_size_t),
                ("lang", ctypes.c_char_p),
                ("from_", ctypes.c_char_p),
                ("to", ctypes.c_char_p),
                ("min_size", ctypes.c_longlong),
                ("text", ctypes.c_char_p),
                ("limit", ctypes.c_longlong),
                ("offset", ctypes.c_longlong),
                ("match", ctypes.c_char_p)]


class EntityFilter(ctypes.Structure):
    _fields_ = [("size", ctypes.c_size_t),
                ("type", ctypes.c_char_p),
                ("name", ctypes.c_char_p),
                ("min_mentions", ctypes.c_longlong),
                ("limit", ctypes.c_longlong),
                ("offset", ctypes.c_longlong)]


class SaidFilter(ctypes.Structure):
    _fields_ = [("size", ctypes.c_size_t),
                ("story", ctypes.c_longlong),
                ("speaker", ctypes.c_char_p),
                ("group", ctypes.c_longlong),
                ("limit", ctypes.c_longlong),
                ("offset", ctypes.c_longlong)]


def declare(lib):
    """Sets argument and result types of every function the binding calls."""
    P = ctypes.c_void_p
    S = ctypes.c_char_p
    I = ctypes.c_int
    LL = ctypes.c_longlong
    PP = ctypes.POINTER(ctypes.c_void_p)
    table = {
        "ng_libversion": (S, []),
        "ng_libversion_number": (I, []),
        "ng_status_str": (S, [I]),
        "ng_config_init_sized": (None, [ctypes.POINTER(Config),
                                        ctypes.c_size_t]),
        "ng_engine_open": (I, [ctypes.POINTER(Config), PP]),
        "ng_engine_close": (I, [P]),
        "ng_errmsg": (S, [P]),
        "ng_ingest_path": (I, [P, S, ctypes.POINTER(IngestStats)]),
        "ng_ingest_record": (I, [P, ctypes.POINTER(Record), S,
                                 ctypes.POINTER(IngestStats)]),
        "ng_ingest_flush": (I, [P, ctypes.POINTER(IngestStats)]),
        "ng_article_text": (I, [P, S, ctypes.POINTER(ctypes.c_char_p),
                                ctypes.POINTER(ctypes.c_size_t)]),
        "ng_cursor_step": (I, [P]),
        "ng_cursor_column_count": (I, [P]),
        "ng_cursor_column_name": (S, [P, I]),
        "ng_cursor_column_type": (I, [P, I]),
        "ng_cursor_column_text": (ctypes.c_void_p, [P, I]),
        "ng_cursor_column_bytes": (ctypes.c_size_t, [P, I]),
        "ng_cursor_column_int64": (LL, [P, I]),
        "ng_cursor_column_double": (ctypes.c_double, [P, I]),
        "ng_cursor_close": (None, [P]),
        "ng_stories_open": (I, [P, ctypes.POINTER(StoryFilter), PP]),
        "ng_search_open": (I, [P, S, ctypes.c_longlong, ctypes.c_longlong, PP]),
        "ng_ingest_bytes": (I, [P, S, ctypes.c_char_p, ctypes.c_size_t,
                                ctypes.POINTER(IngestStats)]),
        "ng_story_open": (I, [P, LL, PP]),
        "ng_story_articles_open": (I, [P, LL, PP]),
        "ng_articles_open": (I, [P, PP]),
        "ng_article_open": (I, [P, S, PP]),
        "ng_story_copies_open": (I, [P, LL, PP]),
        "ng_article_copies_open": (I, [P, S, PP]),
        "ng_evidence_open": (I, [P, S, S, PP]),
        "ng_related_stories_open": (I, [P, LL, PP]),
        "ng_entities_open": (I, [P, ctypes.POINTER(EntityFilter), PP]),
        "ng_entity_variants_open": (I, [P, S, S, PP]),
        "ng_entity_mentions_open": (I, [P, S, S, PP]),
        "ng_article_mentions_open": (I, [P, S, PP]),
        "ng_article_dates_open": (I, [P, S, PP]),
        "ng_export_to": (I, [P, I, WRITE_FN, P]),
        "ng_quotes_open": (I, [P, ctypes.POINTER(SaidFilter), PP]),
        "ng_quote_groups_open": (I, [P, ctypes.POINTER(SaidFilter), PP]),
        "ng_article_quotes_open": (I, [P, S, PP]),
        "ng_claims_open": (I, [P, ctypes.POINTER(SaidFilter), PP]),
        "ng_claim_reports_open": (I, [P, LL, PP]),
        "ng_claim_responses_open": (I, [P, LL, PP]),
        "ng_claim_stances_open": (I, [P, LL, PP]),
        "ng_claim_stories_open": (I, [P, LL, PP]),
        "ng_timeline_open": (I, [P, LL, I, PP]),
    }
    for name, (restype, argtypes) in table.items():
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes
    return lib
