/*
 * store.c: the SQLite schema, inserts and the resume scan (see store.h).
 *
 * Prepared statements are made once per connection. Sketch blobs are stored
 * in the machine's byte order (little-endian on the platforms we build for);
 * meta.byte_order records it and a mismatch refuses to open.
 *
 * Writers and readers: a writer claims the file with a lock file before it
 * touches it (two ingests would otherwise both replay the same state and
 * then store the same seq numbers); a reader opens it read-only and writes
 * nothing, so it needs no lock and never waits (WAL).
 */
#include "store.h"
#include "query_int.h" /* ngi_store_db, for the query files */
#include "store_int.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

/* 4 added who said what (quotes, claims, responses, stances); 5 added the
 * state of `watch` (watch_feeds, watch_items: store_watch.c); 6 added
 * full-text search (articles_fts) and the indexes that serve pages (stories
 * by size, mentions by entity). A version-3 to version-5 file gets the new
 * tables and indexes when a writer opens it (upgrade_meta). */
#define NGI_SCHEMA_VERSION 6

/* The indexes that serve reading only: the write path never looks
 * anything up through them, so a file written in bulk (ngi_store_set_bulk)
 * builds them once at the end, sorted, instead of one random insert into
 * each per row (a quarter of the distributed ingest's linking rank went
 * to inserting mentions, the mentions_entity index part of it). */
#define INDEX_COPIES_ORIGINAL \
	"CREATE INDEX IF NOT EXISTS copies_original ON copies(original);"
#define INDEX_EVIDENCE_EDGE \
	"CREATE INDEX IF NOT EXISTS evidence_edge ON evidence(copy, original);"
#define INDEX_MENTIONS_ENTITY \
	"CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(key, type);"
#define INDEX_STANCES_CLAIM \
	"CREATE INDEX IF NOT EXISTS stances_claim ON stances(claim);"
static const char *const reading_indexes[] = {
	"copies_original", "evidence_edge", "mentions_entity", "stances_claim",
};
static const char *const reading_index_sql =
	INDEX_COPIES_ORIGINAL INDEX_EVIDENCE_EDGE INDEX_MENTIONS_ENTITY
	INDEX_STANCES_CLAIM;

/* The page cache: 64 MiB while articles go in (index lookups stay in
 * memory), SQLite's default of 2,000 KiB while indexes are built. SQLite's
 * sorter cuts its sorted runs at the main file's cache size, and short
 * runs sort faster (in the processor's caches, presumably) than merging
 * more of them costs: the mentions' index over 28.9 million rows (the
 * million-article bench corpus has as many) took 24.5 s on average with
 * 2,000 KiB against 37.3 s with 64 MiB, and 127 MB less (three builds
 * each, bench/index_sort.sh, docs/PERFORMANCE.md). */
#define CACHE_WORKING "PRAGMA cache_size=-65536;"
#define CACHE_SORTING "PRAGMA cache_size=-2000;"

static const char *schema =
	"PRAGMA journal_mode=WAL;"
	"PRAGMA synchronous=NORMAL;"
	CACHE_WORKING
	"PRAGMA wal_autocheckpoint=16384;" /* 64 MiB of WAL between checkpoints */
	"PRAGMA foreign_keys=ON;"
	/* damaged pages are found as they are read (a small cost), not
	 * read as fewer rows: see docs/STORE.md */
	"PRAGMA cell_size_check=ON;"
	"CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);"
	"CREATE TABLE IF NOT EXISTS stories("
	" id INTEGER PRIMARY KEY, title TEXT, size INTEGER NOT NULL DEFAULT 0,"
	" first_seen TEXT, last_seen TEXT, languages TEXT);"
	"CREATE TABLE IF NOT EXISTS articles("
	" seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, source TEXT,"
	" record INTEGER, url TEXT, outlet TEXT, title TEXT, lang TEXT,"
	" lang_reliable INTEGER, published TEXT, published_source TEXT,"
	" published_confidence REAL, day INTEGER, n_words INTEGER, n_sentences INTEGER,"
	" content_hash INTEGER, record_hash INTEGER,"
	" story INTEGER NOT NULL REFERENCES stories(id), body TEXT,"
	" minhash BLOB, terms BLOB, anchors BLOB, sketch BLOB);"
	"CREATE INDEX IF NOT EXISTS articles_story ON articles(story);"
	/* full-text search over titles and bodies (docs/SEARCH.md): an
	 * external-content FTS5 index (the text stays in articles only);
	 * articles are only ever added, so each insert adds its row here
	 * (ST_INSERT_FTS) and nothing is updated or deleted */
	"CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(title, body,"
	" content='articles', content_rowid='seq',"
	" tokenize='unicode61 remove_diacritics 2');"
	"CREATE INDEX IF NOT EXISTS articles_content ON articles(content_hash);"
	/* a story's first real title without reading its untitled articles */
	"CREATE INDEX IF NOT EXISTS articles_story_titled ON articles(story)"
	" WHERE title IS NOT NULL;"
	/* the story list, largest first, read a page at a time */
	"CREATE INDEX IF NOT EXISTS stories_size ON stories(size DESC, id);"
	"CREATE TABLE IF NOT EXISTS copies("
	" copy INTEGER NOT NULL REFERENCES articles(seq),"
	" original INTEGER NOT NULL REFERENCES articles(seq),"
	" kind TEXT NOT NULL, score REAL NOT NULL, why TEXT NOT NULL,"
	" PRIMARY KEY(copy, original));"
	INDEX_COPIES_ORIGINAL
	"CREATE TABLE IF NOT EXISTS evidence("
	" copy INTEGER NOT NULL, original INTEGER NOT NULL,"
	" kind TEXT NOT NULL, copy_start INTEGER, copy_end INTEGER,"
	" original_start INTEGER, original_end INTEGER, score REAL,"
	" FOREIGN KEY(copy, original) REFERENCES copies(copy, original));"
	INDEX_EVIDENCE_EDGE
	/* entity mentions: offsets in code points (start, end) and bytes */
	"CREATE TABLE IF NOT EXISTS mentions("
	" article INTEGER NOT NULL REFERENCES articles(seq),"
	" start INTEGER NOT NULL, end INTEGER NOT NULL,"
	" byte_start INTEGER NOT NULL, byte_end INTEGER NOT NULL,"
	" type TEXT NOT NULL, surface TEXT NOT NULL, key TEXT NOT NULL,"
	" name TEXT NOT NULL, PRIMARY KEY(article, start, end)) WITHOUT ROWID;"
	/* one entity's mentions and variants, and the stories sharing
	 * entities, without a scan of every mention */
	INDEX_MENTIONS_ENTITY
	"CREATE TABLE IF NOT EXISTS entities("
	" type TEXT NOT NULL, key TEXT NOT NULL, name TEXT NOT NULL,"
	" mentions INTEGER NOT NULL, articles INTEGER NOT NULL,"
	" PRIMARY KEY(type, key));"
	"CREATE TABLE IF NOT EXISTS dates("
	" article INTEGER NOT NULL REFERENCES articles(seq),"
	" start INTEGER NOT NULL, end INTEGER NOT NULL,"
	" byte_start INTEGER NOT NULL, byte_end INTEGER NOT NULL,"
	" surface TEXT NOT NULL, value TEXT NOT NULL, type TEXT NOT NULL,"
	" granularity TEXT, anchor TEXT NOT NULL,"
	" PRIMARY KEY(article, start, end)) WITHOUT ROWID;"
	/* who said what (docs/STORE.md): offsets in code points (start, end)
	 * and bytes; a date with where it came from */
	"CREATE TABLE IF NOT EXISTS quote_groups("
	" id INTEGER PRIMARY KEY, first_article INTEGER NOT NULL"
	" REFERENCES articles(seq), text TEXT NOT NULL, speaker TEXT,"
	" speaker_key TEXT, sig BLOB);"
	"CREATE TABLE IF NOT EXISTS quotes("
	" article INTEGER NOT NULL REFERENCES articles(seq), idx INTEGER NOT NULL,"
	" start INTEGER NOT NULL, end INTEGER NOT NULL,"
	" byte_start INTEGER NOT NULL, byte_end INTEGER NOT NULL,"
	" direct INTEGER NOT NULL, first_piece INTEGER NOT NULL, text TEXT NOT NULL,"
	" as_written TEXT, speaker TEXT, speaker_key TEXT, cue TEXT,"
	" quote_group INTEGER REFERENCES quote_groups(id),"
	" date TEXT, date_source TEXT, PRIMARY KEY(article, idx)) WITHOUT ROWID;"
	"CREATE INDEX IF NOT EXISTS quotes_group ON quotes(quote_group);"
	"CREATE TABLE IF NOT EXISTS claims("
	" id INTEGER PRIMARY KEY, first_article INTEGER NOT NULL"
	" REFERENCES articles(seq), text TEXT NOT NULL, kind TEXT NOT NULL,"
	" claimant TEXT, claimant_key TEXT);"
	"CREATE TABLE IF NOT EXISTS claim_reports("
	" claim INTEGER NOT NULL REFERENCES claims(id),"
	" article INTEGER NOT NULL REFERENCES articles(seq), idx INTEGER NOT NULL,"
	" start INTEGER NOT NULL, end INTEGER NOT NULL,"
	" byte_start INTEGER NOT NULL, byte_end INTEGER NOT NULL,"
	" text TEXT NOT NULL, kind TEXT NOT NULL, claimant TEXT, claimant_key TEXT,"
	" as_written TEXT, cue TEXT, date TEXT, date_source TEXT,"
	" sig BLOB," /* set when the report represents its claim in the index */
	" PRIMARY KEY(article, idx)) WITHOUT ROWID;"
	"CREATE INDEX IF NOT EXISTS claim_reports_claim ON claim_reports(claim);"
	"CREATE TABLE IF NOT EXISTS responses("
	" article INTEGER NOT NULL REFERENCES articles(seq), idx INTEGER NOT NULL,"
	" claim INTEGER REFERENCES claims(id), stance TEXT NOT NULL,"
	" responder TEXT, responder_key TEXT, as_written TEXT,"
	" start INTEGER NOT NULL, end INTEGER NOT NULL,"
	" byte_start INTEGER NOT NULL, byte_end INTEGER NOT NULL,"
	" evidence TEXT NOT NULL, cue TEXT, date TEXT, date_source TEXT,"
	" PRIMARY KEY(article, idx)) WITHOUT ROWID;"
	"CREATE INDEX IF NOT EXISTS responses_claim ON responses(claim);"
	"CREATE TABLE IF NOT EXISTS stances("
	" article INTEGER NOT NULL REFERENCES articles(seq),"
	" claim INTEGER NOT NULL REFERENCES claims(id), stance TEXT NOT NULL,"
	" score REAL NOT NULL, PRIMARY KEY(article, claim)) WITHOUT ROWID;"
	INDEX_STANCES_CLAIM
	/* watch (docs/WATCH.md, store_watch.c): each feed's validators and
	 * schedule, each item URL seen with what became of it */
	"CREATE TABLE IF NOT EXISTS watch_feeds("
	" url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT,"
	" next_poll INTEGER NOT NULL DEFAULT 0, failures INTEGER NOT NULL DEFAULT 0,"
	" last_polled INTEGER, last_status INTEGER, last_error TEXT);"
	"CREATE TABLE IF NOT EXISTS watch_items("
	" url TEXT PRIMARY KEY, feed TEXT NOT NULL, state TEXT NOT NULL,"
	" article TEXT, failures INTEGER NOT NULL DEFAULT 0, error TEXT,"
	" first_seen INTEGER NOT NULL, updated INTEGER NOT NULL);"
	"CREATE INDEX IF NOT EXISTS watch_items_pending ON watch_items(feed)"
	" WHERE state IN ('new', 'retry');";

