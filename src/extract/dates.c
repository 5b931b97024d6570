/*
 * dates.c: the temporal tagger's driver (see dates.h; dates_int.h lists
 * the files of the other steps).
 *
 * The text is cut into segments of about NGI_DATES_SEGMENT bytes at line or
 * space boundaries; each segment is scanned into small tokens (words lower
 * cased and looked up in the lexicon, digit runs, single punctuation marks)
 * held in a scratch arena that is reset between segments, so memory stays
 * bounded on huge input. A text of one segment (nearly every article) is
 * tokenised once by ngi_dates_prepare and its tokens serve each
 * ngi_dates_tag (publication-date inference tags twice). At each token the rules below are tried and the
 * longest match wins; matched tokens are consumed, so timexes never overlap.
 * A rule fills a `tval` (type, granularity, calendar fields); the value
 * string is written from it at the end, and only real calendar dates with
 * years 1..9999 come out (31 February, year 0, year 99999 match nothing).
 */
#include <stdio.h>
#include <string.h>

#include "../text/text.h"
#include "dates_int.h"
#include "pubdate.h"

#define NGI_DATES_SEGMENT ((size_t)256 << 10)

static int32_t first_day(const tval *v)
{
	if (v->lit[0] || v->y < 1 || v->y > 9999)
		return INT32_MIN;
	switch (v->gran) {
	case NGI_GRAN_MINUTE:
	case NGI_GRAN_HOUR:
	case NGI_GRAN_PART_OF_DAY:
	case NGI_GRAN_DAY:
		return v->m ? ngi_days_from_civil(v->y, v->m, v->d) : INT32_MIN;
	case NGI_GRAN_WEEK:
	case NGI_GRAN_WEEKEND: {
		int32_t jan4 = ngi_days_from_civil(v->y, 1, 4);
		int32_t monday = jan4 - ngi_dates_weekday(jan4) + 1 + 7 * (v->sub - 1);
		return v->gran == NGI_GRAN_WEEKEND ? monday + 5 : monday;
	}
	case NGI_GRAN_MONTH:
		return ngi_days_from_civil(v->y, v->m, 1);
	case NGI_GRAN_SEASON:
		return v->sub == 4 ? ngi_days_from_civil(v->y, 12, 1)
				   : ngi_days_from_civil(v->y, v->sub * 3, 1);
	case NGI_GRAN_QUARTER:
		return ngi_days_from_civil(v->y, v->sub * 3 - 2, 1);
	case NGI_GRAN_HALF:
		return ngi_days_from_civil(v->y, v->sub * 6 - 5, 1);
	case NGI_GRAN_YEAR:
		return ngi_days_from_civil(v->y, 1, 1);
	default:
		return INT32_MIN;
	}
}

static const char *const type_name[] = {"", "DATE", "TIME", "DURATION", "SET"};

/* TimeML keeps approximations in the extent of a count: "nearly two
 * years", "more than four decades ago", "within 18 months". Returns where
 * the extent starts, at most back to lo. */
static size_t approx_start(const scan *s, size_t i, size_t lo)
{
	static const char *const one[] = {"nearly", "almost", "about", "around",
					  "approximately", "roughly", "over",
					  "within", "under", "only", "just"};
	static const char *const two[][2] = {{"more", "than"}, {"less", "than"},
					     {"fewer", "than"}, {"at", "least"},
					     {"up", "to"}, {"at", "most"}};
	if (s->lang != DL_EN)
		return i;
	if (i >= lo + 3 && lceq(s, i - 3, "no") &&
	    (lceq(s, i - 2, "more") || lceq(s, i - 2, "less")) &&
	    lceq(s, i - 1, "than"))
		return i - 3;
	for (size_t k = 0; i >= lo + 2 && k < NGI_ARRAY_LEN(two); k++)
		if (lceq(s, i - 2, two[k][0]) && lceq(s, i - 1, two[k][1]))
			return i - 2;
	for (size_t k = 0; i >= lo + 1 && k < NGI_ARRAY_LEN(one); k++)
		if (lceq(s, i - 1, one[k]))
			return i - 1;
	return i;
}

