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

/* The dialect is told by the top-level keys: cv is native (RenderCV), content is YAMLResume, and
 * basics or any of JSON Resume's sections is JSON Resume (as JSON or as YAML). */
static int map_dialect(const ynode *root, cv_doc *doc, cv_diags *d)
{
	if (root->kind == YN_MAP && !yn_has(root, "cv")) {
		if (yn_has(root, "content"))
			return cv_map_yamlresume(root, doc, d);
		for (size_t i = 0; i < root->n; i++)
			if (root->keys[i]->kind == YN_SCALAR &&
			    (!strcmp(root->keys[i]->value, "basics") || cv_resume_is_section(root->keys[i]->value)))
				return cv_map_jsonresume(root, doc, d);
	}
	return cv_map_native(root, doc, d);
}

cv_doc *cv_load(const char *name, const char *text, size_t len, cv_diags *d)
{
	const char *file = cv_diags_add_source(d, name, text, len);
	size_t skip = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0; /* a BOM from Windows editors */
	if (!check_text(file, text + skip, len - skip, d))
		return NULL;
	cv_doc *doc = cv_doc_new();
	doc->source_name = cv_arena_strdup(doc->arena, file);
	size_t errors = cv_diags_errors(d);
	ynode *root = cv_yaml_parse(file, text, len, doc->arena, d);
	int rc = root ? map_dialect(root, doc, d) : CV_EINPUT;
	/* Some errors of the parse (duplicate keys) let the mapper run on, to report more in one go. */
	if (rc != CV_OK || cv_diags_errors(d) > errors) {
		cv_doc_free(doc);
		return NULL;
	}
	return doc;
}
