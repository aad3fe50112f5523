/* Diagnostics: collect them with their spans, print them as file:line:col with the source line and
 * carets under the fault, and translate CV_E* codes to text.
 * It never exits or prints on its own: main decides when and where diagnostics go.
 * SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/diag.h"
#include "cv2pdf/util.h"

typedef struct source {
	char *name;
	char *text;
	size_t len;
} source;

struct cv_diags {
	cv_diag *items;
	size_t n, cap;
	size_t errors;  /* including those past CV_DIAG_MAX */
	size_t dropped; /* errors not stored */
	source *sources;
	size_t n_sources, cap_sources;
};

const char *cv_strerror(int code)
{
	switch (code) {
	case CV_OK: return "success";
	case CV_EINPUT: return "invalid input";
	case CV_EIO: return "input/output error";
	case CV_EFONT: return "font error";
	case CV_EPDF: return "PDF writer error";
	case CV_ELIMIT: return "limit exceeded";
	case CV_EINTERNAL: return "internal error";
	default: return "unknown error";
	}
}

cv_diags *cv_diags_new(void)
{
	return cv_xcalloc(1, sizeof(cv_diags));
}

void cv_diags_free(cv_diags *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++)
		free(d->items[i].message);
	free(d->items);
	for (size_t i = 0; i < d->n_sources; i++) {
		free(d->sources[i].name);
		free(d->sources[i].text);
	}
	free(d->sources);
	free(d);
}

const char *cv_diags_add_source(cv_diags *d, const char *name, const char *text, size_t len)
{
	source *s = CV_PUSH(d->sources, d->n_sources, d->cap_sources);
	s->name = cv_xstrdup(name);
	s->text = cv_xmalloc(len + 1);
	memcpy(s->text, text, len);
	s->text[len] = '\0';
	s->len = len;
	return s->name;
}

void cv_diag_add(cv_diags *d, cv_severity sev, const char *code, cv_span span, const char *fmt, ...)
{
	if (!d)
		return; /* a caller that cannot fail (page numbers) passes no collection */
	if (sev == CV_ERROR) {
		d->errors++;
		if (d->errors > CV_DIAG_MAX) {
			d->dropped++;
			return;
		}
	}
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *msg = cv_xmalloc(n > 0 ? (size_t)n + 1 : 1);
	va_start(ap, fmt);
	vsnprintf(msg, n > 0 ? (size_t)n + 1 : 1, fmt, ap);
	va_end(ap);
	cv_diag *it = CV_PUSH(d->items, d->n, d->cap);
	it->severity = sev;
	it->code = code;
	it->span = span;
	it->message = msg;
}

size_t cv_diags_count(const cv_diags *d)
{
	return d->n;
}

size_t cv_diags_errors(const cv_diags *d)
{
	return d->errors;
}

const cv_diag *cv_diags_at(const cv_diags *d, size_t i)
{
	return i < d->n ? &d->items[i] : NULL;
}

static const source *find_source(const cv_diags *d, const char *name)
{
	for (size_t i = 0; i < d->n_sources; i++)
		if (d->sources[i].name == name || (name && strcmp(d->sources[i].name, name) == 0))
			return &d->sources[i];
	return NULL;
}

/* Prints line `line` (1-based) of src and a caret line under columns col..end_col. Columns count
 * characters, not bytes, so the carets line up under Chinese text in a terminal only approximately
 * (wide characters take two cells); we emit two carets for wide characters to keep them aligned. */
static void print_excerpt(FILE *out, const source *src, const cv_span *sp, bool color)
{
	const char *p = src->text, *end = src->text + src->len;
	for (int l = 1; l < sp->line && p < end; l++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return;
		p = nl + 1;
	}
	const char *eol = memchr(p, '\n', (size_t)(end - p));
	if (!eol)
		eol = end;
	size_t n = (size_t)(eol - p);
	if (n && p[n - 1] == '\r')
		n--;
	fprintf(out, "%5d | %.*s\n      | ", sp->line, (int)n, p);
	int last = (sp->end_line == sp->line && sp->end_col >= sp->col) ? sp->end_col : sp->col;
	if (color)
		fputs("\033[1;32m", out);
	size_t i = 0;
	for (int col = 1; i < n && col <= last; col++) {
		size_t at = i;
		uint32_t cp = cv_utf8_next(p, n, &i);
		bool wide = cp >= 0x1100 && (cp <= 0x115F || (cp >= 0x2E80 && cp <= 0xA4CF) ||
					     (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
					     (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
					     (cp >= 0xFFE0 && cp <= 0xFFE6) || cp >= 0x20000);
		const char *mark = col < sp->col ? (p[at] == '\t' ? "\t" : " ") : "^";
		fputs(mark, out);
		if (wide)
			fputs(mark, out);
	}
	if (sp->col > 0 && (size_t)sp->col > n)
		fputc('^', out);
	if (color)
		fputs("\033[0m", out);
	fputc('\n', out);
}

void cv_diags_print(const cv_diags *d, FILE *out, bool color, bool errors_only)
{
	static const char *names[] = {"note", "warning", "error"};
	static const char *colors[] = {"\033[1;36m", "\033[1;35m", "\033[1;31m"};
	for (size_t i = 0; i < d->n; i++) {
		const cv_diag *it = &d->items[i];
		const cv_span *sp = &it->span;
		if (errors_only && it->severity != CV_ERROR)
			continue;
		if (color)
			fputs("\033[1m", out);
		if (sp->file && sp->line > 0)
			fprintf(out, "%s:%d:%d: ", sp->file, sp->line, sp->col);
		else if (sp->file)
			fprintf(out, "%s: ", sp->file);
		else
			fputs("cv2pdf: ", out);
		if (color)
			fprintf(out, "%s%s:\033[0m\033[1m %s\033[0m\n", colors[it->severity], names[it->severity],
				it->message);
		else
			fprintf(out, "%s: %s\n", names[it->severity], it->message);
		const source *src = sp->line > 0 ? find_source(d, sp->file) : NULL;
		if (src)
			print_excerpt(out, src, sp, color);
	}
	if (d->dropped)
		fprintf(out, "cv2pdf: %zu more error%s not shown\n", d->dropped, d->dropped == 1 ? "" : "s");
}
