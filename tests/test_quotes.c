/*
 * test_quotes.c: the quote finder (src/extract/quotes.h) on the real
 * pipeline (ngi_text_analyze, ngi_entities_find, ngi_quotes_find).
 *
 * Tables of {text, language, expected quote, speaker} for every mark style
 * and dash dialogue; split, partial and nested quotes; indirect speech in
 * several languages; speakers named, after the verb, by pronoun, by role
 * and inherited; bad input (unbalanced and mismatched marks, a quote of
 * 10,000 words, a text that is one long quote, inch signs and apostrophes,
 * a speech verb without a subject, no sentences, a million marks, in time
 * roughly linear in the text); the code-point offsets; and the seed
 * articles against the gold quotes of expected.json (skipped without
 * ../shared).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/base.h"
#include "base/json.h"
#include "base/utf8.h"
#include "check.h"
#include "extract/entities.h"
#include "extract/quotes.h"
#include "text/text.h"

static ngi_text_ctx *text_ctx;
static ngi_entity_ctx *ent_ctx;

typedef struct run {
	ngi_doc doc;
	ngi_mention *m;
	size_t nm;
	ngi_quote *q;
	size_t nq;
	ng_status st;
} run;

static run find(const char *text, size_t len, const char *lang, ngi_arena *a)
{
	run r;
	memset(&r, 0, sizeof r);
	r.st = ngi_text_analyze(text_ctx, text, len, lang, a, &r.doc);
	if (!r.st)
		r.st = ngi_entities_find(ent_ctx, &r.doc, a, &r.m, &r.nm);
	if (!r.st)
		r.st = ngi_quotes_find(&r.doc, r.m, r.nm, a, &r.q, &r.nq);
	return r;
}

/* The quote whose words are exactly want, or NULL. */
static const ngi_quote *by_text(const run *r, const char *want)
{
	size_t n = strlen(want);
	for (size_t i = 0; i < r->nq; i++)
		if (r->q[i].end - r->q[i].start == n &&
		    memcmp(r->doc.text + r->q[i].start, want, n) == 0)
			return &r->q[i];
	return NULL;
}

static const char *speaker_name(const run *r, const ngi_quote *q)
{
	return q && q->speaker >= 0 && (size_t)q->speaker < r->nm
		       ? r->m[q->speaker].name
		       : NULL;
}

static size_t count_direct(const run *r)
{
	size_t n = 0;
	for (size_t i = 0; i < r->nq; i++)
		n += r->q[i].direct;
	return n;
}

/* ---- mark styles --------------------------------------------------------*/
static void test_styles(void)
{
	static const struct {
		const char *text, *lang, *quote, *speaker;
	} rows[] = {
		{"“There were no contacts back then,” Vladimir Putin said.",
		 "en", "There were no contacts back then,", "Vladimir Putin"},
		{"„Es gab damals keine Kontakte“, betonte Wladimir Putin.",
		 "de", "Es gab damals keine Kontakte", "Vladimir Putin"},
		{"«Разговора не было», — сказал Дмитрий Песков.", "ru",
		 "Разговора не было", "Dmitry Peskov"},
		{"\"We will win this race,\" said Hillary Clinton on Monday.",
		 "en", "We will win this race,", "Hillary Clinton"},
		{"'We will win this race,' said Hillary Clinton on Monday.",
		 "en", "We will win this race,", "Hillary Clinton"},
		{"‘We will win this race,’ said Hillary Clinton on Monday.",
		 "en", "We will win this race,", "Hillary Clinton"},
		{"‚Wir schaffen das‘, sagte Angela Merkel in Berlin.", "de",
		 "Wir schaffen das", "Angela Merkel"},
		{"‹Nous resterons unis›, a déclaré Emmanuel Macron.", "fr",
		 "Nous resterons unis", "Emmanuel Macron"},
		{"« Nous resterons unis », a déclaré Emmanuel Macron.", "fr",
		 "Nous resterons unis", "Emmanuel Macron"},
		{"''We wanted to control the real estate,'' said Michael "
		 "Cernech.",
		 "en", "We wanted to control the real estate,", NULL},
		{"„Nie było żadnej rozmowy”, powiedział Dmitrij Pieskow.", "pl",
		 "Nie było żadnej rozmowy", NULL},
		{"»Das ist Unsinn«, sagte Olaf Scholz.", "de", "Das ist Unsinn",
		 NULL},
		{"“Do you want to be associated with a fascist?“ he asked "
		 "the crowd.",
		 "en", "Do you want to be associated with a fascist?", NULL},
		{"彼は「これは完全な作り話だ」と述べた。", "ja",
		 "これは完全な作り話だ", NULL},
		{"彼は『これは完全な作り話だ』と述べた。", "ja",
		 "これは完全な作り話だ", NULL},
	};
	ngi_arena a;
	ngi_arena_init(&a, 0);
	for (size_t i = 0; i < NGI_ARRAY_LEN(rows); i++) {
		run r = find(rows[i].text, strlen(rows[i].text), rows[i].lang,
			     &a);
		CHECK(r.st == NG_OK);
		const ngi_quote *q = by_text(&r, rows[i].quote);
		CHECK_MSG(q != NULL, "row %zu: no quote \"%s\" (%zu found)", i,
			  rows[i].quote, r.nq);
		if (q) {
			CHECK(q->direct == 1);
			if (rows[i].speaker)
				CHECK_STR(speaker_name(&r, q), rows[i].speaker);
		}
		ngi_arena_reset(&a);
	}
	ngi_arena_free(&a);
}

