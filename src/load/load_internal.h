/* The loader's private YAML tree: every scalar copied into the document arena with its span, so that
 * libyaml's events can be freed at once and the dialect mappers can look keys up in any order.
 * Nothing outside src/load/ includes this, and nothing here exposes libyaml types.
 * SPDX-License-Identifier: MIT */
#ifndef CV2PDF_LOAD_INTERNAL_H
#define CV2PDF_LOAD_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cv2pdf/arena.h"
#include "cv2pdf/diag.h"
#include "cv2pdf/load.h"
#include "cv2pdf/model.h"

typedef enum { YN_SCALAR, YN_SEQ, YN_MAP } yn_kind;

typedef struct ynode {
	yn_kind kind;
	cv_span span;
	/* Scalars: value is NUL-terminated (len excludes it); plain is false for quoted and block
	 * scalars, which are always strings ("yes", "null" and "12" quoted are text). */
	const char *value;
	size_t len;
	bool plain;
	/* A scalar the parser already warned about (a comment made it empty): no second message. */
	bool explained;
	/* Sequences: items[0..n). Maps: keys[0..n) and items[0..n) are the values. */
	struct ynode **keys;
	struct ynode **items;
	size_t n;
	/* Maps only: set by the mapper on each key it understood, so unknown keys can be reported. */
	bool *used;
	/* Keys that an assignment (--set, a variant's set) added: the assignment as messages name it
	 * ("--set cv.phone=1"), so that an unknown key it made is an error naming it; NULL otherwise. */
	const char *assigned;
	/* Section entries an overlay appended because no entry had their id: a note saying so, added
	 * when the entry turns out to be incomplete (the id was probably misspelt); NULL otherwise. */
	const char *appended;
} ynode;

/* Nesting beyond this is not a résumé: 64 levels leave room for deep highlight trees and stop stack
 * exhaustion in the mappers, which recurse. */
#define CV_MAX_DEPTH 64
/* Nodes after expanding aliases. A large résumé has ~10,000; a "billion laughs" file has 10^9.
 * Counting expansions while building the tree refuses such a file before anything walks it. */
#define CV_MAX_EXPANDED_NODES 1000000u
/* Text after expanding aliases. Without aliases the text is never longer than the file (at most
 * CV_MAX_INPUT_BYTES); an alias repeated many times over a long anchored scalar is a "billion laughs"
 * in bytes rather than nodes, and would make the layout stage set gigabytes of text. */
#define CV_MAX_EXPANDED_BYTES CV_MAX_INPUT_BYTES
/* One scalar: the longest summary paragraph is a few kilobytes. The layout stage breaks a paragraph
 * as a whole (Knuth-Plass), in memory that grows with it: a 1 MiB paragraph takes 100 MB and two
 * seconds. 256 KiB is some fifty pages of text, beyond any field of a real résumé. */
#define CV_MAX_SCALAR_BYTES (256u << 10)

/* Entries and highlights in the whole document, counted together. A long academic CV has a few
 * hundred; 10,000 lay out in about a second and fill some 700 pages, which CV_MAX_PAGES refuses
 * anyway. Checked on the model, whatever the dialect, before the layout stage sees it. */
#define CV_MAX_ENTRIES 10000u
/* Variants in one file. A résumé has a handful, one per kind of job applied for. A batch parses the
 * file once and frees each variant's document once its PDF is written, so memory stays flat (18 MB at
 * 2,000) and time grows with the count (about 10 M instructions, 2.5 ms, per variant). What still grows
 * with the square (checking that no two variants write one file, finding each variant's settings in
 * the map) is under a tenth of the work at 2,000, which keeps a batch near five seconds of CPU. */
#define CV_MAX_VARIANTS 2000u

/* Parses YAML (or JSON) text into a tree in arena. Returns the root, or NULL with errors in d. An
 * empty document yields NULL with an error too. Duplicate keys are reported as errors but still yield
 * the tree (lookups find the first), so the caller must check d's error count. src is the source
 * registered in d, whose name the spans carry and whose line index places them; text is src's text
 * or a copy of it with some characters blanked (a --set value without its "PATH="): as long as src's,
 * with the same line breaks. */
