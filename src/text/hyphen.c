/* Hyphenation, the line breaker's last resort: TeX's English patterns through libhyphen (Debian's
 * hyphen-en-us), loaded once per process on first use. It only finds where a word may be split; the
 * line breaker decides whether to. No other file includes <hyphen.h>.
 * SPDX-License-Identifier: MIT */
#include <hyphen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "text_internal.h"

#ifndef CV2PDF_HYPHEN_DICT
#define CV2PDF_HYPHEN_DICT "/usr/share/hyphen/hyph_en_US.dic"
#endif

/* TeX's \lefthyphenmin and \righthyphenmin for US English (the dictionary says the same): never
 * leave fewer letters before or after a hyphen. */
#define LEFT_MIN 2
#define RIGHT_MIN 3
/* Shorter words are never hyphenated: the hyphen would save too little to be worth a split word. */
#define MIN_WORD 6
/* libhyphen's own bound on the word it is given (MAX_CHARS in hyphen.h is for its state machine;
 * real words are far shorter). */
#define MAX_WORD 64

static HyphenDict *dict;
static once_flag dict_once = ONCE_FLAG_INIT;

static void free_dict(void)
{
	hnj_hyphen_free(dict);
	dict = NULL;
}

/* The dictionary CMake found (Debian's hyphen-en-us). Without it nothing is hyphenated: the breaker
 * then leaves a line it cannot fill a little short, as it does when hyphenation is off. */
static void load_dict(void)
{
	FILE *f = fopen(CV2PDF_HYPHEN_DICT, "r");
	if (!f)
		return;
	dict = hnj_hyphen_load_file(f);
	fclose(f);
	if (dict)
		atexit(free_dict);
}

size_t cv_hyphenate(const char *w, size_t n, size_t *pos, size_t max)
{
	/* Lower-case ASCII letters only: a capital marks a name, an acronym or a sentence's first word,
	 * none of which is split (rule 15), and the English patterns know nothing else. */
	if (n < MIN_WORD || n > MAX_WORD)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (w[i] < 'a' || w[i] > 'z')
			return 0;
	call_once(&dict_once, load_dict);
	if (!dict)
		return 0;
	/* libhyphen reads the word as a C string in places, whatever word_size says. */
	char word[MAX_WORD + 1];
	memcpy(word, w, n);
	word[n] = '\0';
	char hyphens[MAX_WORD + 5];
	char **rep = NULL;
	int *rpos = NULL, *cut = NULL;
	if (hnj_hyphen_hyphenate3(dict, word, (int)n, hyphens, NULL, &rep, &rpos, &cut, LEFT_MIN, RIGHT_MIN, LEFT_MIN,
				  RIGHT_MIN) != 0)
		return 0;
	size_t k = 0;
	/* hyphens[i] odd: a hyphen may follow letter i. Non-standard hyphenation (rep, a spelling change
	 * at the break) does not occur in English. */
	for (size_t i = LEFT_MIN - 1; i + RIGHT_MIN < n && k < max; i++)
		if (hyphens[i] & 1)
			pos[k++] = i + 1;
	if (rep) {
		for (size_t i = 0; i < n; i++)
			free(rep[i]);
		free(rep);
		free(rpos);
		free(cut);
	}
	return k;
}
