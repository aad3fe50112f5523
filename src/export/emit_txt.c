/* Plain text: what an applicant pastes into a web form or an e-mail. Reading order, one entry per
 * block (a blank line between), bullets as "- ", dates written out, a link as its text followed by
 * its address in angle brackets (unless the text already is the address), section titles underlined.
 * Lines are wrapped at --text-width columns at the text engine's break opportunities (UAX #14 with
 * the CLREQ rules), so Chinese is never given spaces and no line starts with a closing mark; a wide
 * character counts two columns. No markup characters: emphasis is dropped.
 * SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <uniwidth.h>

#include "cv2pdf/text.h"
#include "cv2pdf/util.h"
#include "export_internal.h"

/* Two ideographic spaces: how a Chinese paragraph is indented in plain text. */
#define CJK_INDENT "\u3000\u3000"

/* Columns s[0..n) takes on a terminal: two for a wide (East Asian) character, none for a combining
 * mark. */
static size_t columns(const char *s, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp = cv_utf8_next(s, n, &i);
		int cw = uc_width(cp, "UTF-8");
		w += cw > 0 ? (size_t)cw : 0;
	}
	return w;
}

/* Whether the link's address adds nothing to its text (the text is the address, or the address
 * without its scheme: an e-mail address, a phone number, "github.com/jd"). */
static bool link_shown(xw *w, const char *text, size_t len, const char *link)
{
	const char *bare = cv_link_shown(link, w->a);
	size_t n = strlen(bare);
	if (len == strlen(link) && !strncasecmp(text, link, len))
		return true;
	if (len == n && !strncasecmp(text, bare, n))
		return true;
	/* "tel:+861234" against "(+86) 1234": the same digits. */
	if (!strncasecmp(link, "tel:", 4)) {
		const char *d = link + 4;
		for (size_t i = 0; i < len; i++) {
			if (text[i] < '0' || text[i] > '9')
				continue;
			while (*d && (*d < '0' || *d > '9'))
				d++;
			if (*d++ != text[i])
				return false;
		}
		return true;
	}
	return false;
}

/* The current pieces as plain text, each link's address after its text. */
static void plain(xw *w, xbuf *b)
{
	size_t link_from = 0;
	for (size_t i = 0; i < w->n_pieces; i++) {
		const xpiece *p = &w->pieces[i];
		if (p->link_start)
			link_from = b->n;
		cv_xb_put(b, p->text, p->len);
		if (p->link_end && p->link && !link_shown(w, b->s + link_from, b->n - link_from, p->link))
			cv_xb_printf(b, " <%s>", p->link);
	}
	cv_xb_put(b, "", 0);
}

static void newline_due(xw *w)
{
	if (w->blank && w->started)
		cv_xb_puts(&w->out, "\n");
	w->blank = false;
	w->started = true;
}

/* Writes text as lines: the first after prefix `first`, the others after `rest`, wrapped at the text
 * width when one is given. A line breaks only where the text engine allows (cv_text_breaks), never
 * inside a URL (CV_BRK_LONG: in plain text one too long for the line stays whole, to be copied); a
 * piece wider than the whole line stands alone on its line. */
static void wrap(xw *w, const char *first, const char *rest, const char *text)
{
	newline_due(w);
	size_t len = strlen(text);
	while (len && text[len - 1] == ' ')
		len--;
	if (!w->o->text_width) {
		cv_xb_printf(&w->out, "%s%.*s\n", first, (int)len, text);
		return;
	}
	char *brk = cv_xmalloc(len + 1);
	cv_text_breaks(text, len, w->doc->locale.tag, brk);
	size_t width = (size_t)w->o->text_width;
	const char *prefix = first;
	size_t start = 0, col = columns(first, strlen(first)), end = 0; /* end: the line's text so far */
	for (size_t i = 0; i < len;) {
		/* The next segment: up to the next break opportunity. */
		size_t j = i + 1;
		while (j < len && brk[j] != CV_BRK_ALLOW && brk[j] != CV_BRK_MANDATORY)
			j++;
		size_t ink = j;
		while (ink > i && text[ink - 1] == ' ')
			ink--;
		size_t seg_ink = columns(text + i, ink - i);
		bool forced = i > start && brk[i] == CV_BRK_MANDATORY;
		if (end > start && (forced || col + seg_ink > width)) {
			cv_xb_printf(&w->out, "%s%.*s\n", prefix, (int)(end - start), text + start);
			prefix = rest;
			start = i;
			col = columns(rest, strlen(rest));
		}
		col += columns(text + i, j - i);
		end = ink;
		i = j;
	}
	if (end > start || start == 0)
		cv_xb_printf(&w->out, "%s%.*s\n", prefix, (int)(end - start), text + start);
	free(brk);
}

/* A paragraph of the current pieces. */
static void para_out(xw *w, const char *first, const char *rest)
{
	xbuf b = {0};
	plain(w, &b);
	/* Line breaks inside a paragraph are spaces, as in the PDF. */
	for (size_t i = 0; i < b.n; i++)
		if (b.s[i] == '\n' || b.s[i] == '\t')
			b.s[i] = ' ';
	wrap(w, first, rest, b.s ? b.s : "");
	cv_xb_free(&b);
}

static void txt_header(xw *w, const cv_str *name, const cv_str *headline, const cv_contact *c, size_t n)
{
	if (name->s) {
		cv_xw_inline(w, name);
		para_out(w, "", "");
	}
	if (headline->s) {
		cv_xw_inline(w, headline);
		para_out(w, "", "");
	}
	if (n) {
		xbuf b = {0};
		for (size_t i = 0; i < n; i++) {
			cv_xb_puts(&b, i ? " | " : "");
			size_t from = b.n;
			cv_xb_puts(&b, c[i].text);
			if (c[i].link && !link_shown(w, b.s + from, b.n - from, c[i].link))
				cv_xb_printf(&b, " <%s>", c[i].link);
		}
		wrap(w, "", "", b.s);
		cv_xb_free(&b);
	}
	w->blank = true;
}

