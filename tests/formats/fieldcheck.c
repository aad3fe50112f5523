/* Checks that every field of an input résumé (native/RenderCV, JSON Resume or YAMLResume) shows in the
 * text of the PDF it was rendered to. The expectation comes from the input itself, not from the model,
 * so a field the mapper drops is caught: every scalar value is walked, its inline markup removed, and
 * each of its lines (and RenderCV's " - " sub-items) must appear in the extracted text, compared with
 * all white space removed (pdftotext breaks lines and puts spaces between Han and Latin). URLs count
 * when they are shown or are the target of a link; dates count when their year and month are shown.
 * Keys that are settings rather than text (design, locale, layouts, tags, ...) are skipped.
 * Usage: fieldcheck INPUT PDF_TEXT PDF_URIS [INPUT PDF_TEXT PDF_URIS]...
 * PDF_URIS is the PDF's link targets, one a line, or the PDF uncompressed (qpdf --qdf: it starts
 * "%PDF"), whose /URI strings are read here. Several documents in one run: a process start costs
 * more on this kind of machine than a check (docs/performance.md); each is reported on its own line.
 * SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/arena.h"
#include "cv2pdf/diag.h"
#include "cv2pdf/load.h"
#include "cv2pdf/util.h"
#include "layout_internal.h"
#include "load_internal.h"

typedef struct check {
	char *text;  /* the PDF's text, white space removed */
	char *lower; /* the same in ASCII lower case */
	char *uris; /* the PDF's link targets, one per line */
	cv_arena *arena;
	int checked, missing;
	const cv_locale *loc; /* the document's language, as cv2pdf decides it */
} check;

/* Keys whose values are settings, identifiers or pictures, not text a reader sees. */
static const char *const skip_keys[] = {
	"design", "locale", "locale_catalog", "settings", "layouts", "meta", "$schema", "variants", "rendercv_settings",
	"photo", "sort_entries",
	"image", "picture", "fontawesome_icon", "network", "id", "tags", "numbered", "page_break", NULL,
};
static const char *const date_keys[] = {"date", "start_date", "end_date", "startDate", "endDate", "releaseDate", NULL};
static const char *const url_keys[] = {"url", "website", NULL};

static bool in(const char *key, const char *const *list)
{
	for (size_t i = 0; key && list[i]; i++)
		if (!strcmp(key, list[i]))
			return true;
	return false;
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(2);
	}
	size_t cap = 1 << 16, n = 0;
	char *buf = cv_xmalloc(cap);
	size_t got;
	while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (n + 1 == cap)
			buf = cv_xrealloc(buf, cap *= 2);
	}
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

/* The link targets of an uncompressed PDF (pdf, n bytes, NULs in its binary streams), one a line:
 * each literal string after "/URI " on one line, its backslash escapes undone (the writer escapes
 * parentheses inside a URI). A string a line end cuts is no target. */
static char *link_targets(const char *pdf, size_t n)
{
	static const char key[] = "/URI (";
	size_t cap = 256, len = 0;
	char *out = cv_xmalloc(cap);
	const char *p = pdf, *end = pdf + n;
	while ((p = memmem(p, (size_t)(end - p), key, sizeof key - 1)) != NULL) {
		p += sizeof key - 1;
		size_t start = len;
		const char *q = p;
		for (; q < end && *q != ')' && *q != '\n' && *q != '\r'; q++) {
			if (*q == '\\' && q + 1 < end && q[1] != '\n' && q[1] != '\r')
				q++;
			if (len + 2 >= cap)
				out = cv_xrealloc(out, cap *= 2);
			out[len++] = *q;
		}
		if (q < end && *q == ')')
			out[len++] = '\n';
		else
			len = start;
		p = q;
	}
	out[len] = '\0';
	return out;
}

