/*
 * test_dist_seams.c: the seams the distributed ingest (src/dist/) is built
 * on, tested without MPI.
 *
 *  - Byte ranges: a JSON Lines file read in ranges (ngi_read_jsonl_range,
 *    every cut from one byte to the whole file) gives the records, line
 *    numbers, offsets, ids and diagnostics of reading it whole.
 *  - Listing: ngi_read_list names the files ngi_read_path reads, in its
 *    order.
 *  - The wire and the copy stage: records made, analysed, written to
 *    bytes, read back (ngi_pending_write, ngi_pending_read), given their
 *    copy edges by the copy stage (ngi_copy_stage_add, as a rank of its
 *    own would) and linked in batches with them (ngi_engine_link_records)
 *    give the database an ordinary ingest of the same input gives, export
 *    for export; so do they without the copy stage (the edges searched
 *    while linking, as with one rank). With the copy stage, the claim
 *    stage (ngi_claim_stage_add) matches the claims too, and the linking
 *    takes its matches; a match that names no claim yet is refused. The
 *    row stage (ngi_row_stage_add) writes the mentions and dates apart,
 *    the linking leaves them out, and the database equals the ordinary
 *    one only once their file is taken in (ngi_store_take_rows). The
 *    input repeats a record (left unchanged) and an id with other content
 *    (stored as "ID~2").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/wire.h"
#include "check.h"
#include "engine/engine.h"
#include "read_capture.h"
#include "store/store.h"

/* ---- byte ranges ---------------------------------------------------------- */
/* A file with what a range must get right: a byte-order mark, lines
 * without ids (ids made of line numbers), blank lines, CRLF, a line that
 * is not JSON, a line with no text, a long line, no final newline. */
static void write_jsonl(const char *path)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		exit(2);
	fputs("\xEF\xBB\xBF{\"id\":\"a1\",\"text\":\"First article about a storm.\"}\n", f);
	fputs("{\"text\":\"No id: the line number makes it.\",\"title\":\"T\"}\n", f);
	fputs("\n   \n", f);
	fputs("{\"id\":\"a3\",\"text\":\"Windows line end.\"}\r\n", f);
	fputs("not json at all\n", f);
	fputs("{\"id\":\"a4\"}\n", f);
	fputs("{\"id\":\"a5\",\"text\":\"", f);
	for (int i = 0; i < 300; i++)
		fputs("a long line of words ", f);
	fputs("\"}\n", f);
	for (int i = 0; i < 12; i++)
		fprintf(f, "{\"text\":\"Short record %d, its id from its line.\"}\n", i);
	fputs("{\"id\":\"last\",\"text\":\"No newline at the end.\"}", f);
	fclose(f);
}

static int same_record(const cap_record *a, const cap_record *b)
{
	return !strcmp(a->id, b->id) && !strcmp(a->source, b->source) &&
	       !strcmp(a->text, b->text) && a->record_no == b->record_no &&
	       a->offset == b->offset &&
	       ((!a->title && !b->title) || (a->title && b->title &&
					       !strcmp(a->title, b->title)));
}

static int same_diag(const cap_diag *a, const cap_diag *b)
{
	return a->severity == b->severity && a->record == b->record &&
	       a->offset == b->offset && !strcmp(a->file, b->file) &&
	       !strcmp(a->message, b->message);
}

