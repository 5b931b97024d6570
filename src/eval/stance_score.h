/*
 * stance_score.h: scores of a stance classifier on FNC-1 style labels, from
 * a 4x4 confusion matrix (gold by row, predicted by column, in the order of
 * src/stance/stance.h: agree, disagree, discuss, unrelated). Shared by the
 * "stance" eval suite and tools/train_stance.c, so both report the same
 * figures.
 *
 * FNC score: +0.25 for a pair whose related/unrelated call is right, +0.75
 * more for a related pair whose label is right; relative = score / the
 * score of the gold labels. Macro-F1: the mean of the four classes' F1.
 */
#ifndef NG_EVAL_STANCE_SCORE_H
#define NG_EVAL_STANCE_SCORE_H

#include <stdio.h>

typedef struct ngi_stance_scores {
	long long n;
	double fnc, fnc_max, fnc_relative; /* relative in [0, 1] */
	double accuracy, macro_f1;
	double precision[4], recall[4], f1[4];
	long long gold[4], predicted[4];
} ngi_stance_scores;

void ngi_stance_score(const long long confusion[4][4], ngi_stance_scores *out);
/* Prints the scores, the per-class table and the confusion matrix. */
void ngi_stance_score_print(const long long confusion[4][4],
			    const ngi_stance_scores *s, FILE *out);

#endif
