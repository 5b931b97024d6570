/*
 * langid_slavicner.c: accuracy and speed of language identification on
 * SlavicNER, six Slavic languages that CLD2 has to tell apart (Bulgarian
 * and Russian, Czech and Slovene and Polish, Ukrainian and Russian).
 *
 * Usage: build/bench/langid_slavicner [RAW_DIR]
 * RAW_DIR (default ../shared/data/slavicner/raw) holds
 * <topic>/<lang>/NAME.txt, one article per file, the folder naming the truth.
 * Prints, per language, articles, accuracy and what the misses were taken
 * for; then the overall accuracy, langid speed (articles/s, MB/s), and the
 * speed of the whole text analysis (ngi_text_analyze with detection) over
 * the same articles.
 */
#include "text/text.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_util.h"

#define MAX_ARTICLES 100000
#define MAX_LANGS 16
#define MAX_GUESSES 8

typedef struct article {
	char *text;
	size_t len;
	int lang; /* index into langs */
} article;

typedef struct guess {
	char code[8];
	long n;
} guess;

typedef struct lang_stats {
	char code[8];
	long n, correct;
	guess guesses[MAX_GUESSES];
} lang_stats;

static article articles[MAX_ARTICLES];
static size_t n_articles;
static lang_stats langs[MAX_LANGS];
static int n_langs;

static int lang_index(const char *code)
{
	for (int i = 0; i < n_langs; i++)
		if (strcmp(langs[i].code, code) == 0)
			return i;
	if (n_langs == MAX_LANGS || strlen(code) >= sizeof langs[0].code)
		return -1;
	snprintf(langs[n_langs].code, sizeof langs[n_langs].code, "%s", code);
	return n_langs++;
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	while (buf) {
		size_t r = fread(buf + n, 1, cap - n, f);
		n += r;
		if (n < cap)
			break;
		char *bigger = realloc(buf, cap * 2);
		if (!bigger) {
			free(buf);
			buf = NULL;
			break;
		}
		buf = bigger;
		cap *= 2;
	}
	fclose(f);
	if (buf)
		*len = n;
	return buf;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Loads every root/<topic>/<lang>/NAME.txt. */
static void load(const char *root)
{
	DIR *topics = opendir(root);
	if (!topics) {
		fprintf(stderr, "langid_slavicner: cannot open %s\n", root);
		exit(1);
	}
	struct dirent *t;
	while ((t = readdir(topics)) != NULL) {
		if (t->d_name[0] == '.')
			continue;
		char tdir[4096];
		snprintf(tdir, sizeof tdir, "%s/%s", root, t->d_name);
		DIR *ld = opendir(tdir);
		if (!ld)
			continue;
		struct dirent *l;
		while ((l = readdir(ld)) != NULL) {
			if (l->d_name[0] == '.')
				continue;
			char ldir[4096 + 256];
			snprintf(ldir, sizeof ldir, "%s/%s", tdir, l->d_name);
			DIR *fd = opendir(ldir);
			if (!fd)
				continue;
			int li = lang_index(l->d_name);
			struct dirent *f;
			while (li >= 0 && (f = readdir(fd)) != NULL &&
			       n_articles < MAX_ARTICLES) {
				if (!ends_with(f->d_name, ".txt"))
					continue;
				char path[4096 + 512];
				snprintf(path, sizeof path, "%s/%s", ldir,
					 f->d_name);
				size_t len;
				char *text = read_all(path, &len);
				if (!text)
					continue;
				articles[n_articles].text = text;
				articles[n_articles].len = len;
				articles[n_articles].lang = li;
				n_articles++;
			}
			closedir(fd);
		}
		closedir(ld);
	}
	closedir(topics);
}

static void count_guess(lang_stats *s, const char *code)
{
	for (int i = 0; i < MAX_GUESSES; i++) {
		if (s->guesses[i].n == 0) {
			snprintf(s->guesses[i].code, sizeof s->guesses[i].code,
				 "%s", code);
		}
		if (strcmp(s->guesses[i].code, code) == 0) {
			s->guesses[i].n++;
			return;
		}
	}
}

int main(int argc, char **argv)
{
	const char *root = argc > 1 ? argv[1] : "../shared/data/slavicner/raw";
	load(root);
	if (n_articles == 0) {
		fprintf(stderr, "langid_slavicner: no articles under %s\n", root);
		return 1;
	}
	size_t bytes = 0;
	for (size_t i = 0; i < n_articles; i++)
		bytes += articles[i].len;

	long correct = 0, und = 0;
	double t0 = bench_now();
	for (size_t i = 0; i < n_articles; i++) {
		char code[8];
		int reliable, percent;
		ngi_langid_detect(articles[i].text, articles[i].len, code,
				  &reliable, &percent);
		lang_stats *s = &langs[articles[i].lang];
		s->n++;
		if (strcmp(code, s->code) == 0) {
			s->correct++;
			correct++;
		} else {
			count_guess(s, code);
		}
		if (strcmp(code, "und") == 0)
			und++;
	}
	double t_langid = bench_now() - t0;

	printf("%-5s %8s %9s  misses\n", "lang", "articles", "accuracy");
	for (int i = 0; i < n_langs; i++) {
		lang_stats *s = &langs[i];
		printf("%-5s %8ld %8.2f%% ", s->code, s->n,
		       s->n ? 100.0 * (double)s->correct / (double)s->n : 0.0);
		for (int g = 0; g < MAX_GUESSES && s->guesses[g].n; g++)
			printf(" %s:%ld", s->guesses[g].code, s->guesses[g].n);
		printf("\n");
	}
	printf("all   %8zu %8.2f%%  (und: %ld)\n", n_articles,
	       100.0 * (double)correct / (double)n_articles, und);
	printf("langid:  %.0f articles/s, %.1f MB/s (%.1f MB)\n",
	       (double)n_articles / t_langid, (double)bytes / 1e6 / t_langid,
	       (double)bytes / 1e6);

	ngi_text_ctx *ctx;
	if (ngi_text_ctx_new(&ctx) != NG_OK)
		return 1;
	ngi_arena arena;
	ngi_arena_init(&arena, 0);
	size_t tokens = 0;
	t0 = bench_now();
	for (size_t i = 0; i < n_articles; i++) {
		ngi_doc d;
		ngi_arena_reset(&arena);
		if (ngi_text_analyze(ctx, articles[i].text, articles[i].len,
				     NULL, &arena, &d) != NG_OK) {
			fprintf(stderr, "langid_slavicner: analyze failed\n");
			return 1;
		}
		tokens += d.n_tokens;
	}
	double t_analyze = bench_now() - t0;
	printf("analyze: %.0f articles/s, %.1f MB/s, %.1f M tokens/s\n",
	       (double)n_articles / t_analyze, (double)bytes / 1e6 / t_analyze,
	       (double)tokens / 1e6 / t_analyze);
	ngi_arena_free(&arena);
	ngi_text_ctx_free(ctx);
	for (size_t i = 0; i < n_articles; i++)
		free(articles[i].text);
	return 0;
}