enum {
	ST_INSERT_ARTICLE,
	ST_INSERT_EDGE,
	ST_INSERT_EVIDENCE,
	ST_NEW_STORY,
	ST_STORY_ADD,
	ST_STORY_GET,
	ST_STORY_ABSORB,
	ST_GET_SKETCH,
	ST_INSERT_MENTION,
	ST_UPSERT_ENTITIES,
	ST_INSERT_DATE,
	ST_MOVE_ARTICLES,
	ST_DROP_STORY,
	ST_GET_TERMS,
	ST_SET_STORY,
	ST_STORY_LANGS,
	ST_STORY_RECOUNT,
	ST_SPLIT_STORY,
	ST_INSERT_FTS,
	ST_COUNT
};

static const char *statements[ST_COUNT] = {
	"INSERT INTO articles(seq, id, source, record, url, outlet, title, lang,"
	" lang_reliable, published, published_source, day, n_words, n_sentences,"
	" content_hash, record_hash, story, body, minhash, terms, anchors, sketch,"
	" published_confidence)"
	" VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	"INSERT OR REPLACE INTO copies(copy, original, kind, score, why)"
	" VALUES(?,?,?,?,?)",
	"INSERT INTO evidence(copy, original, kind, copy_start, copy_end,"
	" original_start, original_end, score) VALUES(?,?,?,?,?,?,?,?)",
	"INSERT INTO stories(id, title) VALUES(?, ?)",
	/* one more article in a story: first/last seen from full dates only
	 * (a dateline's "--11-12" has no year); the title becomes the first
	 * real title among its articles, else stays the lead kept when the
	 * story was created; ?4 is the language list made in C */
	"UPDATE stories SET size = size + 1,"
	" title = CASE WHEN ?2 IS NOT NULL AND NOT EXISTS (SELECT 1 FROM articles"
	"   WHERE story = ?1 AND title IS NOT NULL AND seq <> ?5) THEN ?2"
	"   ELSE title END,"
	" first_seen = CASE WHEN ?3 GLOB '[0-9]*' AND"
	"   (first_seen IS NULL OR ?3 < first_seen) THEN ?3 ELSE first_seen END,"
	" last_seen = CASE WHEN ?3 GLOB '[0-9]*' AND"
	"   (last_seen IS NULL OR ?3 > last_seen) THEN ?3 ELSE last_seen END,"
	" languages = ?4 WHERE id = ?1",
	"SELECT size, first_seen, last_seen, languages FROM stories WHERE id = ?",
	/* story ?1 absorbs a story of ?2 articles seen from ?3 to ?4 */
	"UPDATE stories SET size = size + ?2,"
	" title = coalesce((SELECT title FROM articles WHERE story = ?1"
	"   AND title IS NOT NULL ORDER BY seq LIMIT 1), title),"
	" first_seen = CASE WHEN ?3 IS NOT NULL AND"
	"   (first_seen IS NULL OR ?3 < first_seen) THEN ?3 ELSE first_seen END,"
	" last_seen = CASE WHEN ?4 IS NOT NULL AND"
	"   (last_seen IS NULL OR ?4 > last_seen) THEN ?4 ELSE last_seen END,"
	" languages = ?5 WHERE id = ?1",
	"SELECT sketch FROM articles WHERE seq = ?",
	"INSERT INTO mentions(article, start, end, byte_start, byte_end, type,"
	" surface, key, name) VALUES(?,?,?,?,?,?,?,?,?)",
	/* one entity of one article: mentions, the longest display name */
	"INSERT INTO entities(type, key, name, mentions, articles)"
	" VALUES(?1, ?2, ?3, ?4, 1)"
	" ON CONFLICT(type, key) DO UPDATE SET"
	" mentions = mentions + excluded.mentions, articles = articles + 1,"
	" name = CASE WHEN length(excluded.name) > length(name) OR"
	"  (length(excluded.name) = length(name) AND excluded.name < name)"
	"  THEN excluded.name ELSE name END",
	"INSERT INTO dates(article, start, end, byte_start, byte_end, surface,"
	" value, type, granularity, anchor) VALUES(?,?,?,?,?,?,?,?,?,?)",
	"UPDATE articles SET story = ?1 WHERE story = ?2",
	"DELETE FROM stories WHERE id = ?",
	"SELECT terms, day, lang FROM articles WHERE seq = ?",
	"UPDATE articles SET story = ?2 WHERE seq = ?1",
	"SELECT DISTINCT lang FROM articles WHERE story = ? AND lang IS NOT NULL"
	" ORDER BY lang",
	/* a story's aggregates counted again from its articles (after one
	 * left it); ?2 is the language list made in C */
	"UPDATE stories SET"
	" size = (SELECT count(*) FROM articles WHERE story = ?1),"
	" title = coalesce((SELECT title FROM articles WHERE story = ?1"
	"   AND title IS NOT NULL ORDER BY seq LIMIT 1), title),"
	" first_seen = (SELECT min(published) FROM articles WHERE story = ?1"
	"   AND published GLOB '[0-9]*'),"
	" last_seen = (SELECT max(published) FROM articles WHERE story = ?1"
	"   AND published GLOB '[0-9]*'),"
	" languages = ?2 WHERE id = ?1",
	/* a story split off another, titled by one of its articles */
	"INSERT INTO stories(id, title) SELECT ?1, coalesce(title,"
	" substr(CASE WHEN instr(body, char(10)) > 0"
	"  THEN substr(body, 1, instr(body, char(10)) - 1) ELSE body END, 1, 120))"
	" FROM articles WHERE seq = ?2",
	/* the articles of the transaction, indexed for search just before it
	 * commits: FTS5 writes its pending terms out whenever another
	 * statement of the transaction opens a savepoint, so indexing each
	 * article as it was stored made many tiny segments to merge (a fifth
	 * of ingest's instructions on the bench) */
	"INSERT INTO articles_fts(rowid, title, body)"
	" SELECT seq, title, body FROM articles WHERE seq >= ?1 ORDER BY seq",
};

