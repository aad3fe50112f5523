/* HTML: one self-contained page (inline CSS, no script, nothing fetched) with semantic markup: the
 * header in <header> (<h1>, the contacts as a list), each section a <section> with an <h2>, each entry
 * an <article> whose title row carries its dates in <time datetime>, lists as <ul> and <ol>. The
 * design's colours, fonts (with generic fallbacks), type size, page size and margins go into the
 * style sheet, with a print style sheet that sets the page as the PDF does. The page's lang is the
 * document's; runs of Han characters in a document in another language carry lang="zh", so a browser
 * picks Chinese glyphs for them. The walk's order is the PDF's reading order.
 * SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "cv2pdf/lang.h"
#include "cv2pdf/util.h"
#include "export_internal.h"

/* The faces the PDF uses when the design names none (src/text/fontset.c ships them). */
#define DEFAULT_LATIN "Noto Sans"
#define DEFAULT_CJK "WenQuanYi Micro Hei"

/* Whether the document's language is written in Han (its own lang covers its Han runs). */
static bool cjk_doc(const xw *w)
{
	cv_script s = w->doc->locale.lang->script;
	return s == CV_SCRIPT_HANS || s == CV_SCRIPT_HANT || s == CV_SCRIPT_JAPANESE;
}

/* s[0..n) as HTML text: & < > " escaped; in a document not written in Han, each run of Han characters
 * in a <span lang="zh">. */
static void text(xw *w, xbuf *b, const char *s, size_t n)
{
	bool mark = !cjk_doc(w), in = false;
	for (size_t i = 0; i < n;) {
		size_t at = i;
		uint32_t c = cv_utf8_next(s, n, &i);
		/* Spaces and punctuation between Han characters stay inside the span. */
		bool h = cv_cp_unspaced(c) || (in && (c == ' ' || c == 0xB7));
		if (mark && h != in) {
			cv_xb_puts(b, h ? "<span lang=\"zh\">" : "</span>");
			in = h;
		}
		switch (c) {
		case '&': cv_xb_puts(b, "&amp;"); break;
		case '<': cv_xb_puts(b, "&lt;"); break;
		case '>': cv_xb_puts(b, "&gt;"); break;
		case '"': cv_xb_puts(b, "&quot;"); break;
		default: cv_xb_put(b, s + at, i - at);
		}
	}
	if (in)
		cv_xb_puts(b, "</span>");
}

static void attr(xbuf *b, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '&': cv_xb_puts(b, "&amp;"); break;
		case '<': cv_xb_puts(b, "&lt;"); break;
		case '"': cv_xb_puts(b, "&quot;"); break;
		default: cv_xb_put(b, s, 1);
		}
}

/* The current pieces as inline HTML. */
static void render(xw *w, xbuf *b)
{
	for (size_t i = 0; i < w->n_pieces; i++) {
		const xpiece *p = &w->pieces[i];
		if (p->link_start && p->link) {
			cv_xb_puts(b, "<a href=\"");
			attr(b, p->link);
			cv_xb_puts(b, "\">");
		}
		if (p->style & CV_BOLD)
			cv_xb_puts(b, "<strong>");
		if (p->style & CV_ITALIC)
			cv_xb_puts(b, "<em>");
		if (p->style & CV_CODE)
			cv_xb_puts(b, "<code>");
		text(w, b, p->text, p->len);
		if (p->style & CV_CODE)
			cv_xb_puts(b, "</code>");
		if (p->style & CV_ITALIC)
			cv_xb_puts(b, "</em>");
		if (p->style & CV_BOLD)
			cv_xb_puts(b, "</strong>");
		if (p->link_end && p->link)
			cv_xb_puts(b, "</a>");
	}
}

static void inline_out(xw *w, const cv_str *s)
{
	cv_xw_inline(w, s);
	render(w, &w->out);
}

/* An element holding s's inline markup: <tag class="cls">...</tag> and a line break. */
static void element(xw *w, const char *tag, const char *cls, const cv_str *s)
{
	cv_xb_printf(&w->out, cls ? "<%s class=\"%s\">" : "<%s>", tag, cls);
	inline_out(w, s);
	cv_xb_printf(&w->out, "</%s>\n", tag);
}

