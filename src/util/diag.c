/* Diagnostics: collect them with their spans, print them as file:line:col with the source line and
 * carets under the fault.
 * It never exits or prints on its own: main decides when and where diagnostics go.
 * SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/diag.h"
#include "cv2pdf/util.h"

/* Characters of a source line shown in an excerpt: a terminal's width and a half. */
#define EXCERPT_MAX_COLS 120

struct cv_diags {
	cv_diag *items;
	size_t n, cap;
	size_t errors;  /* including those past CV_DIAG_MAX */
	size_t others;  /* warnings and notes, including those past CV_DIAG_MAX */
	size_t dropped; /* errors not stored */
	size_t dropped_others; /* warnings and notes not stored */
	cv_srcfile **sources; /* one reference each, in the order registered */
	size_t n_sources, cap_sources;
};

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
	for (size_t i = 0; i < d->n_sources; i++)
		cv_srcfile_release(d->sources[i]);
	free(d->sources);
	free(d);
}

const char *cv_diags_add_srcfile(cv_diags *d, cv_srcfile *f)
{
	*CV_PUSH(d->sources, d->n_sources, d->cap_sources) = cv_srcfile_retain(f);
	return cv_srcfile_name(f);
}

const char *cv_diags_add_source(cv_diags *d, const char *name, const char *text, size_t len)
{
	cv_srcfile *f = cv_srcfile_new(name, text, len);
	*CV_PUSH(d->sources, d->n_sources, d->cap_sources) = f; /* d holds the one reference */
	return cv_srcfile_name(f);
}

/* The index of the source a span's file names: the one registered under that very pointer (several
 * --set arguments share the name "--set"), else the first of that name; d->n_sources when none. */
static size_t source_index(const cv_diags *d, const char *file)
{
	for (size_t i = 0; i < d->n_sources; i++)
		if (cv_srcfile_name(d->sources[i]) == file)
			return i;
	for (size_t i = 0; file && i < d->n_sources; i++)
		if (strcmp(cv_srcfile_name(d->sources[i]), file) == 0)
			return i;
	return d->n_sources;
}

const cv_srcfile *cv_diags_source(const cv_diags *d, const char *file)
{
	size_t i = source_index(d, file);
	return i < d->n_sources ? d->sources[i] : NULL;
}

/* A C0 or C1 control character, DEL, or (as cv_utf8_next reports it) an invalid byte: never sent to
 * the terminal as it is, so that a file cannot move the cursor or retitle the window through a message
 * that quotes it. */
static bool unprintable(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0xFFFD;
}

/* Messages quote values from the file: replaces unprintable characters with U+FFFD and, when the
 * message is longer than CV_DIAG_MAX_MESSAGE bytes (a quoted 200 KB scalar is no help to anyone), keeps
 * its first and last halves, cut at character boundaries, with "…" between them. The middle goes, not
 * the end, because the end of a message is where it says what to do (a flag to pass, a key to use).
 * Returns a new malloc'd string. */
static char *clean_message(const char *msg)
{
	size_t n = strlen(msg), w = 0;
	char *out = cv_xmalloc(3 * n + 1); /* each byte becomes at most one U+FFFD */
	for (size_t i = 0; i < n;) {
		size_t at = i;
		uint32_t cp = cv_utf8_next(msg, n, &i);
		bool bad = unprintable(cp) && !(cp == 0xFFFD && i - at == 3);
		size_t len = bad ? 3 : i - at;
		memcpy(out + w, bad ? "\xEF\xBF\xBD" : msg + at, len);
		w += len;
	}
	out[w] = '\0';
	if (w <= CV_DIAG_MAX_MESSAGE)
		return out;
	size_t head = CV_DIAG_MAX_MESSAGE / 2, tail = w - CV_DIAG_MAX_MESSAGE / 2;
	while (head > 0 && (out[head] & 0xC0) == 0x80)
		head--;
	while (tail < w && (out[tail] & 0xC0) == 0x80)
		tail++;
	memcpy(out + head, "\xE2\x80\xA6", 3); /* … */
	memmove(out + head + 3, out + tail, w - tail + 1);
	return out;
}

void cv_diag_add(cv_diags *d, cv_severity sev, const char *code, cv_span span, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cv_diag_vadd(d, sev, code, span, fmt, ap);
	va_end(ap);
}

void cv_diag_vadd(cv_diags *d, cv_severity sev, const char *code, cv_span span, const char *fmt, va_list ap)
{
	if (!d)
		return; /* a caller that cannot fail (page numbers) passes no collection */
	if (sev == CV_ERROR) {
		d->errors++;
		if (d->errors > CV_DIAG_MAX) {
			d->dropped++;
			return;
		}
	} else if (++d->others > CV_DIAG_MAX) {
		/* Warnings are capped too: a generated file with 100,000 unknown keys must not print 100,000
		 * excerpts (each one a scan of the source). */
		d->dropped_others++;
		return;
	}
	va_list again;
	va_copy(again, ap);
	int n = vsnprintf(NULL, 0, fmt, again);
	va_end(again);
	char *raw = cv_xmalloc(n > 0 ? (size_t)n + 1 : 1);
	vsnprintf(raw, n > 0 ? (size_t)n + 1 : 1, fmt, ap);
	char *msg = clean_message(raw);
	free(raw);
	cv_diag *it = CV_PUSH(d->items, d->n, d->cap);
	it->severity = sev;
	it->code = code;
	it->span = span;
	it->message = msg;
}

