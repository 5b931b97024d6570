/*
 * pending_wire.c: a queued, analysed record as bytes and back.
 *
 * The distributed ingest (src/dist/, docs/SCALE.md) analyses a record in
 * the process that read it and links it in the one that writes the
 * database; this is what travels between them. Every field of the record
 * and of its features is written, in one fixed order, and read back into
 * an arena, so that linking the copy is linking the record itself (the
 * distributed test compares the two databases' exports byte for byte).
 * The sentence sketch travels in its stored form (ngi_text_sketch_write,
 * read back as the link stage reads stored sketches), a prepared stance
 * text through src/stance/. Arrays of structs without pointers go as they
 * are in memory; the ones with pointers (mentions, passages) field by
 * field. A record whose analysis failed carries its status only: the
 * linking side reports and skips it.
 *
 * A field added to ngi_features or ngi_pending must be added here too;
 * tests/test_pending_wire.c links records through this file and without
 * it and compares the databases.
 */
#include "engine.h"

#include <string.h>

#include "../base/wire.h"

/* No array of one record comes near this; a count past it is damage. */
#define WIRE_MAX_ITEMS ((size_t)1 << 28)

static ng_status write_passages(ngi_buf *b, const ngi_said_passage *sp, size_t n)
{
	ng_status st = NG_OK;
	for (size_t i = 0; i < n && !st; i++) {
		st = ngi_wire_bytes(b, sp[i].terms, sp[i].n_terms * sizeof *sp[i].terms);
		if (!st)
			st = ngi_wire_u64(b, sp[i].words);
		if (!st)
			st = ngi_wire_u32(b, sp[i].sentence_start);
		if (!st)
			st = ngi_wire_u32(b, sp[i].sentence_end);
	}
	return st;
}

static ng_status write_mentions(ngi_buf *b, const ngi_mention *m, size_t n)
{
	ng_status st = ngi_wire_u64(b, n);
	for (size_t i = 0; i < n && !st; i++) {
		if ((st = ngi_wire_u32(b, m[i].start)) ||
		    (st = ngi_wire_u32(b, m[i].end)) ||
		    (st = ngi_wire_u32(b, m[i].cp_start)) ||
		    (st = ngi_wire_u32(b, m[i].cp_end)) ||
		    (st = ngi_wire_u8(b, m[i].type)) ||
		    (st = ngi_wire_str(b, m[i].surface)) ||
		    (st = ngi_wire_str(b, m[i].key)))
			break;
		st = ngi_wire_str(b, m[i].name);
	}
	return st;
}

/* The prepared stance texts: a flag for each (NULL when the model is
 * missing). */
static ng_status write_stance(ngi_buf *b, const ngi_stance_text *t)
{
	ng_status st = ngi_wire_u8(b, t != NULL);
	return st || !t ? st : ngi_stance_text_write(t, b);
}

static ng_status write_features(ngi_buf *b, const ngi_features *f)
{
	ng_status st;
	if ((st = ngi_wire_bytes(b, f->lang, sizeof f->lang)) ||
	    (st = ngi_wire_i64(b, f->lang_reliable)) ||
	    (st = ngi_wire_i64(b, f->lang_percent)) ||
	    (st = ngi_wire_i64(b, f->n_words)) ||
	    (st = ngi_wire_i64(b, f->n_sentences)) ||
	    (st = ngi_wire_i64(b, f->n_tokens)) ||
	    (st = ngi_wire_i64(b, f->n_chars)) ||
	    (st = ngi_wire_u64(b, f->content_hash)) ||
	    (st = ngi_wire_bytes(b, f->minhash, sizeof f->minhash)) ||
	    (st = ngi_wire_i64(b, f->has_minhash)) ||
	    (st = ngi_wire_bytes(b, f->terms, f->n_terms * sizeof *f->terms)) ||
	    (st = ngi_wire_str(b, f->headline)) ||
	    (st = ngi_wire_bytes(b, f->anchors.hashes,
				 f->anchors.n * sizeof *f->anchors.hashes)) ||
	    (st = ngi_wire_bytes(b, f->anchors.quotes,
				 f->anchors.n_quotes * sizeof *f->anchors.quotes)) ||
	    (st = ngi_wire_bytes(b, f->sketch_blob, f->sketch_len)) ||
	    (st = write_mentions(b, f->mentions, f->n_mentions)) ||
	    (st = ngi_wire_bytes(b, f->timexes, f->n_timexes * sizeof *f->timexes)) ||
	    (st = ngi_wire_bytes(b, f->published, sizeof f->published)) ||
	    (st = ngi_wire_i64(b, f->published_source)) ||
	    (st = ngi_wire_i64(b, f->day)) ||
	    (st = ngi_wire_i64(b, f->time)) ||
	    (st = ngi_wire_f64(b, f->published_confidence)) ||
	    (st = ngi_wire_u32(b, f->outlet_key)) ||
	    (st = ngi_wire_bytes(b, f->credits,
				 (size_t)f->n_credits * sizeof *f->credits)) ||
	    (st = ngi_wire_bytes(b, f->quotes, f->n_quotes * sizeof *f->quotes)) ||
	    (st = write_passages(b, f->quote_passages, f->n_quotes)) ||
	    (st = ngi_wire_bytes(b, f->claims.claims,
				 f->claims.n_claims * sizeof *f->claims.claims)) ||
	    (st = ngi_wire_bytes(b, f->claims.responses,
				 f->claims.n_responses * sizeof *f->claims.responses)) ||
	    (st = write_passages(b, f->claim_passages, f->claims.n_claims)) ||
	    (st = write_passages(b, f->response_passages, f->claims.n_responses)) ||
	    (st = write_stance(b, f->stance_body)) ||
	    (st = ngi_wire_u8(b, f->claim_stances != NULL)))
		return st;
	for (size_t i = 0; f->claim_stances && i < f->claims.n_claims && !st; i++)
		st = write_stance(b, f->claim_stances[i]);
	return st;
}