struct ngi_store {
	sqlite3 *db;
	sqlite3_stmt *st[ST_COUNT];
	/* statements of the other store files, made on first use
	 * (ngi_store_stmt, store_int.h) */
	sqlite3_stmt *more[NGI_STORE_MORE_STMTS];
	int lock_fd;  /* the writer's lock file, or -1 */
	/* the first article stored in the open transaction (its seq), 0 when
	 * none: indexed for search at commit */
	long long fts_from;
	/* statements of closed cursors, reset, kept to be used again by the
	 * next cursor on the same SQL (query_cursor.c): preparing a query
	 * anew for every cursor was a visible share of a server's time */
	sqlite3_stmt *idle[NGI_STORE_IDLE_STMTS];
	char err[512];
};

static ng_status fail(ngi_store *s, const char *what)
{
	snprintf(s->err, sizeof s->err, "%s: %s", what, sqlite3_errmsg(s->db));
	return NG_ERR_DB;
}

const char *ngi_store_errmsg(const ngi_store *s)
{
	return s ? s->err : "";
}

static int little_endian(void)
{
	uint16_t x = 1;
	return *(uint8_t *)&x == 1;
}

/* A new file gets its meta rows (a writer only); the checks read them.
 * Both in one transaction: a file whose creation failed between them
 * would read as written on a machine of another byte order. */
static ng_status write_meta(ngi_store *s)
{
	char sql[320];
	snprintf(sql, sizeof sql,
		 "BEGIN IMMEDIATE;"
		 "INSERT OR IGNORE INTO meta VALUES('schema_version','%d');"
		 "INSERT OR IGNORE INTO meta VALUES('byte_order','%s');"
		 "COMMIT;",
		 NGI_SCHEMA_VERSION, little_endian() ? "little" : "big");
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		ng_status st = fail(s, "writing meta");
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return st;
	}
	return NG_OK;
}

/* A writer upgrades a version-3, 4 or 5 file: the schema above has added
 * the new tables and indexes (the who-said-what tables empty: articles
 * stored before have no quotes or claims until they are ingested again
 * into a new file; watch starts with no feed state); the full-text index
 * is built from the stored articles, in one transaction with the version
 * change, so an interrupted upgrade is done again on the next open. */
static ng_status upgrade_meta(ngi_store *s)
{
	if (sqlite3_exec(s->db,
			 "BEGIN IMMEDIATE;"
			 "INSERT INTO articles_fts(articles_fts) SELECT 'rebuild'"
			 " WHERE (SELECT value FROM meta WHERE key = 'schema_version')"
			 " IN ('3', '4', '5');"
			 "UPDATE meta SET value = '6' WHERE"
			 " key = 'schema_version' AND value IN ('3', '4', '5');"
			 "COMMIT;",
			 NULL, NULL, NULL) != SQLITE_OK) {
		ng_status st = fail(s, "upgrading the schema");
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return st;
	}
	return NG_OK;
}

static ng_status check_meta(ngi_store *s)
{
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(s->db,
			       "SELECT (SELECT value FROM meta WHERE key='schema_version'),"
			       " (SELECT value FROM meta WHERE key='byte_order')",
			       -1, &q, NULL) != SQLITE_OK)
		return fail(s, "reading meta");
	ng_status st = NG_OK;
	int rc = sqlite3_step(q);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(q);
		return fail(s, "reading meta");
	}
	{
		int version = sqlite3_column_int(q, 0);
		const char *order = (const char *)sqlite3_column_text(q, 1);
		if (sqlite3_column_type(q, 0) == SQLITE_NULL) {
			snprintf(s->err, sizeof s->err,
				 "no schema version: not a newsgraph database, "
				 "or a damaged one");
			st = NG_ERR_DB;
		} else if (version != NGI_SCHEMA_VERSION) {
			snprintf(s->err, sizeof s->err,
				 "database schema version %d, this newsgraph reads %d%s",
				 version, NGI_SCHEMA_VERSION,
				 version >= 3 && version < NGI_SCHEMA_VERSION ? " (ingest into it once to upgrade it)" : "");
			st = NG_ERR_DB;
		} else if (!order || strcmp(order, little_endian() ? "little" : "big")) {
			snprintf(s->err, sizeof s->err,
				 "database written on a machine of another byte order");
			st = NG_ERR_DB;
		}
	}
	sqlite3_finalize(q);
	return st;
}

/* Claims path for a writer: an exclusive flock on "PATH-lock". A lock
 * on the database file itself would need a descriptor of our own on it,
 * and closing that descriptor drops every POSIX lock SQLite holds on the
 * file in this process; the lock file is a file SQLite never opens. */
