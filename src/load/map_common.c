/* Helpers shared by the dialect mappers: key lookup that remembers which keys were understood,
 * null detection, and the unknown-key report with a did-you-mean suggestion.
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include "load_internal.h"

const ynode *yn_get(const ynode *map, const char *key)
{
	if (!map || map->kind != YN_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++) {
		const ynode *k = map->keys[i];
		if (k->kind == YN_SCALAR && strcmp(k->value, key) == 0) {
			map->used[i] = true;
			return map->items[i];
		}
	}
	return NULL;
}

bool yn_has(const ynode *map, const char *key)
{
	if (!map || map->kind != YN_MAP)
		return false;
	for (size_t i = 0; i < map->n; i++)
		if (map->keys[i]->kind == YN_SCALAR && strcmp(map->keys[i]->value, key) == 0)
			return true;
	return false;
}

bool yn_is_null(const ynode *n)
{
	if (!n)
		return true;
	if (n->kind != YN_SCALAR || !n->plain)
		return false;
	return n->len == 0 || strcmp(n->value, "~") == 0 || strcmp(n->value, "null") == 0 ||
	       strcmp(n->value, "Null") == 0 || strcmp(n->value, "NULL") == 0;
}

const char *yn_kind_name(const ynode *n)
{
	if (yn_is_null(n))
		return "nothing";
	switch (n->kind) {
	case YN_SCALAR: return "text";
	case YN_SEQ: return "a list";
	default: return "a map";
	}
}

/* Levenshtein distance, capped: keys are short, so the quadratic table is tiny. */
#define SUGGEST_MAX_KEY 64
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la >= SUGGEST_MAX_KEY || lb >= SUGGEST_MAX_KEY)
		return (size_t)-1;
	size_t row[SUGGEST_MAX_KEY + 1];
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

void yn_report_unknown(const ynode *map, const char *path, const char *const *known, cv_diags *d,
		       cv_severity sev)
{
	if (!map || map->kind != YN_MAP)
		return;
	for (size_t i = 0; i < map->n; i++) {
		if (map->used[i] || map->keys[i]->kind != YN_SCALAR)
			continue;
		const char *key = map->keys[i]->value;
		const char *best = NULL;
		size_t best_d = (size_t)-1;
		for (size_t k = 0; known && known[k]; k++) {
			size_t dist = edit_distance(key, known[k]);
			if (dist < best_d) {
				best_d = dist;
				best = known[k];
			}
		}
		/* A suggestion is only useful when it is close: at most a third of the key's letters. A key
		 * known elsewhere (a title on a normal entry) is spelt right but means nothing here. */
		size_t limit = strlen(key) / 3 + 1;
		if (best && best_d == 0)
			cv_diag_add(d, sev, "unknown-key", map->keys[i]->span, "key \"%s%s%s\" has no effect here", path,
				    *path ? "." : "", key);
		else if (best && best_d <= limit)
			cv_diag_add(d, sev, "unknown-key", map->keys[i]->span, "unknown key \"%s%s%s\"; did you mean \"%s\"?",
				    path, *path ? "." : "", key, best);
		else
			cv_diag_add(d, sev, "unknown-key", map->keys[i]->span, "unknown key \"%s%s%s\"", path,
				    *path ? "." : "", key);
	}
}