ynode *cv_yaml_parse(const cv_srcfile *src, const char *text, cv_arena *arena, cv_diags *d);

/* A YAML syntax error as libyaml reported it, with byte offsets into the source (yaml_tree.c fills
 * it; yaml_hints.c explains it). */
typedef struct cv_yaml_fault {
	const char *problem, *context; /* libyaml's words; context may be NULL */
	size_t problem_at, context_at; /* byte offsets of the problem and of where the context began */
	bool has_context;
} cv_yaml_fault;
/* Reports f as an error in d in words about the résumé line and its fix (quote the value, showing the
 * line quoted; indent a key like the one above), when it recognises the mistake; false otherwise (the
 * caller reports libyaml's words). */
bool cv_yaml_explain(const cv_srcfile *src, const char *text, const cv_yaml_fault *f, cv_arena *a, cv_diags *d);
/* text[0..n) as a YAML quoted scalar (double quotes, or single when it holds '"' or '\'), trailing
 * blanks dropped, long text cut with "…". Arena-owned. */
const char *cv_yaml_quote(cv_arena *a, const char *text, size_t n);
/* The source line holding value_at with its value text[value_at..value_end) quoted, without its
 * indentation ("- \"**40%** faster\""), for "quote it: ..." hints. Arena-owned. */
const char *cv_yaml_quoted_line(cv_arena *a, const char *text, size_t len, size_t value_at, size_t value_end);

/* The dialect mappers: each maps a document tree onto doc and returns CV_OK or CV_EINPUT, with every
 * problem in d. cv_load() picks one by the keys at the top of the document (load.c). */
int cv_map_native(const ynode *root, cv_doc *doc, cv_diags *d);      /* cv, design, locale (native.c) */
int cv_map_jsonresume(const ynode *root, cv_doc *doc, cv_diags *d);  /* basics, work, ... (jsonresume.c) */
int cv_map_yamlresume(const ynode *root, cv_doc *doc, cv_diags *d);  /* content, locale, layouts (yamlresume.c) */

/* Overlays and assignments on trees (merge.c). Both build new nodes in arena and never change the
 * nodes they were given (aliases share nodes), so the result keeps each node's own span: a value an
 * overlay or a --set said points into that overlay or argument. Errors go to d; *errors counts them.
 * An overlay entry with the id of an entry merges into it (maps deeply, other values replaced). */
ynode *cv_tree_merge(ynode *base, ynode *over, cv_arena *arena, cv_diags *d, int *errors);
/* Sets the node at path (dotted keys and [N] indices, as diagnostics write paths) to value, creating
 * missing maps on the way; [N] may append at N == the list's length. what names the assignment in
 * messages ("--set cv.phone=1"); at is where its path was written. Returns the new root or NULL on error. */
ynode *cv_tree_set(ynode *root, const char *path, cv_span at, const char *what, ynode *value, cv_arena *arena,
		   cv_diags *d);
/* A copy of root in arena for another document made from the same tree: its maps' used flags start
 * as root's (never mapped: only the parser's). The subtree keep (may be NULL) is shared, not copied: it must not be mapped again. */
ynode *cv_tree_copy(const ynode *root, const ynode *keep, cv_arena *arena);
/* After mapping: whether the key at the end of path was read by the mapper (false: it had no effect).
 * A path ending in an index, or one that no longer resolves, counts as read. */
bool cv_tree_path_used(const ynode *root, const char *path);
/* Finds key in map without marking it used: its index, or -1. */
long cv_yn_find(const ynode *map, const char *key);

/* The keys of one place of the native format (NULL-terminated lists): those the mapper reads, and
 * also those it accepts with a warning (RenderCV's, or an overlay's `remove`; may be NULL); schema is
 * a JSON pointer to the object of schema/cv2pdf.schema.json that describes the place ("" for the
 * document). */
typedef struct cv_key_table {
	const char *schema;
	const char *const *keys, *const *also;
} cv_key_table;
/* Every key table of native.c and variants.c, ending with a NULL schema: the test of the schema
 * compares them (tests/unit/test_formats.c). */