static void test_ranges(void)
{
	char path[256];
	snprintf(path, sizeof path, "%s", cap_path("ranges.jsonl"));
	write_jsonl(path);
	CHECK(ngi_read_splittable(path));
	capture whole;
	memset(&whole, 0, sizeof whole);
	ng_status want_st = cap_read(&whole, path);
	CHECK(want_st == NG_ERR_INPUT); /* the bad lines */
	CHECK(whole.n_rec == 17);
	FILE *f = fopen(path, "rb");
	char bytes[16384];
	size_t size = f ? fread(bytes, 1, sizeof bytes, f) : 0;
	if (f)
		fclose(f);
	long long step_sizes[] = {1, 2, 7, 40, 333, 1000, (long long)size};
	for (size_t k = 0; k < NGI_ARRAY_LEN(step_sizes); k++) {
		long long step = step_sizes[k];
		capture parts;
		memset(&parts, 0, sizeof parts);
		cap_clear(&parts);
		long long newlines = 0;
		ng_status st = NG_OK;
		for (long long start = 0; start < (long long)size; start += step) {
			long long end = start + step;
			ng_status s = ngi_read_jsonl_range(path, start, end, newlines,
							   cap_on_record, &parts,
							   &parts.sink, &parts.stats);
			if (s)
				st = s;
			for (long long i = start; i < end && i < (long long)size; i++)
				newlines += bytes[i] == '\n';
		}
		CHECK_MSG(st == want_st, "step %lld: status %d", step, st);
		CHECK_MSG(parts.n_rec == whole.n_rec, "step %lld: %zu records, want %zu",
			  step, parts.n_rec, whole.n_rec);
		int same = parts.n_rec == whole.n_rec;
		for (size_t i = 0; same && i < whole.n_rec; i++)
			same = same_record(&parts.rec[i], &whole.rec[i]);
		CHECK_MSG(same, "step %lld: records differ", step);
		same = parts.n_diag == whole.n_diag;
		for (size_t i = 0; same && i < whole.n_diag; i++)
			same = same_diag(&parts.diag[i], &whole.diag[i]);
		CHECK_MSG(same, "step %lld: diagnostics differ (%zu, want %zu)", step,
			  parts.n_diag, whole.n_diag);
		CHECK_MSG(parts.stats.bytes == whole.stats.bytes &&
				  parts.stats.files == whole.stats.files &&
				  parts.stats.records == whole.stats.records &&
				  parts.stats.failed == whole.stats.failed,
			  "step %lld: counts differ", step);
		cap_clear(&parts);
	}
	cap_clear(&whole);
	/* gzip, a text article: not splittable */
	char other[256];
	snprintf(other, sizeof other, "%s", cap_path("one.txt"));
	f = fopen(other, "w");
	if (f) {
		fputs("An article of plain text.\n", f);
		fclose(f);
	}
	CHECK(!ngi_read_splittable(other));
	CHECK(!ngi_read_splittable("tests/no-such-file.jsonl"));
}

/* ---- listing ------------------------------------------------------------- */
typedef struct names {
	char *name[64];
	size_t n;
} names;

static ng_status on_file(void *ctx, const char *path)
{
	names *l = ctx;
	if (l->n < 64)
		l->name[l->n++] = strdup(path);
	return NG_OK;
}

static void test_list(void)
{
	names listed = {0};
	ngi_read_stats rs = {0};
	check_diags quiet = {0};
	ngi_diag_sink sink = {check_collect, &quiet, 0, 0};
	CHECK(ngi_read_list("examples/articles", on_file, &listed, &sink, &rs) == NG_OK);
	capture read;
	memset(&read, 0, sizeof read);
	cap_read(&read, "examples/articles");
	CHECK(listed.n == read.n_rec && listed.n >= 5);
	for (size_t i = 0; i < listed.n && i < read.n_rec; i++)
		CHECK_STR(listed.name[i], read.rec[i].source);
	for (size_t i = 0; i < listed.n; i++)
		free(listed.name[i]);
	cap_clear(&read);
	CHECK(ngi_read_list("tests/no-such-dir", on_file, &listed, &sink, &rs) ==
	      NG_ERR_INPUT);
	CHECK(sink.errors == 1);
}

/* ---- the wire ------------------------------------------------------------ */
/* Copies of the seed articles with changes, so that links of every kind
 * (exact, near, rewrite or partial; stories joined) are made. */
static void write_copies(const char *path)
{
	capture seeds;
	memset(&seeds, 0, sizeof seeds);
	cap_read(&seeds, "examples/articles");
	FILE *f = fopen(path, "w");
	if (!f)
		exit(2);
	/* one record again (unchanged), one id again with other words */
	ngi_buf again;
	ngi_buf_init(&again, 0);
	ngi_buf_json_str(&again, seeds.rec[0].text);
	fprintf(f, "{\"id\":\"exact-0\",\"text\":%s,\"published\":\"2024-11-10\"}\n",
		again.data);
	ngi_buf_free(&again);
	for (size_t i = 0; i < seeds.n_rec && i < CAP_MAX; i++) {
		const char *t = seeds.rec[i].text;
		ngi_buf b;
		ngi_buf_init(&b, 0);
		ngi_buf_json_str(&b, t);
		fprintf(f, "{\"id\":\"exact-%zu\",\"text\":%s,\"published\":\"2024-11-1%zu\"}\n",
			i, b.data, i % 9);
		/* the first half, then the whole with a lead of its own */
		ngi_buf_clear(&b);
		ngi_buf_json_strn(&b, t, strlen(t) / 2);
		fprintf(f, "{\"id\":\"half-%zu\",\"text\":%s}\n", i, b.data);
		ngi_buf_clear(&b);
		ngi_buf lead;
		ngi_buf_init(&lead, 0);
		ngi_buf_printf(&lead, "Our correspondent reports. %s", t);
		ngi_buf_json_str(&b, lead.data);
		fprintf(f, "{\"id\":\"lead-%zu\",\"title\":\"Again\",\"text\":%s,"
			   "\"outlet\":\"Other Paper\"}\n", i, b.data);
		ngi_buf_free(&lead);
		ngi_buf_free(&b);
	}
	fputs("{\"id\":\"exact-0\",\"text\":\"Other words under a taken id.\"}\n", f);
	fclose(f);
	cap_clear(&seeds);
}

