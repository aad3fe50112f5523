/* The export stage's entry: the table of output formats, the growing text the emitters write into,
 * inline markup as pieces with checked links, and cv_export, which runs the walk with the format's
 * emitter. It never lays out pages.
 * SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cv2pdf/util.h"
#include "export_internal.h"

/* Each format's names (the first is its extension) and emitter. */
static const struct {
	const char *names[3];
	const cv_emitter *em;
} formats[CV_FORMAT_COUNT] = {
	[CV_FORMAT_PDF] = {{"pdf", NULL, NULL}, NULL},
	[CV_FORMAT_TXT] = {{"txt", "text", NULL}, &cv_emit_txt},
	[CV_FORMAT_MD] = {{"md", "markdown", NULL}, &cv_emit_md},
	[CV_FORMAT_HTML] = {{"html", "htm", NULL}, &cv_emit_html},
};

bool cv_format_find(const char *name, cv_format *out)
{
	for (int f = 0; f < CV_FORMAT_COUNT; f++)
		for (int k = 0; k < 3 && formats[f].names[k]; k++)
			if (strcasecmp(name, formats[f].names[k]) == 0) {
				*out = (cv_format)f;
				return true;
			}
	return false;
}

bool cv_format_of_path(const char *path, cv_format *out)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(path, '.');
	if (!dot || (slash && dot < slash) || dot == path || dot[-1] == '/')
		return false;
	return cv_format_find(dot + 1, out);
}

const char *cv_format_ext(cv_format f)
{
	return formats[f].names[0];
}

/* ---- A growing text ---- */

void cv_xb_put(xbuf *b, const char *s, size_t n)
{
	cv_grow((void **)&b->s, &b->cap, b->n + n + 1, 1);
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

void cv_xb_puts(xbuf *b, const char *s)
{
	cv_xb_put(b, s, strlen(s));
}

void cv_xb_printf(xbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int need = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	cv_grow((void **)&b->s, &b->cap, b->n + (size_t)need + 1, 1);
	va_start(ap, fmt);
	vsnprintf(b->s + b->n, (size_t)need + 1, fmt, ap);
	va_end(ap);
	b->n += (size_t)need;
}

void cv_xb_free(xbuf *b)
{
	free(b->s);
	*b = (xbuf){0};
}

/* ---- Inline pieces ---- */

static void pieces_from(xw *w, cv_span span)
{
	w->n_pieces = 0;
	/* The pieces of one link share its URI: it is checked once, and warned about once. */
	const char *src = NULL, *checked = NULL;
	for (size_t i = 0; i < w->n_mp; i++) {
		const cv_mpiece *p = &w->mp[i];
		if (p->link && p->link != src) {
			src = p->link;
			checked = cv_present_link(p->link, span, w->a, w->d);
		}
		xpiece *x = CV_PUSH(w->pieces, w->n_pieces, w->cap_pieces);
		*x = (xpiece){p->text, p->len, p->style, p->link ? checked : NULL, false, false};
	}
	for (size_t i = 0; i < w->n_pieces; i++) {
		xpiece *x = &w->pieces[i];
		const char *raw = w->mp[i].link;
		x->link_start = raw && (i == 0 || w->mp[i - 1].link != raw);
		x->link_end = raw && (i + 1 == w->n_pieces || w->mp[i + 1].link != raw);
	}
}

void cv_xw_inline(xw *w, const cv_str *s)
{
	w->n_mp = 0;
	if (s && s->s)
		cv_markup_parse(s->s, strlen(s->s), w->a, &w->mp, &w->n_mp, &w->cap_mp);
	pieces_from(w, s ? s->span : (cv_span){0});
}

bool cv_export_letter_view(const cv_doc *doc, int year, int month, int day, cv_arena *a, cv_letter_view *out,
			   cv_diags *d)
{
	if (!doc->letter.present) {
		cv_diag_add(d, CV_ERROR, "no-letter", (cv_span){doc->source_name, 0, 0, 0, 0},
			    "the document has no letter: add a top-level \"letter\" (recipient, company, subject, "
			    "body, ...)");
		return false;
	}
	cv_present_letter(doc, year, month, day, a, out);
	return true;
}

int cv_export(const cv_doc *doc, cv_format f, const cv_export_opts *o, char **out, size_t *len, cv_diags *d)
{
	*out = NULL;
	*len = 0;
	if (f <= CV_FORMAT_PDF || f >= CV_FORMAT_COUNT)
		return CV_EINTERNAL;
	cv_letter_view lv;
	cv_arena *a = cv_arena_new();
	if (o->letter && !cv_export_letter_view(doc, o->year, o->month, o->day, a, &lv, d)) {
		cv_arena_free(a);
		return CV_EINPUT;
	}
	xw w = {.em = formats[f].em, .doc = doc, .o = o, .letter = o->letter ? &lv : NULL, .a = a, .d = d,
		.last_part = -1};
	cv_export_walk(&w);
	cv_xb_put(&w.out, "", 0);
	*out = w.out.s;
	*len = w.out.n;
	free(w.pieces);
	free(w.mp);
	cv_arena_free(a);
	return CV_OK;
}