extern const cv_key_table cv_native_key_tables[];
extern const char *const cv_variant_keys[];
extern const char *const cv_locale_keys[], *const cv_locale_phrase_keys[]; /* language.c */
extern const char *const cv_settings_keys[], *const cv_rendercv_settings_keys[]; /* rendercv.c */

/* The top-level `variants` map (variants.c). Reads every variant into *out (arena-owned), marking the
 * keys it understood. Returns false after an error in d. */
bool cv_variants_read(const ynode *root, cv_arena *arena, cv_diags *d, const cv_variant **out, size_t *n);
/* Reads the variant called name alone, as cv_variants_read() reads each, for its messages (its unknown
 * keys): a document made for one variant reports its own variant's. Marks a copy, never root. Returns
 * false after an error in d. */
bool cv_variant_check(const ynode *root, const char *name, cv_arena *arena, cv_diags *d);
/* The settings map of the variant called name (an empty map when it has none), or NULL when there
 * is no such variant. Marks nothing used. */
const ynode *cv_variant_node(const ynode *root, const char *name);

/* Shared mapping helpers (map_common.c). */
const ynode *cv_yn_get(const ynode *map, const char *key);
/* Whether map has key, without marking it used (for probing which kind of entry a map is). */
bool cv_yn_has(const ynode *map, const char *key);
bool cv_yn_is_null(const ynode *n);
/* The boolean scalar n spells (1 or 0), by the one table of spellings in map_common.c; -1 when n is
 * none (the caller says what it expected). A quoted spelling counts, with a "quoted-bool" warning in d
 * naming path. The mappers (cv_map_bool) and the overlay merge (`remove`) both read booleans here. */
int cv_yn_bool(const ynode *n, const char *path, cv_diags *d);
const char *cv_yn_kind_name(const ynode *n);
/* How a message quotes a value it did not accept: a scalar in quotes, anything else by its kind
 * ("got \"soon\"", "got a map"). Arena-owned or static. */
const char *cv_yn_shown(cv_arena *a, const ynode *n);
/* The entry of known[] (NULL-terminated) closest to word when it is close enough to be a misspelling
 * of it (or word itself), else NULL. */
const char *cv_yn_suggest(const char *word, const char *const *known);
/* The text a one-line "KEY: VALUE" (or "KEY:") map was written as, when n is one ("- Built X: a tool
 * for Y" is a map in YAML), else NULL. Arena-owned. */
const char *cv_yn_colon_text(cv_arena *a, const ynode *n);
/* Reports keys of map that no cv_yn_get() asked for, with a did-you-mean among known[]. */
void cv_yn_report_unknown(const ynode *map, const char *path, const char *const *known, cv_diags *d,
		       cv_severity sev);

/* The state every mapper carries: the document being filled, its arena, the diagnostics, and the
 * number of errors this mapper reported (a mapper fails when it is not zero). */
typedef struct cv_mctx {
	cv_doc *doc;
	cv_arena *a;
	cv_diags *d;
	int errors;
} cv_mctx;

/* Field paths in messages ("cv.sections.Experience[2].end_date") are formatted into buffers of this
 * size; a longer path is cut with "..." (section titles are free text and may be long). */
#define CV_PATH_MAX 512
#define CV_PATHF(buf, ...)                                                                       \
	do {                                                                                     \
		if (snprintf(buf, CV_PATH_MAX, __VA_ARGS__) >= CV_PATH_MAX)                       \
			memcpy(buf + CV_PATH_MAX - 4, "...", 4);                                 \
	} while (0)

