/* The loader's entry points: read a file whole, check it is text, parse it into the YAML tree and hand
 * the tree to the mapper of its dialect. Nothing downstream learns which dialect it was.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/load.h"
#include "cv2pdf/util.h"
#include "load_internal.h"

int cv_read_file(const char *path, char **text, size_t *len, cv_diags *d)
{
	bool is_stdin = strcmp(path, "-") == 0;
	const char *shown = is_stdin ? "<stdin>" : path;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	cv_span at = {shown, 0, 0, 0, 0};
	if (!f) {
		cv_diag_add(d, CV_ERROR, "io", at, "cannot open: %s", strerror(errno));
		return CV_EIO;
	}
	size_t cap = 16384, n = 0;
	char *buf = cv_xmalloc(cap + 1);
	int rc = CV_OK;
	for (;;) {
		if (n == cap) {
			if (cap >= CV_MAX_INPUT_BYTES) {
				cv_diag_add(d, CV_ERROR, "too-large", at, "the input is larger than %u MiB; refusing to read it",
					    CV_MAX_INPUT_BYTES >> 20);
				rc = CV_ELIMIT;
				break;
			}
			cap *= 2;
			buf = cv_xrealloc(buf, cap + 1);
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0) {
			if (ferror(f)) {
				cv_diag_add(d, CV_ERROR, "io", at, "cannot read: %s", strerror(errno));
				rc = CV_EIO;
			}
			break;
		}
	}
	if (!is_stdin)
		fclose(f);
	if (rc != CV_OK) {
		free(buf);
		return rc;
	}
	buf[n] = '\0';
	*text = buf;
	*len = n;
	return CV_OK;
}

/* Finds the first invalid UTF-8 byte so the error points at it rather than at the whole file. */
static bool check_text(const char *name, const char *text, size_t len, cv_diags *d)
{
	int line = 1, col = 1;
	size_t i = 0;
	while (i < len) {
		size_t at = i;
		uint32_t cp = cv_utf8_next(text, len, &i);
		bool bad = (cp == 0xFFFD && i - at != 3) || cp == 0;
		/* YAML allows tab, line breaks, NEL and printable characters only; libyaml says so at line
		 * 1, column 1 whatever the place. */
		bool control = !bad && ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0x7F ||
					(cp >= 0x80 && cp < 0xA0 && cp != 0x85) || cp == 0xFFFE || cp == 0xFFFF);
		if (control) {
			cv_span s = {name, line, col, line, col};
			cv_diag_add(d, CV_ERROR, "bad-char", s, "the control character U+%04X is not allowed in YAML", (unsigned)cp);
			return false;
		}
		if (bad) {
			cv_span s = {name, line, col, line, col};
			if (cp == 0)
				cv_diag_add(d, CV_ERROR, "binary", s, "the file contains a NUL byte: it is not a text file");
			else
				cv_diag_add(d, CV_ERROR, "bad-utf8", s, "invalid UTF-8 (byte 0x%02X); save the file as UTF-8",
					    (unsigned char)text[at]);
			return false;
		}
		if (cp == '\n')
			line++, col = 1;
		else
			col++;
	}
	return true;
}

/* Counts highlights under items[0..n), stopping at limit; *over is set to the first one past it. */
static size_t count_items(const cv_item *items, size_t n, size_t count, size_t limit, const cv_span **over)
{
	for (size_t i = 0; i < n && !*over; i++) {
		if (++count > limit)
			*over = &items[i].span;
		else
			count = count_items(items[i].children, items[i].n_children, count, limit, over);
	}
	return count;
}

static size_t count_entries(const cv_section *s, size_t n, size_t count, size_t limit, const cv_span **over)
{
	for (size_t i = 0; i < n && !*over; i++) {
		for (size_t k = 0; k < s[i].n_entries && !*over; k++) {
			const cv_entry *e = &s[i].entries[k];
			if (++count > limit)
				*over = &e->span;
			else
				count = count_items(e->highlights, e->n_highlights, count, limit, over);
		}
		count = count_entries(s[i].subsections, s[i].n_subsections, count, limit, over);
	}
	return count;
}

/* Refuses a document with more than CV_MAX_ENTRIES entries and highlights, at the first one too many. */
static bool check_entries(const cv_doc *doc, cv_diags *d)
{
	const cv_span *over = NULL;
	count_entries(doc->sections, doc->n_sections, 0, CV_MAX_ENTRIES, &over);
	if (over)
		cv_diag_add(d, CV_ERROR, "too-many-entries", *over,
			    "the document has more than %u entries and highlights; refusing it", CV_MAX_ENTRIES);
	return !over;
}

cv_doc *cv_load(const char *name, const char *text, size_t len, cv_diags *d)
{
	const char *file = cv_diags_add_source(d, name, text, len);
	/* Windows editors offer "Unicode" (UTF-16); its byte-order mark is the tell-tale. */
	if (len >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF'))) {
		cv_diag_add(d, CV_ERROR, "bad-utf8", (cv_span){file, 1, 1, 1, 1},
			    "the file is UTF-16 text; save it as UTF-8");
		return NULL;
	}
	size_t skip = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0; /* a BOM from Windows editors */
	if (!check_text(file, text + skip, len - skip, d))
		return NULL;
	cv_doc *doc = cv_doc_new();
	doc->source_name = cv_arena_strdup(doc->arena, file);
	ynode *root = cv_yaml_parse(file, text, len, doc->arena, d);
	int rc = root ? cv_map_native(root, doc, d) : CV_EINPUT;
	if (rc == CV_OK && !check_entries(doc, d))
		rc = CV_ELIMIT;
	if (rc != CV_OK) {
		cv_doc_free(doc);
		return NULL;
	}
	return doc;
}
