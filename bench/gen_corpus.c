/*
 * gen_corpus.c: writes a synthetic news stream for the throughput benchmark.
 *
 * Reads the FNC-1 bodies (train_bodies.csv, through the CSV reader in
 * src/eval/fnc1.c) and writes N JSON Lines articles, each a mutated copy of
 * one body: an exact copy, sentences dropped, shuffled or cut off, words
 * replaced, boilerplate leads and tails, or a mix. Articles come in bursts:
 * a few copies of one body dated over a few days, the bursts spread over
 * DAYS days from 2024-01-01 (366 by default: the year 2024) in output
 * order, each article with an id, a title (its first words),
 * a date-time, an outlet from a fixed list and lang "en". The output depends
 * only on the seed and the bodies file, so runs are comparable.
 *
 * Usage: gen_corpus [-n N] [-d DAYS] [-s SEED] [-b BODIES.csv] [-o FILE|-]
 * Only the corpus goes to stdout; the summary goes to stderr.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "eval/fnc1.h"
#include "extract/dates.h"
#include "extract/pubdate.h"

#define DEFAULT_COUNT 100000LL
#define DEFAULT_DAYS 366ULL
#define MAX_DAYS 36500ULL
#define DEFAULT_SEED 20240101ULL
#define DEFAULT_BODIES "../shared/data/fnc1/train_bodies.csv"
#define TITLE_WORDS 8
#define TITLE_MAX_BYTES 120

static const char *const outlets[] = {
	"Daily Ledger",    "Morning Courier", "Global Wire",  "City Herald",
	"Evening Post",    "Northern Times",  "Coastal News", "Metro Gazette",
	"Capital Report",  "World Digest",    "Valley Press", "The Observer Line",
	"Harbor Tribune",  "Summit Journal",  "Plains Chronicle", "Union Bulletin",
};

static const char *const leads[] = {
	"(Reuters) - ",
	"By Staff Reporter\n\n",
	"UPDATED: ",
	"LONDON (AP) - ",
	"Breaking news: ",
	"From our correspondent.\n\n",
};

static const char *const tails[] = {
	"\n\nThis story has been updated.",
	"\n\nSubscribe to our newsletter for the latest news.",
	"\n\nAll rights reserved. This material may not be republished.",
	"\n\nAdditional reporting by wire services.",
	"\n\nFollow us for more updates on this story.",
};

static const char *const replacements[] = {
	"reportedly", "officials", "sources", "allegedly", "recently",
	"several",    "residents", "authorities", "according", "statement",
	"claimed",    "confirmed", "local", "major", "latest",
};

enum {
	MUT_DROP = 1,
	MUT_SHUFFLE = 2,
	MUT_REPLACE = 4,
	MUT_TRUNCATE = 8,
	MUT_LEAD = 16,
	MUT_TAIL = 32
};

typedef struct span {
	size_t start, len;
} span;

typedef struct body_sentences {
	span *s;
	size_t n;
} body_sentences;

static uint64_t rng_state;

/* xorshift64*: small, fast, and the same on every platform. */
static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

static size_t rng_below(size_t n)
{
	return n ? (size_t)(rng() % (uint64_t)n) : 0;
}

static int is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* Splits text into sentences: a run ends after . ! or ? followed by
 * whitespace, or at a line break. Blank pieces are dropped. */
static int split_sentences(const char *t, size_t len, body_sentences *out)
{
	size_t alloc = 16, n = 0;
	span *s = malloc(alloc * sizeof *s);
	if (!s)
		return 0;
	size_t i = 0;
	while (i < len) {
		while (i < len && is_space(t[i]))
			i++;
		if (i >= len)
			break;
		size_t start = i;
		while (i < len && t[i] != '\n' && t[i] != '\r' &&
		       !((t[i] == '.' || t[i] == '!' || t[i] == '?') &&
			 (i + 1 >= len || is_space(t[i + 1]))))
			i++;
		if (i < len && t[i] != '\n' && t[i] != '\r')
			i++; /* keep the final punctuation */
		if (n == alloc) {
			span *p = realloc(s, alloc * 2 * sizeof *s);
			if (!p) {
				free(s);
				return 0;
			}
			s = p;
			alloc *= 2;
		}
		s[n++] = (span){start, i - start};
	}
	out->s = s;
	out->n = n;
	return 1;
}

