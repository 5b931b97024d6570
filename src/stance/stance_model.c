/*
 * stance_model.c: the stance model: its text format, its evaluation, the
 * embedded copy (data/models/stance.model) loaded once per process, and
 * ngi_stance_classify.
 *
 * The format (written by tools/train_stance.c), one item a line, '#'
 * comments:
 *   stance-model 1 DENSE BINS HASH_BITS   must match this build's layout
 *   idf_default X                          idf of a term not listed
 *   threshold X                            P(related) needed (default 0.5)
 *   groups N                               hashed feature groups (default
 *                                          all: NGI_STANCE_G_*)
 *   idf HASH X                             HASH: 16 hex digits (FNV-1a 64)
 *   a INDEX W                              stage A weight (related)
 *   b INDEX W0 W1 W2                       stage B weights (agree,
 *                                          disagree, discuss; one-vs-rest)
 * Indices absent have weight 0. Numbers are parsed here, not by strtod, so
 * the process locale cannot change them.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/data.h"
#include "stance_int.h"

/* A decimal number [-+]digits[.digits][e[-+]digits] at *p; 0 if none. */
static int parse_num(const char **p, const char *end, double *out)
{
	const char *s = *p;
	int neg = 0;
	if (s < end && (*s == '-' || *s == '+'))
		neg = *s++ == '-';
	double mant = 0;
	int digits = 0, scale = 0;
	while (s < end && *s >= '0' && *s <= '9') {
		mant = mant * 10 + (*s++ - '0');
		digits++;
	}
	if (s < end && *s == '.') {
		s++;
		while (s < end && *s >= '0' && *s <= '9') {
			mant = mant * 10 + (*s++ - '0');
			scale--;
			digits++;
		}
	}
	if (!digits)
		return 0;
	if (s < end && (*s == 'e' || *s == 'E')) {
		s++;
		int eneg = 0, e = 0, ed = 0;
		if (s < end && (*s == '-' || *s == '+'))
			eneg = *s++ == '-';
		while (s < end && *s >= '0' && *s <= '9' && e < 1000) {
			e = e * 10 + (*s++ - '0');
			ed++;
		}
		if (!ed)
			return 0;
		scale += eneg ? -e : e;
	}
	if (scale < -330 || scale > 330)
		return 0;
	double v = scale < 0 ? mant / pow(10.0, -scale) : mant * pow(10.0, scale);
	if (!isfinite(v))
		return 0;
	*out = neg ? -v : v;
	*p = s;
	return 1;
}

static int parse_hex(const char **p, const char *end, uint64_t *out)
{
	const char *s = *p;
	uint64_t v = 0;
	int n = 0;
	for (; s < end && n < 16; s++, n++) {
		int c = *s;
		int d = c >= '0' && c <= '9'   ? c - '0'
			: c >= 'a' && c <= 'f' ? c - 'a' + 10
			: c >= 'A' && c <= 'F' ? c - 'A' + 10
					       : -1;
		if (d < 0)
			break;
		v = v << 4 | (uint64_t)d;
	}
	if (!n)
		return 0;
	*out = v;
	*p = s;
	return 1;
}

static void skip_sp(const char **p, const char *end)
{
	while (*p < end && (**p == ' ' || **p == '\t'))
		(*p)++;
}

static int word_is(const char **p, const char *end, const char *w)
{
	size_t n = strlen(w);
	if ((size_t)(end - *p) < n || memcmp(*p, w, n) != 0)
		return 0;
	if (*p + n < end && (*p)[n] != ' ' && (*p)[n] != '\t')
		return 0;
	*p += n;
	return 1;
}

void ngi_stance_model_free(ngi_stance_model *m)
{
	ngi_map_free(&m->idf.map);
	free(m->wa);
	free(m->wb);
	memset(m, 0, sizeof *m);
}