static void hex(xbuf *b, unsigned c)
{
	cv_xb_printf(b, "#%06x", c & 0xFFFFFFu);
}

/* A font-family list: the design's family (several for the CJK one: "Noto Serif CJK SC, HanaMinB")
 * quoted, a font file left out (a page cannot load it), then a generic family. */
static void families(xbuf *b, const char *list, const char *dflt)
{
	const char *s = list ? list : dflt;
	while (*s) {
		size_t n = strcspn(s, ",");
		size_t lead = strspn(s, " ");
		size_t len = n - lead;
		while (len && s[lead + len - 1] == ' ')
			len--;
		const char *f = s + lead;
		bool file = memchr(f, '/', len) || (len > 4 && (!strncmp(f + len - 4, ".ttf", 4) || !strncmp(f + len - 4, ".otf", 4) ||
							     !strncmp(f + len - 4, ".ttc", 4)));
		if (len && !file && !memchr(f, '"', len) && !memchr(f, '<', len))
			cv_xb_printf(b, "\"%.*s\", ", (int)len, f);
		s += n + (s[n] == ',');
	}
}

static void style(xw *w)
{
	const cv_design *ds = &w->doc->design;
	xbuf *b = &w->out;
	unsigned name = ds->color_name != CV_COLOR_UNSET ? ds->color_name : ds->color_primary;
	unsigned heads = ds->color_headings != CV_COLOR_UNSET ? ds->color_headings : ds->color_primary;
	cv_xb_puts(b, "<style>\n:root {\n  --primary: ");
	hex(b, ds->color_primary);
	cv_xb_puts(b, ";\n  --text: ");
	hex(b, ds->color_text);
	cv_xb_puts(b, ";\n  --link: ");
	hex(b, ds->color_link);
	cv_xb_puts(b, ";\n  --name: ");
	hex(b, name);
	cv_xb_puts(b, ";\n  --headings: ");
	hex(b, heads);
	cv_xb_puts(b, ";\n}\nbody {\n  font-family: ");
	families(b, ds->font_family.s, DEFAULT_LATIN);
	families(b, ds->cjk_font_family.s, DEFAULT_CJK);
	bool serif = ds->font_family.s && strstr(ds->font_family.s, "Serif");
	cv_xb_printf(b, "%s;\n", serif ? "serif" : "sans-serif");
	cv_xb_printf(b, "  font-size: %.1fpt;\n  line-height: %.2f;\n", (double)ds->font_size, (double)ds->line_spacing);
	cv_xb_printf(b, "  color: var(--text);\n  max-width: %.0fpt;\n  margin: 2em auto;\n  padding: 0 1.5em;\n}\n",
		  (double)(ds->page_width - ds->margin_left - ds->margin_right));
	cv_xb_printf(b, "h1 { color: var(--name); font-size: %.1fpt; margin: 0; }\n", (double)ds->name_size);
	cv_xb_printf(b, "h2 { color: var(--headings); font-size: %.1fpt; margin: 1.2em 0 0.4em; ", (double)ds->heading_size);
	cv_xb_puts(b, ds->title_style == CV_TITLE_NO_LINE ? "}\n" : "border-bottom: 0.6pt solid var(--headings); }\n");
	/* An entry's title is set in normal weight: its markup says what is bold ("**Company**, Position"),
	 * as in the PDF. */
	cv_xb_puts(b, "h3, h4, h5, h6 { font-size: 1.02em; font-weight: normal; margin: 0; }\n"
		   "header { text-align: center; margin-bottom: 1em; }\n"
		   "header p { margin: 0.2em 0; }\n"
		   ".headline { font-size: 1.1em; }\n"
		   ".contacts { list-style: none; padding: 0; margin: 0.3em 0; }\n"
		   ".contacts li { display: inline; }\n"
		   ".contacts li + li::before { content: \"  |  \"; white-space: pre; color: #888; }\n"
		   "a { color: var(--link); text-decoration: none; }\n"
		   "article { margin: 0.75em 0; }\n"
		   ".row { display: flex; justify-content: space-between; gap: 1.2em; }\n"
		   ".row p { margin: 0; }\n"
		   ".when { text-align: right; white-space: nowrap; }\n"
		   "p { margin: 0.3em 0; }\n"
		   "ul, ol { margin: 0.2em 0; padding-left: 1.4em; }\n"
		   "li::marker { color: var(--primary); }\n"
		   "ol > li::marker { color: var(--text); }\n");
	cv_xb_printf(b, "main > p, article > p, section > p { text-align: %s; }\n",
		  ds->align == CV_ALIGN_JUSTIFY ? "justify" : "left");
	cv_xb_puts(b, ".letter p { margin: 0.8em 0; }\n"
		   ".letter .subject { font-weight: bold; }\n"
		   ".letter .lines p, .letter p.closing + p.closing { margin: 0; }\n"
		   ".letter.zh .subject { text-align: center; font-size: 1.2em; }\n"
		   ".letter.zh p { margin: 0; }\n"
		   ".letter.zh .body, .letter.zh .closing { text-indent: 2em; }\n"
		   ".letter.zh .flush { text-indent: 0; }\n"
		   ".letter.zh .signature { margin-top: 1.5em; }\n"
		   ".letter.zh .signature, .letter.zh .date { text-align: right; }\n"
		   ".letter .signature { margin-top: 0.3em; }\n");
	/* Printed, the page is the PDF's: its size and margins, colours as they are, no page break inside
	 * an entry's title block or after a heading. */
	cv_xb_printf(b, "@page { size: %.2fpt %.2fpt; margin: %.1fpt %.1fpt %.1fpt %.1fpt; }\n", (double)ds->page_width,
		  (double)ds->page_height, (double)ds->margin_top, (double)ds->margin_right, (double)ds->margin_bottom,
		  (double)ds->margin_left);
	cv_xb_puts(b, "@media print {\n"
		   "  body { max-width: none; margin: 0; padding: 0; print-color-adjust: exact; -webkit-print-color-adjust: exact; }\n"
		   "  h2, h3, .row { break-after: avoid; }\n"
		   "  .row, li { break-inside: avoid; }\n"
		   "}\n</style>\n");
}