ng_status ngi_store_lock(const char *path, int *fd, char *err, size_t errlen)
{
	/* one lock whatever name (a symbolic link, another relative path) the
	 * file is opened by, as SQLite names its -wal after the real file */
	char *real = realpath(path, NULL);
	const char *base = real ? real : path;
	size_t n = strlen(base);
	char *lock_path = malloc(n + sizeof "-lock");
	*fd = -1;
	if (!lock_path) {
		free(real);
		snprintf(err, errlen, "out of memory");
		return NG_ERR_NOMEM;
	}
	memcpy(lock_path, base, n);
	memcpy(lock_path + n, "-lock", sizeof "-lock");
	free(real);
	ng_status st = NG_OK;
	int lock_fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (lock_fd < 0) {
		snprintf(err, errlen, "cannot open database %s for writing: %s: %s",
			 path, lock_path, strerror(errno));
		st = NG_ERR_DB;
	} else if (flock(lock_fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno == EWOULDBLOCK)
			snprintf(err, errlen, "database %s: another ingest holds the "
				 "database (lock %s); nothing was written, run "
				 "again when it has finished", path, lock_path);
		else
			snprintf(err, errlen, "cannot lock database %s: %s: %s", path,
				 lock_path, strerror(errno));
		close(lock_fd);
		lock_fd = -1;
		st = NG_ERR_DB;
	}
	free(lock_path);
	*fd = lock_fd;
	return st;
}

static ng_status lock_writer(ngi_store *s, const char *path, char *err,
			     size_t errlen)
{
	return ngi_store_lock(path, &s->lock_fd, err, errlen);
}

static int is_memory(const char *path)
{
	return !strcmp(path, ":memory:") || !path[0];
}

static ng_status prepare_all(ngi_store *s, const char *path, char *err,
			     size_t errlen)
{
	for (int i = 0; i < ST_COUNT; i++) {
		if (sqlite3_prepare_v2(s->db, statements[i], -1, &s->st[i], NULL)) {
			/* a message of its own ("vtable constructor failed:
			 * articles_fts") can hide the cause (a disk I/O error) */
			const char *msg = sqlite3_errmsg(s->db);
			const char *cause = sqlite3_errstr(sqlite3_errcode(s->db));
			int hidden = cause && !strstr(msg, cause);
			snprintf(err, errlen, "database %s: %s%s%s%s", path, msg,
				 hidden ? " (" : "", hidden ? cause : "",
				 hidden ? ")" : "");
			return NG_ERR_DB;
		}
	}
	return NG_OK;
}

static ngi_store *store_new(char *err, size_t errlen)
{
	ngi_store *s = calloc(1, sizeof *s);
	if (!s)
		snprintf(err, errlen, "out of memory");
	else
		s->lock_fd = -1;
	return s;
}