static void test_dash_dialogue(void)
{
	const char *t = "Песков ответил журналистам.\n\n"
			"— Нет, это неправда, — сказал Дмитрий Песков. — Мы "
			"ничего об этом не знаем.\n";
	ngi_arena a;
	ngi_arena_init(&a, 0);
	run r = find(t, strlen(t), "ru", &a);
	CHECK(r.st == NG_OK);
	const ngi_quote *q1 = by_text(&r, "Нет, это неправда");
	const ngi_quote *q2 = by_text(&r, "Мы ничего об этом не знаем.");
	CHECK(q1 != NULL);
	CHECK(q2 != NULL);
	if (q1 && q2) {
		CHECK(q2->first_piece == (uint32_t)(q1 - r.q));
		CHECK(q1->first_piece == (uint32_t)(q1 - r.q));
		CHECK_STR(speaker_name(&r, q1), "Dmitry Peskov");
		CHECK_STR(speaker_name(&r, q2), "Dmitry Peskov");
	}
	ngi_arena_free(&a);
}

/* ---- split, partial, nested, multi-paragraph -------------------------*/
static void test_split_partial_nested(void)
{
	ngi_arena a;
	ngi_arena_init(&a, 0);
	const char *t1 = "“This issue has been making headlines for years,” "
			 "Vladimir Putin said. “There were no contacts back "
			 "then, and there are none now.”";
	run r = find(t1, strlen(t1), "en", &a);
	const ngi_quote *a1 =
		by_text(&r, "This issue has been making headlines for years,");
	const ngi_quote *a2 = by_text(
		&r, "There were no contacts back then, and there are none now.");
	CHECK(a1 && a2);
	if (a1 && a2) {
		CHECK(a2->first_piece == (uint32_t)(a1 - r.q));
		CHECK(a1->speaker == a2->speaker);
		CHECK_STR(speaker_name(&r, a2), "Vladimir Putin");
	}
	ngi_arena_reset(&a);

	const char *t2 = "In an interview, Donald Trump said the allegations "
			 "were an excuse, adding that “then she got beaten "
			 "everywhere, virtually.”";
	r = find(t2, strlen(t2), "en", &a);
	const ngi_quote *p = by_text(&r, "then she got beaten everywhere, "
					 "virtually.");
	CHECK(p != NULL);
	CHECK_STR(speaker_name(&r, p), "Donald Trump");
	ngi_arena_reset(&a);

	const char *t3 = "Donald Trump spoke in Ohio.\n“Then they said, ‘Ah, it "
			 "was Russia,’ they used it as an excuse, and then the "
			 "fake news picked it up,” he said.";
	r = find(t3, strlen(t3), "en", &a);
	CHECK(by_text(&r, "Then they said, ‘Ah, it was Russia,’ they used it "
			  "as an excuse, and then the fake news picked it up,") !=
	      NULL);
	CHECK(by_text(&r, "Ah, it was Russia,") == NULL);
	CHECK(count_direct(&r) == 1);
	ngi_arena_reset(&a);

	/* the English convention: the next paragraph reopens the quote */
	const char *t4 = "Joe Biden spoke at length.\n\n“We will rebuild the "
			 "middle class. It will take time.\n\n“But we will do "
			 "it together,” Biden said.";
	r = find(t4, strlen(t4), "en", &a);
	const ngi_quote *m1 =
		by_text(&r, "We will rebuild the middle class. It will take time.");
	const ngi_quote *m2 = by_text(&r, "But we will do it together,");
	CHECK(m1 && m2);
	if (m1 && m2) {
		CHECK(m2->first_piece == (uint32_t)(m1 - r.q));
		CHECK_STR(speaker_name(&r, m2), "Joe Biden");
	}
	ngi_arena_free(&a);
}