static void html_begin(xw *w)
{
	const cv_doc *doc = w->doc;
	xbuf *b = &w->out;
	cv_xb_puts(b, "<!DOCTYPE html>\n<html lang=\"");
	attr(b, doc->locale.tag);
	cv_xb_puts(b, "\">\n<head>\n<meta charset=\"utf-8\">\n"
		   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
	if (w->o->generator) {
		cv_xb_puts(b, "<meta name=\"generator\" content=\"");
		attr(b, w->o->generator);
		cv_xb_puts(b, "\">\n");
	}
	cv_xb_puts(b, "<title>");
	const char *name = doc->name.s ? cv_markup_strip(doc->name.s, w->a) : "";
	const char *what = w->letter ? (w->letter->subject.s ? cv_markup_strip(w->letter->subject.s, w->a) : NULL)
				     : doc->locale.lang->terms[CV_W_CV];
	if (doc->design.pdf_title.s && !w->letter)
		text(w, b, cv_markup_strip(doc->design.pdf_title.s, w->a), strlen(cv_markup_strip(doc->design.pdf_title.s, w->a)));
	else {
		text(w, b, name, strlen(name));
		if (what) {
			cv_xb_puts(b, *name ? " — " : "");
			text(w, b, what, strlen(what));
		}
	}
	cv_xb_puts(b, "</title>\n");
	if (doc->name.s) {
		cv_xb_puts(b, "<meta name=\"author\" content=\"");
		attr(b, name);
		cv_xb_puts(b, "\">\n");
	}
	style(w);
	cv_xb_puts(b, "</head>\n<body>\n");
}

static const char *const contact_class[] = {"location", "email", "phone", "website", "social", "other"};

static void html_header(xw *w, const cv_str *name, const cv_str *headline, const cv_contact *c, size_t n)
{
	cv_xb_puts(&w->out, "<header>\n");
	if (name->s)
		element(w, "h1", NULL, name);
	if (headline->s)
		element(w, "p", "headline", headline);
	if (n) {
		cv_xb_puts(&w->out, "<ul class=\"contacts\">\n");
		for (size_t i = 0; i < n; i++) {
			cv_xb_printf(&w->out, "<li class=\"%s\">", contact_class[c[i].kind]);
			if (c[i].link) {
				cv_xb_puts(&w->out, "<a href=\"");
				attr(&w->out, c[i].link);
				cv_xb_puts(&w->out, "\">");
			}
			text(w, &w->out, c[i].text, strlen(c[i].text));
			cv_xb_puts(&w->out, c[i].link ? "</a></li>\n" : "</li>\n");
		}
		cv_xb_puts(&w->out, "</ul>\n");
	}
	cv_xb_puts(&w->out, "</header>\n");
	cv_xb_puts(&w->out, w->letter ? (w->letter->chinese ? "<main class=\"letter zh\">\n" : "<main class=\"letter\">\n")
				   : "<main>\n");
}

static void html_section(xw *w, const cv_str *title, int level)
{
	cv_xb_puts(&w->out, "<section>\n");
	element(w, level == 0 ? "h2" : "h3", NULL, title);
}

static void html_section_end(xw *w, int level)
{
	(void)level;
	cv_xb_puts(&w->out, "</section>\n");
}

/* The dates: each end in <time datetime> when cv2pdf wrote it from a date. */
static void when(xw *w, const xentry *e)
{
	if (!e->start_text) {
		cv_xw_inline(w, &(cv_str){e->dates, e->e->span});
		render(w, &w->out);
		return;
	}
	const char *ends[2] = {e->start_text, e->end_text};
	const char *isos[2] = {e->start_iso, e->end_iso};
	for (int k = 0; k < 2 && ends[k]; k++) {
		if (k)
			text(w, &w->out, w->doc->locale.words.range, strlen(w->doc->locale.words.range));
		if (*isos[k])
			cv_xb_printf(&w->out, "<time datetime=\"%s\">", isos[k]);
		text(w, &w->out, ends[k], strlen(ends[k]));
		if (*isos[k])
			cv_xb_puts(&w->out, "</time>");
	}
}

static void html_entry(xw *w, const xentry *e)
{
	int h = e->level + 1 < 6 ? e->level + 1 : 6;
	cv_xb_puts(&w->out, "<article>\n");
	/* As in the PDF: the title with the side columns at its right (the degree, the place, the dates
	 * with each end in <time>, the time span), one line each. */
	if (!e->title && !e->n_column)
		return;
	cv_xb_puts(&w->out, "<div class=\"row\">");
	if (e->title) {
		cv_xb_printf(&w->out, "<h%d>", h);
		inline_out(w, &(cv_str){e->title, e->e->span});
		cv_xb_printf(&w->out, "</h%d>", h);
	}
	if (e->n_column) {
		cv_xb_puts(&w->out, "<p class=\"when\">");
		for (size_t i = 0; i < e->n_column; i++) {
			cv_xb_puts(&w->out, i ? "<br>" : "");
			if (e->dates && !strcmp(e->column[i], e->dates)) {
				when(w, e);
			} else if (e->duration && !strcmp(e->column[i], e->duration)) {
				cv_xb_puts(&w->out, "<span class=\"duration\">");
				inline_out(w, &(cv_str){e->column[i], e->column_spans[i]});
				cv_xb_puts(&w->out, "</span>");
			} else {
				inline_out(w, &(cv_str){e->column[i], e->column_spans[i]});
			}
		}
		cv_xb_puts(&w->out, "</p>");
	}
	cv_xb_puts(&w->out, "</div>\n");
}

static void html_entry_end(xw *w)
{
	cv_xb_puts(&w->out, "</article>\n");
}

static void html_para(xw *w, const cv_str *t)
{
	element(w, "p", NULL, t);
}

static void html_line(xw *w, const cv_str *label, const cv_str *details)
{
	cv_xb_puts(&w->out, "<p class=\"line\">");
	if (label->s) {
		cv_xb_puts(&w->out, "<strong>");
		inline_out(w, label);
		const char *sep = w->doc->locale.lang->label_sep;
		size_t n = strlen(sep);
		while (n && sep[n - 1] == ' ')
			n--;
		text(w, &w->out, sep, n);
		cv_xb_puts(&w->out, "</strong>");
		cv_xb_puts(&w->out, sep + n);
	}
	inline_out(w, details);
	cv_xb_puts(&w->out, "</p>\n");
}

static void html_list(xw *w, int numbered, int level)
{
	if (level >= CV_EXPORT_MAX_DEPTH)
		return;
	w->list_kind[level] = numbered;
	w->list_next[level] = 0;
}

static void html_item(xw *w, const cv_str *t, int number, int level)
{
	int kind = w->list_kind[level];
	if (w->list_next[level] == 0) {
		/* The list opens with its first item, so a highlight without text of its own opens none. */
		if (kind < 0)
			cv_xb_printf(&w->out, "<ol reversed start=\"%d\">\n", number);
		else if (kind > 0 && number != 1)
			cv_xb_printf(&w->out, "<ol start=\"%d\">\n", number);
		else
			cv_xb_puts(&w->out, kind ? "<ol>\n" : "<ul>\n");
	}
	w->list_next[level] = number + 1;
	cv_xb_puts(&w->out, "<li>");
	inline_out(w, t);
}

static void html_item_para(xw *w, const cv_str *t, int level)
{
	(void)level;
	cv_xb_puts(&w->out, "\n");
	element(w, "p", NULL, t);
}

static void html_item_end(xw *w, int level)
{
	(void)level;
	cv_xb_puts(&w->out, "</li>\n");
}

static void html_list_end(xw *w, int level)
{
	if (level < CV_EXPORT_MAX_DEPTH && w->list_next[level])
		cv_xb_puts(&w->out, w->list_kind[level] ? "</ol>\n" : "</ul>\n");
	if (level < CV_EXPORT_MAX_DEPTH)
		w->list_next[level] = 0;
}

static void html_letter(xw *w, xletter part, const cv_str *t, const char *iso)
{
	xletter last = (xletter)w->last_part;
	bool lines = part == XL_ADDRESS;
	if (w->last_part == XL_ADDRESS && !lines)
		cv_xb_puts(&w->out, "</div>\n");
	if (lines && last != XL_ADDRESS)
		cv_xb_puts(&w->out, "<div class=\"lines\">\n");
	w->last_part = (int)part;
	static const char *const cls[] = {"date", "to", "subject", "salutation", "body", "closing", "closing flush",
					  "signature"};
	cv_xb_printf(&w->out, "<p class=\"%s\">", cls[part]);
	if (part == XL_DATE && iso && *iso) {
		cv_xb_printf(&w->out, "<time datetime=\"%s\">", iso);
		inline_out(w, t);
		cv_xb_puts(&w->out, "</time>");
	} else {
		inline_out(w, t);
	}
	cv_xb_puts(&w->out, "</p>\n");
}

static void html_end(xw *w)
{
	if (w->last_part == XL_ADDRESS)
		cv_xb_puts(&w->out, "</div>\n");
	cv_xb_puts(&w->out, "</main>\n</body>\n</html>\n");
}

const cv_emitter cv_emit_html = {
	.begin = html_begin,
	.header = html_header,
	.section = html_section,
	.section_end = html_section_end,
	.entry = html_entry,
	.entry_end = html_entry_end,
	.para = html_para,
	.line = html_line,
	.list = html_list,
	.item = html_item,
	.item_para = html_item_para,
	.item_end = html_item_end,
	.list_end = html_list_end,
	.letter = html_letter,
	.end = html_end,
};
