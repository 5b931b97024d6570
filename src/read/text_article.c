/*
 * text_article.c: one plain-text file -> one record.
 *
 * The file is checked (binary files are rejected, bad UTF-8 is repaired with
 * one warning), then the metadata scrapers leave at its top is sniffed and,
 * where it is not article text, cut off. Everything here looks only at the
 * first few non-blank lines; a line is trimmed of spaces, tabs and no-break
 * spaces before it is judged. The rules, in the order they apply:
 *
 *  1. Header. The first non-blank line may be `date YYYY-MM-DD[ HH.MM]
 *     [ (OUTLET)] REST` ("date" in any case, HH:MM also accepted, OUTLET a
 *     parenthesised all-caps token such as MENAFN). It gives published
 *     ("2024-10-27", or "2024-10-27T11:49:00" with a time; source "header")
 *     and the outlet. When REST is empty or starts with a separator
 *     (- – — | , ;) it is a spelled-out echo of the date ("- lunedì 11
 *     novembre 2024") and the whole line is header; otherwise REST is the
 *     start of the body ("(MENAFN) Russian President Vladimir has ...").
 *  2. Boilerplate. Unless the header line carried body text, a line that is
 *     one all-caps ASCII word ("LINK", "VIDEO") and has text after it is
 *     dropped (up to three such lines).
 *  3. Title. The next non-blank line is the title, and is removed from the
 *     body, when it is at most 200 bytes and 30 words, holds a letter, does
 *     not end (closing quotes and brackets aside) in . ! ? … : ; , or the
 *     CJK, Arabic and Devanagari stops, is not itself a dateline, and has
 *     text after it. Seed 003's "Kremlin spokesman denies ... outlets”" is
 *     319 bytes and 46 words, a lead rather than a title, so it stays body.
 *     No title is looked for when the header line carried body text.
 *  4. Dateline. The first of the first six non-blank lines (the header line
 *     counted, checked from its REST) that opens with a dateline gives the
 *     outlet, unless the header gave one, and, unless the header gave a
 *     date, published "--MM-DD" with source "dateline". Recognised forms,
 *     CITY being one to four capitalised words:
 *         CITY, Month D. /OUTLET/.       MOSCOW, November 12. /TASS/.
 *         CITY, Month D (OUTLET) -       MOSCOW, Nov 11 (Reuters) -
 *         CITY, Month D -                WASHINGTON, Nov. 5 -
 *         CITY (OUTLET) -                LONDON (Reuters) -
 *     with "D Month" accepted for "Month D", the dash also as – or —, and
 *     month names in English (full and abbreviated), German, French,
 *     Italian, Spanish and Russian (genitive). The dateline stays in the
 *     body. Other date-like lines (seed 004's "November 12, 14:30 UTC+3
 *     MOSCOW") are left alone.
 *
 * The record id is the base name without its final extension, the record
 * number 1 and the offset 0. An empty or all-blank file, or one whose body
 * is empty once the header is gone, is an error ("no article text").
 */
#include "read_int.h"

#include <stdio.h>
#include <string.h>

#include "../base/utf8.h"

#define TITLE_MAX_BYTES 200
#define TITLE_MAX_WORDS 30
#define DATELINE_LINES 6
#define BOILERPLATE_LINES 3

/* A trimmed line: text in [start, end), the next line begins at next. */
typedef struct line {
	size_t start, end, next;
} line;

typedef struct article {
	const char *s; /* the repaired text */
	size_t len;
	char published[48]; /* room for any int the formats may see */
	ngi_pub_source published_source;
	size_t outlet_start, outlet_end; /* outlet_end == 0: none */
	size_t title_start, title_end;   /* title_end == 0: none */
	size_t body_start;
} article;

/* ---- bytes and lines ---------------------------------------------------------- */

/* Width of the blank at s[i] (space, tab, CR, FF, VT, U+00A0), or 0. */
static size_t blank_width(const char *s, size_t len, size_t i)
{
	char c = s[i];
	if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
		return 1;
	if (c == '\xC2' && i + 1 < len && s[i + 1] == '\xA0')
		return 2;
	return 0;
}

static size_t skip_blanks(const char *s, size_t end, size_t i)
{
	size_t w;
	while (i < end && (w = blank_width(s, end, i)) > 0)
		i += w;
	return i;
}