/* ---- indirect speech ----------------------------------------------------*/
static void test_indirect(void)
{
	static const struct {
		const char *text, *lang, *content, *speaker;
	} rows[] = {
		{"Dmitry Peskov said that the reports about the call were "
		 "false.",
		 "en", "the reports about the call were false", "Dmitry Peskov"},
		{"According to Dmitry Peskov, there was no conversation between "
		 "the two leaders.",
		 "en", "there was no conversation between the two leaders",
		 "Dmitry Peskov"},
		{"The reports about the call were false, Dmitry Peskov said.",
		 "en", "The reports about the call were false", "Dmitry Peskov"},
		{"Wladimir Putin erklärte, dass die Vorwürfe völlig falsch "
		 "seien.",
		 "de", "die Vorwürfe völlig falsch seien", "Vladimir Putin"},
		{"Laut Dmitri Peskow gab es kein Telefonat zwischen den "
		 "Präsidenten.",
		 "de", "gab es kein Telefonat zwischen den Präsidenten", NULL},
		{"Emmanuel Macron a déclaré que la France restera unie face à "
		 "la crise.",
		 "fr", "la France restera unie face à la crise", NULL},
		{"По словам Дмитрия Пескова, никакого разговора между "
		 "президентами не было.",
		 "ru", "никакого разговора между президентами не было", NULL},
		{"Secondo Dmitrij Peskov, non c'è stata alcuna conversazione "
		 "tra i due.",
		 "it", "non c'è stata alcuna conversazione tra i due", NULL},
	};
	ngi_arena a;
	ngi_arena_init(&a, 0);
	for (size_t i = 0; i < NGI_ARRAY_LEN(rows); i++) {
		run r = find(rows[i].text, strlen(rows[i].text), rows[i].lang,
			     &a);
		CHECK(r.st == NG_OK);
		const ngi_quote *q = by_text(&r, rows[i].content);
		CHECK_MSG(q != NULL, "row %zu: no indirect \"%s\"", i,
			  rows[i].content);
		if (q) {
			CHECK(q->direct == 0);
			CHECK(q->cue_end > q->cue_start);
			CHECK_MSG(q->as_written_end > q->as_written_start,
				  "row %zu: no speaker as written", i);
			if (rows[i].speaker)
				CHECK_STR(speaker_name(&r, q), rows[i].speaker);
		}
		ngi_arena_reset(&a);
	}
	ngi_arena_free(&a);
}

