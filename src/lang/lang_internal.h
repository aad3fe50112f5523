/* The language module's private tables: the languages (words.c) and the country and language names
 * generated from CLDR (names.c), whose columns follow the languages' order.
 * SPDX-License-Identifier: MIT */
#ifndef CV2PDF_LANG_INTERNAL_H
#define CV2PDF_LANG_INTERNAL_H

#include <stddef.h>

#include "cv2pdf/lang.h"

/* Checklist when adding a language: its entry in words.c, its column in scripts/gen_lang_names.c
 * (then regenerate names.c), CV_LANG_COUNT, docs/format.md's table and tests/lang/languages.tsv. */
#define CV_LANG_COUNT 26

extern const cv_lang cv_lang_table[CV_LANG_COUNT];

/* A name in every language: key is an ISO 3166 or ISO 639 code, names[i] its name in language i. */
typedef struct cv_names_row {
	const char *key;
	const char *names[CV_LANG_COUNT];
} cv_names_row;

extern const char *const cv_names_tags[CV_LANG_COUNT]; /* the tag of each column, for a unit test */
extern const cv_names_row cv_names_countries[];
extern const size_t cv_names_n_countries;
extern const cv_names_row cv_names_languages[];
extern const size_t cv_names_n_languages;

#endif