/* Appends a sentence, replacing about one word in twelve. */
static ng_status put_sentence(ngi_buf *b, const char *t, size_t len,
			      int replace)
{
	if (!replace)
		return ngi_buf_append(b, t, len);
	ng_status st = NG_OK;
	size_t i = 0;
	while (i < len && !st) {
		size_t start = i;
		while (i < len && t[i] != ' ')
			i++;
		size_t wlen = i - start;
		int alpha = wlen > 3;
		for (size_t k = start; alpha && k < i; k++)
			alpha = (t[k] >= 'a' && t[k] <= 'z');
		if (alpha && rng_below(12) == 0)
			st = ngi_buf_puts(b, replacements[rng_below(
						     NGI_ARRAY_LEN(replacements))]);
		else
			st = ngi_buf_append(b, t + start, wlen);
		if (!st && i < len) {
			st = ngi_buf_putc(b, ' ');
			i++;
		}
	}
	return st;
}

/* The mutated text of one article into text. */
static ng_status mutate(const ngi_fnc1_body *body, const body_sentences *bs,
			size_t *order, ngi_buf *text, unsigned *mut_out)
{
	unsigned mut = 0;
	size_t pick = rng_below(100);
	if (pick < 20)
		mut = 0;
	else if (pick < 35)
		mut = MUT_DROP;
	else if (pick < 47)
		mut = MUT_SHUFFLE;
	else if (pick < 60)
		mut = MUT_REPLACE;
	else if (pick < 70)
		mut = MUT_TRUNCATE;
	else if (pick < 80)
		mut = MUT_LEAD | MUT_TAIL;
	else if (pick < 85)
		mut = MUT_LEAD;
	else if (pick < 90)
		mut = MUT_TAIL;
	else
		mut = MUT_DROP | MUT_REPLACE | (rng_below(2) ? MUT_LEAD : MUT_TAIL);
	*mut_out = mut;

	ngi_buf_clear(text);
	ng_status st = NG_OK;
	if (mut & MUT_LEAD)
		st = ngi_buf_puts(text, leads[rng_below(NGI_ARRAY_LEN(leads))]);
	if (st)
		return st;
	if (!(mut & (MUT_DROP | MUT_SHUFFLE | MUT_REPLACE | MUT_TRUNCATE)) ||
	    bs->n == 0) {
		st = ngi_buf_append(text, body->text, body->len);
	} else {
		size_t n = bs->n;
		for (size_t i = 0; i < n; i++)
			order[i] = i;
		if ((mut & MUT_DROP) && n > 2) {
			size_t drops = 1 + rng_below(n / 4 + 1);
			for (size_t k = 0; k < drops && n > 1; k++) {
				size_t at = rng_below(n);
				memmove(order + at, order + at + 1,
					(n - at - 1) * sizeof *order);
				n--;
			}
		}
		if ((mut & MUT_SHUFFLE) && n > 1) {
			size_t swaps = 1 + rng_below(3);
			for (size_t k = 0; k < swaps; k++) {
				size_t a = rng_below(n), b = rng_below(n);
				size_t tmp = order[a];
				order[a] = order[b];
				order[b] = tmp;
			}
		}
		if ((mut & MUT_TRUNCATE) && n > 1) {
			size_t keep = n * (40 + rng_below(41)) / 100;
			n = keep ? keep : 1;
		}
		for (size_t i = 0; i < n && !st; i++) {
			const span *s = &bs->s[order[i]];
			if (i)
				st = ngi_buf_puts(text, i % 4 == 0 ? "\n\n" : " ");
			if (!st)
				st = put_sentence(text, body->text + s->start, s->len,
						  (mut & MUT_REPLACE) != 0);
		}
	}
	if (!st && (mut & MUT_TAIL))
		st = ngi_buf_puts(text, tails[rng_below(NGI_ARRAY_LEN(tails))]);
	return st;
}

/* The first TITLE_WORDS words of text, whitespace collapsed, cut on a UTF-8
 * character boundary. */