/* ---- speakers -----------------------------------------------------------*/
static void test_speakers(void)
{
	ngi_arena a;
	ngi_arena_init(&a, 0);
	/* pronoun: the person in focus, not the last name seen */
	const char *t1 = "Vladimir Putin emphasized that the topic of Donald "
			 "Trump’s alleged connections has been a recurring "
			 "theme. “There were no contacts back then,” he "
			 "affirmed.";
	run r = find(t1, strlen(t1), "en", &a);
	const ngi_quote *q = by_text(&r, "There were no contacts back then,");
	CHECK(q != NULL);
	CHECK_STR(speaker_name(&r, q), "Vladimir Putin");
	if (q)
		CHECK(q->as_written_end - q->as_written_start == 2 &&
		      memcmp(t1 + q->as_written_start, "he", 2) == 0);
	ngi_arena_reset(&a);

	/* role: the person whose title it was */
	const char *t2 = "Western media reports of a call between Russian "
			 "President Vladimir Putin and Donald Trump are false, "
			 "Kremlin Spokesman Dmitry Peskov said on Monday.\n\n"
			 "Donald Trump did not comment.\n\n"
			 "“This is completely untrue,” the Kremlin spokesman "
			 "said.";
	r = find(t2, strlen(t2), "en", &a);
	q = by_text(&r, "This is completely untrue,");
	CHECK_STR(speaker_name(&r, q), "Dmitry Peskov");
	ngi_arena_reset(&a);

	/* name after the verb, and a cue-less quote that follows inherits */
	const char *t3 = "“We have a very target-rich environment,” said "
			 "Dmitry Peskov on Sunday.\n\n“He has left quite a wake "
			 "of victims in his path.”";
	r = find(t3, strlen(t3), "en", &a);
	q = by_text(&r, "We have a very target-rich environment,");
	CHECK_STR(speaker_name(&r, q), "Dmitry Peskov");
	q = by_text(&r, "He has left quite a wake of victims in his path.");
	CHECK(q != NULL);
	CHECK_STR(speaker_name(&r, q), "Dmitry Peskov");
	if (q)
		CHECK(q->cue_start == q->cue_end);
	ngi_arena_reset(&a);

	/* an adverb between name and verb; a colon after a name; a noun
	 * phrase names a speaker as written without an entity */
	const char *t5 = "Donald Trump jokingly said, “I will be the nominee, "
			 "believe me.”\n\nMore from Joe Biden: “We will rebuild "
			 "the middle class together.”\n\n“The factory will "
			 "close next year,” one employee told reporters.";
	r = find(t5, strlen(t5), "en", &a);
	q = by_text(&r, "I will be the nominee, believe me.");
	CHECK_STR(speaker_name(&r, q), "Donald Trump");
	q = by_text(&r, "We will rebuild the middle class together.");
	CHECK_STR(speaker_name(&r, q), "Joe Biden");
	q = by_text(&r, "The factory will close next year,");
	CHECK(q != NULL);
	if (q) {
		CHECK(q->speaker == -1);
		CHECK(q->as_written_end - q->as_written_start ==
			      strlen("one employee") &&
		      memcmp(t5 + q->as_written_start, "one employee", 12) == 0);
	}
	ngi_arena_reset(&a);

	/* a speech verb with no subject anywhere: no speaker, no crash */
	const char *t4 = "Said. Said that. “Said,” said. “Nothing here at all "
			 "to see,” said.";
	r = find(t4, strlen(t4), "en", &a);
	CHECK(r.st == NG_OK);
	for (size_t i = 0; i < r.nq; i++)
		CHECK(r.q[i].speaker == -1);
	ngi_arena_free(&a);
}

/* ---- bad input ----------------------------------------------------------*/
static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static char *repeat(const char *unit, size_t times, size_t *len)
{
	size_t ul = strlen(unit);
	char *s = malloc(ul * times + 1);
	if (!s)
		return NULL;
	for (size_t i = 0; i < times; i++)
		memcpy(s + i * ul, unit, ul);
	s[ul * times] = 0;
	*len = ul * times;
	return s;
}

static double time_marks(const char *unit, size_t times, size_t *nq)
{
	size_t len;
	char *s = repeat(unit, times, &len);
	if (!s)
		return -1;
	ngi_arena a;
	ngi_arena_init(&a, 0);
	double t0 = seconds();
	run r = find(s, len, "en", &a);
	double t1 = seconds();
	CHECK(r.st == NG_OK);
	*nq = r.nq;
	ngi_arena_free(&a);
	free(s);
	return t1 - t0;
}

