/* Markdown: CommonMark that renders on GitHub the way the PDF reads. The name is the title (#),
 * sections ## and subsections ###, an entry's title one level below its section with its subtitle in
 * italics and its dates on the next line; lists nest by their items' text column; emphasis, code and
 * links are kept from the input's markup. Every character CommonMark (or GitHub: ~, $) would read as
 * markup is escaped, and emphasis whose * delimiters would not be read as such (next to punctuation,
 * as in "**研究内容：**提出") is written as <strong> and <em>, which GitHub renders.
 * SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>
#include <unictype.h>

#include "cv2pdf/util.h"
#include "export_internal.h"

/* Two ideographic spaces: a Chinese paragraph's indent, which CommonMark keeps (it strips only
 * ASCII spaces and tabs). */
#define CJK_INDENT "\u3000\u3000"

static void due(xw *w)
{
	if (w->started)
		cv_xb_puts(&w->out, "\n");
	w->started = true;
}

static bool is_space(uint32_t c)
{
	return c == 0 || c == ' ' || c == '\t' || c == '\n' || uc_is_general_category(c, UC_CATEGORY_Zs);
}

static bool is_punct(uint32_t c)
{
	return uc_is_general_category(c, UC_CATEGORY_P) || uc_is_general_category(c, UC_CATEGORY_S);
}

/* The last character of b (0 for none) and the first of s[0..n). */
static uint32_t last_char(const xbuf *b)
{
	if (!b->n)
		return 0;
	size_t i = b->n - 1;
	while (i > 0 && ((unsigned char)b->s[i] & 0xC0) == 0x80)
		i--;
	size_t j = i;
	return cv_utf8_next(b->s, b->n, &j);
}

static uint32_t first_char(const char *s, size_t n)
{
	size_t i = 0;
	return n ? cv_utf8_next(s, n, &i) : 0;
}

/* Text with CommonMark's (and GitHub's) markup characters escaped. */
static void escaped(xbuf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (strchr("\\`*_[]<>~$|", c) || (c == '&' && i + 1 < n && (s[i + 1] == '#' || (s[i + 1] | 32) >= 'a')))
			cv_xb_put(b, "\\", 1);
		cv_xb_put(b, &c, 1);
	}
}

/* A code span: a fence of one backtick more than the longest run inside, padded when the code starts
 * or ends with a backtick or a space. */
static void code(xbuf *b, const char *s, size_t n)
{
	size_t longest = 0, run = 0;
	for (size_t i = 0; i < n; i++) {
		run = s[i] == '`' ? run + 1 : 0;
		longest = run > longest ? run : longest;
	}
	char fence[16];
	size_t f = longest + 1 < sizeof fence ? longest + 1 : sizeof fence - 1;
	memset(fence, '`', f);
	fence[f] = '\0';
	bool pad = n && (s[0] == '`' || s[n - 1] == '`' || s[0] == ' ');
	cv_xb_printf(b, "%s%s%.*s%s%s", fence, pad ? " " : "", (int)n, s, pad ? " " : "", fence);
}

/* Opens or closes bold and italic between pieces. html: as tags. Returns false when a * delimiter
 * would not be read as one (CommonMark's flanking rules), so the caller writes the paragraph again
 * with tags. */
static bool mark(xbuf *b, unsigned *open, unsigned want, const char *next, size_t next_n, bool html)
{
	static const char *const tags[2][2] = {{"</em>", "</strong>"}, {"<em>", "<strong>"}};
	uint32_t before = last_char(b), after = first_char(next, next_n);
	/* Close italic inside bold first (they were opened bold, then italic), then bold. */
	for (int k = 0; k < 2; k++) {
		unsigned bit = k == 0 ? CV_ITALIC : CV_BOLD;
		if ((*open & bit) && !(want & bit)) {
			if (html) {
				cv_xb_puts(b, tags[0][k]);
			} else {
				/* Right-flanking: not after a space; after punctuation only before a space or
				 * punctuation. */
				if (is_space(before) || (is_punct(before) && !is_space(after) && !is_punct(after)))
					return false;
				cv_xb_puts(b, bit == CV_BOLD ? "**" : "*");
			}
			*open &= ~bit;
		}
	}
	bool closed = b->n && b->s[b->n - 1] == '*';
	for (int k = 1; k >= 0; k--) {
		unsigned bit = k == 0 ? CV_ITALIC : CV_BOLD;
		if (!(*open & bit) && (want & bit)) {
			if (html) {
				cv_xb_puts(b, tags[1][k]);
			} else {
				/* Left-flanking: not before a space; before punctuation only after a space or
				 * punctuation. A delimiter right after a closing one would merge with it. */
				if (closed || is_space(after) || (is_punct(after) && !is_space(before) && !is_punct(before)))
					return false;
				cv_xb_puts(b, bit == CV_BOLD ? "**" : "*");
				before = '*';
			}
			*open |= bit;
		}
	}
	return true;
}