/* Runs the rules over one segment's tokens, appending timexes to out. */
static ng_status scan_segment(scan *s, size_t byte_base, uint32_t cp_base,
			      ngi_buf *out)
{
	size_t prev_end = 0;
	for (size_t i = 0; i < s->n; i++) {
		const dtok *t = &s->t[i];
		if (t->kind == T_WORD && !t->maybe_timex)
			continue;
		tval v;
		ngi_tval_init(&v);
		size_t start = i, end = ngi_dates_try_rules(s, i, &v);
		int mv, dir;
		if (!end && (tok_cat(s, i, DW_MOD, &mv, NULL) ||
			     (tok_cat(s, i, DW_AGO_POST, &dir, NULL) &&
			      (dir == 2 || dir == -2) && is_cat(s, i + 1, DW_REL) &&
			      (mv = 0, 1)))) {
			/* early 2021, late November, mid-1990s, earlier this
			 * year, the end of 1990, Anfang November, fin 2020,
			 * в конце ноября */
			size_t j = i + 1;
			if (is_glued_punct(s, j, '-'))
				j++;
			if (mv == 1) {
				if (!is_cat(s, j, DW_CONN))
					continue;
				j++;
				if (is_cat(s, j, DW_THE))
					j++;
			} else if (is_cat(s, j, DW_CONN))
				j++;
			ngi_tval_init(&v);
			end = j < s->n ? ngi_dates_try_rules(s, j, &v) : 0;
			if (!end || (v.type != TX_DATE && v.type != TX_TIME) ||
			    !strcmp(v.lit, "PRESENT_REF"))
				end = 0;
			else if (mv == 1 && i > 0 && is_cat(s, i - 1, DW_THE))
				start = i - 1;
		}
		if (!end)
			continue;
		if (v.the_ok && start == i && i > 0 && i - 1 >= prev_end &&
		    is_cat(s, i - 1, DW_THE) && s->lang == DL_EN)
			start = i - 1;
		if (start == i && (v.type == TX_DURATION || v.type == TX_DATE) &&
		    (s->t[i].kind == T_NUM || is_cat(s, i, DW_NUM))) {
			start = approx_start(s, i, prev_end);
			if (lceq(s, end, "or") && lceq(s, end + 1, "so"))
				end += 2;
		}
		if (start < prev_end)
			start = prev_end;
		ngi_dates_tense_adjust(s, start, end, &v);
		/* an age ("52 years old", "a 6-month-old son") is no timex */
		if (v.type == TX_DURATION && s->lang == DL_EN &&
		    (lceq(s, end, "old") ||
		     (is_glued_punct(s, end, '-') && lceq(s, end + 1, "old"))))
			v.type = TX_NONE;
		i = end - 1;
		prev_end = end;
		if (v.type == TX_NONE)
			continue;
		ngi_timex x;
		memset(&x, 0, sizeof x);
		if (!ngi_tval_format(&v, x.value))
			continue;
		x.start = (uint32_t)(byte_base + s->t[start].start);
		x.end = (uint32_t)(byte_base + s->t[end - 1].end);
		x.cp_start = cp_base + s->t[start].cp;
		x.cp_end = cp_base + s->t[end - 1].cp_end;
		snprintf(x.type, sizeof x.type, "%s", type_name[v.type]);
		x.granularity = v.gran;
		x.anchor = v.anchor;
		if (v.lit[0] || (v.y == 0 && v.gran != NGI_GRAN_DECADE &&
				 v.gran != NGI_GRAN_CENTURY))
			x.anchor = NGI_ANCHOR_NONE;
		x.day = v.type == TX_DATE || v.type == TX_TIME ? first_day(&v)
							       : INT32_MIN;
		if (out->len / sizeof x >= NGI_DATES_MAX_TIMEX)
			return NG_OK;
		ng_status st = ngi_buf_append(out, &x, sizeof x);
		if (st)
			return st == NG_ERR_TOOBIG ? NG_OK : st;
		if (v.type == TX_DATE && !v.lit[0] && v.y &&
		    v.anchor != NGI_ANCHOR_TEXT) {
			if (v.gran == NGI_GRAN_QUARTER) {
				s->last_q = v;
				s->have_last_q = 1;
			}
			if (v.gran >= NGI_GRAN_DAY && v.gran <= NGI_GRAN_YEAR) {
				s->last = v;
				s->have_last = 1;
			}
		}
	}
	return NG_OK;
}

/* Where to end the segment starting at pos: at a line break, else a space,
 * in the last quarter of the window; else at a code point boundary. */
static size_t segment_end(const char *text, size_t len, size_t pos)
{
	if (len - pos <= NGI_DATES_SEGMENT)
		return len;
	size_t end = pos + NGI_DATES_SEGMENT, low = end - NGI_DATES_SEGMENT / 4;
	for (size_t k = end; k > low; k--)
		if (text[k - 1] == '\n')
			return k;
	for (size_t k = end; k > low; k--)
		if (text[k - 1] == ' ')
			return k;
	while (end > pos + 1 && ((unsigned char)text[end] & 0xC0) == 0x80)
		end--;
	return end;
}

