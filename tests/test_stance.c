/*
 * test_stance.c: the stance classifier (src/stance/): the embedded model
 * loads; features behave (a claim that is a sentence of the body overlaps
 * it fully, a claim on another topic not at all); a claim repeated from the
 * body is related and one on another topic unrelated; denial and hoax words
 * near the claim's words move the body toward disagree; results are
 * deterministic and independent of the arena; empty, huge and non-English
 * texts work; malformed model files are refused with their line; the FNC
 * score and macro-F1 of a confusion matrix.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "base/data.h"
#include "eval/stance_score.h"
#include "stance/stance_int.h"

static ngi_text_ctx *tc;

static ngi_stance_text *prep(const char *s, const char *lang, ngi_arena *a)
{
	ngi_doc d;
	ngi_stance_text *t = NULL;
	if (ngi_text_analyze(tc, s, strlen(s), lang, a, &d) != NG_OK)
		return NULL;
	if (ngi_stance_prepare(&d, a, &t) != NG_OK)
		return NULL;
	return t;
}

static int dense_index(const char *name)
{
	for (int i = 0; i < NGI_STANCE_N_DENSE; i++)
		if (strcmp(ngi_stance_dense_name(i), name) == 0)
			return 1 + i;
	return -1;
}

/* The value of feature idx in f (0 when absent; repeats add up). */
static double fval(const ngi_stance_fvec *f, int idx)
{
	double v = 0;
	for (uint32_t i = 0; i < f->n; i++)
		if ((int)f->idx[i] == idx)
			v += f->val[i];
	return v;
}

static int result_ok(const ngi_stance_result *r)
{
	double sum = 0;
	for (int k = 0; k < 4; k++) {
		if (!(r->score[k] >= 0 && r->score[k] <= 1))
			return 0;
		sum += r->score[k];
	}
	return r->label >= 0 && r->label < 4 && fabs(sum - 1.0) < 1e-3;
}

static const char *BODY =
	"The city council of Springfield voted on Tuesday to close the old "
	"steel bridge over the river after engineers found deep cracks in its "
	"main supports. Mayor Ellen Hart said the bridge would stay closed for "
	"at least six months while repairs are planned. Commuters will have to "
	"use the ferry or the highway tunnel. The repairs are expected to cost "
	"about 40 million dollars, paid by the state and the city.";

static const char *BODY_DENIED =
	"Reports that the city council of Springfield voted to close the old "
	"steel bridge are a hoax, officials said on Tuesday. Mayor Ellen Hart "
	"denied that the bridge would be closed and called the story fake: "
	"there are no cracks in its supports, engineers said, and the claim is "
	"false. Commuters can keep using the bridge as before. The rumour "
	"spread on social media, where a doctored photo was shared.";

static void test_model_and_names(void)
{
	ng_status st;
	const ngi_stance_model *m = ngi_stance_model_get(&st);
	CHECK(m != NULL && st == NG_OK);
	CHECK_STR(ngi_stance_name(NGI_STANCE_AGREE), "agree");
	CHECK_STR(ngi_stance_name(NGI_STANCE_DISAGREE), "disagree");
	CHECK_STR(ngi_stance_name(NGI_STANCE_DISCUSS), "discuss");
	CHECK_STR(ngi_stance_name(NGI_STANCE_UNRELATED), "unrelated");
	CHECK_STR(ngi_stance_name(7), "?");
	for (int k = 0; k < 4; k++)
		CHECK(ngi_stance_parse(ngi_stance_name(k),
				       strlen(ngi_stance_name(k))) == k);
	CHECK(ngi_stance_parse("Disagree", 8) == NGI_STANCE_DISAGREE);
	CHECK(ngi_stance_parse("agreed", 6) == -1);
	/* Some weights are non-zero in both stages. */
	int nz_a = 0, nz_b = 0;
	for (int i = 0; m && i < NGI_STANCE_N_FEATURES; i++) {
		nz_a += i < NGI_STANCE_HASH_BASE && m->wa[i] != 0;
		nz_b += m->wb[i * 3] != 0 || m->wb[i * 3 + 1] != 0;
	}
	CHECK(nz_a > 10 && nz_b > 100);
}