static void txt_section(xw *w, const cv_str *title, int level)
{
	w->blank = true;
	cv_xw_inline(w, title);
	xbuf b = {0};
	plain(w, &b);
	wrap(w, "", "", b.s ? b.s : "");
	size_t cols = columns(b.s ? b.s : "", b.n);
	xbuf rule = {0};
	for (size_t i = 0; i < (cols ? cols : 1); i++)
		cv_xb_puts(&rule, level == 0 ? "=" : "-");
	cv_xb_printf(&w->out, "%s\n", rule.s);
	cv_xb_free(&rule);
	cv_xb_free(&b);
	w->blank = true;
}

static void txt_entry(xw *w, const xentry *e)
{
	w->blank = true;
	if (e->title) {
		cv_xw_inline(w, &(cv_str){e->title, e->e->span});
		para_out(w, "", "");
	}
}

/* The side columns' lines on one line, as the PDF's columns read across: "M.S. | Sep 2019 – Jun 2022",
 * "Shenzhen | Aug 2023 – present | 1 year 5 months". */
static void txt_meta(xw *w, const xentry *e)
{
	if (!e->n_column)
		return;
	xbuf b = {0};
	for (size_t i = 0; i < e->n_column; i++) {
		cv_xb_puts(&b, i ? " | " : "");
		cv_xw_inline(w, &(cv_str){e->column[i], e->column_spans[i]});
		plain(w, &b);
	}
	wrap(w, "", "", b.s ? b.s : "");
	cv_xb_free(&b);
}

static void txt_entry_end(xw *w)
{
	w->blank = true;
}

static void txt_para(xw *w, const cv_str *text)
{
	cv_xw_inline(w, text);
	para_out(w, "", "");
	if (!w->in_entry)
		w->blank = true; /* a paragraph outside an entry is a block of its own */
}

static void txt_line(xw *w, const cv_str *label, const cv_str *details)
{
	xbuf b = {0};
	if (label->s) {
		cv_xw_inline(w, label);
		plain(w, &b);
		cv_xb_puts(&b, w->doc->locale.lang->label_sep);
	}
	cv_xw_inline(w, details);
	plain(w, &b);
	wrap(w, "", "", b.s ? b.s : "");
	cv_xb_free(&b);
}

static void txt_item(xw *w, const cv_str *text, int number, int level)
{
	char first[64], rest[64];
	int indent = 2 * level;
	int mark = number ? snprintf(first, sizeof first, "%*s%d. ", indent, "", number) - indent
			  : snprintf(first, sizeof first, "%*s- ", indent, "") - indent;
	snprintf(rest, sizeof rest, "%*s", indent + mark, "");
	if (level < CV_EXPORT_MAX_DEPTH)
		w->list_col[level] = indent + mark;
	cv_xw_inline(w, text);
	para_out(w, first, rest);
}

/* A paragraph continuing an item: under the item's text. */
static void txt_item_para(xw *w, const cv_str *text, int level)
{
	char rest[64];
	snprintf(rest, sizeof rest, "%*s", level < CV_EXPORT_MAX_DEPTH ? w->list_col[level] : 0, "");
	cv_xw_inline(w, text);
	para_out(w, rest, rest);
}

static void txt_group_end(xw *w)
{
	w->blank = true;
}

static void txt_letter(xw *w, xletter part, const cv_str *text, const char *iso_date)
{
	(void)iso_date;
	bool chinese = w->letter->chinese;
	xletter last = (xletter)w->last_part;
	/* A blank line between the parts of a letter, and between its paragraphs, in the western
	 * convention; the Chinese one runs salutation, paragraphs and closing together, and puts the date
	 * right under the signature. */
	bool together = (part == last && part != XL_BODY) || (part == XL_SIGNATURE && last == XL_CLOSING);
	if (chinese)
		together = part == XL_BODY || part == XL_CLOSING || part == XL_CLOSING_FLUSH || part == XL_DATE;
	if (w->last_part >= 0 && !together)
		w->blank = true;
	w->last_part = (int)part;
	cv_xw_inline(w, text);
	xbuf b = {0};
	plain(w, &b);
	const char *s = b.s ? b.s : "";
	size_t width = (size_t)w->o->text_width, cols = columns(s, b.n);
	char pad[CV_TEXT_WIDTH_MAX + 1] = "";
	if (chinese && width && cols < width && (part == XL_SIGNATURE || part == XL_DATE || part == XL_SUBJECT)) {
		/* Flush right (signature, date) or centred (the subject, the letter's title). */
		size_t n = part == XL_SUBJECT ? (width - cols) / 2 : width - cols;
		memset(pad, ' ', n);
		pad[n] = '\0';
	}
	bool indent = chinese && (part == XL_BODY || part == XL_CLOSING);
	wrap(w, indent ? CJK_INDENT : pad, "", s);
	cv_xb_free(&b);
}

const cv_emitter cv_emit_txt = {
	.header = txt_header,
	.section = txt_section,
	.entry = txt_entry,
	.meta = txt_meta,
	.entry_end = txt_entry_end,
	.para = txt_para,
	.line = txt_line,
	.item = txt_item,
	.item_para = txt_item_para,
	.group_end = txt_group_end,
	.letter = txt_letter,
};