ng_status ngi_pending_write(const ngi_pending *p, ngi_buf *b)
{
	ng_status st;
	if ((st = ngi_wire_str(b, p->id)) || (st = ngi_wire_str(b, p->url)) ||
	    (st = ngi_wire_str(b, p->title)) || (st = ngi_wire_str(b, p->outlet)) ||
	    (st = ngi_wire_str(b, p->lang_hint)) ||
	    (st = ngi_wire_str(b, p->published)) ||
	    (st = ngi_wire_str(b, p->source)) ||
	    (st = ngi_wire_i64(b, p->record_no)) ||
	    (st = ngi_wire_i64(b, p->offset)) ||
	    (st = ngi_wire_i64(b, p->published_source)) ||
	    (st = ngi_wire_i64(b, p->day)) ||
	    (st = ngi_wire_bytes(b, p->text, p->text_len)) ||
	    (st = ngi_wire_u64(b, p->record_hash)) ||
	    (st = ngi_wire_i64(b, p->status)))
		return st;
	return p->status ? NG_OK : write_features(b, &p->f);
}

/* ---- reading ------------------------------------------------------------ */
typedef struct reader {
	ngi_wire_in *in;
	ngi_arena *a;
	int oom;
} reader;

static void *array(reader *r, size_t size, size_t *n)
{
	return ngi_wire_get_array(r->in, r->a, size, WIRE_MAX_ITEMS, n, &r->oom);
}

static void fixed(reader *r, void *out, size_t size)
{
	size_t n;
	const void *p = ngi_wire_get_bytes(r->in, &n);
	if (n != size) {
		r->in->bad = 1;
		memset(out, 0, size);
		return;
	}
	memcpy(out, p, size);
}

static ngi_said_passage *read_passages(reader *r, size_t n)
{
	if (!n)
		return NULL;
	ngi_said_passage *sp = ngi_arena_zalloc(r->a, n * sizeof *sp);
	if (!sp) {
		r->oom = 1;
		return NULL;
	}
	for (size_t i = 0; i < n && !r->in->bad && !r->oom; i++) {
		size_t nt;
		sp[i].terms = array(r, sizeof *sp[i].terms, &nt);
		sp[i].n_terms = (uint32_t)nt;
		sp[i].words = ngi_wire_get_u64(r->in);
		sp[i].sentence_start = ngi_wire_get_u32(r->in);
		sp[i].sentence_end = ngi_wire_get_u32(r->in);
	}
	return sp;
}

static ngi_mention *read_mentions(reader *r, size_t *n_out)
{
	uint64_t n = ngi_wire_get_u64(r->in);
	*n_out = 0;
	if (r->in->bad || n == 0)
		return NULL;
	if (n > WIRE_MAX_ITEMS) {
		r->in->bad = 1;
		return NULL;
	}
	ngi_mention *m = ngi_arena_zalloc(r->a, (size_t)n * sizeof *m);
	if (!m) {
		r->oom = 1;
		return NULL;
	}
	for (size_t i = 0; i < n && !r->in->bad && !r->oom; i++) {
		m[i].start = ngi_wire_get_u32(r->in);
		m[i].end = ngi_wire_get_u32(r->in);
		m[i].cp_start = ngi_wire_get_u32(r->in);
		m[i].cp_end = ngi_wire_get_u32(r->in);
		m[i].type = ngi_wire_get_u8(r->in);
		m[i].surface = ngi_wire_get_str(r->in, r->a, &r->oom);
		m[i].key = ngi_wire_get_str(r->in, r->a, &r->oom);
		m[i].name = ngi_wire_get_str(r->in, r->a, &r->oom);
	}
	*n_out = (size_t)n;
	return m;
}

static ng_status read_stance(reader *r, ngi_stance_text **out)
{
	*out = NULL;
	if (!ngi_wire_get_u8(r->in) || r->in->bad)
		return NG_OK;
	return ngi_stance_text_read(r->in, r->a, out);
}