typedef struct wire_run {
	ngi_diag_sink *diag;
	ngi_copy_stage *copies; /* NULL: the edges are searched while linking */
	ngi_claim_stage *claims; /* with copies: the claims matched apart */
	ngi_row_stage *rows;     /* and the mentions and dates written apart */
	ngi_worker worker;
	ngi_arena made, keep, back;
	ngi_buf msg;
	ngi_pending *read;
	size_t n, cap;
	ng_ingest_stats stats;
	int bad;
} wire_run;

/* What a reading process does with a record, and what the linking one
 * does with the bytes. */
static ng_status wire_record(void *ctx, const ngi_record *r)
{
	wire_run *w = ctx;
	ngi_pending p;
	ng_status st = ngi_pending_make(w->diag, &w->made, r, &p, &w->stats);
	if (st == NG_ERR_TOOBIG)
		return NG_OK;
	if (st)
		return st;
	ngi_pending_analyse(&w->worker, &w->keep, &p);
	ngi_buf_clear(&w->msg);
	if (ngi_pending_write(&p, &w->msg))
		return NG_ERR_NOMEM;
	if (ngi_grow((void **)&w->read, &w->cap, w->n + 1, sizeof *w->read))
		return NG_ERR_NOMEM;
	ngi_wire_in in;
	ngi_wire_in_init(&in, w->msg.data, w->msg.len);
	st = ngi_pending_read(&in, &w->back, &w->read[w->n]);
	if (st || in.p != in.end) {
		w->bad = 1;
		return st ? st : NG_ERR_INPUT;
	}
	if (w->copies &&
	    ((st = ngi_copy_stage_add(w->copies, &w->read[w->n], &w->back)) ||
	     (st = ngi_claim_stage_add(w->claims, &w->read[w->n], &w->back)) ||
	     (st = ngi_row_stage_add(w->rows, &w->read[w->n]))))
		return st;
	w->n++;
	return NG_OK;
}

static int into_buf(void *ctx, const char *p, size_t n)
{
	return ngi_buf_append(ctx, p, n) == NG_OK ? 0 : -1;
}

/* What e holds, as text: the export, then the entities table (which
 * the export leaves out: it gives each article's mentions). */
static void stored_into(ng_engine *e, ngi_buf *b)
{
	CHECK(ng_export_to(e, NG_FORMAT_JSONL, into_buf, b) == NG_OK);
	ng_cursor *c = NULL;
	CHECK(ng_entities_open(e, NULL, &c) == NG_OK);
	size_t rows = 0;
	ng_status st = NG_OK;
	while (!st && c && ng_cursor_step(c) == NG_ROW) {
		for (int i = 0; i < 5 && !st; i++) {
			const char *t = ng_cursor_column_text(c, i);
			if (!(st = ngi_buf_append(b, t ? t : "", strlen(t ? t : ""))))
				st = ngi_buf_append(b, i < 4 ? "\t" : "\n", 1);
		}
		rows++;
	}
	ng_cursor_close(c);
	CHECK(st == NG_OK && rows > 10);
}

static check_diags engine_diags;

static ng_engine *open_engine(const char *path)
{
	ng_config c;
	ng_config_init(&c);
	c.db_path = path;
	c.threads = 1;
	c.on_diag = check_collect;
	c.diag_ctx = &engine_diags;
	ng_engine *e = NULL;
	return ng_engine_open(&c, &e) == NG_OK ? e : NULL;
}

/* The claim stage gave every stored record its matches, some of them
 * earlier claims (the input repeats articles); a match beyond the last
 * claim is refused, not stored. */