static void test_cues(void)
{
	CHECK(ngi_stance_cues_load() == NG_OK);
	CHECK(ngi_stance_cue_mask("en", "hoax", 4) >> NGI_CUE_REFUTE & 1);
	CHECK(ngi_stance_cue_mask("en", "denied", 6) >> NGI_CUE_DENY & 1);
	CHECK(ngi_stance_cue_mask("en", "reportedly", 10) >> NGI_CUE_HEDGE & 1);
	CHECK(ngi_stance_cue_mask("en", "didn\xe2\x80\x99t", 8) >>
		      NGI_CUE_NEGATION & 1);
	CHECK(ngi_stance_cue_mask("en", "bridge", 6) == 0);
	CHECK(ngi_stance_cue_mask("de", "dementiert", 10) >> NGI_CUE_DENY & 1);
	CHECK(ngi_stance_cue_mask("ru", "\xd1\x84\xd0\xb5\xd0\xb9\xd0\xba", 8) >>
		      NGI_CUE_REFUTE & 1); /* фейк */
	/* A language the lexicon lacks: any language's rows. */
	CHECK(ngi_stance_cue_mask("xx", "dementiert", 10) >> NGI_CUE_DENY & 1);
	/* ... but a known language uses its own only: "nie" is Polish. */
	CHECK(ngi_stance_cue_mask("pl", "nie", 3) >> NGI_CUE_NEGATION & 1);
	CHECK(ngi_stance_cue_mask("en", "nie", 3) == 0);
	/* Every language the issue names has each cue kind. */
	static const char *const langs[] = {"en", "de", "fr", "it", "es",
					    "pt", "ru", "uk", "pl", "cs"};
	const ngi_data_file *f = ngi_data_find("lexicons/stance_cues.tsv");
	CHECK(f != NULL);
	for (size_t l = 0; f && l < NGI_ARRAY_LEN(langs); l++) {
		int kinds = 0;
		size_t pos = 0;
		ngi_data_line ln = {0};
		while (ngi_data_next_line(f, &pos, &ln)) {
			if (ln.n_fields < 3 || ln.field_len[0] != 2 ||
			    memcmp(ln.field[0], langs[l], 2) != 0)
				continue;
			kinds |= (int)ngi_stance_cue_mask(langs[l], ln.field[2],
							  ln.field_len[2]);
		}
		CHECK_MSG(kinds == (1 << NGI_CUE_KINDS) - 1, "%s: kinds %x",
			  langs[l], kinds);
	}
	/* A word given by its term hash has the mask it has as bytes:
	 * every lexicon word (without U+2019) in its language, in "und"
	 * and in another, and words that are no cue. */
	static const char *const plain[] = {"bridge", "the", "reported", "a",
					    "denies", "nicht", "hoax"};
	for (size_t i = 0; i < NGI_ARRAY_LEN(plain); i++)
		for (size_t l = 0; l < NGI_ARRAY_LEN(langs); l++) {
			uint64_t lh = ngi_stance_cue_lang(langs[l]);
			size_t n = strlen(plain[i]);
			CHECK_MSG(ngi_stance_cue_mask_hashed(lh,
				      ngi_stance_term_hash(plain[i], n)) ==
				      ngi_stance_cue_mask_in(lh, plain[i], n),
				  "%s in %s", plain[i], langs[l]);
		}
	size_t pos = 0, checked = 0, differ = 0;
	ngi_data_line ln = {0};
	while (f && ngi_data_next_line(f, &pos, &ln)) {
		if (ln.n_fields < 3 || ln.field_len[2] == 0 ||
		    ln.field_len[2] >= 64 ||
		    memchr(ln.field[2], 0xe2, ln.field_len[2]))
			continue;
		uint64_t h = ngi_stance_term_hash(ln.field[2], ln.field_len[2]);
		const char *tries[] = {"en", "und", "de"};
		for (size_t k = 0; k < NGI_ARRAY_LEN(tries); k++) {
			uint64_t lh = ngi_stance_cue_lang(tries[k]);
			differ += ngi_stance_cue_mask_hashed(lh, h) !=
				  ngi_stance_cue_mask_in(lh, ln.field[2],
							 ln.field_len[2]);
			checked++;
		}
	}
	CHECK_MSG(checked > 300 && differ == 0, "%zu of %zu differ", differ,
		  checked);
}