static ng_status read_features(reader *r, ngi_features *f)
{
	ngi_wire_in *in = r->in;
	size_t n;
	fixed(r, f->lang, sizeof f->lang);
	f->lang[sizeof f->lang - 1] = '\0';
	f->lang_reliable = (int)ngi_wire_get_i64(in);
	f->lang_percent = (int)ngi_wire_get_i64(in);
	f->n_words = ngi_wire_get_i64(in);
	f->n_sentences = ngi_wire_get_i64(in);
	f->n_tokens = ngi_wire_get_i64(in);
	f->n_chars = ngi_wire_get_i64(in);
	f->content_hash = ngi_wire_get_u64(in);
	fixed(r, f->minhash, sizeof f->minhash);
	f->has_minhash = (int)ngi_wire_get_i64(in);
	f->terms = array(r, sizeof *f->terms, &n);
	f->n_terms = (uint32_t)n;
	f->headline = ngi_wire_get_str(in, r->a, &r->oom);
	f->anchors.hashes = array(r, sizeof *f->anchors.hashes, &n);
	f->anchors.n = (uint32_t)n;
	f->anchors.quotes = array(r, sizeof *f->anchors.quotes, &n);
	f->anchors.n_quotes = (uint32_t)n;
	f->sketch_blob = array(r, 1, &n);
	f->sketch_len = n;
	f->mentions = read_mentions(r, &f->n_mentions);
	f->timexes = array(r, sizeof *f->timexes, &f->n_timexes);
	fixed(r, f->published, sizeof f->published);
	f->published[sizeof f->published - 1] = '\0';
	f->published_source = (int)ngi_wire_get_i64(in);
	f->day = (int32_t)ngi_wire_get_i64(in);
	f->time = ngi_wire_get_i64(in);
	f->published_confidence = ngi_wire_get_f64(in);
	f->outlet_key = ngi_wire_get_u32(in);
	size_t nc;
	void *credits = array(r, sizeof *f->credits, &nc);
	if (nc > NGI_CREDITS_MAX)
		in->bad = 1;
	else if (nc)
		memcpy(f->credits, credits, nc * sizeof *f->credits);
	f->n_credits = (int)nc;
	f->quotes = array(r, sizeof *f->quotes, &f->n_quotes);
	f->quote_passages = read_passages(r, f->n_quotes);
	f->claims.claims = array(r, sizeof *f->claims.claims, &f->claims.n_claims);
	f->claims.responses = array(r, sizeof *f->claims.responses,
				    &f->claims.n_responses);
	f->claim_passages = read_passages(r, f->claims.n_claims);
	f->response_passages = read_passages(r, f->claims.n_responses);
	if (r->oom)
		return NG_ERR_NOMEM;
	if (in->bad)
		return NG_ERR_INPUT;
	ng_status st = read_stance(r, &f->stance_body);
	if (!st && ngi_wire_get_u8(in) && !in->bad && f->claims.n_claims) {
		f->claim_stances = ngi_arena_zalloc(r->a, f->claims.n_claims *
							  sizeof *f->claim_stances);
		if (!f->claim_stances)
			return NG_ERR_NOMEM;
		for (size_t i = 0; i < f->claims.n_claims && !st; i++)
			st = read_stance(r, &f->claim_stances[i]);
	}
	if (st)
		return st;
	if (in->bad)
		return NG_ERR_INPUT;
	/* the sketch as the link stage reads a stored one */
	if (f->sketch_blob)
		return ngi_text_sketch_read(f->sketch_blob, f->sketch_len, r->a,
					    &f->sketch);
	return NG_OK;
}

ng_status ngi_pending_read(ngi_wire_in *in, ngi_arena *a, ngi_pending *p)
{
	reader r = {in, a, 0};
	memset(p, 0, sizeof *p);
	p->id = ngi_wire_get_str(in, a, &r.oom);
	p->url = ngi_wire_get_str(in, a, &r.oom);
	p->title = ngi_wire_get_str(in, a, &r.oom);
	p->outlet = ngi_wire_get_str(in, a, &r.oom);
	p->lang_hint = ngi_wire_get_str(in, a, &r.oom);
	p->published = ngi_wire_get_str(in, a, &r.oom);
	p->source = ngi_wire_get_str(in, a, &r.oom);
	p->record_no = ngi_wire_get_i64(in);
	p->offset = ngi_wire_get_i64(in);
	p->published_source = (int)ngi_wire_get_i64(in);
	p->day = (int32_t)ngi_wire_get_i64(in);
	size_t n;
	const char *text = ngi_wire_get_bytes(in, &n);
	char *copy = ngi_arena_strndup(a, text ? text : "", n);
	if (!copy)
		r.oom = 1;
	p->text = copy;
	p->text_len = n;
	p->record_hash = ngi_wire_get_u64(in);
	p->status = (ng_status)ngi_wire_get_i64(in);
	if (r.oom)
		return NG_ERR_NOMEM;
	if (in->bad || !p->id || !p->source)
		return NG_ERR_INPUT;
	return p->status ? NG_OK : read_features(&r, &p->f);
}