static void make_title(const char *t, size_t len, char *out, size_t cap)
{
	size_t o = 0, words = 0, i = 0;
	while (i < len && words < TITLE_WORDS) {
		while (i < len && is_space(t[i]))
			i++;
		if (i >= len)
			break;
		if (words && o + 1 < cap)
			out[o++] = ' ';
		while (i < len && !is_space(t[i]) && o + 1 < cap)
			out[o++] = t[i++];
		while (i < len && !is_space(t[i]))
			i++;
		words++;
	}
	/* The cap may have cut a character: drop an incomplete last one. */
	size_t k = o;
	while (k > 0 && ((unsigned char)out[k - 1] & 0xC0) == 0x80)
		k--;
	if (k > 0 && ((unsigned char)out[k - 1] & 0xC0) == 0xC0) {
		unsigned char lead = (unsigned char)out[k - 1];
		size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
		if (o - (k - 1) < need)
			o = k - 1;
	}
	out[o] = '\0';
}

static void usage(void)
{
	fprintf(stderr,
		"usage: gen_corpus [-n N] [-d DAYS] [-s SEED] [-b BODIES.csv] [-o FILE|-]\n"
		"  -n N       articles to write (default %lld)\n"
		"  -d DAYS    days the dates spread over from 2024-01-01 (default %llu)\n"
		"  -s SEED    PRNG seed (default %llu)\n"
		"  -b PATH    FNC-1 train_bodies.csv (default %s)\n"
		"  -o FILE    output file, - for stdout (default -)\n",
		DEFAULT_COUNT, DEFAULT_DAYS, (unsigned long long)DEFAULT_SEED,
		DEFAULT_BODIES);
}

static int parse_ull(const char *s, unsigned long long *out)
{
	if (!s || !*s || *s == '-')
		return 0;
	errno = 0;
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end)
		return 0;
	*out = v;
	return 1;
}

