/* Loading: input bytes (YAML or JSON, in the native/RenderCV, JSON Resume or YAMLResume dialect)
 * become a cv_doc. The only stage that knows libyaml.
 * SPDX-License-Identifier: MIT */
#ifndef CV2PDF_LOAD_H
#define CV2PDF_LOAD_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Parses text[0..len) read from the file called name. The text is registered with d so diagnostics
 * can quote it. Returns a new document (free with cv_doc_free()) or NULL when the input has errors,
 * which are in d. Warnings may be added either way. */
cv_doc *cv_load(const char *name, const char *text, size_t len, cv_diags *d);

/* A file's name (as shown in diagnostics) and its text. */
typedef struct cv_source {
	const char *name;
	const char *text;
	size_t len;
} cv_source;

/* A named variant of the document (the top-level `variants` map): tailoring settings the command line
 * applies on top of its own. Every pointer is owned by the arena of the document it came with. */
typedef struct cv_variant {
	const char *name;
	const char *const *tags; /* NULL: no `tags` key (keep every tagged item) */
	size_t n_tags;
	const char *const *exclude_tags;
	size_t n_exclude_tags;
	const cv_span *tag_spans, *exclude_tag_spans; /* where each tag was written */
	const char *lang, *theme, *output; /* NULL when not given */
	/* `outputs`: what to write ("pdf", "txt", "letter", "letter.md", ...; the command line checks
	 * the names); NULL when not given. outputs_spans: where each was written. */
	const char *const *outputs;
	size_t n_outputs;
	const cv_span *outputs_spans;
	cv_span span;                      /* the variant's name in the file */
	cv_span output_span;               /* where `output` was given (its file: what it is relative to) */
} cv_variant;

typedef struct cv_load_opts {
	const cv_source *overlays; /* merged over the input in order (see docs/cv2pdf.1, OVERLAYS) */
	size_t n_overlays;
	const char *const *sets; /* "PATH=VALUE" assignments, applied last, in order */
	size_t n_sets;
	const char *variant; /* apply this variant's `set` map and theme before sets; NULL: none */
	const char *theme;   /* --theme: sets design.theme (instead of the variant's), before sets */
	const char *lang;    /* --lang: the document's language, over the variant's and the document's own;
			      * NULL: theirs (see cv_load_language in src/load/language.c) */
	const char *theme_dir; /* the built-in theme presets (NAME.yaml); NULL: the installed ones (cv_theme_dir) */
	/* Out: when non-NULL, receives the document's variants in file order (arena-owned). */
	const cv_variant **variants;
	size_t *n_variants;
} cv_load_opts;

/* cv_load() with overlays, --theme, --set assignments and a variant, all merged at the YAML-tree level before
 * the document is mapped, so every node keeps the span of the file (or argument) that said it. Each
 * overlay text is registered with d. A bad --set path, a type clash, an id to remove that is not there
 * or an unknown variant is an error. Returns a new document or NULL, as cv_load(). */
cv_doc *cv_load_ex(const cv_source *input, const cv_load_opts *o, cv_diags *d);

/* The input and its overlays parsed and merged once, for making many documents from them (a batch's
 * variants) without parsing again. */
typedef struct cv_load_base cv_load_base;
/* Parses input and merges overlays[0..n) over it, registering the sources with d and adding the
 * parse's messages to it; NULL after an error. d must outlive the base: every document made from it
 * takes a reference to d's sources (no copy) and repeats d's messages. */
cv_load_base *cv_load_base_new(const cv_source *input, const cv_source *overlays, size_t n_overlays, cv_diags *d);
void cv_load_base_free(cv_load_base *b);
/* cv_load_ex() of base's input with o (whose overlays are ignored: they are in base). The tree is
 * copied, so documents can be made on several threads at once; the variants map is shared and read
 * only when o->variants asks for the list (or a --set assigns into it): a document of one variant
 * reads its own variant's settings. d holds references to base's sources: it quotes them after base
 * and base's collection are freed, and every job of a batch shares the input's one copy. */
cv_doc *cv_load_from(const cv_load_base *b, const cv_load_opts *o, cv_diags *d);

/* Reads a whole file ("-" for standard input) into a new malloc'd NUL-terminated buffer (caller
 * frees). Returns CV_OK, CV_EIO with an error in d, or CV_ELIMIT when over CV_MAX_INPUT_BYTES. */
int cv_read_file(const char *path, char **text, size_t *len, cv_diags *d);

/* The theme of a document that names none. */
#define CV_DEFAULT_THEME "classic"
/* The installed directory of the built-in theme presets (CMAKE_INSTALL_FULL_DATADIR/cv2pdf/themes):
 * where a caller that gives no cv_load_opts.theme_dir finds them. The command line looks further
 * ($CV2PDF_THEME_DIR, beside the program, the build tree: src/cli/env.c) and passes what it found. */
const char *cv_theme_dir(void);
/* The built-in themes: the presets in dir (NULL: cv_theme_dir), sorted by name. *out is arena-owned;
 * returns their number (0 when dir cannot be read). This directory is the one list of themes. */
size_t cv_theme_names(const char *dir, cv_arena *a, const char *const **out);

/* Writes the JSON Schema of the native format (draft 2020-12) to out, for editors. */
void cv_schema_print(FILE *out);

/* A résumé is a few kilobytes; 8 MiB leaves room for huge portfolios while refusing to load a disk
 * image by mistake. */
#define CV_MAX_INPUT_BYTES (8u << 20)

#ifdef __cplusplus
}
#endif

#endif