/* Removes white space (ASCII and U+3000) in place. */
static void squeeze(char *s)
{
	char *w = s;
	for (char *r = s; *r;) {
		if (isspace((unsigned char)*r)) {
			r++;
		} else if ((unsigned char)r[0] == 0xE3 && (unsigned char)r[1] == 0x80 && (unsigned char)r[2] == 0x80) {
			r += 3;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
}

/* Drops the page numbers ("1/2" alone on a line) that pdftotext puts inside a paragraph split across
 * two pages. */
static void drop_page_numbers(char *s)
{
	char *w = s;
	for (char *line = s; *line;) {
		char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		int a, b, used = 0;
		bool page = sscanf(line, "%d/%d%n", &a, &b, &used) == 2 && (size_t)used == len;
		if (!page) {
			memmove(w, line, len);
			w += len;
			if (nl) /* a last line without one must not get one: it would overwrite the end */
				*w++ = '\n';
		}
		line += len + (nl ? 1 : 0);
	}
	*w = '\0';
}

static char *lower(char *s)
{
	for (char *p = s; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return s;
}

static void expect(check *c, const char *what, const ynode *n, const char *path)
{
	char *t = cv_arena_strdup(c->arena, what);
	squeeze(t);
	if (!*t)
		return;
	c->checked++;
	if (!strstr(c->text, t)) {
		c->missing++;
		fprintf(stderr, "%d:%d: %s: \"%s\" is not in the PDF's text\n", n->span.line, n->span.col, path, what);
	}
}

static bool has_uri(const check *c, const char *uri)
{
	size_t n = strlen(uri);
	for (const char *p = c->uris; (p = strstr(p, uri)) != NULL; p++)
		if ((p == c->uris || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0' || (p[n] == '/' && p[n + 1] == '\n')))
			return true;
	return false;
}

static void expect_uri(check *c, const char *uri, const ynode *n, const char *path)
{
	c->checked++;
	const char *bare = strstr(uri, "://") ? strstr(uri, "://") + 3 : uri;
	char *shown = cv_arena_strdup(c->arena, bare);
	size_t len = strlen(shown);
	if (len && shown[len - 1] == '/')
		shown[len - 1] = '\0';
	squeeze(shown);
	if (has_uri(c, uri) || strstr(c->text, shown))
		return;
	c->missing++;
	fprintf(stderr, "%d:%d: %s: URL %s is neither shown nor a link in the PDF\n", n->span.line, n->span.col, path, uri);
}

/* A phone number counts when its digits are in the PDF's digits, without the country code's: cv2pdf
 * shows numbers as RenderCV does ("+17034800500" as "(703) 480-0500"). */
static void expect_phone(check *c, const char *s, const ynode *n, const char *path)
{
	c->checked++;
	char want[64], *have = cv_arena_alloc(c->arena, strlen(c->text) + 1);
	size_t w = 0, h = 0;
	for (const char *p = s; *p && w + 1 < sizeof want; p++)
		if (isdigit((unsigned char)*p))
			want[w++] = *p;
	want[w] = '\0';
	for (const char *p = c->text; *p; p++)
		if (isdigit((unsigned char)*p))
			have[h++] = *p;
	have[h] = '\0';
	const char *tail = w > 7 ? want + w - 7 : want; /* the subscriber number, whatever the prefix */
	if (strstr(have, tail))
		return;
	c->missing++;
	fprintf(stderr, "%d:%d: %s: phone number %s is not in the PDF's text\n", n->span.line, n->span.col, path, s);
}

static void expect_date(check *c, const char *s, const ynode *n, const char *path)
{
	static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
					     "jul", "aug", "sep", "oct", "nov", "dec"};
	const cv_words *w = &c->loc->words;
	if (!strcasecmp(s, "present")) {
		expect(c, w->present, n, path);
		return;
	}
	int year = 0, month = 0;
	for (const char *p = s; *p; p++) {
		if (!year && isdigit((unsigned char)p[0]) && sscanf(p, "%4d", &year) == 1 && year >= 1000) {
			if (p[4] == '-' && isdigit((unsigned char)p[5]))
				month = atoi(p + 5);
			p += 3;
			continue;
		}
		year = year >= 1000 ? year : 0;
		for (int m = 0; m < 12 && !month; m++)
			if (isalpha((unsigned char)*p) && (p == s || !isalpha((unsigned char)p[-1])) && !strncasecmp(p, months[m], 3))
				month = m + 1;
	}
	if (!year) { /* free text ("Fall 2023" has a year; "Summer term" not): shown as written */
		expect(c, s, n, path);
		return;
	}
	/* The date as the document's language writes it (lang.h). */
	char want[128];
	cv_lang_date(w, w->date, year, month, 0, want, sizeof want);
	expect(c, want, n, path);
}

/* YAMLResume's option values, countries and language names show in the document's language. */
static const char *translated(const check *c, const char *key, const char *value)
{
	static const struct {
		const char *key;
		int option; /* a cv_option, or -1: a country, -2: a language's name */
	} kinds[] = {
		{"degree", CV_OPT_DEGREE}, {"studyType", CV_OPT_DEGREE}, {"fluency", CV_OPT_FLUENCY},
		{"level", CV_OPT_LEVEL},   {"country", -1},              {"countryCode", -1},
		{"language", -2},
	};
	const char *t = NULL;
	for (size_t i = 0; key && i < sizeof kinds / sizeof kinds[0]; i++)
		if (!strcmp(key, kinds[i].key))
			t = kinds[i].option == -1   ? cv_lang_country(c->loc->lang, value)
			    : kinds[i].option == -2 ? cv_lang_language_name(c->loc->lang, value)
						    : cv_lang_option(c->loc->lang, (cv_option)kinds[i].option, value);
	return t ? t : value;
}

/* Markdown list markers at the start of a line ("- ", "* ", "1. "). */
static const char *after_marker(const char *line)
{
	const char *p = line;
	while (*p == ' ')
		p++;
	if ((*p == '-' || *p == '*' || *p == '+') && p[1] == ' ')
		return p + 2;
	const char *d = p;
	while (isdigit((unsigned char)*p))
		p++;
	if (p > d && (*p == '.' || *p == ')') && p[1] == ' ')
		return p + 2;
	return line;
}

static void expect_text(check *c, const char *value, const ynode *n, const char *path)
{
	cv_mpiece *pieces = NULL;
	size_t np = 0, cap = 0;
	/* Lines first (list markers are syntax, not text), then markup within each line. */
	char *copy = cv_arena_strdup(c->arena, value);
	for (char *line = strtok(copy, "\n"); line; line = strtok(NULL, "\n")) {
		const char *body = after_marker(line);
		np = 0;
		cv_markup_parse(body, strlen(body), c->arena, &pieces, &np, &cap);
		size_t total = 1;
		for (size_t i = 0; i < np; i++)
			total += pieces[i].len;
		char *plain = cv_arena_alloc(c->arena, total), *w = plain;
		for (size_t i = 0; i < np; i++) {
			memcpy(w, pieces[i].text, pieces[i].len);
			w += pieces[i].len;
			if (pieces[i].link && (!i || pieces[i - 1].link != pieces[i].link))
				expect_uri(c, pieces[i].link, n, path);
		}
		*w = '\0';
		/* RenderCV's sub-items, folded into the line by YAML: each is its own bullet. */
		for (char *part = plain;;) {
			char *cut = strstr(part, " - ");
			if (cut)
				*cut = '\0';
			expect(c, part, n, path);
			if (!cut)
				break;
			part = cut + 3;
		}
	}
	free(pieces);
}

static void walk(check *c, const ynode *n, const char *key, const char *path)
{
	char p[CV_PATH_MAX];
	switch (n->kind) {
	case YN_SCALAR:
		if (cv_yn_is_null(n) || !n->len)
			return;
		if (in(key, date_keys))
			expect_date(c, n->value, n, path);
		else if (in(key, url_keys))
			expect_uri(c, n->value, n, path);
		else if (!strcmp(key ? key : "", "phone"))
			expect_phone(c, n->value, n, path);
		else
			expect_text(c, translated(c, key, n->value), n, path);
		return;
	case YN_SEQ:
		for (size_t i = 0; i < n->n; i++) {
			CV_PATHF(p, "%s[%zu]", path, i);
			walk(c, n->items[i], key, p);
		}
		return;
	case YN_MAP:
		for (size_t i = 0; i < n->n; i++) {
			const char *k = n->keys[i]->value;
			if (in(k, skip_keys))
				continue;
			CV_PATHF(p, "%s%s%s", path, *path ? "." : "", k);
			walk(c, n->items[i], k, p);
			/* A section title the author wrote (native) is text too; RenderCV turns snake_case
			 * keys into Title Case words, so compare without case and with spaces (a key with a
			 * space or a capital stays as written). */
			if (!strcmp(key ? key : "", "sections")) {
				bool as_written = strchr(k, ' ');
				for (const char *u = k; *u; u++)
					as_written = as_written || (*u >= 'A' && *u <= 'Z');
				char *t = lower(cv_arena_strdup(c->arena, k));
				for (char *u = t; *u && !as_written; u++)
					if (*u == '_')
						*u = ' ';
				squeeze(t);
				c->checked++;
				if (!strstr(c->lower, t)) {
					c->missing++;
					fprintf(stderr, "%d:%d: section title \"%s\" is not in the PDF's text\n", n->keys[i]->span.line,
						n->keys[i]->span.col, k);
				}
			}
		}
		return;
	}
}

/* Checks one document: 0 when every field shows, else 1. */
static int check_one(const char *path, const char *text_path, const char *uris_path)
{
	char *input = read_all(path, NULL);
	size_t n_uris;
	char *uris = read_all(uris_path, &n_uris);
	if (!strncmp(uris, "%PDF", 4)) {
		char *pdf = uris;
		uris = link_targets(pdf, n_uris);
		free(pdf);
	}
	check c = {.text = read_all(text_path, NULL), .uris = uris, .arena = cv_arena_new()};
	drop_page_numbers(c.text);
	squeeze(c.text);
	c.lower = lower(cv_xstrdup(c.text));
	cv_diags *d = cv_diags_new();
	/* The document's language decides how dates are written: load it as cv2pdf does. */
	cv_doc *doc = cv_load_ex(&(cv_source){path, input, strlen(input)},
				  &(cv_load_opts){.theme_dir = CV2PDF_TEST_THEME_DIR}, d); /* as the program finds them */
	const char *file = cv_diags_add_source(d, path, input, strlen(input));
	ynode *root = cv_yaml_parse(cv_diags_source(d, file), input, c.arena, d);
	int status = 1;
	if (!doc || !root) {
		cv_diags_print(d, stderr, false, true);
	} else {
		c.loc = &doc->locale;
		walk(&c, root, NULL, "");
		printf("%s: %d fields checked, %d missing\n", path, c.checked, c.missing);
		status = c.missing || !c.checked ? 1 : 0;
	}
	cv_doc_free(doc);
	cv_diags_free(d);
	cv_arena_free(c.arena);
	free(input);
	free(c.text);
	free(c.lower);
	free(c.uris);
	return status;
}

int main(int argc, char **argv)
{
	if (argc < 4 || (argc - 1) % 3) {
		fprintf(stderr, "usage: fieldcheck INPUT PDF_TEXT PDF_URIS [INPUT PDF_TEXT PDF_URIS]...\n");
		return 2;
	}
	int status = 0;
	for (int i = 1; i < argc; i += 3)
		status |= check_one(argv[i], argv[i + 1], argv[i + 2]);
	return status;
}