static void claims_given(const wire_run *w)
{
	size_t given = 0, matched = 0;
	const ngi_pending *with = NULL;
	for (size_t i = 0; i < w->n; i++) {
		const ngi_pending *p = &w->read[i];
		given += p->claims_given;
		for (size_t k = 0; p->claims_given && k < p->f.claims.n_claims; k++) {
			matched += p->claim_matches[k] != 0;
			if (!with && p->f.claims.claims[k].same_as < 0)
				with = p;
		}
	}
	CHECK((long long)given == w->stats.added && matched > 0 && with != NULL);
	if (!with)
		return;
	ngi_pending bad = *with;
	size_t k = 0;
	while (bad.f.claims.claims[k].same_as >= 0)
		k++;
	uint64_t *m = calloc(bad.f.claims.n_claims, sizeof *m);
	ngi_span_index *x = NULL;
	CHECK(m && ngi_span_index_new(&ngi_claim_rule, &x) == NG_OK);
	if (m && x) {
		m[k] = 1; /* no claim is placed yet */
		bad.claim_matches = m;
		ngi_span_sig sig = ngi_claim_sig(&bad, k);
		ngi_claim_placed got;
		uint64_t last = 0, ids[1] = {0};
		CHECK(ngi_claim_place(x, &last, &bad, k, ids, &sig, &got) ==
		      NG_ERR_INTERNAL);
		CHECK(last == 0);
	}
	ngi_span_index_free(x);
	free(m);
}

/* The row stage's finished file copied to path, as rank 0 receives it. */
static int copy_rows(ngi_row_stage *rows, const char *path)
{
	int fd = -1;
	uint64_t bytes = 0;
	if (ngi_row_stage_finish(rows, &fd, &bytes) != NG_OK || bytes < 4096)
		return 0;
	FILE *f = fopen(path, "wb");
	char buf[8192];
	uint64_t at = 0;
	while (f && at < bytes) {
		ssize_t n = pread(fd, buf, sizeof buf, (off_t)at);
		if (n <= 0 || fwrite(buf, 1, (size_t)n, f) != (size_t)n)
			break;
		at += (uint64_t)n;
	}
	return f && fclose(f) == 0 && at == bytes;
}

/* The inputs through the wire (with the copy stage or not) into db_b;
 * the export compared with an ordinary ingest's (export_a). */