static size_t trim_end(const char *s, size_t start, size_t end)
{
	while (end > start) {
		char c = s[end - 1];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
			end--;
		else if (end - start >= 2 && c == '\xA0' && s[end - 2] == '\xC2')
			end -= 2;
		else
			break;
	}
	return end;
}

/* The first non-blank line at or after pos; 0 when there is none. */
static int next_line(const char *s, size_t len, size_t pos, line *out)
{
	while (pos < len) {
		const char *nl = memchr(s + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - s) : len;
		size_t next = nl ? end + 1 : len;
		size_t a = skip_blanks(s, end, pos);
		size_t b = trim_end(s, a, end);
		if (a < b) {
			out->start = a;
			out->end = b;
			out->next = next;
			return 1;
		}
		pos = next;
	}
	return 0;
}

static int has_text_after(const article *a, size_t pos)
{
	line l;
	return next_line(a->s, a->len, pos, &l);
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static int is_ascii_letter(char c)
{
	return (c >= 'a' && c <= 'z') || is_upper(c);
}

/* A letter for our purposes: ASCII letters and any byte of a non-ASCII
 * character (all the scripts' letters live there; so do a few symbols,
 * which is harmless for the patterns below). */
static int is_letter(char c)
{
	return is_ascii_letter(c) || (unsigned char)c >= 0x80;
}

static int lower(char c)
{
	return is_upper(c) ? c - 'A' + 'a' : c;
}

/* Reads 1..max digits at *i as a number; 0 if there are none or too many. */
static int read_digits(const char *s, size_t end, size_t *i, int min, int max,
		       int *value)
{
	size_t j = *i;
	int v = 0, n = 0;
	while (j < end && is_digit(s[j])) {
		if (++n > max)
			return 0;
		v = v * 10 + (s[j] - '0');
		j++;
	}
	if (n < min)
		return 0;
	*i = j;
	*value = v;
	return 1;
}

/* February has 29: a dateline has no year to say otherwise. */
static int days_in_month(int month)
{
	static const int days[12] = {31, 29, 31, 30, 31, 30,
				     31, 31, 30, 31, 30, 31};
	return month >= 1 && month <= 12 ? days[month - 1] : 0;
}

/* A dash separating a dateline from the text: -, --, – or —, followed by a
 * blank or the end of the line. Returns its end, or 0. */
static size_t dash_at(const char *s, size_t end, size_t i)
{
	size_t j = i;
	if (j < end && s[j] == '-') {
		j++;
		if (j < end && s[j] == '-')
			j++;
	} else if (end - j >= 3 && s[j] == '\xE2' && s[j + 1] == '\x80' &&
		   (s[j + 2] == '\x93' || s[j + 2] == '\x94')) {
		j += 3;
	} else {
		return 0;
	}
	if (j < end && !blank_width(s, end, j))
		return 0;
	return j;
}

/* ---- header -------------------------------------------------------------------- */

/* `date YYYY-MM-DD[ HH.MM][ (OUTLET)]` at the start of l. On a match fills
 * published and the outlet and returns 1; *rest is where the line goes on. */
static int parse_header(article *a, const line *l, size_t *rest)
{
	const char *s = a->s;
	size_t end = l->end, i = l->start;
	int year, month, day, hour = -1, minute = 0;

	if (end - i < 5 || lower(s[i]) != 'd' || lower(s[i + 1]) != 'a' ||
	    lower(s[i + 2]) != 't' || lower(s[i + 3]) != 'e')
		return 0;
	i += 4;
	if (i < end && s[i] == ':')
		i++;
	size_t after_word = i;
	i = skip_blanks(s, end, i);
	if (i == after_word)
		return 0;
	if (!read_digits(s, end, &i, 4, 4, &year) || i >= end || s[i] != '-')
		return 0;
	i++;
	if (!read_digits(s, end, &i, 2, 2, &month) || i >= end || s[i] != '-')
		return 0;
	i++;
	if (!read_digits(s, end, &i, 2, 2, &day))
		return 0;
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	if (month < 1 || month > 12 || day < 1 || day > days_in_month(month) ||
	    (month == 2 && day == 29 && !leap))
		return 0;
	if (i < end && s[i] != 'T' && (is_letter(s[i]) || is_digit(s[i])))
		return 0;

	/* An optional time: "11.49", "11:49", or ISO "T11:49". */
	size_t j = i < end && s[i] == 'T' ? i + 1 : skip_blanks(s, end, i);
	int h, m;
	if (j > i && read_digits(s, end, &j, 1, 2, &h) && j < end &&
	    (s[j] == '.' || s[j] == ':')) {
		j++;
		if (read_digits(s, end, &j, 2, 2, &m) && h < 24 && m < 60 &&
		    (j >= end || !is_digit(s[j]))) {
			hour = h;
			minute = m;
			i = j;
		}
	}

	/* An optional "(OUTLET)": an all-caps token right after. */
	j = skip_blanks(s, end, i);
	if (j < end && s[j] == '(') {
		size_t k = j + 1;
		int upper = 0;
		while (k < end && k - j <= 32 &&
		       (is_upper(s[k]) || is_digit(s[k]) || s[k] == '&' ||
			s[k] == '.' || s[k] == '-' || s[k] == '_')) {
			upper += is_upper(s[k]);
			k++;
		}
		if (k < end && s[k] == ')' && upper >= 1 && k - j - 1 >= 2) {
			a->outlet_start = j + 1;
			a->outlet_end = k;
			i = k + 1;
		}
	}

	if (hour >= 0)
		snprintf(a->published, sizeof a->published,
			 "%04d-%02d-%02dT%02d:%02d:00", year, month, day, hour,
			 minute);
	else
		snprintf(a->published, sizeof a->published, "%04d-%02d-%02d",
			 year, month, day);
	a->published_source = NGI_PUB_HEADER;
	*rest = skip_blanks(s, end, i);
	return 1;
}

/* Does the header line end where the date does? An empty rest, or one
 * that starts with a separator, is a spelled-out echo of the date. */
static int rest_is_header(const char *s, size_t end, size_t rest)
{
	if (rest >= end)
		return 1;
	char c = s[rest];
	if (c == '-' || c == '|' || c == ',' || c == ';')
		return 1;
	return end - rest >= 3 && s[rest] == '\xE2' && s[rest + 1] == '\x80' &&
	       (s[rest + 2] == '\x93' || s[rest + 2] == '\x94');
}

/* ---- dateline ------------------------------------------------------------------- */

static const struct month_name {
	const char *name; /* lower case, UTF-8 */
	int month;
} month_names[] = {
	/* English */
	{"january", 1}, {"february", 2}, {"march", 3}, {"april", 4},
	{"may", 5}, {"june", 6}, {"july", 7}, {"august", 8},
	{"september", 9}, {"october", 10}, {"november", 11},
	{"december", 12}, {"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4},
	{"jun", 6}, {"jul", 7}, {"aug", 8}, {"sep", 9}, {"sept", 9},
	{"oct", 10}, {"nov", 11}, {"dec", 12},
	/* German */
	{"januar", 1}, {"jänner", 1}, {"februar", 2}, {"märz", 3},
	{"mai", 5}, {"juni", 6}, {"juli", 7}, {"oktober", 10},
	{"dezember", 12},
	/* French */
	{"janvier", 1}, {"février", 2}, {"mars", 3}, {"avril", 4},
	{"juin", 6}, {"juillet", 7}, {"août", 8}, {"septembre", 9},
	{"octobre", 10}, {"novembre", 11}, {"décembre", 12},
	/* Italian */
	{"gennaio", 1}, {"febbraio", 2}, {"marzo", 3}, {"aprile", 4},
	{"maggio", 5}, {"giugno", 6}, {"luglio", 7}, {"agosto", 8},
	{"settembre", 9}, {"ottobre", 10}, {"dicembre", 12},
	/* Spanish */
	{"enero", 1}, {"febrero", 2}, {"abril", 4}, {"mayo", 5},
	{"junio", 6}, {"julio", 7}, {"septiembre", 9}, {"octubre", 10},
	{"noviembre", 11}, {"diciembre", 12},
	/* Russian, genitive as in dates */
	{"января", 1}, {"февраля", 2}, {"марта", 3}, {"апреля", 4},
	{"мая", 5}, {"июня", 6}, {"июля", 7}, {"августа", 8},
	{"сентября", 9}, {"октября", 10}, {"ноября", 11}, {"декабря", 12},
};

/* A month name at *i (ASCII letters in any case), then an optional '.'. */
static int read_month(const char *s, size_t end, size_t *i, int *month)
{
	for (size_t m = 0; m < NGI_ARRAY_LEN(month_names); m++) {
		const char *name = month_names[m].name;
		size_t n = strlen(name), k;
		if (end - *i < n)
			continue;
		for (k = 0; k < n; k++)
			if (lower(s[*i + k]) != name[k])
				break;
		if (k < n || (*i + n < end && is_letter(s[*i + n])))
			continue;
		*i += n;
		if (*i < end && s[*i] == '.')
			(*i)++;
		*month = month_names[m].month;
		return 1;
	}
	return 0;
}

/* "Month D" or "D Month" at *i. */
static int read_month_day(const char *s, size_t end, size_t *i, int *month,
			  int *day)
{
	size_t j = *i;
	if (read_month(s, end, &j, month)) {
		size_t k = skip_blanks(s, end, j);
		if (k == j || !read_digits(s, end, &k, 1, 2, day))
			return 0;
		j = k;
	} else {
		if (!read_digits(s, end, &j, 1, 2, day))
			return 0;
		if (j < end && s[j] == '.')
			j++;
		size_t k = skip_blanks(s, end, j);
		if (k == j || !read_month(s, end, &k, month))
			return 0;
		j = k;
	}
	if (j < end && (is_digit(s[j]) || is_letter(s[j])))
		return 0;
	if (*day < 1 || *day > days_in_month(*month))
		return 0;
	*i = j;
	return 1;
}

/* An outlet between open and close ("/TASS/", "(Reuters)"); 0 if none. */
static size_t read_outlet(const char *s, size_t end, size_t i, char close,
			  size_t *start, size_t *stop)
{
	size_t k = i + 1;
	int letters = 0;
	if (k >= end || !is_letter(s[k]))
		return 0;
	while (k < end && s[k] != close && k - i <= 40) {
		char c = s[k];
		if (!is_letter(c) && !is_digit(c) && c != ' ' && c != '.' &&
		    c != '&' && c != '-' && c != '\'')
			return 0;
		letters += is_letter(c);
		k++;
	}
	if (k >= end || s[k] != close || !letters)
		return 0;
	*start = i + 1;
	*stop = trim_end(s, i + 1, k);
	return k + 1;
}

/* The CITY of a dateline: one to four words, each starting with a capital
 * (or a non-ASCII letter), made of letters, '.', '-' and '\''. Returns its
 * end (at ',' or at the blank before '('), or 0. */
static size_t read_city(const char *s, size_t end, size_t i)
{
	size_t start = i;
	for (int words = 0; words < 4; words++) {
		if (i >= end || !(is_upper(s[i]) || (unsigned char)s[i] >= 0x80))
			return 0;
		while (i < end && (is_letter(s[i]) || s[i] == '.' ||
				   s[i] == '-' || s[i] == '\''))
			i++;
		if (i - start > 40 || i >= end)
			return 0;
		if (s[i] == ',')
			return i;
		if (s[i] != ' ' || i + 1 >= end)
			return 0;
		if (s[i + 1] == '(')
			return i;
		i++;
	}
	return 0;
}

typedef struct dateline {
	int month, day; /* 0 when the dateline has no date */
	size_t outlet_start, outlet_end;
} dateline;

static int parse_dateline(const char *s, size_t i, size_t end, dateline *d)
{
	memset(d, 0, sizeof *d);
	size_t k = read_city(s, end, i);
	if (!k)
		return 0;
	if (s[k] == ' ') { /* CITY (OUTLET) - */
		k = read_outlet(s, end, k + 1, ')', &d->outlet_start,
				&d->outlet_end);
		return k && dash_at(s, end, skip_blanks(s, end, k));
	}
	k = skip_blanks(s, end, k + 1);
	if (!read_month_day(s, end, &k, &d->month, &d->day))
		return 0;
	if (k < end && (s[k] == '.' || s[k] == ','))
		k++;
	k = skip_blanks(s, end, k);
	if (k < end && s[k] == '/')
		return read_outlet(s, end, k, '/', &d->outlet_start,
				   &d->outlet_end) != 0;
	if (k < end && s[k] == '(') {
		k = read_outlet(s, end, k, ')', &d->outlet_start,
				&d->outlet_end);
		return k && dash_at(s, end, skip_blanks(s, end, k));
	}
	return dash_at(s, end, k) != 0;
}

/* ---- title ------------------------------------------------------------------------ */

/* Does [start, end) end like a sentence (closing quotes and brackets
 * aside)? */
static int ends_like_sentence(const char *s, size_t start, size_t end)
{
	static const char *const closers[] = {"\"", "'", ")", "]", "\xE2\x80\x9D",
					      "\xE2\x80\x99", "\xE2\x80\x9C",
					      "\xE2\x80\x98", "\xC2\xBB",
					      "\xC2\xAB"};
	static const char *const stops[] = {".", "!", "?", ":", ";", ",",
					    "\xE2\x80\xA6", "\xE3\x80\x82",
					    "\xEF\xBC\x81", "\xEF\xBC\x9F",
					    "\xD8\x9F", "\xE0\xA5\xA4"};
	for (int stripped = 1; stripped;) {
		stripped = 0;
		for (size_t c = 0; c < NGI_ARRAY_LEN(closers); c++) {
			size_t n = strlen(closers[c]);
			if (end - start >= n &&
			    memcmp(s + end - n, closers[c], n) == 0) {
				end -= n;
				stripped = 1;
				break;
			}
		}
	}
	for (size_t c = 0; c < NGI_ARRAY_LEN(stops); c++) {
		size_t n = strlen(stops[c]);
		if (end - start >= n && memcmp(s + end - n, stops[c], n) == 0)
			return 1;
	}
	return 0;
}

static int looks_like_title(const article *a, const line *l)
{
	const char *s = a->s;
	size_t words = 0, letters = 0;
	dateline d;

	if (l->end - l->start > TITLE_MAX_BYTES)
		return 0;
	for (size_t i = l->start; i < l->end; i++) {
		int blank = s[i] == ' ' || s[i] == '\t';
		if (!blank && (i == l->start || s[i - 1] == ' ' || s[i - 1] == '\t'))
			words++;
		letters += is_letter(s[i]);
	}
	return words <= TITLE_MAX_WORDS && letters > 0 &&
	       !ends_like_sentence(s, l->start, l->end) &&
	       !parse_dateline(s, l->start, l->end, &d) &&
	       has_text_after(a, l->next);
}

/* One all-caps ASCII word on its own line: "LINK", "VIDEO". */
static int is_boilerplate(const char *s, const line *l)
{
	size_t n = l->end - l->start;
	if (n < 2 || n > 16)
		return 0;
	for (size_t i = l->start; i < l->end; i++)
		if (!is_upper(s[i]))
			return 0;
	return 1;
}

/* ---- the article ------------------------------------------------------------------- */

static void sniff(article *a)
{
	line first, l;
	size_t header_rest = 0;
	int header = 0, header_has_body = 0;

	a->body_start = 0;
	if (!next_line(a->s, a->len, 0, &first))
		return;
	if (parse_header(a, &first, &header_rest)) {
		header = 1;
		if (rest_is_header(a->s, first.end, header_rest))
			a->body_start = first.next;
		else {
			a->body_start = header_rest;
			header_has_body = 1;
		}
	}

	if (!header_has_body) {
		int skipped = 0;
		while (next_line(a->s, a->len, a->body_start, &l)) {
			if (skipped < BOILERPLATE_LINES && is_boilerplate(a->s, &l) &&
			    has_text_after(a, l.next)) {
				a->body_start = l.next;
				skipped++;
				continue;
			}
			if (looks_like_title(a, &l)) {
				a->title_start = l.start;
				a->title_end = l.end;
				a->body_start = l.next;
			}
			break;
		}
	}

	/* Datelines: from the top, the header line checked from its rest. */
	size_t pos = 0;
	for (int n = 0; n < DATELINE_LINES && next_line(a->s, a->len, pos, &l);
	     n++) {
		size_t from = l.start;
		pos = l.next;
		if (header && l.start == first.start) {
			if (!header_has_body)
				continue;
			from = header_rest;
		}
		dateline d;
		if (!parse_dateline(a->s, from, l.end, &d))
			continue;
		if (!a->outlet_end && d.outlet_end > d.outlet_start) {
			a->outlet_start = d.outlet_start;
			a->outlet_end = d.outlet_end;
		}
		if (a->published_source == NGI_PUB_NONE && d.month) {
			snprintf(a->published, sizeof a->published,
				 "--%02d-%02d", d.month, d.day);
			a->published_source = NGI_PUB_DATELINE;
		}
		break;
	}
}

/* "dir/000_58e7.txt" -> "000_58e7"; "-" -> "stdin". */
static char *record_id(ngi_arena *arena, const char *name)
{
	const char *base = ngi_read_basename(name);
	const char *dot = strrchr(base, '.');
	size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	return ngi_arena_strndup(arena, base, n);
}

static ng_status no_text(ngi_read_io *io, const char *name)
{
	ngi_diag(io->diag, NG_DIAG_ERROR, name, 1, 0, "no article text");
	io->stats->failed++;
	return NG_ERR_INPUT;
}

ng_status ngi_read_text_article(const char *name, const char *bytes,
				size_t len, ngi_record_fn fn, void *ctx,
				ngi_diag_sink *diag, ngi_read_stats *stats)
{
	ngi_read_io io;
	ngi_read_io_init(&io, fn, ctx, diag, stats);
	io.stats->bytes += (long long)len;
	if (!bytes)
		bytes = "";

	size_t first_bad = 0;
	if (ngi_read_looks_binary(bytes, len, 1, &first_bad)) {
		ngi_diag(io.diag, NG_DIAG_ERROR, name, 1, (long long)first_bad,
			 "binary file (NUL bytes or mostly invalid UTF-8), "
			 "skipped");
		io.stats->failed++;
		return NG_ERR_INPUT;
	}
	size_t bom = len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;

	ngi_buf text;
	ngi_buf_init(&text, 0);
	size_t bad = ngi_utf8_repair(bytes + bom, len - bom, &text, &first_bad);
	if (bad == (size_t)-1) {
		ngi_buf_free(&text);
		return NG_ERR_NOMEM;
	}

	article a;
	memset(&a, 0, sizeof a);
	a.s = text.data;
	a.len = text.len;
	sniff(&a);

	/* The body: what follows the metadata, blank lines trimmed off. */
	size_t body = a.body_start, body_end = a.len;
	while (body < a.len) {
		size_t w = a.s[body] == '\n' ? 1 : blank_width(a.s, a.len, body);
		if (!w)
			break;
		body += w;
	}
	while (body_end > body) {
		size_t t = a.s[body_end - 1] == '\n'
				   ? body_end - 1
				   : trim_end(a.s, body, body_end);
		if (t == body_end)
			break;
		body_end = t;
	}
	if (body >= body_end) {
		ngi_buf_free(&text);
		return no_text(&io, name);
	}
	text.data[body_end] = '\0';

	ngi_arena arena;
	ngi_arena_init(&arena, 4096);
	ngi_record rec;
	memset(&rec, 0, sizeof rec);
	rec.source = name;
	rec.record_no = 1;
	rec.offset = 0;
	rec.id = record_id(&arena, name);
	if (a.title_end)
		rec.title = ngi_arena_strndup(&arena, a.s + a.title_start,
					      a.title_end - a.title_start);
	if (a.outlet_end)
		rec.outlet = ngi_arena_strndup(&arena, a.s + a.outlet_start,
					       a.outlet_end - a.outlet_start);
	if (a.published_source != NGI_PUB_NONE)
		rec.published = ngi_arena_strdup(&arena, a.published);
	rec.published_source = a.published_source;
	rec.text = text.data + body;
	rec.text_len = body_end - body;
	rec.invalid_utf8 = bad;

	ng_status st = NG_OK;
	if (!rec.id || (a.title_end && !rec.title) ||
	    (a.outlet_end && !rec.outlet) ||
	    (a.published_source != NGI_PUB_NONE && !rec.published))
		st = NG_ERR_NOMEM;
	if (!st) {
		if (bad)
			ngi_diag(io.diag, NG_DIAG_WARNING, name, 1,
				 (long long)(first_bad + bom),
				 "%zu invalid UTF-8 sequence%s replaced by "
				 "U+FFFD", bad, bad == 1 ? "" : "s");
		io.stats->records++;
		io.stats->invalid_utf8 += (long long)bad;
		st = io.fn(io.ctx, &rec);
	}
	ngi_arena_free(&arena);
	ngi_buf_free(&text);
	return st;
}