void cv_diags_inherit(cv_diags *d, const cv_diags *from)
{
	if (!d)
		return; /* as cv_diag_add: a caller that cannot fail passes no collection */
	for (size_t i = 0; i < from->n_sources; i++)
		cv_diags_add_srcfile(d, from->sources[i]);
	for (size_t i = 0; i < from->n; i++) {
		cv_diag *it = CV_PUSH(d->items, d->n, d->cap);
		*it = from->items[i];
		it->message = cv_xstrdup(from->items[i].message);
	}
	d->errors += from->errors;
	d->others += from->others;
	d->dropped += from->dropped;
	d->dropped_others += from->dropped_others;
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

static bool same_file(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static bool same_diag(const cv_diag *a, const cv_diag *b)
{
	return a->severity == b->severity && same_file(a->code, b->code) && same_file(a->span.file, b->span.file) &&
	       a->span.line == b->span.line && a->span.col == b->span.col && strcmp(a->message, b->message) == 0;
}

void cv_diags_drop_seen(cv_diags *d, const cv_diags *seen)
{
	size_t kept = 0;
	for (size_t i = 0; i < d->n; i++) {
		bool dup = false;
		for (size_t k = 0; k < seen->n && !dup; k++)
			dup = same_diag(&d->items[i], &seen->items[k]);
		if (dup)
			free(d->items[i].message);
		else
			d->items[kept++] = d->items[i];
	}
	d->n = kept;
}

/* The rank of a file name in the order sources were registered; unregistered names after them and
 * no name at all last. */
static size_t source_rank(const cv_diags *d, const char *name)
{
	return name ? source_index(d, name) : (size_t)-1;
}

typedef struct sort_key {
	size_t rank, order;
	int line, col;
} sort_key;

static int compare_keys(const void *pa, const void *pb)
{
	const sort_key *a = pa, *b = pb;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

void cv_diags_sort(cv_diags *d)
{
	if (d->n < 2)
		return;
	sort_key *keys = cv_xmalloc(d->n * sizeof *keys);
	for (size_t i = 0; i < d->n; i++)
		keys[i] = (sort_key){source_rank(d, d->items[i].span.file), i, d->items[i].span.line, d->items[i].span.col};
	qsort(keys, d->n, sizeof *keys, compare_keys);
	cv_diag *sorted = cv_xmalloc(d->n * sizeof *sorted);
	for (size_t i = 0; i < d->n; i++)
		sorted[i] = d->items[keys[i].order];
	memcpy(d->items, sorted, d->n * sizeof *sorted);
	free(sorted);
	free(keys);
}

static bool is_wide(uint32_t cp)
{
	return cp >= 0x1100 && (cp <= 0x115F || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
				(cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
				(cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || cp >= 0x20000);
}

/* Prints line `line` (1-based) of src and a caret line under columns col..end_col. Columns count
 * characters, not bytes, so the carets line up under Chinese text in a terminal only approximately
 * (wide characters take two cells); we emit two carets for wide characters to keep them aligned.
 * A line longer than EXCERPT_MAX_COLS is shown as a window around the span, between "..." marks
 * (minified JSON is one line of megabytes); unprintable characters are shown as U+FFFD. */
static void print_excerpt(FILE *out, const cv_srcfile *src, const cv_span *sp, bool color)
{
	size_t start, n;
	if (!cv_srcfile_line(src, sp->line, &start, &n))
		return;
	const char *p = cv_srcfile_text(src, NULL) + start;
	int from = sp->col > EXCERPT_MAX_COLS / 2 ? sp->col - EXCERPT_MAX_COLS / 4 : 1;
	int to = from + EXCERPT_MAX_COLS - 1;
	int gutter = snprintf(NULL, 0, "%5d", sp->line); /* wider for line 100000 and beyond */
	fprintf(out, "%5d | %s", sp->line, from > 1 ? "..." : "");
	size_t i = 0;
	int cols = 0; /* characters in the line */
	while (i < n) {
		size_t at = i;
		uint32_t cp = cv_utf8_next(p, n, &i);
		if (++cols > to) {
			fputs("...", out);
			break;
		}
		if (cols < from)
			continue;
		if (unprintable(cp) && cp != '\t' && !(cp == 0xFFFD && i - at == 3))
			fputs("\xEF\xBF\xBD", out);
		else
			fwrite(p + at, 1, i - at, out);
	}
	fprintf(out, "\n%*s | %s", gutter, "", from > 1 ? "   " : "");
	int last = (sp->end_line == sp->line && sp->end_col >= sp->col) ? sp->end_col : sp->col;
	if (last > to)
		last = to;
	if (color)
		fputs("\033[1;32m", out);
	i = 0;
	for (int col = 1; i < n && col <= last; col++) {
		size_t at = i;
		uint32_t cp = cv_utf8_next(p, n, &i);
		if (col < from)
			continue;
		const char *mark = col < sp->col ? (p[at] == '\t' ? "\t" : " ") : "^";
		fputs(mark, out);
		if (is_wide(cp))
			fputs(mark, out);
	}
	if (sp->col > 0 && sp->col > cols)
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
		if (!sp->file && it->severity == CV_NOTE)
			fprintf(out, "%s%s\n", it->message, color ? "\033[0m" : ""); /* a status line */
		else if (color)
			fprintf(out, "%s%s:\033[0m\033[1m %s\033[0m\n", colors[it->severity], names[it->severity],
				it->message);
		else
			fprintf(out, "%s: %s\n", names[it->severity], it->message);
		const cv_srcfile *src = sp->line > 0 ? cv_diags_source(d, sp->file) : NULL;
		if (src)
			print_excerpt(out, src, sp, color);
	}
	if (d->dropped)
		fprintf(out, "cv2pdf: %zu more error%s not shown\n", d->dropped, d->dropped == 1 ? "" : "s");
	if (d->dropped_others && !errors_only)
		fprintf(out, "cv2pdf: %zu more warning%s not shown\n", d->dropped_others,
			d->dropped_others == 1 ? "" : "s");
}