ng_status ngi_store_open(const char *path, ngi_store **out, char *err,
			 size_t errlen)
{
	ngi_store *s = store_new(err, errlen);
	if (!s)
		return NG_ERR_NOMEM;
	if (!path)
		path = ":memory:";
	ng_status st = NG_OK;
	if (!is_memory(path))
		st = lock_writer(s, path, err, errlen);
	if (!st) {
		/* NOMUTEX: an engine is used by one thread at a time
		 * (newsgraph.h), so SQLite need not lock the connection on
		 * every call (a tenth of a row's insert) */
		int rc = sqlite3_open_v2(path, &s->db,
					 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
					 SQLITE_OPEN_NOMUTEX, NULL);
		if (rc != SQLITE_OK) {
			snprintf(err, errlen, "cannot open database %s: %s", path,
				 s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
			st = NG_ERR_DB;
		}
	}
	if (!st) {
		sqlite3_busy_timeout(s->db, 5000);
		if (sqlite3_exec(s->db, schema, NULL, NULL, NULL) != SQLITE_OK) {
			snprintf(err, errlen, "cannot set up database %s: %s", path,
				 sqlite3_errmsg(s->db));
			st = NG_ERR_DB;
		}
	}
	if (!st && (write_meta(s) || upgrade_meta(s) || check_meta(s))) {
		snprintf(err, errlen, "database %s: %s", path, s->err);
		st = NG_ERR_DB;
	}
	if (!st)
		st = prepare_all(s, path, err, errlen);
	if (st) {
		ngi_store_close(s);
		return st;
	}
	*out = s;
	return NG_OK;
}

/* "file:" and path with the characters a URI gives meaning to escaped. */
static char *immutable_uri(const char *path)
{
	size_t n = strlen(path);
	char *uri = malloc(3 * n + sizeof "file:?immutable=1");
	if (!uri)
		return NULL;
	char *o = uri + sprintf(uri, "file:");
	for (const char *p = path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			o += sprintf(o, "%%%02X", (unsigned char)*p);
		else
			*o++ = *p;
	}
	strcpy(o, "?immutable=1");
	return uri;
}

/* Opens path read-only (as an immutable URI when uri is set) and reads
 * meta; *cannot_share is set when the first read failed because SQLite
 * could not open or create the -shm file. */
static ng_status open_read_only(ngi_store *s, const char *name, int uri,
				int *cannot_share)
{
	int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX |
		    (uri ? SQLITE_OPEN_URI : 0);
	*cannot_share = 0;
	if (sqlite3_open_v2(name, &s->db, flags, NULL) != SQLITE_OK)
		return fail(s, "cannot open");
	sqlite3_busy_timeout(s->db, 5000);
	ng_status st = NG_OK;
	/* cell_size_check: as for writers (the schema above) */
	if (sqlite3_exec(s->db, "PRAGMA query_only=1; PRAGMA cache_size=-65536;"
			 "PRAGMA cell_size_check=ON;",
			 NULL, NULL, NULL) != SQLITE_OK)
		st = fail(s, "cannot set up");
	if (!st)
		st = check_meta(s);
	if (st) { /* a version verdict leaves no such SQLite error behind */
		int rc = sqlite3_errcode(s->db);
		*cannot_share = rc == SQLITE_READONLY || rc == SQLITE_CANTOPEN;
	}
	return st;
}

ng_status ngi_store_open_reader(const char *path, ngi_store **out, char *err,
				size_t errlen)
{
	if (!path || is_memory(path)) {
		snprintf(err, errlen, "a read-only store needs a database file");
		return NG_ERR_USAGE;
	}
	ngi_store *s = store_new(err, errlen);
	if (!s)
		return NG_ERR_NOMEM;
	int cannot_share;
	ng_status st = open_read_only(s, path, 0, &cannot_share);
	if (st && cannot_share) {
		char *uri = immutable_uri(path);
		if (!uri) {
			ngi_store_close(s);
			snprintf(err, errlen, "out of memory");
			return NG_ERR_NOMEM;
		}
		sqlite3_close(s->db);
		s->db = NULL;
		s->err[0] = '\0';
		st = open_read_only(s, uri, 1, &cannot_share);
		free(uri);
	}
	if (st)
		snprintf(err, errlen, "database %s: %s", path, s->err);
	if (!st)
		st = prepare_all(s, path, err, errlen);
	if (st) {
		ngi_store_close(s);
		return st;
	}
	*out = s;
	return NG_OK;
}

void ngi_store_close(ngi_store *s)
{
	if (!s)
		return;
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(s->st[i]);
	for (int i = 0; i < NGI_STORE_MORE_STMTS; i++)
		sqlite3_finalize(s->more[i]);
	for (int i = 0; i < NGI_STORE_IDLE_STMTS; i++)
		sqlite3_finalize(s->idle[i]);
	sqlite3_close(s->db);
	if (s->lock_fd >= 0)
		close(s->lock_fd); /* after SQLite is done with the file */
	free(s);
}

sqlite3 *ngi_store_db(ngi_store *s)
{
	return s->db;
}

sqlite3_stmt *ngi_store_take_idle(ngi_store *s, const char *sql)
{
	for (int i = 0; i < NGI_STORE_IDLE_STMTS; i++) {
		sqlite3_stmt *q = s->idle[i];
		if (q && strcmp(sqlite3_sql(q), sql) == 0) {
			s->idle[i] = NULL;
			return q;
		}
	}
	return NULL;
}

void ngi_store_give_idle(ngi_store *s, sqlite3_stmt *q)
{
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	for (int i = 0; i < NGI_STORE_IDLE_STMTS; i++)
		if (!s->idle[i]) {
			s->idle[i] = q;
			return;
		}
	/* full: the oldest slot's statement gives way */
	sqlite3_finalize(s->idle[0]);
	memmove(s->idle, s->idle + 1, (NGI_STORE_IDLE_STMTS - 1) * sizeof *s->idle);
	s->idle[NGI_STORE_IDLE_STMTS - 1] = q;
}

sqlite3_stmt *ngi_store_stmt(ngi_store *s, int slot, const char *sql)
{
	if (slot < 0 || slot >= NGI_STORE_MORE_STMTS)
		return NULL;
	if (!s->more[slot] &&
	    sqlite3_prepare_v2(s->db, sql, -1, &s->more[slot], NULL) != SQLITE_OK) {
		fail(s, "preparing a statement");
		s->more[slot] = NULL;
	}
	return s->more[slot];
}

ng_status ngi_store_fail(ngi_store *s, const char *what)
{
	return fail(s, what);
}

int ngi_store_changes(ngi_store *s)
{
	return sqlite3_changes(s->db);
}

ng_status ngi_store_step_done(ngi_store *s, sqlite3_stmt *q, const char *what)
{
	int rc = sqlite3_step(q);
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	if (rc == SQLITE_DONE)
		return NG_OK;
	return fail(s, what);
}

static ng_status exec(ngi_store *s, const char *sql)
{
	return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK ? NG_OK
								      : fail(s, sql);
}

void ngi_store_process_setup(void)
{
	/* SQLITE_MISUSE when SQLite is already in use: then nothing changes */
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

ng_status ngi_store_set_bulk(ngi_store *s, int bulk)
{
	/* journal_mode cannot leave WAL inside a transaction, nor while
	 * another connection reads: a file of one writer's own, between
	 * batches */
	if (bulk) {
		for (size_t i = 0; i < NGI_ARRAY_LEN(reading_indexes); i++) {
			char sql[96];
			snprintf(sql, sizeof sql, "DROP INDEX IF EXISTS %s;",
				 reading_indexes[i]);
			ng_status st = exec(s, sql);
			if (st)
				return st;
		}
		return exec(s, "PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF;"
			       " PRAGMA foreign_keys=OFF;");
	}
	ng_status st = ngi_store_build_indexes(s);
	return st ? st : exec(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
				 " PRAGMA foreign_keys=ON;");
}

/* Indexes built whole, with the page cache they sort fastest with
 * (CACHE_SORTING), the working one given back whatever happened. */
static ng_status build_sorted(ngi_store *s, const char *sql)
{
	ng_status st = exec(s, CACHE_SORTING);
	if (!st)
		st = exec(s, sql);
	ng_status back = exec(s, CACHE_WORKING);
	return st ? st : back;
}

ng_status ngi_store_build_indexes(ngi_store *s)
{
	return build_sorted(s, reading_index_sql);
}

ng_status ngi_store_index_rows(ngi_store *s, unsigned tables)
{
	return tables & NGI_ROWS_MENTIONS ? build_sorted(s, INDEX_MENTIONS_ENTITY)
					  : NG_OK;
}

/* The tables of a row stage's file (engine/row_stage.c), each copied
 * whole: "INSERT INTO t SELECT * FROM rows.t" of a table of the same
 * schema into an empty one is SQLite's transfer, which copies each
 * b-tree's records as they are instead of building every row again, and
 * each index of the table too when both files have it (the row stage
 * builds the mentions' reading index in its file: ngi_store_index_rows;
 * the taker's index, built on the empty table, then comes whole with
 * the rows). */
static const struct {
	unsigned table;
	const char *sql;
} take_rows_sql[] = {
	{NGI_ROWS_MENTIONS,
	 "INSERT INTO main.mentions SELECT * FROM rows.mentions;"},
	{NGI_ROWS_ENTITIES,
	 "INSERT INTO main.entities SELECT * FROM rows.entities;"},
};

ng_status ngi_store_take_rows(ngi_store *s, const char *path, unsigned tables)
{
	sqlite3_stmt *q = NULL;
	if (sqlite3_prepare_v2(s->db, "ATTACH ?1 AS rows", -1, &q, NULL) !=
	    SQLITE_OK)
		return fail(s, "attaching the rows written apart");
	sqlite3_bind_text(q, 1, path, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return fail(s, "attaching the rows written apart");
	ng_status st = NG_OK;
	int ok = sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
	for (size_t i = 0; ok && i < NGI_ARRAY_LEN(take_rows_sql); i++)
		if (tables & take_rows_sql[i].table)
			ok = sqlite3_exec(s->db, take_rows_sql[i].sql, NULL, NULL,
					  NULL) == SQLITE_OK;
	if (ok)
		ok = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
	if (!ok) {
		st = fail(s, "taking in the rows written apart");
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	}
	if (sqlite3_exec(s->db, "DETACH rows", NULL, NULL, NULL) != SQLITE_OK &&
	    !st)
		st = fail(s, "detaching the rows written apart");
	return st;
}

ng_status ngi_store_set_sort_threads(ngi_store *s, int n)
{
	char sql[48];
	snprintf(sql, sizeof sql, "PRAGMA threads=%d;", n > 0 ? n : 0);
	return exec(s, sql);
}

ng_status ngi_store_begin(ngi_store *s)
{
	return exec(s, "BEGIN IMMEDIATE");
}

ng_status ngi_store_commit(ngi_store *s)
{
	if (s->fts_from) {
		sqlite3_stmt *q = s->st[ST_INSERT_FTS];
		sqlite3_bind_int64(q, 1, s->fts_from);
		s->fts_from = 0;
		ng_status st = ngi_store_step_done(s, q, "indexing articles for search");
		if (st)
			return st;
	}
	return exec(s, "COMMIT");
}

void ngi_store_rollback(ngi_store *s)
{
	s->fts_from = 0;
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

static void bind_text(sqlite3_stmt *q, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(q, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(q, i);
}

static ng_status step_done(ngi_store *s, sqlite3_stmt *q, const char *what)
{
	int rc = sqlite3_step(q);
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	return rc == SQLITE_DONE ? NG_OK : fail(s, what);
}

/* ---- story aggregates ---------------------------------------------------------
 * Kept up to date one article at a time (and one merge at a time), so
 * storing an article costs the same in a story of ten as in one of a
 * hundred thousand. Languages are a sorted, comma-separated set. */
#define LANGS_MAX 1024

/* The union of two sorted language lists (either may be NULL) into out;
 * a list that would not fit keeps what fits. */
static void langs_union(const char *x, const char *y, char out[LANGS_MAX])
{
	size_t n = 0;
	out[0] = '\0';
	x = x ? x : "";
	y = y ? y : "";
	while (*x || *y) {
		size_t lx = strcspn(x, ","), ly = strcspn(y, ",");
		int c = !*x ? 1 : !*y ? -1 : strncmp(x, y, lx < ly ? lx : ly);
		if (c == 0 && lx != ly)
			c = lx < ly ? -1 : 1;
		const char *w = c <= 0 ? x : y;
		size_t lw = c <= 0 ? lx : ly;
		if (lw && n + lw + 2 <= LANGS_MAX) {
			if (n)
				out[n++] = ',';
			memcpy(out + n, w, lw);
			n += lw;
			out[n] = '\0';
		}
		if (c <= 0)
			x += lx + (x[lx] == ',');
		if (c >= 0)
			y += ly + (y[ly] == ',');
	}
}

/* Reads a story's aggregates: size, first and last seen, languages (the
 * strings are copied into the buffers, empty when NULL). */
static ng_status story_get(ngi_store *s, uint32_t story, long long *size,
			   char first[64], char last[64], char langs[LANGS_MAX])
{
	sqlite3_stmt *q = s->st[ST_STORY_GET];
	sqlite3_bind_int64(q, 1, story);
	int rc = sqlite3_step(q);
	*size = 0;
	first[0] = last[0] = langs[0] = '\0';
	if (rc == SQLITE_ROW) {
		const char *f = (const char *)sqlite3_column_text(q, 1);
		const char *l = (const char *)sqlite3_column_text(q, 2);
		const char *g = (const char *)sqlite3_column_text(q, 3);
		*size = sqlite3_column_int64(q, 0);
		snprintf(first, 64, "%s", f ? f : "");
		snprintf(last, 64, "%s", l ? l : "");
		snprintf(langs, LANGS_MAX, "%s", g ? g : "");
	}
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? NG_OK
						     : fail(s, "reading a story");
}

static ng_status story_add(ngi_store *s, const ngi_article_row *a)
{
	long long size;
	char first[64], last[64], langs[LANGS_MAX], merged[LANGS_MAX];
	ng_status st = story_get(s, a->story, &size, first, last, langs);
	if (st)
		return st;
	langs_union(langs, a->lang, merged);
	sqlite3_stmt *q = s->st[ST_STORY_ADD];
	sqlite3_bind_int64(q, 1, a->story);
	bind_text(q, 2, a->title);
	bind_text(q, 3, a->published);
	bind_text(q, 4, merged[0] ? merged : NULL);
	sqlite3_bind_int64(q, 5, (sqlite3_int64)a->seq + 1);
	return step_done(s, q, "updating a story");
}

ng_status ngi_store_insert_article(ngi_store *s, const ngi_article_row *a)
{
	sqlite3_stmt *q = s->st[ST_INSERT_ARTICLE];
	sqlite3_bind_int64(q, 1, (sqlite3_int64)a->seq + 1);
	bind_text(q, 2, a->id);
	bind_text(q, 3, a->source);
	sqlite3_bind_int64(q, 4, a->record_no);
	bind_text(q, 5, a->url);
	bind_text(q, 6, a->outlet);
	bind_text(q, 7, a->title);
	bind_text(q, 8, a->lang);
	sqlite3_bind_int(q, 9, a->lang_reliable);
	bind_text(q, 10, a->published);
	bind_text(q, 11, a->published_source);
	if (a->day != NGI_DAY_UNKNOWN)
		sqlite3_bind_int(q, 12, a->day);
	sqlite3_bind_int64(q, 13, a->n_words);
	sqlite3_bind_int64(q, 14, a->n_sentences);
	sqlite3_bind_int64(q, 15, (sqlite3_int64)a->content_hash);
	sqlite3_bind_int64(q, 16, (sqlite3_int64)a->record_hash);
	sqlite3_bind_int64(q, 17, a->story);
	if (a->body)
		sqlite3_bind_text(q, 18, a->body, (int)a->body_len, SQLITE_STATIC);
	if (a->minhash)
		sqlite3_bind_blob(q, 19, a->minhash,
				  NGI_MINHASH_K * sizeof(uint32_t), SQLITE_STATIC);
	sqlite3_bind_blob(q, 20, a->terms ? (const void *)a->terms : (const void *)"",
			  (int)(a->n_terms * sizeof(ngi_term)), SQLITE_STATIC);
	if (a->n_anchors)
		sqlite3_bind_blob(q, 21, a->anchors, (int)(a->n_anchors * sizeof(uint64_t)),
				  SQLITE_STATIC);
	if (a->sketch)
		sqlite3_bind_blob(q, 22, a->sketch, (int)a->sketch_len, SQLITE_STATIC);
	if (a->published)
		sqlite3_bind_double(q, 23, a->published_confidence);
	ng_status st = step_done(s, q, "storing an article");
	if (!st && !s->fts_from)
		s->fts_from = (long long)a->seq + 1;
	return st ? st : story_add(s, a);
}

const char *ngi_entity_type_word(int type)
{
	switch (type) {
	case NGI_ENT_PER: return "person";
	case NGI_ENT_ORG: return "organization";
	case NGI_ENT_LOC: return "place";
	case NGI_ENT_EVT: return "event";
	}
	return "other";
}

const char *ngi_timex_gran_name(int gran)
{
	static const char *names[] = {
		NULL, "minute", "hour", "part_of_day", "day", "weekend", "week",
		"month", "season", "quarter", "half", "year", "decade", "century"};
	return gran > 0 && gran < (int)(sizeof names / sizeof *names) ? names[gran]
								      : NULL;
}

const char *ngi_timex_anchor_name(int anchor)
{
	switch (anchor) {
	case NGI_ANCHOR_ABSOLUTE: return "absolute";
	case NGI_ANCHOR_PUBLICATION: return "publication";
	case NGI_ANCHOR_TEXT: return "text";
	case NGI_ANCHOR_STORY: return "story";
	}
	return "none";
}

static const char *mention_name(const ngi_mention *m)
{
	return m->name ? m->name : m->surface ? m->surface : "";
}

static int cmp_mention_entity(const void *a, const void *b)
{
	const ngi_mention *x = *(const ngi_mention *const *)a;
	const ngi_mention *y = *(const ngi_mention *const *)b;
	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	return strcmp(x->key ? x->key : "", y->key ? y->key : "");
}

/* The display name an entity keeps: the longest, then the first in byte
 * order (the same rule as the upsert, so arrival order does not matter). */
static int longer_name(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	return la > lb || (la == lb && strcmp(a, b) < 0);
}

ng_status ngi_store_insert_mention_rows(ngi_store *s, uint32_t seq,
					const ngi_mention *m, size_t n)
{
	sqlite3_stmt *q = s->st[ST_INSERT_MENTION];
	ng_status st = NG_OK;
	for (size_t i = 0; i < n && !st; i++) {
		const char *surface = m[i].surface ? m[i].surface : "";
		sqlite3_bind_int64(q, 1, (sqlite3_int64)seq + 1);
		sqlite3_bind_int64(q, 2, m[i].cp_start);
		sqlite3_bind_int64(q, 3, m[i].cp_end);
		sqlite3_bind_int64(q, 4, m[i].start);
		sqlite3_bind_int64(q, 5, m[i].end);
		sqlite3_bind_text(q, 6, ngi_entity_type_word(m[i].type), -1,
				  SQLITE_STATIC);
		sqlite3_bind_text(q, 7, surface, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 8, m[i].key ? m[i].key : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 9, m[i].name ? m[i].name : surface, -1,
				  SQLITE_STATIC);
		st = step_done(s, q, "storing an entity mention");
	}
	return st;
}

ng_status ngi_store_count_entities(ngi_store *s, const ngi_mention *m,
				   size_t n)
{
	if (!n)
		return NG_OK;
	ng_status st = NG_OK;
	/* group by (type, key) in memory: one upsert per entity of the article */
	const ngi_mention **by = malloc(n * sizeof *by);
	if (!by)
		return NG_ERR_NOMEM;
	for (size_t i = 0; i < n; i++)
		by[i] = &m[i];
	qsort(by, n, sizeof *by, cmp_mention_entity);
	sqlite3_stmt *q = s->st[ST_UPSERT_ENTITIES];
	for (size_t i = 0; i < n && !st;) {
		size_t j = i;
		const char *name = mention_name(by[i]);
		for (; j < n && !cmp_mention_entity(&by[i], &by[j]); j++)
			if (longer_name(mention_name(by[j]), name))
				name = mention_name(by[j]);
		sqlite3_bind_text(q, 1, ngi_entity_type_word(by[i]->type), -1,
				  SQLITE_STATIC);
		sqlite3_bind_text(q, 2, by[i]->key ? by[i]->key : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 3, name, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 4, (sqlite3_int64)(j - i));
		st = step_done(s, q, "updating entities");
		i = j;
	}
	free(by);
	return st;
}

ng_status ngi_store_insert_dates(ngi_store *s, uint32_t seq, const char *text,
				 const ngi_timex *t, size_t n)
{
	sqlite3_stmt *q = s->st[ST_INSERT_DATE];
	ng_status st = NG_OK;
	for (size_t i = 0; i < n && !st; i++) {
		sqlite3_bind_int64(q, 1, (sqlite3_int64)seq + 1);
		sqlite3_bind_int64(q, 2, t[i].cp_start);
		sqlite3_bind_int64(q, 3, t[i].cp_end);
		sqlite3_bind_int64(q, 4, t[i].start);
		sqlite3_bind_int64(q, 5, t[i].end);
		sqlite3_bind_text(q, 6, text + t[i].start, (int)(t[i].end - t[i].start),
				  SQLITE_STATIC);
		sqlite3_bind_text(q, 7, t[i].value, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 8, t[i].type, -1, SQLITE_STATIC);
		bind_text(q, 9, ngi_timex_gran_name(t[i].granularity));
		sqlite3_bind_text(q, 10, ngi_timex_anchor_name(t[i].anchor), -1,
				  SQLITE_STATIC);
		st = step_done(s, q, "storing a date");
	}
	return st;
}

ng_status ngi_store_insert_edge(ngi_store *s, const ngi_copy_edge *e)
{
	sqlite3_stmt *q = s->st[ST_INSERT_EDGE];
	sqlite3_bind_int64(q, 1, (sqlite3_int64)e->copy + 1);
	sqlite3_bind_int64(q, 2, (sqlite3_int64)e->original + 1);
	sqlite3_bind_text(q, 3, ngi_copy_kind_name(e->kind), -1, SQLITE_STATIC);
	sqlite3_bind_double(q, 4, e->score);
	sqlite3_bind_text(q, 5, ngi_copy_why_name(e->why), -1, SQLITE_STATIC);
	ng_status st = step_done(s, q, "storing a copy edge");
	for (int i = 0; i < e->n_evidence && !st; i++) {
		const ngi_evidence *ev = &e->evidence[i];
		q = s->st[ST_INSERT_EVIDENCE];
		sqlite3_bind_int64(q, 1, (sqlite3_int64)e->copy + 1);
		sqlite3_bind_int64(q, 2, (sqlite3_int64)e->original + 1);
		sqlite3_bind_text(q, 3, ngi_evidence_kind_name(ev->kind), -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 4, ev->copy_start);
		sqlite3_bind_int64(q, 5, ev->copy_end);
		sqlite3_bind_int64(q, 6, ev->original_start);
		sqlite3_bind_int64(q, 7, ev->original_end);
		sqlite3_bind_double(q, 8, ev->score);
		st = step_done(s, q, "storing copy evidence");
	}
	return st;
}

ng_status ngi_store_merge_stories(ngi_store *s, uint32_t into, uint32_t from)
{
	long long size, into_size;
	char first[64], last[64], langs[LANGS_MAX];
	char into_first[64], into_last[64], into_langs[LANGS_MAX], merged[LANGS_MAX];
	ng_status st = story_get(s, from, &size, first, last, langs);
	if (!st)
		st = story_get(s, into, &into_size, into_first, into_last, into_langs);
	if (st)
		return st;
	langs_union(into_langs, langs, merged);
	sqlite3_stmt *q = s->st[ST_MOVE_ARTICLES];
	sqlite3_bind_int64(q, 1, into);
	sqlite3_bind_int64(q, 2, from);
	st = step_done(s, q, "merging stories");
	if (!st) {
		q = s->st[ST_DROP_STORY];
		sqlite3_bind_int64(q, 1, from);
		st = step_done(s, q, "merging stories");
	}
	if (st)
		return st;
	q = s->st[ST_STORY_ABSORB];
	sqlite3_bind_int64(q, 1, into);
	sqlite3_bind_int64(q, 2, size);
	bind_text(q, 3, first[0] ? first : NULL);
	bind_text(q, 4, last[0] ? last : NULL);
	bind_text(q, 5, merged[0] ? merged : NULL);
	return step_done(s, q, "merging stories");
}

ng_status ngi_store_get_terms(ngi_store *s, uint32_t seq, ngi_arena *a,
			      ngi_term **terms, uint32_t *n_terms, int32_t *day,
			      char lang[8])
{
	lang[0] = '\0';
	sqlite3_stmt *q = s->st[ST_GET_TERMS];
	sqlite3_bind_int64(q, 1, (sqlite3_int64)seq + 1);
	int rc = sqlite3_step(q);
	ng_status st = NG_OK;
	*terms = NULL;
	*n_terms = 0;
	*day = NGI_DAY_UNKNOWN;
	if (rc == SQLITE_ROW) {
		size_t n = (size_t)sqlite3_column_bytes(q, 0) / sizeof(ngi_term);
		if (n) {
			*terms = ngi_arena_alloc(a, n * sizeof **terms);
			if (*terms)
				memcpy(*terms, sqlite3_column_blob(q, 0),
				       n * sizeof **terms);
			else
				st = NG_ERR_NOMEM;
			*n_terms = (uint32_t)n;
		}
		if (sqlite3_column_type(q, 1) != SQLITE_NULL)
			*day = sqlite3_column_int(q, 1);
		const unsigned char *l = sqlite3_column_text(q, 2);
		if (l && strlen((const char *)l) < 8)
			strcpy(lang, (const char *)l);
	} else if (rc == SQLITE_DONE) {
		st = NG_ERR_NOTFOUND;
	} else {
		st = fail(s, "reading an article's terms");
	}
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	return st;
}

/* Counts a story's aggregates again from its articles. */
static ng_status story_recount(ngi_store *s, uint32_t story)
{
	char langs[LANGS_MAX] = "", merged[LANGS_MAX];
	sqlite3_stmt *q = s->st[ST_STORY_LANGS];
	sqlite3_bind_int64(q, 1, story);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		langs_union(langs, (const char *)sqlite3_column_text(q, 0), merged);
		memcpy(langs, merged, sizeof langs);
	}
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	if (rc != SQLITE_DONE)
		return fail(s, "counting a story's languages");
	q = s->st[ST_STORY_RECOUNT];
	sqlite3_bind_int64(q, 1, story);
	bind_text(q, 2, langs[0] ? langs : NULL);
	return step_done(s, q, "counting a story again");
}

ng_status ngi_store_move_article(ngi_store *s, uint32_t seq, uint32_t from,
				 uint32_t to)
{
	sqlite3_stmt *q = s->st[ST_SET_STORY];
	sqlite3_bind_int64(q, 1, (sqlite3_int64)seq + 1);
	sqlite3_bind_int64(q, 2, to);
	ng_status st = step_done(s, q, "moving an article");
	if (!st)
		st = story_recount(s, from);
	if (!st)
		st = story_recount(s, to);
	return st;
}

ng_status ngi_store_get_sketch(ngi_store *s, uint32_t seq, ngi_arena *a,
			       ngi_text_sketch *out)
{
	sqlite3_stmt *q = s->st[ST_GET_SKETCH];
	sqlite3_bind_int64(q, 1, (sqlite3_int64)seq + 1);
	int rc = sqlite3_step(q);
	ng_status st;
	if (rc == SQLITE_ROW && sqlite3_column_type(q, 0) == SQLITE_BLOB)
		st = ngi_text_sketch_read(sqlite3_column_blob(q, 0),
					  (size_t)sqlite3_column_bytes(q, 0), a, out);
	else if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		st = NG_ERR_NOTFOUND;
	else
		st = fail(s, "reading a sketch");
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	return st;
}

ng_status ngi_store_split_story(ngi_store *s, uint32_t story, uint32_t seq)
{
	sqlite3_stmt *q = s->st[ST_SPLIT_STORY];
	sqlite3_bind_int64(q, 1, story);
	sqlite3_bind_int64(q, 2, (sqlite3_int64)seq + 1);
	return step_done(s, q, "splitting a story");
}

ng_status ngi_store_new_story(ngi_store *s, uint32_t story, const char *title)
{
	sqlite3_stmt *q = s->st[ST_NEW_STORY];
	sqlite3_bind_int64(q, 1, story);
	bind_text(q, 2, title);
	return step_done(s, q, "creating a story");
}

ng_status ngi_store_each_text(ngi_store *s, uint32_t first,
			      ngi_store_article_fn fn, void *ctx)
{
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(s->db,
			       "SELECT seq, title, outlet, body FROM articles"
			       " WHERE seq > ?1 ORDER BY seq",
			       -1, &q, NULL) != SQLITE_OK)
		return fail(s, "reading article texts");
	sqlite3_bind_int64(q, 1, (sqlite3_int64)first);
	ng_status st = NG_OK;
	int rc = SQLITE_DONE;
	while (!st && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		ngi_article_row a = {0};
		a.seq = (uint32_t)(sqlite3_column_int64(q, 0) - 1);
		a.title = (const char *)sqlite3_column_text(q, 1);
		a.outlet = (const char *)sqlite3_column_text(q, 2);
		a.body = (const char *)sqlite3_column_text(q, 3);
		a.body_len = (size_t)sqlite3_column_bytes(q, 3);
		st = fn(ctx, &a);
	}
	if (!st && rc != SQLITE_DONE)
		st = fail(s, "reading article texts");
	sqlite3_finalize(q);
	return st;
}

/* The copy edges in the order they were decided, grouped by the article
 * that found them (the later of the two): each article's edges are stored
 * right after it, in the order ngi_link_add found them, and the copies
 * table's rowids grow with every insert (a rowid table, rows never
 * replaced or deleted), so rowid order within an article is that order. */
typedef struct edge_scan {
	sqlite3_stmt *q;
	int rc;                 /* the last step */
	ngi_copy_edge *edges;
	size_t cap;
} edge_scan;

static ng_status edges_of(ngi_store *s, edge_scan *es, uint32_t seq, int *n)
{
	*n = 0;
	while (es->rc == SQLITE_ROW) {
		sqlite3_int64 copy = sqlite3_column_int64(es->q, 0);
		sqlite3_int64 original = sqlite3_column_int64(es->q, 1);
		sqlite3_int64 by = copy > original ? copy : original;
		if (by > (sqlite3_int64)seq + 1)
			break;
		if (by == (sqlite3_int64)seq + 1) {
			if (ngi_grow((void **)&es->edges, &es->cap, (size_t)*n + 1,
				     sizeof *es->edges))
				return NG_ERR_NOMEM;
			es->edges[(*n)++] = (ngi_copy_edge){
				.copy = (uint32_t)(copy - 1),
				.original = (uint32_t)(original - 1),
				.kind = (uint8_t)ngi_copy_kind_of(
					(const char *)sqlite3_column_text(es->q, 2)),
				.score = (float)sqlite3_column_double(es->q, 3),
				.why = (uint8_t)ngi_copy_why_of(
					(const char *)sqlite3_column_text(es->q, 4))};
		}
		es->rc = sqlite3_step(es->q);
	}
	if (es->rc != SQLITE_ROW && es->rc != SQLITE_DONE)
		return fail(s, "reading copy edges");
	return NG_OK;
}

ng_status ngi_store_each_article(ngi_store *s, ngi_store_article_fn fn,
				 void *ctx)
{
	sqlite3_stmt *q;
	edge_scan es = {0};
	if (sqlite3_prepare_v2(s->db,
			       "SELECT copy, original, kind, score, why FROM copies"
			       " ORDER BY max(copy, original), rowid",
			       -1, &es.q, NULL) != SQLITE_OK)
		return fail(s, "reading copy edges");
	if (sqlite3_prepare_v2(s->db,
			       "SELECT seq, id, day, content_hash, record_hash, story,"
			       " minhash, terms, anchors, published, lang, outlet,"
			       " n_words, n_sentences FROM articles ORDER BY seq",
			       -1, &q, NULL) != SQLITE_OK) {
		sqlite3_finalize(es.q);
		return fail(s, "reading articles");
	}
	es.rc = sqlite3_step(es.q);
	ng_status st = NG_OK;
	int rc;
	uint32_t expect = 1;
	/* blobs are copied out: SQLite does not promise their alignment */
	uint32_t sig[NGI_MINHASH_K];
	ngi_term *terms = NULL;
	size_t terms_cap = 0;
	uint64_t *anchors = NULL;
	size_t anchors_cap = 0;
	while (!st && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		ngi_article_row a = {0};
		sqlite3_int64 seq = sqlite3_column_int64(q, 0);
		if (seq != expect) {
			snprintf(s->err, sizeof s->err,
				 "articles table has a gap at seq %u", expect);
			st = NG_ERR_DB;
			break;
		}
		expect++;
		a.seq = (uint32_t)(seq - 1);
		a.id = (const char *)sqlite3_column_text(q, 1);
		a.day = sqlite3_column_type(q, 2) == SQLITE_NULL
				? NGI_DAY_UNKNOWN
				: sqlite3_column_int(q, 2);
		a.content_hash = (uint64_t)sqlite3_column_int64(q, 3);
		a.record_hash = (uint64_t)sqlite3_column_int64(q, 4);
		a.story = (uint32_t)sqlite3_column_int64(q, 5);
		if (sqlite3_column_bytes(q, 6) == sizeof sig) {
			memcpy(sig, sqlite3_column_blob(q, 6), sizeof sig);
			a.minhash = sig;
		}
		size_t n = (size_t)sqlite3_column_bytes(q, 7) / sizeof(ngi_term);
		if (n > terms_cap) {
			ngi_term *t = realloc(terms, n * sizeof *t);
			if (!t) {
				st = NG_ERR_NOMEM;
				break;
			}
			terms = t;
			terms_cap = n;
		}
		if (n)
			memcpy(terms, sqlite3_column_blob(q, 7), n * sizeof *terms);
		a.terms = terms;
		a.n_terms = (uint32_t)n;
		size_t na = (size_t)sqlite3_column_bytes(q, 8) / sizeof(uint64_t);
		if (na && ngi_grow((void **)&anchors, &anchors_cap, na, sizeof *anchors)) {
			st = NG_ERR_NOMEM;
			break;
		}
		if (na)
			memcpy(anchors, sqlite3_column_blob(q, 8), na * sizeof *anchors);
		a.anchors = anchors;
		a.n_anchors = (uint32_t)na;
		a.published = (const char *)sqlite3_column_text(q, 9);
		a.lang = (const char *)sqlite3_column_text(q, 10);
		a.outlet = (const char *)sqlite3_column_text(q, 11);
		a.n_words = sqlite3_column_int64(q, 12);
		a.n_sentences = sqlite3_column_int64(q, 13);
		st = edges_of(s, &es, a.seq, &a.n_edges);
		a.edges = es.edges;
		if (!st)
			st = fn(ctx, &a);
	}
	if (!st && rc != SQLITE_DONE)
		st = fail(s, "reading articles");
	free(terms);
	free(anchors);
	free(es.edges);
	sqlite3_finalize(q);
	sqlite3_finalize(es.q);
	return st;
}