static void test_bad_input(void)
{
	ngi_arena a;
	ngi_arena_init(&a, 0);
	/* unbalanced: the quote stops at the paragraph end */
	const char *t1 = "Peskov said: “This is completely untrue and it never "
			 "happened\n\nThe next paragraph is the reporter's.";
	run r = find(t1, strlen(t1), "en", &a);
	CHECK(r.st == NG_OK);
	const ngi_quote *q =
		by_text(&r, "This is completely untrue and it never happened");
	CHECK(q != NULL);
	for (size_t i = 0; i < r.nq; i++)
		CHECK(r.q[i].end <= (uint32_t)(strstr(t1, "\n\n") - t1) ||
		      !r.q[i].direct);
	ngi_arena_reset(&a);

	/* mismatched marks: no crash, nothing runs past the paragraph */
	const char *t2 = "« Nous resterons unis ” dit-il. ” Et encore « non\n\n"
			 "Fin de l'article.";
	r = find(t2, strlen(t2), "fr", &a);
	CHECK(r.st == NG_OK);
	for (size_t i = 0; i < r.nq; i++)
		CHECK(r.q[i].end <= (uint32_t)(strstr(t2, "\n\n") - t2));
	ngi_arena_reset(&a);

	/* inch and feet signs, apostrophes: no quote at all */
	const char *t3 = "He is 6'2\" tall and ate a 12\" pizza in the '90s. "
			 "Don't stop the rock 'n' roll, said Trump’s friend "
			 "in the players’ lounge.";
	r = find(t3, strlen(t3), "en", &a);
	CHECK(r.st == NG_OK);
	CHECK_MSG(count_direct(&r) == 0, "%zu direct quotes", count_direct(&r));
	ngi_arena_reset(&a);

	/* no sentences */
	static const char *const empty[] = {"", " ", "“”", "\"\"\"\"", "—",
					    "— ", "«", "''''"};
	for (size_t i = 0; i < NGI_ARRAY_LEN(empty); i++) {
		r = find(empty[i], strlen(empty[i]), "en", &a);
		CHECK(r.st == NG_OK);
		CHECK(count_direct(&r) == 0);
		ngi_arena_reset(&a);
	}
	ngi_arena_free(&a);

	/* a quote of 10,000 words, and a text that is one long quote */
	size_t len;
	char *body = repeat("word ", 10000, &len);
	if (body) {
		size_t tl = len + 64;
		char *t = malloc(tl);
		if (t) {
			snprintf(t, tl, "Putin said: “%s”", body);
			ngi_arena_init(&a, 0);
			r = find(t, strlen(t), "en", &a);
			CHECK(r.st == NG_OK);
			CHECK(count_direct(&r) == 1);
			if (r.nq)
				CHECK(r.q[r.nq - 1].end - r.q[r.nq - 1].start >=
				      len - 1);
			ngi_arena_free(&a);
			snprintf(t, tl, "“%s", body);
			ngi_arena_init(&a, 0);
			r = find(t, strlen(t), "en", &a);
			CHECK(r.st == NG_OK);
			CHECK(count_direct(&r) == 1);
			ngi_arena_free(&a);
			free(t);
		}
		free(body);
	}

	/* a million marks, in time about linear: 4 times the marks may not
	 * take much more than 4 times as long (bounded generously) */
	size_t nq1 = 0, nq4 = 0;
	double t_1 = time_marks("\"", 250000, &nq1);
	double t_4 = time_marks("\"", 1000000, &nq4);
	CHECK(t_1 >= 0 && t_4 >= 0);
	CHECK_MSG(t_4 < 10.0 * (t_1 + 0.01), "%.3fs for 1M marks, %.3fs "
		  "for 250k", t_4, t_1);
	CHECK(nq4 <= NGI_QUOTES_MAX);
	double u_1 = time_marks("“a” ", 25000, &nq1);
	double u_4 = time_marks("“a” ", 100000, &nq4);
	CHECK_MSG(u_4 < 10.0 * (u_1 + 0.01), "%.3fs vs %.3fs", u_4, u_1);
	double v_1 = time_marks("‘ “ « „ ", 25000, &nq1);
	double v_4 = time_marks("‘ “ « „ ", 100000, &nq4);
	CHECK_MSG(v_4 < 10.0 * (v_1 + 0.01), "%.3fs vs %.3fs", v_4, v_1);
	/* many quotes: capped */
	double w = time_marks("“Yes, really,” he said. ", 20000, &nq4);
	CHECK(w >= 0);
	CHECK(nq4 <= NGI_QUOTES_MAX);
}