int main(int argc, char **argv)
{
	unsigned long long count = DEFAULT_COUNT, seed = DEFAULT_SEED,
			   days = DEFAULT_DAYS;
	const char *bodies_path = DEFAULT_BODIES, *out_path = "-";
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if ((!strcmp(a, "-n") || !strcmp(a, "--count")) &&
		    parse_ull(v, &count))
			i++;
		else if ((!strcmp(a, "-d") || !strcmp(a, "--days")) &&
			 parse_ull(v, &days) && days >= 1 && days <= MAX_DAYS)
			i++;
		else if ((!strcmp(a, "-s") || !strcmp(a, "--seed")) &&
			 parse_ull(v, &seed))
			i++;
		else if ((!strcmp(a, "-b") || !strcmp(a, "--bodies")) && v)
			bodies_path = argv[++i];
		else if ((!strcmp(a, "-o") || !strcmp(a, "--out")) && v)
			out_path = argv[++i];
		else {
			if (strcmp(a, "-h") && strcmp(a, "--help"))
				fprintf(stderr, "gen_corpus: bad argument \"%s\"\n", a);
			usage();
			return 2;
		}
	}
	rng_state = seed ? seed : DEFAULT_SEED;

	ngi_fnc1 d;
	ngi_fnc1_init(&d);
	ng_status st = ngi_fnc1_load_bodies(&d, bodies_path, NULL);
	if ((st && st != NG_ERR_INPUT) || d.n_bodies == 0) {
		fprintf(stderr, "gen_corpus: cannot read bodies from %s (%s)\n",
			bodies_path, st ? ng_status_str(st) : "no bodies");
		ngi_fnc1_free(&d);
		return 1;
	}
	body_sentences *bs = calloc(d.n_bodies, sizeof *bs);
	size_t max_sentences = 1;
	int ok = bs != NULL;
	for (size_t i = 0; ok && i < d.n_bodies; i++) {
		ok = split_sentences(d.bodies[i].text, d.bodies[i].len, &bs[i]);
		if (ok && bs[i].n > max_sentences)
			max_sentences = bs[i].n;
	}
	size_t *order = ok ? malloc(max_sentences * sizeof *order) : NULL;
	FILE *out = NULL;
	if (ok && order) {
		out = strcmp(out_path, "-") == 0 ? stdout : fopen(out_path, "wb");
		if (!out)
			fprintf(stderr, "gen_corpus: cannot write %s: %s\n", out_path,
				strerror(errno));
	} else {
		fprintf(stderr, "gen_corpus: out of memory\n");
	}

	ngi_buf text, line;
	ngi_buf_init(&text, 0);
	ngi_buf_init(&line, 0);
	unsigned long long bytes = 0, exact = 0;
	size_t body = 0, burst_left = 0;
	int burst_day = 0;
	const int32_t first_day = ngi_days_from_civil(2024, 1, 1);
	int failed = out == NULL;
	for (unsigned long long i = 0; !failed && i < count; i++) {
		if (burst_left == 0) {
			body = rng_below(d.n_bodies);
			burst_left = 1 + rng_below(6);
			burst_day = (int)(i * days / count) + (int)rng_below(3);
		}
		burst_left--;
		int day = burst_day + (int)rng_below(3);
		if (day > (int)days - 1)
			day = (int)days - 1;
		int year, month, mday;
		ngi_dates_civil(first_day + day, &year, &month, &mday);
		unsigned mut;
		st = mutate(&d.bodies[body], &bs[body], order, &text, &mut);
		exact += mut == 0;
		char id[32], title[TITLE_MAX_BYTES + 1], published[32], url[160];
		snprintf(id, sizeof id, "bench-%07llu", i);
		make_title(text.data ? text.data : "", text.len, title, sizeof title);
		snprintf(published, sizeof published, "%04d-%02d-%02dT%02d:%02d:%02dZ",
			 year, month, mday, (int)rng_below(24), (int)rng_below(60),
			 (int)rng_below(60));
		const char *outlet = outlets[rng_below(NGI_ARRAY_LEN(outlets))];
		char host[64];
		size_t h = 0;
		for (const char *c = outlet; *c && h + 1 < sizeof host; c++)
			if (*c != ' ')
				host[h++] = (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
		host[h] = '\0';
		snprintf(url, sizeof url, "https://www.%s.example/%04d/%02d/%02d/%s",
			 host, year, month, mday, id);

		ngi_buf_clear(&line);
		if (!st)
			st = ngi_buf_puts(&line, "{\"id\":");
		if (!st)
			st = ngi_buf_json_str(&line, id);
		if (!st)
			st = ngi_buf_puts(&line, ",\"url\":");
		if (!st)
			st = ngi_buf_json_str(&line, url);
		if (!st)
			st = ngi_buf_puts(&line, ",\"title\":");
		if (!st)
			st = ngi_buf_json_str(&line, title);
		if (!st)
			st = ngi_buf_puts(&line, ",\"published\":");
		if (!st)
			st = ngi_buf_json_str(&line, published);
		if (!st)
			st = ngi_buf_puts(&line, ",\"outlet\":");
		if (!st)
			st = ngi_buf_json_str(&line, outlet);
		if (!st)
			st = ngi_buf_puts(&line, ",\"lang\":\"en\",\"text\":");
		if (!st)
			st = ngi_buf_json_strn(&line, text.data ? text.data : "",
					       text.len);
		if (!st)
			st = ngi_buf_puts(&line, "}\n");
		if (st) {
			fprintf(stderr, "gen_corpus: %s\n", ng_status_str(st));
			failed = 1;
			break;
		}
		if (fwrite(line.data, 1, line.len, out) != line.len) {
			fprintf(stderr, "gen_corpus: write error: %s\n", strerror(errno));
			failed = 1;
		}
		bytes += line.len;
	}
	if (out && out != stdout && fclose(out) != 0) {
		fprintf(stderr, "gen_corpus: cannot close %s: %s\n", out_path,
			strerror(errno));
		failed = 1;
	} else if (out == stdout && fflush(stdout) != 0) {
		failed = 1;
	}
	if (!failed)
		fprintf(stderr,
			"gen_corpus: %llu articles (%llu exact copies), %.1f MB, from "
			"%zu bodies, seed %llu, to %s\n",
			count, exact, (double)bytes / 1e6, d.n_bodies, seed,
			strcmp(out_path, "-") ? out_path : "stdout");
	ngi_buf_free(&text);
	ngi_buf_free(&line);
	for (size_t i = 0; bs && i < d.n_bodies; i++)
		free(bs[i].s);
	free(bs);
	free(order);
	ngi_fnc1_free(&d);
	return failed ? 1 : 0;
}
