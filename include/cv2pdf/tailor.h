/* Tailoring: a pure model-to-model step after loading. Keeps or drops entries and highlights by their
 * tags, and sets the page limit the command line asks for. (The language is the loader's:
 * cv_load_opts.lang.)
 * SPDX-License-Identifier: MIT */
#ifndef CV2PDF_TAILOR_H
#define CV2PDF_TAILOR_H

#include <stddef.h>

#include "diag.h"
#include "model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cv_tailor_opts {
	const char *const *tags;        /* keep tagged items only when they carry one of these; NULL: all */
	size_t n_tags;
	const char *const *exclude_tags; /* drop items that carry one of these */
	size_t n_exclude_tags;
	/* Where each tag was given, for the warning about a tag that no entry or highlight carries (a
	 * misspelt --tags drops every tagged item): a label ("--tags", "variants.backend.tags") and a
	 * span (file NULL for the command line), parallel to tags and exclude_tags. NULL: "--tags" and
	 * "--exclude-tags" without a span. */
	const char *const *tag_from, *const *exclude_from;
	const cv_span *tag_spans, *exclude_spans;
	int max_pages; /* --max-pages: at most this many pages, over design.max_pages; 0: the document's */
} cv_tailor_opts;

/* Tailors doc in place (its arena owns every new node). Returns CV_OK or CV_EINPUT with errors in d;
 * a tag no item carries is a warning in d that lists the tags in use. */
int cv_tailor(cv_doc *doc, const cv_tailor_opts *o, cv_diags *d);

#ifdef __cplusplus
}
#endif

#endif