/* The current pieces as inline Markdown. */
static bool render(xw *w, xbuf *b, bool html)
{
	unsigned open = 0;
	for (size_t i = 0; i < w->n_pieces; i++) {
		const xpiece *p = &w->pieces[i];
		/* Spaces at the edges of an emphasised piece go outside its delimiters. */
		size_t lead = 0, trail = 0;
		while (lead < p->len && p->text[lead] == ' ')
			lead++;
		while (trail < p->len - lead && p->text[p->len - 1 - trail] == ' ')
			trail++;
		const char *t = p->text + lead;
		size_t n = p->len - lead - trail;
		unsigned want = p->style & (CV_BOLD | CV_ITALIC);
		if (p->link_start && p->link) {
			if (!mark(b, &open, 0, "[", 1, html))
				return false;
			cv_xb_puts(b, "[");
		}
		/* What this piece drops is closed before its leading spaces, where a delimiter still
		 * touches the text it closes. */
		if (lead && !mark(b, &open, open & want, p->text, p->len, html))
			return false;
		if (lead)
			cv_xb_put(b, p->text, lead);
		if (n && !mark(b, &open, want, t, n, html))
			return false;
		if (p->style & CV_CODE)
			code(b, t, n);
		else
			escaped(b, t, n);
		if (trail || (p->link_end && p->link)) {
			const char *next = trail ? " " : "]";
			if (!mark(b, &open, 0, next, 1, html))
				return false;
		}
		if (trail)
			cv_xb_put(b, p->text + p->len - trail, trail);
		if (p->link_end && p->link) {
			/* A destination with spaces or parentheses goes in angle brackets. */
			bool angle = strpbrk(p->link, " ()<>") != NULL;
			cv_xb_printf(b, angle ? "](<%s>)" : "](%s)", p->link);
		}
	}
	return mark(b, &open, 0, "", 0, html);
}

/* The current pieces appended to b, with tags for emphasis when delimiters would not be read. */
static void inline_md(xw *w, xbuf *b)
{
	size_t keep = b->n;
	if (!render(w, b, false)) {
		b->n = keep;
		render(w, b, true);
	}
	cv_xb_put(b, "", 0);
}

/* A paragraph of the current pieces, after prefix: "\" line breaks inside are hard ones; a line that
 * would start a block (a heading, a list, a quote) has its first character escaped. */
static void para_out(xw *w, const char *prefix)
{
	xbuf b = {0};
	inline_md(w, &b);
	char *s = b.s;
	while (*s == ' ' || *s == '\n')
		s++;
	for (char *p = s; *p; p++)
		if (*p == '\n')
			*p = ' ';
	cv_xb_puts(&w->out, prefix);
	size_t digits = strspn(s, "0123456789");
	if (strchr("#>-+=", *s) && *s)
		cv_xb_puts(&w->out, "\\");
	else if (digits && digits < 10 && (s[digits] == '.' || s[digits] == ')')) {
		cv_xb_put(&w->out, s, digits);
		cv_xb_puts(&w->out, "\\");
		s += digits;
	}
	cv_xb_printf(&w->out, "%s\n", s);
	cv_xb_free(&b);
}

static void md_header(xw *w, const cv_str *name, const cv_str *headline, const cv_contact *c, size_t n)
{
	if (name->s) {
		due(w);
		cv_xw_inline(w, name);
		para_out(w, "# ");
	}
	if (headline->s) {
		due(w);
		cv_xw_inline(w, headline);
		para_out(w, "");
	}
	if (n) {
		due(w);
		for (size_t i = 0; i < n; i++) {
			cv_xb_puts(&w->out, i ? " | " : "");
			xbuf t = {0};
			escaped(&t, c[i].text, strlen(c[i].text));
			cv_xb_put(&t, "", 0);
			if (c[i].link)
				cv_xb_printf(&w->out, "[%s](%s)", t.s, c[i].link);
			else
				cv_xb_puts(&w->out, t.s);
			cv_xb_free(&t);
		}
		cv_xb_puts(&w->out, "\n");
	}
}

static void md_section(xw *w, const cv_str *title, int level)
{
	due(w);
	cv_xw_inline(w, title);
	para_out(w, level == 0 ? "## " : "### ");
}

static void md_entry(xw *w, const xentry *e)
{
	char h[16];
	int level = e->level + 1 < 6 ? e->level + 1 : 6;
	memset(h, '#', (size_t)level);
	strcpy(h + level, " ");
	if (e->title) {
		due(w);
		cv_xw_inline(w, &(cv_str){e->title, e->e->span});
		for (size_t i = 0; i < w->n_pieces; i++) /* a heading is bold already: "### **Company**" is noise */
			w->pieces[i].style &= ~(unsigned)CV_BOLD;
		para_out(w, h);
	}
}