static void wire_into(const char *const *inputs, size_t n_inputs,
		      const char *db_b, int copy_stage, unsigned apart,
		      const ngi_buf *export_a)
{
	ng_engine *b = open_engine(db_b);
	CHECK(b != NULL);
	if (!b)
		return;
	wire_run w = {0};
	w.diag = &b->diag;
	CHECK(ngi_worker_init(&w.worker) == NG_OK);
	char err[256] = "";
	if (copy_stage) {
		CHECK(ngi_copy_stage_open(&w.copies, err, sizeof err) == NG_OK &&
		      ngi_claim_stage_open(&w.claims) == NG_OK);
		CHECK_MSG(ngi_row_stage_open(&w.rows, apart, err, sizeof err) ==
			  NG_OK, "%s", err);
		b->rows_elsewhere = apart;
	}
	ngi_arena_init(&w.made, 0);
	ngi_arena_init(&w.keep, 0);
	ngi_arena_init(&w.back, 0);
	ngi_buf_init(&w.msg, 0);
	ngi_read_stats rs = {0};
	for (size_t i = 0; i < n_inputs; i++)
		ngi_read_path(inputs[i], wire_record, &w, &b->diag, &rs);
	CHECK(!w.bad && w.n > 15);
	/* linked in batches of three, as pieces of a message are */
	ng_status st = NG_OK;
	for (size_t i = 0; i < w.n && !st; i += 3)
		st = ngi_engine_link_records(b, w.read + i, w.n - i < 3 ? w.n - i : 3,
					     &w.back, &w.stats);
	CHECK(st == NG_OK);
	CHECK(w.stats.added > 15 && w.stats.unchanged == 1);
	ngi_buf eb;
	ngi_buf_init(&eb, 0);
	if (copy_stage) {
		/* without the row stage's file its tables are empty; taken
		 * in, the database is the ordinary one */
		ng_cursor *c = NULL;
		CHECK(ng_entities_open(b, NULL, &c) == NG_OK);
		CHECK(c && ng_cursor_step(c) ==
			       (apart & NGI_ROWS_ENTITIES ? NG_DONE : NG_ROW));
		ng_cursor_close(c);
		CHECK(ng_export_to(b, NG_FORMAT_JSONL, into_buf, &eb) == NG_OK);
		/* an article's mentions are its "entities" in the export */
		CHECK((strstr(eb.data, "\"entities\":[{") == NULL) ==
		      !!(apart & NGI_ROWS_MENTIONS));
		ngi_buf_clear(&eb);
		char rows[256];
		snprintf(rows, sizeof rows, "%s", cap_path("rows.db"));
		CHECK(copy_rows(w.rows, rows));
		CHECK_MSG(ngi_store_take_rows(b->store, rows, apart) == NG_OK,
			  "%s", ngi_store_errmsg(b->store));
		remove(rows);
		/* what is not a row stage's file is refused, with a reason */
		CHECK(ngi_store_take_rows(b->store, rows, apart) == NG_ERR_DB);
		CHECK(strstr(ngi_store_errmsg(b->store), "rows written apart") !=
		      NULL);
		remove(rows);
	}
	stored_into(b, &eb);
	CHECK_MSG(export_a->len == eb.len && !memcmp(export_a->data, eb.data, eb.len),
		  "copy stage %d, rows apart %u: exports differ: %zu and %zu bytes",
		  copy_stage, apart,
		  export_a->len, eb.len);
	CHECK(strstr(eb.data ? eb.data : "", "\"exact\"") != NULL);
	CHECK(strstr(eb.data ? eb.data : "", "exact-0~2") != NULL);
	if (copy_stage)
		claims_given(&w);
	/* a message cut short reads as damaged, never past its end */
	ngi_buf_clear(&w.msg);
	CHECK(ngi_pending_write(&w.read[0], &w.msg) == NG_OK);
	int damaged = 0;
	for (size_t cut = 0; cut < w.msg.len; cut += 1 + cut / 8) {
		ngi_wire_in in;
		ngi_pending p;
		ngi_wire_in_init(&in, w.msg.data, cut);
		damaged += ngi_pending_read(&in, &w.back, &p) == NG_ERR_INPUT;
	}
	CHECK(damaged > 10);
	ngi_buf_free(&eb);
	ngi_buf_free(&w.msg);
	free(w.read);
	ngi_arena_free(&w.made);
	ngi_arena_free(&w.keep);
	ngi_arena_free(&w.back);
	ngi_copy_stage_close(w.copies);
	ngi_claim_stage_close(w.claims);
	ngi_row_stage_close(w.rows);
	ngi_worker_free(&w.worker);
	ng_engine_close(b);
	check_remove_db(db_b);
}

static void test_wire(void)
{
	char copies[256], db_a[256], db_b[256];
	snprintf(copies, sizeof copies, "%s", cap_path("copies.jsonl"));
	snprintf(db_a, sizeof db_a, "%s", cap_path("a.db"));
	snprintf(db_b, sizeof db_b, "%s", cap_path("b.db"));
	write_copies(copies);
	const char *inputs[] = {"examples/articles", copies};
	ng_engine *a = open_engine(db_a);
	CHECK(a != NULL);
	if (!a)
		return;
	for (size_t i = 0; i < NGI_ARRAY_LEN(inputs); i++)
		ng_ingest_path(a, inputs[i], NULL);
	ngi_buf ea;
	ngi_buf_init(&ea, 0);
	stored_into(a, &ea);
	CHECK(ea.len > 1000);
	ng_engine_close(a);
	check_remove_db(db_a);
	wire_into(inputs, NGI_ARRAY_LEN(inputs), db_b, 0, 0, &ea);
	/* the row stage with both tables, and with each alone */
	wire_into(inputs, NGI_ARRAY_LEN(inputs), db_b, 1,
		  NGI_ROWS_MENTIONS | NGI_ROWS_ENTITIES, &ea);
	wire_into(inputs, NGI_ARRAY_LEN(inputs), db_b, 1, NGI_ROWS_MENTIONS,
		  &ea);
	wire_into(inputs, NGI_ARRAY_LEN(inputs), db_b, 1, NGI_ROWS_ENTITIES,
		  &ea);
	ngi_buf_free(&ea);
}

int main(void)
{
	cap_tmp_init("dist");
	test_ranges();
	test_list();
	test_wire();
	cap_tmp_done();
	return check_report("test_dist_seams");
}
