/*
 * stance_score.c: FNC score, macro-F1 and the per-class table of a stance
 * confusion matrix (stance_score.h).
 */
#include "stance_score.h"

#include <string.h>

static const char *const names[4] = {"agree", "disagree", "discuss",
				     "unrelated"};

void ngi_stance_score(const long long cm[4][4], ngi_stance_scores *s)
{
	memset(s, 0, sizeof *s);
	long long right = 0;
	for (int g = 0; g < 4; g++)
		for (int p = 0; p < 4; p++) {
			long long n = cm[g][p];
			s->n += n;
			s->gold[g] += n;
			s->predicted[p] += n;
			if (g == p)
				right += n;
			int grel = g != 3, prel = p != 3;
			if (grel == prel)
				s->fnc += 0.25 * (double)n;
			if (grel && g == p)
				s->fnc += 0.75 * (double)n;
		}
	for (int g = 0; g < 4; g++)
		s->fnc_max += (g != 3 ? 1.0 : 0.25) * (double)s->gold[g];
	s->fnc_relative = s->fnc_max > 0 ? s->fnc / s->fnc_max : 0;
	s->accuracy = s->n ? (double)right / (double)s->n : 0;
	for (int c = 0; c < 4; c++) {
		double tp = (double)cm[c][c];
		s->precision[c] = s->predicted[c] ? tp / (double)s->predicted[c] : 0;
		s->recall[c] = s->gold[c] ? tp / (double)s->gold[c] : 0;
		double d = s->precision[c] + s->recall[c];
		s->f1[c] = d > 0 ? 2 * s->precision[c] * s->recall[c] / d : 0;
		s->macro_f1 += s->f1[c] / 4;
	}
}

void ngi_stance_score_print(const long long cm[4][4],
			    const ngi_stance_scores *s, FILE *out)
{
	fprintf(out, "pairs %lld\nFNC score %.2f of %.2f = %.2f %%\n"
		     "macro-F1 %.4f\naccuracy %.4f\n",
		s->n, s->fnc, s->fnc_max, 100 * s->fnc_relative, s->macro_f1,
		s->accuracy);
	fprintf(out, "%-10s %9s %9s %9s %8s %8s\n", "class", "precision",
		"recall", "F1", "gold", "pred");
	for (int c = 0; c < 4; c++)
		fprintf(out, "%-10s %9.4f %9.4f %9.4f %8lld %8lld\n", names[c],
			s->precision[c], s->recall[c], s->f1[c], s->gold[c],
			s->predicted[c]);
	fprintf(out, "confusion (gold \\ predicted)\n%-10s", "");
	for (int p = 0; p < 4; p++)
		fprintf(out, " %9s", names[p]);
	fputc('\n', out);
	for (int g = 0; g < 4; g++) {
		fprintf(out, "%-10s", names[g]);
		for (int p = 0; p < 4; p++)
			fprintf(out, " %9lld", cm[g][p]);
		fputc('\n', out);
	}
}