static void test_features_and_labels(void)
{
	ngi_arena a;
	ngi_arena_init(&a, 1 << 16);
	ngi_stance_text *body = prep(BODY, "en", &a);
	ngi_stance_text *denied = prep(BODY_DENIED, "en", &a);
	ngi_stance_text *same = prep("Mayor Ellen Hart said the bridge would stay "
				     "closed for at least six months.", "en", &a);
	ngi_stance_text *other = prep("Chelsea signs a Brazilian striker for a "
				      "record transfer fee.", "en", &a);
	ngi_stance_text *claim = prep("Springfield council closes the old steel "
				      "bridge after engineers find cracks", "en", &a);
	CHECK(body && denied && same && other && claim);
	if (!body || !denied || !same || !other || !claim) {
		ngi_arena_free(&a);
		return;
	}
	static ngi_stance_fvec f;
	int i_overlap = dense_index("overlap"), i_best = dense_index("best_sent_idf");
	CHECK(i_overlap > 0 && i_best > 0);
	ngi_stance_features(same, body, NGI_STANCE_G_ALL, &f);
	CHECK(fval(&f, 0) == 1.0);
	CHECK(fabs(fval(&f, i_overlap) - 1.0) < 1e-6);
	CHECK(fabs(fval(&f, i_best) - 1.0) < 1e-6);
	ngi_stance_features(other, body, NGI_STANCE_G_ALL, &f);
	CHECK(fval(&f, i_overlap) == 0.0);
	CHECK(fval(&f, i_best) == 0.0);
	/* Every index is inside the feature space. */
	int inside = 1;
	for (uint32_t i = 0; i < f.n; i++)
		inside &= f.idx[i] < NGI_STANCE_N_FEATURES;
	CHECK(inside);

	ngi_stance_result r_same, r_other, r_agree, r_deny;
	CHECK(ngi_stance_classify(same, body, &r_same) == NG_OK);
	CHECK(ngi_stance_classify(other, body, &r_other) == NG_OK);
	CHECK(ngi_stance_classify(claim, body, &r_agree) == NG_OK);
	CHECK(ngi_stance_classify(claim, denied, &r_deny) == NG_OK);
	CHECK(result_ok(&r_same) && result_ok(&r_other) && result_ok(&r_agree) &&
	      result_ok(&r_deny));
	CHECK_MSG(r_same.label != NGI_STANCE_UNRELATED, "same sentence: %s",
		  ngi_stance_name(r_same.label));
	CHECK_MSG(r_other.label == NGI_STANCE_UNRELATED, "other topic: %s",
		  ngi_stance_name(r_other.label));
	CHECK(r_other.score[NGI_STANCE_UNRELATED] >
	      r_same.score[NGI_STANCE_UNRELATED]);
	CHECK(r_agree.label != NGI_STANCE_UNRELATED);
	CHECK(r_deny.label != NGI_STANCE_UNRELATED);
	/* Denial, hoax and negation words near the claim's words lean toward
	 * disagree: a larger share of the related mass, and a larger odds of
	 * disagree to agree, than the plain report of the same event. (The
	 * model does not call this body "disagree" outright: FNC-1's
	 * disagree class is small, docs/STANCE.md.) */
	double d_plain = r_agree.score[NGI_STANCE_DISAGREE] /
			 (1 - r_agree.score[NGI_STANCE_UNRELATED]);
	double d_deny = r_deny.score[NGI_STANCE_DISAGREE] /
			(1 - r_deny.score[NGI_STANCE_UNRELATED]);
	CHECK_MSG(d_deny > d_plain, "disagree share %.3f (denied) vs %.3f", d_deny,
		  d_plain);
	double odds_plain = r_agree.score[NGI_STANCE_DISAGREE] /
			    r_agree.score[NGI_STANCE_AGREE];
	double odds_deny = r_deny.score[NGI_STANCE_DISAGREE] /
			   r_deny.score[NGI_STANCE_AGREE];
	CHECK_MSG(odds_deny > odds_plain, "disagree:agree %.3f (denied) vs %.3f",
		  odds_deny, odds_plain);
	int i_near = dense_index("near_deny");
	ngi_stance_features(claim, denied, NGI_STANCE_G_ALL, &f);
	double near_deny = fval(&f, i_near);
	ngi_stance_features(claim, body, NGI_STANCE_G_ALL, &f);
	CHECK(near_deny > 0 && fval(&f, i_near) == 0);

	/* Determinism: the same texts prepared again, in another arena. */
	ngi_arena b;
	ngi_arena_init(&b, 1 << 12);
	ngi_stance_text *claim2 = prep("Springfield council closes the old steel "
				       "bridge after engineers find cracks", "en", &b);
	ngi_stance_text *denied2 = prep(BODY_DENIED, "en", &b);
	ngi_stance_result r2;
	CHECK(claim2 && denied2 &&
	      ngi_stance_classify(claim2, denied2, &r2) == NG_OK &&
	      memcmp(&r2, &r_deny, sizeof r2) == 0);
	ngi_arena_free(&b);
	ngi_arena_free(&a);
}