struct ngi_dates_text {
	const char *text;
	size_t len;      /* capped at NGI_DATES_MAX_TEXT */
	int lang;        /* DL_ */
	int whole;       /* one segment: its tokens are below */
	dtok *t;
	size_t n;
};

ng_status ngi_dates_prepare(const char *text, size_t len, const char *lang,
			    const struct ngi_doc *doc, ngi_arena *a,
			    ngi_dates_text **out)
{
	if (!text || !out || !a)
		return NG_ERR_USAGE;
	ngi_dates_text *dt = ngi_arena_alloc(a, sizeof *dt);
	if (!dt)
		return NG_ERR_NOMEM;
	memset(dt, 0, sizeof *dt);
	const char *code = lang;
	if ((!code || !*code || !strcmp(code, "und")) && doc)
		code = doc->lang;
	dt->lang = ngi_dates_lang(code);
	if (len > NGI_DATES_MAX_TEXT) {
		len = NGI_DATES_MAX_TEXT;
		while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
			len--;
	}
	dt->text = text;
	dt->len = len;
	if (len <= NGI_DATES_SEGMENT) {
		uint32_t cps;
		ng_status st = ngi_dates_tokenize(text, len, dt->lang, a, &dt->t, &dt->n, &cps);
		if (st)
			return st;
		dt->whole = 1;
	}
	*out = dt;
	return NG_OK;
}

ng_status ngi_dates_tag(const ngi_dates_text *dt, int32_t anchor_day,
			ngi_arena *a, ngi_timex **out, size_t *n)
{
	if (!dt || !out || !n || !a)
		return NG_ERR_USAGE;
	scan s;
	memset(&s, 0, sizeof s);
	s.lang = dt->lang;
	if (anchor_day != NGI_DATES_NO_ANCHOR) {
		ngi_dates_civil(anchor_day, &s.ay, &s.am, &s.ad);
		s.has_anchor = s.ay >= 2 && s.ay <= 9998;
		s.anchor = anchor_day;
	}
	const char *text = dt->text;
	size_t len = dt->len;
	ngi_buf found;
	ngi_buf_init(&found, 0);
	ng_status st = NG_OK;
	if (dt->whole) {
		s.t = dt->t;
		s.n = dt->n;
		st = scan_segment(&s, 0, 0, &found);
	} else {
		/* long text: tokens one segment at a time, memory bounded */
		ngi_arena scratch;
		ngi_arena_init(&scratch, 64 << 10);
		uint32_t cp_base = 0;
		for (size_t pos = 0; pos < len && !st;) {
			size_t end = segment_end(text, len, pos), nt;
			uint32_t cps;
			dtok *toks;
			st = ngi_dates_tokenize(text + pos, end - pos, s.lang, &scratch, &toks,
				      &nt, &cps);
			if (st)
				break;
			s.t = toks;
			s.n = nt;
			st = scan_segment(&s, pos, cp_base, &found);
			cp_base += cps;
			pos = end;
			ngi_arena_reset(&scratch);
		}
		ngi_arena_free(&scratch);
	}
	if (!st) {
		size_t count = found.len / sizeof(ngi_timex);
		ngi_timex *arr = NULL;
		if (count) {
			arr = ngi_arena_alloc(a, found.len);
			if (!arr)
				st = NG_ERR_NOMEM;
			else
				memcpy(arr, found.data, found.len);
		}
		if (!st) {
			*out = arr;
			*n = count;
		}
	}
	ngi_buf_free(&found);
	return st;
}

ng_status ngi_dates_find(const char *text, size_t len, const char *lang,
			 const struct ngi_doc *doc, int32_t anchor_day,
			 ngi_arena *a, ngi_timex **out, size_t *n)
{
	if (!text || !out || !n || !a)
		return NG_ERR_USAGE;
	/* the tokens live in a scratch arena, freed here; only the timexes go
	 * to a */
	ngi_arena scratch;
	ngi_arena_init(&scratch, 64 << 10);
	ngi_dates_text *dt = NULL;
	ng_status st = ngi_dates_prepare(text, len, lang, doc, &scratch, &dt);
	if (!st)
		st = ngi_dates_tag(dt, anchor_day, a, out, n);
	ngi_arena_free(&scratch);
	return st;
}