/* The side columns' lines as one paragraph: "Shenzhen | Aug 2023 – present". */
static void md_meta(xw *w, const xentry *e)
{
	if (!e->n_column)
		return;
	due(w);
	xbuf b = {0};
	for (size_t i = 0; i < e->n_column; i++) {
		cv_xb_puts(&b, i ? " | " : "");
		cv_xw_inline(w, &(cv_str){e->column[i], e->column_spans[i]});
		inline_md(w, &b);
	}
	cv_xb_put(&b, "", 0);
	cv_xb_printf(&w->out, "%s\n", b.s);
	cv_xb_free(&b);
}

static void md_para(xw *w, const cv_str *text)
{
	due(w);
	cv_xw_inline(w, text);
	para_out(w, "");
}

static void md_line(xw *w, const cv_str *label, const cv_str *details)
{
	due(w);
	xbuf b = {0};
	if (label->s) {
		cv_str l = {cv_arena_printf(w->a, "%s%s", label->s, w->doc->locale.lang->label_sep), label->span};
		cv_xw_inline(w, &l);
		for (size_t i = 0; i < w->n_pieces; i++)
			w->pieces[i].style |= CV_BOLD;
		inline_md(w, &b);
	}
	cv_xw_inline(w, details);
	inline_md(w, &b);
	cv_xb_printf(&w->out, "%s\n", b.s);
	cv_xb_free(&b);
}

static void md_list(xw *w, int numbered, int level)
{
	if (level >= CV_EXPORT_MAX_DEPTH)
		return;
	w->list_kind[level] = numbered;
	w->list_next[level] = 0;
	if (level == 0)
		w->list_col[0] = 0;
}

static void md_item(xw *w, const cv_str *text, int number, int level)
{
	int col = level > 0 ? w->list_col[level] : 0;
	char first[96];
	bool reversed = w->list_kind[level] < 0;
	if (reversed) {
		/* CommonMark numbers a list up from its first item: a list counting down is written as
		 * paragraphs with their numbers. */
		due(w);
		snprintf(first, sizeof first, "%*s%d\\. ", col, "", number);
	} else {
		/* A tight list: items follow each other; the list itself starts after a blank line. */
		if (level == 0 && w->list_next[0] == 0)
			due(w);
		else if (!w->started)
			w->started = true;
		if (number)
			snprintf(first, sizeof first, "%*s%d. ", col, "", number);
		else
			snprintf(first, sizeof first, "%*s- ", col, "");
	}
	w->list_next[level] = number + 1;
	if (level + 1 < CV_EXPORT_MAX_DEPTH)
		w->list_col[level + 1] = (int)strlen(first) - (reversed ? 1 : 0);
	cv_xw_inline(w, text);
	para_out(w, first);
}

/* A paragraph continuing an item: after a blank line, at the column of the item's text. */
static void md_item_para(xw *w, const cv_str *text, int level)
{
	char prefix[96];
	int col = level + 1 < CV_EXPORT_MAX_DEPTH ? w->list_col[level + 1] : 0;
	snprintf(prefix, sizeof prefix, "%*s", col < 80 ? col : 80, "");
	due(w);
	cv_xw_inline(w, text);
	para_out(w, prefix);
}

static void md_letter(xw *w, xletter part, const cv_str *text, const char *iso_date)
{
	(void)iso_date;
	bool chinese = w->letter->chinese;
	xletter last = (xletter)w->last_part;
	w->last_part = (int)part;
	cv_xw_inline(w, text);
	if (part == XL_SUBJECT)
		for (size_t i = 0; i < w->n_pieces; i++)
			w->pieces[i].style |= CV_BOLD;
	/* Lines of one block (the recipient's, the closing and signature) are joined with hard breaks. */
	bool joined = (part == last && (part == XL_ADDRESS || part == XL_CLOSING)) || part == XL_CLOSING_FLUSH ||
		      (part == XL_SIGNATURE && last == XL_CLOSING && !chinese) || (chinese && part == XL_DATE);
	if (joined && w->out.n && w->out.s[w->out.n - 1] == '\n') {
		w->out.n--;
		cv_xb_puts(&w->out, "\\\n");
	} else {
		due(w);
	}
	bool indent = chinese && (part == XL_BODY || part == XL_CLOSING);
	para_out(w, indent ? CJK_INDENT : "");
}

const cv_emitter cv_emit_md = {
	.header = md_header,
	.section = md_section,
	.entry = md_entry,
	.meta = md_meta,
	.para = md_para,
	.line = md_line,
	.list = md_list,
	.item = md_item,
	.item_para = md_item_para,
	.letter = md_letter,
};