/* A text's bigrams are a sorted array when few and a hash set when many
 * (stance_text.c): the bigram feature reads both alike, as a claim and as
 * a body, and a copied text (stance_copy.c) gives the same features. */
static void test_bigram_sets(void)
{
	ngi_arena a;
	ngi_arena_init(&a, 1 << 12);
	char longer[4096] = "";
	static const char *const words[] = {
		"river", "bridge", "council", "engineer", "cracks", "steel",
		"mayor", "traffic", "repairs", "budget", "station", "harbour",
		"ferry", "tunnel", "railway", "airport", "market", "school"};
	/* 90 content words, no bigram twice: word i then word (i*k) */
	for (int k = 1; k <= 5; k++)
		for (size_t i = 0; i < NGI_ARRAY_LEN(words); i++) {
			strcat(longer, words[(i * (size_t)k + (size_t)k) %
					     NGI_ARRAY_LEN(words)]);
			strcat(longer, i + 1 < NGI_ARRAY_LEN(words) ? " " : ". ");
		}
	const char *shorter = "Council engineer cracks steel mayor.";
	ngi_stance_text *l = prep(longer, "en", &a);
	ngi_stance_text *sh = prep(shorter, "en", &a);
	ngi_stance_text *lc = NULL;
	CHECK(l && sh && l->bigram_mask != 0 && sh->bigram_mask == 0);
	CHECK(l && ngi_stance_text_copy(l, &a, &lc) == NG_OK);
	if (!l || !sh || !lc) {
		ngi_arena_free(&a);
		return;
	}
	int i_big = dense_index("bigram");
	static ngi_stance_fvec f, g;
	ngi_stance_features(l, l, NGI_STANCE_G_ALL, &f);
	CHECK(fabs(fval(&f, i_big) - 1.0) < 1e-9);
	ngi_stance_features(sh, l, NGI_STANCE_G_ALL, &f);
	CHECK(sh->n_bigrams == 4 && fabs(fval(&f, i_big) - 1.0) < 1e-9);
	ngi_stance_features(l, sh, NGI_STANCE_G_ALL, &f);
	CHECK_MSG(fabs(fval(&f, i_big) - 4.0 / l->n_bigrams) < 1e-6,
		  "%g of %u bigrams", fval(&f, i_big), l->n_bigrams);
	ngi_stance_features(l, l, NGI_STANCE_G_ALL, &f);
	ngi_stance_features(lc, lc, NGI_STANCE_G_ALL, &g);
	CHECK(f.n == g.n && memcmp(f.idx, g.idx, f.n * sizeof *f.idx) == 0 &&
	      memcmp(f.val, g.val, f.n * sizeof *f.val) == 0);
	ngi_arena_free(&a);
}