ng_status ngi_stance_model_parse(const char *text, size_t len,
				 ngi_stance_model *m, int *bad_line)
{
	memset(m, 0, sizeof *m);
	ngi_map_init(&m->idf.map);
	m->idf.idf_default = 1.0f;
	m->threshold = 0.5f;
	m->groups = NGI_STANCE_G_ALL;
	*bad_line = 0;
	m->wa = calloc(NGI_STANCE_N_FEATURES, sizeof *m->wa);
	m->wb = calloc((size_t)NGI_STANCE_N_FEATURES * 3, sizeof *m->wb);
	if (!m->wa || !m->wb) {
		ngi_stance_model_free(m);
		return NG_ERR_NOMEM;
	}
	int line = 0, have_header = 0;
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		const char *s = p;
		p = nl ? nl + 1 : end;
		line++;
		while (le > s && (le[-1] == '\r' || le[-1] == ' '))
			le--;
		skip_sp(&s, le);
		if (s == le || *s == '#')
			continue;
		int ok = 0;
		double x[4];
		if (word_is(&s, le, "stance-model")) {
			ok = 1;
			for (int i = 0; i < 4 && ok; i++) {
				skip_sp(&s, le);
				ok = parse_num(&s, le, &x[i]);
			}
			ok = ok && x[0] == 1 && x[1] == NGI_STANCE_N_DENSE &&
			     x[2] == NGI_STANCE_BINS && x[3] == NGI_STANCE_HASH_BITS;
			have_header = ok;
		} else if (!have_header) {
			ok = 0;
		} else if (word_is(&s, le, "idf_default")) {
			skip_sp(&s, le);
			ok = parse_num(&s, le, &x[0]) && x[0] >= 0;
			if (ok)
				m->idf.idf_default = (float)x[0];
		} else if (word_is(&s, le, "threshold")) {
			skip_sp(&s, le);
			ok = parse_num(&s, le, &x[0]) && x[0] > 0 && x[0] < 1;
			if (ok)
				m->threshold = (float)x[0];
		} else if (word_is(&s, le, "groups")) {
			skip_sp(&s, le);
			ok = parse_num(&s, le, &x[0]) && x[0] >= 0 &&
			     x[0] <= NGI_STANCE_G_ALL && x[0] == floor(x[0]);
			if (ok)
				m->groups = (unsigned)x[0];
		} else if (word_is(&s, le, "idf")) {
			uint64_t h;
			skip_sp(&s, le);
			ok = parse_hex(&s, le, &h);
			skip_sp(&s, le);
			ok = ok && parse_num(&s, le, &x[0]) && x[0] >= 0;
			if (ok) {
				float f = (float)x[0];
				uint32_t bits;
				memcpy(&bits, &f, sizeof bits);
				if (ngi_map_put(&m->idf.map, h, bits)) {
					ngi_stance_model_free(m);
					return NG_ERR_NOMEM;
				}
			}
		} else if (word_is(&s, le, "a") || word_is(&s, le, "b")) {
			int stage_b = s[-1] == 'b';
			int nv = stage_b ? 3 : 1;
			ok = 1;
			for (int i = 0; i <= nv && ok; i++) {
				skip_sp(&s, le);
				ok = parse_num(&s, le, &x[i]);
			}
			ok = ok && x[0] >= 0 && x[0] < NGI_STANCE_N_FEATURES &&
			     x[0] == floor(x[0]);
			if (ok) {
				size_t idx = (size_t)x[0];
				if (stage_b)
					for (int k = 0; k < 3; k++)
						m->wb[idx * 3 + (size_t)k] = (float)x[1 + k];
				else
					m->wa[idx] = (float)x[1];
			}
		}
		skip_sp(&s, le);
		if (!ok || s != le) {
			*bad_line = line;
			ngi_stance_model_free(m);
			return NG_ERR_INPUT;
		}
	}
	if (!have_header) {
		*bad_line = line;
		ngi_stance_model_free(m);
		return NG_ERR_INPUT;
	}
	return NG_OK;
}

static double sigmoid(double z)
{
	return 1.0 / (1.0 + exp(-z));
}

void ngi_stance_predict(const ngi_stance_model *m, const ngi_stance_fvec *f,
			ngi_stance_result *out)
{
	double za = 0, zb[3] = {0, 0, 0};
	for (uint32_t i = 0; i < f->n; i++) {
		size_t j = f->idx[i];
		double v = f->val[i];
		if (j < NGI_STANCE_HASH_BASE)
			za += m->wa[j] * v;
		zb[0] += m->wb[j * 3] * v;
		zb[1] += m->wb[j * 3 + 1] * v;
		zb[2] += m->wb[j * 3 + 2] * v;
	}
	double rel = sigmoid(za), p[3], sum = 0;
	int arg = 0;
	for (int k = 0; k < 3; k++) {
		p[k] = sigmoid(zb[k]);
		sum += p[k];
		if (zb[k] > zb[arg])
			arg = k;
	}
	for (int k = 0; k < 3; k++)
		out->score[k] = (float)(rel * p[k] / sum);
	out->score[NGI_STANCE_UNRELATED] = (float)(1.0 - rel);
	out->label = rel >= m->threshold ? arg : NGI_STANCE_UNRELATED;
}

static ngi_stance_model the_model;
static ngi_once model_once = NGI_ONCE_INIT;

static ng_status build_model(void)
{
	const ngi_data_file *f = ngi_data_find("models/stance.model");
	if (!f)
		return NG_ERR_INTERNAL;
	int bad;
	ng_status st = ngi_stance_model_parse(f->bytes, f->len, &the_model, &bad);
	return st == NG_ERR_INPUT ? NG_ERR_INTERNAL : st;
}

const ngi_stance_model *ngi_stance_model_get(ng_status *st)
{
	*st = ngi_once_run(&model_once, build_model);
	return *st ? NULL : &the_model;
}

ng_status ngi_stance_classify(const ngi_stance_text *claim,
			      const ngi_stance_text *body,
			      ngi_stance_result *out)
{
	ng_status st;
	const ngi_stance_model *m = ngi_stance_model_get(&st);
	memset(out, 0, sizeof *out);
	out->label = NGI_STANCE_UNRELATED;
	out->score[NGI_STANCE_UNRELATED] = 1.0f;
	if (!m || !claim || !body)
		return m ? NG_ERR_USAGE : st;
	ngi_stance_fvec f;
	ngi_stance_features(claim, body, m->groups, &f);
	ngi_stance_predict(m, &f, out);
	return NG_OK;
}

const char *ngi_stance_lang(const ngi_stance_text *t)
{
	return t ? t->lang : "und";
}

static const char *const label_names[NGI_STANCE_N_LABELS] = {
	"agree", "disagree", "discuss", "unrelated"};

const char *ngi_stance_name(int label)
{
	return label >= 0 && label < NGI_STANCE_N_LABELS ? label_names[label]
							 : "?";
}

int ngi_stance_parse(const char *name, size_t len)
{
	for (int i = 0; i < NGI_STANCE_N_LABELS; i++)
		if (strlen(label_names[i]) == len &&
		    strncasecmp(label_names[i], name, len) == 0)
			return i;
	return -1;
}
