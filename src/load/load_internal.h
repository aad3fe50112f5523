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
/* One scalar: the longest summary paragraph is a few kilobytes; a megabyte is clearly not a résumé
 * field and would only make the layout stage slow. */
#define CV_MAX_SCALAR_BYTES (1u << 20)

/* Parses YAML (or JSON) text into a tree in arena. Returns the root, or NULL with errors in d. An
 * empty document yields NULL with an error too. file is the name used in spans. */
ynode *cv_yaml_parse(const char *file, const char *text, size_t len, cv_arena *arena, cv_diags *d);

/* Maps a native (RenderCV-compatible) document tree onto doc. Returns CV_OK or CV_EINPUT. */
int cv_map_native(const ynode *root, cv_doc *doc, cv_diags *d);

/* Overlays and assignments on trees (merge.c). Both build new nodes in arena and never change the
 * nodes they were given (aliases share nodes), so the result keeps each node's own span: a value an
 * overlay or a --set said points into that overlay or argument. Errors go to d; *errors counts them. */
ynode *cv_tree_merge(ynode *base, ynode *over, cv_arena *arena, cv_diags *d, int *errors);
/* Sets the node at path (dotted keys and [N] indices, as diagnostics write paths) to value, creating
 * missing maps on the way; [N] may append at N == the list's length. what names the assignment in
 * messages ("--set cv.phone=1"); at is where its path was written. Returns the new root or NULL on error. */
ynode *cv_tree_set(ynode *root, const char *path, cv_span at, const char *what, ynode *value, cv_arena *arena,
		   cv_diags *d);
/* After mapping: whether the key at the end of path was read by the mapper (false: it had no effect).
 * A path ending in an index, or one that no longer resolves, counts as read. */
bool cv_tree_path_used(const ynode *root, const char *path);
/* Finds key in map without marking it used: its index, or -1. */
long yn_find(const ynode *map, const char *key);

/* The top-level `variants` map (variants.c). Reads every variant into *out (arena-owned), marking the
 * keys it understood. Returns false after an error in d. */
bool cv_variants_read(const ynode *root, cv_arena *arena, cv_diags *d, const cv_variant **out, size_t *n);
/* The settings map of the variant called name (an empty map when it has none), or NULL when there
 * is no such variant. Marks nothing used. */
const ynode *cv_variant_node(const ynode *root, const char *name);

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