/* Reports an error at n and counts it in m. */
void cv_map_err(cv_mctx *m, const ynode *n, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Whether n is a map from language codes to texts ({en: ..., zh: ...}). */
bool cv_map_is_lang_map(const ynode *n);
/* Text: a scalar, or a language map resolved to the document's language (doc->locale, decided
 * before mapping); absent or null gives s == NULL; anything else is an error. */
cv_str cv_map_text(cv_mctx *m, const ynode *n, const char *path);
/* The text at map[key]; path is the map's path, the key is appended for messages. */
cv_str cv_map_field(cv_mctx *m, const ynode *map, const char *key, const char *path);
/* Text or a list of texts. */
cv_strlist cv_map_text_list(cv_mctx *m, const ynode *n, const char *path);
bool cv_map_bool(cv_mctx *m, const ynode *n, const char *path, bool dflt);
/* YYYY, YYYY-MM, YYYY-MM-DD or "present" (also "now", and any language's word: cv_lang_is_present). */
bool cv_map_parse_date(const char *s, cv_date *out);
/* Reads a date at n into out; false when absent or invalid (invalid is reported). */
bool cv_map_date(cv_mctx *m, const ynode *n, const char *path, cv_date *out);
/* Whether a is before b, compared at the precision both have. */
bool cv_map_date_before(const cv_date *a, const cv_date *b);
/* Reports a missing required field (s->s == NULL) at n. */
void cv_map_require(cv_mctx *m, const ynode *n, const cv_str *s, const char *path, const char *key);
/* "**Courses:** A, B" in lang: the term and its separator's mark in bold, the space after it not
 ("**课程：**A、B" in Chinese, "**Cours :** A" in French). Arena-owned. */
const char *cv_map_labelled(cv_arena *a, const cv_lang *lang, cv_word term, const char *text);
/* "2cm", "18mm", "0.7in", "10pt" or a bare number of points. */
bool cv_map_parse_length(const char *s, float *out);
void cv_map_length(cv_mctx *m, const ynode *n, const char *path, float *out, float lo, float hi);
/* a4, us-letter, letter, a5, us-legal, legal, a3: sets the document's page size. */
void cv_map_page_size(cv_mctx *m, const ynode *n, const char *path);

/* Block Markdown (markdown.c): s as its paragraphs and (nested, numbered) list items, inline markup
 * kept; a construct that cannot be drawn (a table, a code block, a rule, a quote) is warned about once
 * per text, at s, naming path, and its text kept. Absent text gives no blocks. Arena-owned. */
cv_blocks cv_map_blocks(cv_mctx *m, cv_str s, const char *path);
/* s as one paragraph (no Markdown read), or no blocks when s is absent. Arena-owned. */
cv_blocks cv_blocks_paragraph(cv_arena *a, cv_str s);
/* first's blocks, then then's; either may be empty. Arena-owned. */
cv_blocks cv_blocks_join(cv_arena *a, cv_blocks first, cv_blocks then);

/* The shared part of the JSON Resume and YAMLResume mappers (jsonresume.c). */
typedef struct cv_rctx {
	cv_mctx m;
	const cv_lang *lang; /* the document's words: section titles, labels, separators, option values */
	unsigned done;    /* bit k: the k-th standard section is mapped (each appears at most once) */
} cv_rctx;
/* The header from basics (name, label or headline, image, email, phone, url, summary), location and
 * profiles; JSON Resume keeps the last two inside basics (pass NULL), YAMLResume beside it. */
void cv_resume_basics(cv_rctx *r, const ynode *basics, const char *path, const ynode *location,
		      const char *location_path, const ynode *profiles, const char *profiles_path);
/* Whether key names a standard section (work, volunteer, education, awards, ...). */
bool cv_resume_is_section(const char *key);
/* Appends the section key (list is its value, keynode its key) with the built-in title in the
 * document's language, or title when not NULL. A section already mapped is not mapped again (a
 * duplicate key is reported by the parser, a repeated section id by the caller). */
void cv_resume_section(cv_rctx *r, const char *key, const ynode *keynode, const ynode *list, const char *path,
		       const char *title);

/* The top-level `letter` (letter.c), which every dialect reads into doc->letter; its keys. */
void cv_map_letter(cv_mctx *m, const ynode *n);
extern const char *const cv_letter_keys[];

/* RenderCV's ways with text (rendercv.c), for the native dialect after its cv is mapped. Typst markup
 * in any text (#emph[...], #link(...)[...], $$math$$) becomes cv2pdf's markup or its plain text, with
 * one warning per construct. */
void cv_rendercv_typst(cv_mctx *m);
/* A settings block at n: `settings` (RenderCV 2.4 on: current_date, render_command, bold_keywords,
 * pdf_title) when path is "settings", else `rendercv_settings` (1.14 to 2.3: date, render_command,
 * bold_keywords, sort_entries). Honours what changes the PDF; the output settings get one warning. */
void cv_map_settings(cv_mctx *m, const ynode *n, const char *path);
/* RenderCV's sort_entries at n (rendercv_settings.sort_entries, and cv.sort_entries in 2.2 and 2.3):
 * reverse-chronological or chronological sorts every section's entries by end, then start date, as
 * RenderCV does; none keeps them. The sections must be mapped. rendercv.c. */
void cv_map_sort_entries(cv_mctx *m, const ynode *n, const char *path);
/* RenderCV's phone_number_format at n (national, international, E164) into design.phone_format; an
 * unknown value is a warning. rendercv.c. */
void cv_map_phone_format(cv_mctx *m, const ynode *n, const char *path);

/* The dialects, told apart by the keys at the top of the document (load.c). */
typedef enum { CV_DIALECT_NATIVE, CV_DIALECT_JSONRESUME, CV_DIALECT_YAMLRESUME } cv_dialect;
cv_dialect cv_dialect_of(const ynode *root);

/* The document's language (language.c): o->lang, else the variant's lang, else the dialect's own key,
 * else English, into doc->locale (with the table's words); an unknown one is a warning. Runs before
 * the mapper, which resolves multilingual texts to it. */
void cv_load_language(const ynode *root, cv_dialect dl, const cv_load_opts *o, cv_doc *doc, cv_diags *d);
/* A locale map at n (path: "locale", or RenderCV 1's "locale_catalog"): cv2pdf's keys and those of
 * every RenderCV version, each replacing one word of doc->locale.words. */
void cv_map_locale(cv_mctx *m, const ynode *n, const char *path);
/* RenderCV's date placeholders ("MONTH_ABBREVIATION YEAR") as cv2pdf's tokens ("MONTH_ABBR YYYY"),
 * arena-owned; NULL when t uses YEAR_IN_TWO_DIGITS, which cv2pdf has no token for. */
const char *cv_rendercv_date_template(cv_arena *a, const char *t);
/* A RenderCV template of a page footer or a "last updated" note in cv2pdf's tokens (PAGE_NUMBER and
 * TOTAL_PAGES become PAGE and TOTAL), arena-owned. */
const char *cv_rendercv_note_template(cv_arena *a, const char *t);

/* Registers and checks one file's text with d and parses it into arena (load.c); NULL after an error. */
ynode *cv_load_parse_source(const cv_source *src, cv_arena *arena, cv_diags *d);

/* The design map of every dialect and the theme presets (design.c). In order: cv_design_begin applies
 * the theme design.theme names (a built-in preset in theme_dir, NULL: the installed ones, or a preset
 * file), or without one other_theme (JSON Resume's meta.theme; NULL: none), before the dialect's mapper; cv_design_map then reads the document's own design keys over it;
 * cv_design_end resolves what depends on the final body size and checks the whole. Problems go to m. */
typedef struct cv_dctx cv_dctx;
cv_dctx *cv_design_begin(cv_mctx *m, const ynode *design, const ynode *other_theme, const char *theme_dir);
void cv_design_map(cv_dctx *c, const ynode *design);
void cv_design_end(cv_dctx *c);
/* A theme name or file at n (path names it in messages). A name that is not a built-in theme is an
 * error when unknown is CV_ERROR, else a diagnostic of that severity saying classic is drawn; then
 * s is NULL. */
cv_str cv_map_theme(cv_mctx *m, const ynode *n, const char *path, cv_severity unknown, const char *theme_dir);
/* Whether s names a theme file (a path, or NAME.yaml) rather than a built-in theme (theme_dir.c). */
bool cv_is_theme_path(const char *s);
/* The design maps as key tables (each with its JSON pointer in the schema), ending with a NULL schema;
 * returns their number. Arena-owned. For the schema's test. */
size_t cv_design_key_tables(cv_arena *a, const cv_key_table **out);

#endif
