/* The loader's private YAML tree: every scalar copied into the document arena with its span, so that
 * libyaml's events can be freed at once and the dialect mappers can look keys up in any order.
 * Nothing outside src/load/ includes this, and nothing here exposes libyaml types.
 * SPDX-License-Identifier: MIT */
#ifndef CV2PDF_LOAD_INTERNAL_H
#define CV2PDF_LOAD_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

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
	/* Sequences: items[0..n). Maps: keys[0..n) and items[0..n) are the values. */
	struct ynode **keys;
	struct ynode **items;
	size_t n;
	/* Maps only: set by the mapper on each key it understood, so unknown keys can be reported. */
	bool *used;
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

/* Parses YAML (or JSON) text into a tree in arena. Returns the root, or NULL with errors in d. An
 * empty document yields NULL with an error too. file is the name used in spans. */
ynode *cv_yaml_parse(const char *file, const char *text, size_t len, cv_arena *arena, cv_diags *d);

/* Maps a native (RenderCV-compatible) document tree onto doc. Returns CV_OK or CV_EINPUT. */
int cv_map_native(const ynode *root, cv_doc *doc, cv_diags *d);

/* Shared mapping helpers (map_common.c). */
const ynode *yn_get(const ynode *map, const char *key);
/* Whether map has key, without marking it used (for probing which kind of entry a map is). */
bool yn_has(const ynode *map, const char *key);
bool yn_is_null(const ynode *n);
const char *yn_kind_name(const ynode *n);
/* Reports keys of map that no yn_get() asked for, with a did-you-mean among known[]. */
void yn_report_unknown(const ynode *map, const char *path, const char *const *known, cv_diags *d,
		       cv_severity sev);

#endif