static void test_edges(void)
{
	ngi_arena a;
	ngi_arena_init(&a, 1 << 16);
	ngi_stance_text *empty = prep("", NULL, &a);
	ngi_stance_text *punct = prep("!!! ... ???", NULL, &a);
	ngi_stance_text *body = prep(BODY, "en", &a);
	CHECK(empty && punct && body);
	ngi_stance_result r;
	if (empty && punct && body) {
		CHECK(ngi_stance_classify(empty, body, &r) == NG_OK && result_ok(&r));
		CHECK(r.label == NGI_STANCE_UNRELATED);
		CHECK(ngi_stance_classify(body, empty, &r) == NG_OK && result_ok(&r));
		CHECK(r.label == NGI_STANCE_UNRELATED);
		CHECK(ngi_stance_classify(empty, empty, &r) == NG_OK && result_ok(&r));
		CHECK(ngi_stance_classify(punct, punct, &r) == NG_OK && result_ok(&r));
	}
	CHECK(ngi_stance_classify(NULL, body, &r) != NG_OK &&
	      r.label == NGI_STANCE_UNRELATED);

	/* Huge: a body past NGI_STANCE_MAX_WORDS words. */
	size_t one = strlen(BODY), reps = 2 * NGI_STANCE_MAX_WORDS / 60 + 1;
	char *big = malloc(reps * (one + 1) + 1);
	CHECK(big != NULL);
	if (big) {
		char *p = big;
		for (size_t i = 0; i < reps; i++) {
			memcpy(p, BODY, one);
			p += one;
			*p++ = ' ';
		}
		*p = '\0';
		ngi_arena h;
		ngi_arena_init(&h, 1 << 20);
		ngi_stance_text *hb = prep(big, "en", &h);
		ngi_stance_text *hc = prep("Mayor Ellen Hart said the bridge would "
					   "stay closed", "en", &h);
		CHECK(hb && hc);
		if (hb && hc) {
			CHECK(hb->n_words == NGI_STANCE_MAX_WORDS);
			CHECK(ngi_stance_classify(hc, hb, &r) == NG_OK && result_ok(&r));
			CHECK(r.label != NGI_STANCE_UNRELATED);
			/* A huge claim against a short body, too. */
			CHECK(ngi_stance_classify(hb, body, &r) == NG_OK &&
			      result_ok(&r));
		}
		ngi_arena_free(&h);
		free(big);
	}

	/* Other languages and scripts: no crash, sane results, and a claim
	 * repeated from a German body is related to it. */
	static const struct {
		const char *lang, *claim, *body;
	} other[] = {
		{"de", "Der Bürgermeister hat die alte Brücke gesperrt.",
		 "Die Stadt hat am Dienstag die alte Brücke über den Fluss "
		 "gesperrt. Der Bürgermeister hat die alte Brücke gesperrt, "
		 "nachdem Ingenieure Risse gefunden hatten. Die Reparatur soll "
		 "sechs Monate dauern."},
		{"ru", "Мэр закрыл старый мост.",
		 "Власти опровергли сообщения о том, что мэр закрыл старый мост. "
		 "Это фейк, заявили в мэрии."},
		{"zh", "市长关闭了旧桥。", "市政府周二宣布，市长关闭了旧桥。工程师发现了裂缝。"},
		{"ar", "أغلق رئيس البلدية الجسر القديم.",
		 "نفى المسؤولون أن رئيس البلدية أغلق الجسر القديم."},
	};
	for (size_t i = 0; i < NGI_ARRAY_LEN(other); i++) {
		ngi_stance_text *b2 = prep(other[i].body, NULL, &a);
		ngi_stance_text *c2 = b2 ? prep(other[i].claim, ngi_stance_lang(b2), &a)
					 : NULL;
		CHECK_MSG(b2 && c2, "%s: prepare", other[i].lang);
		if (!b2 || !c2)
			continue;
		CHECK_MSG(ngi_stance_classify(c2, b2, &r) == NG_OK && result_ok(&r),
			  "%s", other[i].lang);
		if (i == 0)
			CHECK_MSG(r.label != NGI_STANCE_UNRELATED, "de: %s",
				  ngi_stance_name(r.label));
	}
	ngi_arena_free(&a);
}