/* ---- offsets ------------------------------------------------------------*/
static void test_offsets(void)
{
	const char *t = "Überall „Ääh“, sagte Jürgen Müller. „Öl ist "
			"teuer“, sagte er.";
	ngi_arena a;
	ngi_arena_init(&a, 0);
	run r = find(t, strlen(t), "de", &a);
	CHECK(r.nq >= 2);
	for (size_t i = 0; i < r.nq; i++) {
		CHECK(r.q[i].cp_start == ngi_utf8_count(t, r.q[i].start));
		CHECK(r.q[i].cp_end == ngi_utf8_count(t, r.q[i].end));
		CHECK(i == 0 || r.q[i].start >= r.q[i - 1].end);
		CHECK(r.q[i].first_piece <= i);
	}
	ngi_arena_free(&a);
}

/* ---- the seed articles ---------------------------------------------------*/
/* Letters and digits of s, folded to ASCII lower case where ASCII. */
static size_t squeeze(const char *s, size_t n, char *out, size_t cap)
{
	size_t k = 0;
	for (size_t i = 0; i < n && k + 1 < cap; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80)
			out[k++] = (char)c;
		else if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))
			out[k++] = (char)c;
		else if (c >= 'A' && c <= 'Z')
			out[k++] = (char)(c - 'A' + 'a');
	}
	/* drop curly quote marks and apostrophes (U+2018 to U+201F): the
	 * gold writes the inner quote marks as ASCII */
	size_t w = 0;
	for (size_t i = 0; i < k; i++) {
		if (i + 2 < k && (unsigned char)out[i] == 0xE2 &&
		    (unsigned char)out[i + 1] == 0x80 &&
		    (unsigned char)out[i + 2] >= 0x98 &&
		    (unsigned char)out[i + 2] <= 0x9F) {
			i += 2;
			continue;
		}
		out[w++] = out[i];
	}
	out[w] = 0;
	return w;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *b = malloc(1 << 20);
	size_t n = b ? fread(b, 1, (1 << 20) - 1, f) : 0;
	fclose(f);
	if (b)
		b[n] = 0;
	*len = n;
	return b;
}

static void test_seeds(void)
{
	const char *root = getenv("NG_SHARED");
	char dir[1024], path[1300];
	snprintf(dir, sizeof dir, "%s/fixtures/seed-stories",
		 root ? root : "../shared");
	snprintf(path, sizeof path, "%s/expected.json", dir);
	size_t glen;
	char *gold = slurp(path, &glen);
	if (!gold) {
		SKIP("seed quotes: %s not found", path);
		return;
	}
	ngi_arena ga;
	ngi_arena_init(&ga, 0);
	ngi_json *root_j = NULL;
	size_t eo;
	const char *em;
	CHECK(ngi_json_parse(gold, glen, &ga, &root_j, &eo, &em) == NG_OK);
	const ngi_json *quotes = root_j ? ngi_json_get(root_j, "quotes") : NULL;
	CHECK(quotes && quotes->type == NGI_JSON_ARRAY);
	int total = 0, found = 0, right = 0;
	const char *done_doc = NULL;
	ngi_arena a;
	ngi_arena_init(&a, 0);
	char *text = NULL;
	run r;
	memset(&r, 0, sizeof r);
	for (const ngi_json *g = quotes ? quotes->child : NULL; g; g = g->next) {
		const char *doc = ngi_json_get_str(g, "doc");
		const char *want = ngi_json_get_str(g, "text");
		const char *spk = ngi_json_get_str(g, "speaker");
		if (!doc || !want || !spk)
			continue;
		total++;
		if (!done_doc || strcmp(done_doc, doc) != 0) {
			/* articles/<doc>_<hash>.txt */
			char **names = NULL;
			size_t nn = 0;
			snprintf(path, sizeof path, "%s/articles", dir);
			if (ngi_list_dir(path, &names, &nn, NULL) != NG_OK)
				nn = 0;
			free(text);
			text = NULL;
			ngi_arena_reset(&a);
			memset(&r, 0, sizeof r);
			for (size_t i = 0; i < nn && !text; i++)
				if (strncmp(names[i], doc, strlen(doc)) == 0) {
					snprintf(path, sizeof path,
						 "%s/articles/%s", dir, names[i]);
					size_t tl;
					text = slurp(path, &tl);
					if (text)
						r = find(text, tl, NULL, &a);
				}
			ngi_free_names(names, nn);
			done_doc = doc;
		}
		char w[4096], h[16384];
		size_t wl = squeeze(want, strlen(want), w, sizeof w);
		int ok_text = 0, ok_spk = 0;
		for (size_t i = 0; text && i < r.nq && !ok_spk; i++) {
			squeeze(text + r.q[i].start, r.q[i].end - r.q[i].start,
				h, sizeof h);
			if (wl > 0 && strstr(h, w)) {
				ok_text = 1;
				const char *name = speaker_name(&r, &r.q[i]);
				ok_spk = name && strcmp(name, spk) == 0;
			}
		}
		found += ok_text;
		right += ok_spk;
		if (!ok_spk)
			printf("seed quote %s missed or misattributed: %.60s "
			       "(%s)\n",
			       doc, want, spk);
	}
	printf("seed quotes: %d of %d found, %d with the right speaker\n",
	       found, total, right);
	CHECK(total >= 18);
	CHECK_MSG(right >= 16, "%d of %d with the right speaker", right, total);
	free(text);
	ngi_arena_free(&a);
	ngi_arena_free(&ga);
	free(gold);
}

