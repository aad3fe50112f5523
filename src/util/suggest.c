/* Did-you-mean: the known word closest to a misspelt one, by edit distance. Used by the loader
 * (keys, themes, ids), tailoring (tags) and the command line (variants). It knows no word lists.
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include "cv2pdf/util.h"

/* Words longer than this are not misspellings of a key or a name; the quadratic table stays tiny. */
#define SUGGEST_MAX_WORD 64

/* Levenshtein distance; (size_t)-1 for words too long to compare. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la >= SUGGEST_MAX_WORD || lb >= SUGGEST_MAX_WORD)
		return (size_t)-1;
	size_t row[SUGGEST_MAX_WORD + 1];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t best = diag + cost;
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

const char *cv_suggest(const char *word, const char *const *known, size_t n)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1;
	for (size_t k = 0; k < n && known[k]; k++) {
		size_t dist = edit_distance(word, known[k]);
		if (dist < best_d) {
			best_d = dist;
			best = known[k];
		}
	}
	/* A suggestion is only useful when it is close: at most a third of the word's letters. An exact
	 * match is returned too, so the caller can tell "spelt right but means nothing here". */
	return best && best_d <= strlen(word) / 3 + 1 ? best : NULL;
}