static void test_model_parse(void)
{
	ngi_stance_model m;
	int line;
	char head[128];
	snprintf(head, sizeof head, "stance-model 1 %d %d %d\n", NGI_STANCE_N_DENSE,
		 NGI_STANCE_BINS, NGI_STANCE_HASH_BITS);
	char good[512];
	snprintf(good, sizeof good,
		 "# a comment\n%sidf_default 5.5\nthreshold 0.4\n"
		 "idf 00000000000000ff 2.25\na 0 -1.5\nb 3 0.5 -2e-1 1E+1\n",
		 head);
	CHECK(ngi_stance_model_parse(good, strlen(good), &m, &line) == NG_OK);
	if (m.wa) {
		CHECK(m.wa[0] == -1.5f);
		CHECK(m.wb[9] == 0.5f && m.wb[10] == -0.2f && m.wb[11] == 10.0f);
		CHECK(m.idf.idf_default == 5.5f && fabsf(m.threshold - 0.4f) < 1e-6f);
		const uint64_t *v = ngi_map_get(&m.idf.map, 0xff);
		float f = 0;
		if (v) {
			uint32_t bits = (uint32_t)*v;
			memcpy(&f, &bits, sizeof f);
		}
		CHECK(v && f == 2.25f);
		ngi_stance_model_free(&m);
	}
	static const char *const bad[] = {
		"a 0 1\n",                          /* no header */
		"stance-model 1 3 8 14\na 0 1\n",   /* another layout */
		"%sa -1 1\n", "%sa 99999999 1\n", "%sa 1.5 1\n", "%sb 1 1 2\n",
		"%sa 0 x\n", "%sidf zz 1\n", "%sthreshold 2\n", "%swhat 1\n",
		"%sa 0 1 junk\n", "%sa 0 1e999\n",
	};
	for (size_t i = 0; i < NGI_ARRAY_LEN(bad); i++) {
		char text[256];
		snprintf(text, sizeof text, bad[i], head);
		if (!strstr(bad[i], "%s"))
			snprintf(text, sizeof text, "%s", bad[i]);
		ng_status st = ngi_stance_model_parse(text, strlen(text), &m, &line);
		CHECK_MSG(st == NG_ERR_INPUT && line >= 1, "bad model %zu: %s line %d",
			  i, ng_status_str(st), line);
	}
	/* The embedded model parses the same way. */
	const ngi_data_file *f = ngi_data_find("models/stance.model");
	CHECK(f != NULL);
	if (f) {
		CHECK(ngi_stance_model_parse(f->bytes, f->len, &m, &line) == NG_OK);
		ngi_stance_model_free(&m);
	}
}

/* The FNC score and macro-F1 on a confusion matrix worked by hand. */
static void test_scores(void)
{
	const long long cm[4][4] = {
		{1, 1, 1, 1}, /* gold agree */
		{0, 0, 0, 0},
		{0, 0, 0, 0},
		{0, 0, 1, 3}, /* gold unrelated */
	};
	ngi_stance_scores s;
	ngi_stance_score(cm, &s);
	CHECK(s.n == 8);
	/* agree->agree 1, ->disagree 0.25, ->discuss 0.25, ->unrelated 0;
	 * unrelated->unrelated 3 x 0.25; the gold's own score 4 + 4 x 0.25 */
	CHECK(fabs(s.fnc - 2.25) < 1e-9 && fabs(s.fnc_max - 5.0) < 1e-9);
	CHECK(fabs(s.fnc_relative - 0.45) < 1e-9);
	CHECK(fabs(s.accuracy - 0.5) < 1e-9);
	CHECK(fabs(s.f1[0] - 0.4) < 1e-9 && s.f1[1] == 0 && s.f1[2] == 0 &&
	      fabs(s.f1[3] - 0.75) < 1e-9);
	CHECK(fabs(s.macro_f1 - 0.2875) < 1e-9);
	const long long perfect[4][4] = {{2, 0, 0, 0}, {0, 1, 0, 0},
					 {0, 0, 3, 0}, {0, 0, 0, 5}};
	ngi_stance_score(perfect, &s);
	CHECK(s.fnc_relative == 1.0 && s.macro_f1 == 1.0);
	const long long none[4][4] = {{0}};
	ngi_stance_score(none, &s);
	CHECK(s.n == 0 && s.fnc_relative == 0 && s.macro_f1 == 0);
}

int main(void)
{
	test_scores();
	if (ngi_text_ctx_new(&tc) != NG_OK)
		return 1;
	test_model_and_names();
	test_cues();
	test_features_and_labels();
	test_bigram_sets();
	test_edges();
	test_model_parse();
	ngi_text_ctx_free(tc);
	return check_report("stance");
}