/* Overlapping mentions (here each one given twice) take the finder's walk
 * over every token instead of its per-mention marking: the quotes, their
 * flags and their speakers' names must not change. */
static void test_overlapping_mentions(void)
{
	static const char text[] =
		"Kremlin spokesman Dmitry Peskov spoke on Monday. \u201cWe "
		"will not comment on this at all,\u201d Peskov said. Angela "
		"Merkel said that the talks would go on next week in Berlin. "
		"\u201cThe door is open,\u201d she added, \u201cand it stays "
		"open for everyone who wants to talk.\u201d";
	ngi_arena a;
	ngi_arena_init(&a, 0);
	run r = find(text, strlen(text), "en", &a);
	CHECK(r.st == NG_OK && r.nm > 0 && r.nq >= 3);
	ngi_mention *twice =
		ngi_arena_alloc(&a, (2 * r.nm + 1) * sizeof *twice);
	CHECK(twice != NULL);
	if (r.st || !twice || r.nm == 0) {
		ngi_arena_free(&a);
		return;
	}
	for (size_t i = 0; i < r.nm; i++)
		twice[2 * i] = twice[2 * i + 1] = r.m[i];
	ngi_quote *q = NULL;
	size_t nq = 0;
	CHECK(ngi_quotes_find(&r.doc, twice, 2 * r.nm, &a, &q, &nq) == NG_OK);
	CHECK_MSG(nq == r.nq, "%zu quotes, %zu with single mentions", nq,
		  r.nq);
	for (size_t i = 0; i < nq && i < r.nq; i++) {
		const ngi_quote *x = &q[i], *y = &r.q[i];
		CHECK(x->start == y->start && x->end == y->end &&
		      x->direct == y->direct && x->partial == y->partial &&
		      x->first_piece == y->first_piece &&
		      x->cue_start == y->cue_start &&
		      x->as_written_start == y->as_written_start);
		const char *a_name = x->speaker >= 0 ? twice[x->speaker].name
						      : NULL;
		const char *b_name = speaker_name(&r, y);
		CHECK((a_name == NULL) == (b_name == NULL));
		CHECK(!a_name || !b_name || strcmp(a_name, b_name) == 0);
	}
	CHECK(r.q[0].speaker >= 0); /* not vacuous: a speaker was found */
	ngi_arena_free(&a);
}

int main(void)
{
	if (ngi_text_ctx_new(&text_ctx) || ngi_entity_ctx_new(&ent_ctx)) {
		printf("cannot set up the pipeline\n");
		return 1;
	}
	test_styles();
	test_dash_dialogue();
	test_split_partial_nested();
	test_indirect();
	test_speakers();
	test_bad_input();
	test_offsets();
	test_overlapping_mentions();
	test_seeds();
	ngi_entity_ctx_free(ent_ctx);
	ngi_text_ctx_free(text_ctx);
	return check_report("test_quotes");
}
