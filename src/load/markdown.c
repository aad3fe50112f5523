/* Block Markdown in summaries, descriptions and text entries, in every dialect: paragraphs and bulleted
 * and numbered lists nested to any depth become the model's blocks (cv_block), each with its level and
 * number. Inline markup is left in the text for the layout. Constructs a résumé cannot draw (tables,
 * code blocks, rules, block quotes) get one warning each per text, and their text is kept.
 * SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/util.h"
#include "load_internal.h"

/* A numbered item's number has at most this many digits. CommonMark allows nine; three keep a line
 * that starts with a year ("2023. Joined ...") a paragraph, which is what a résumé means by it. */
#define MD_NUMBER_DIGITS 3
/* A tab advances to the next multiple of this many columns, as in CommonMark. */
#define MD_TAB 4

/* An open list item: where its marker stands and where its text starts (columns). */
typedef struct open_item {
	size_t marker, content;
} open_item;

/* The list at one level: its kind and the next number, so that siblings count on. */
typedef struct level_list {
	bool open, numbered;
	int next;
} level_list;

typedef struct mdctx {
	cv_mctx *m;
	const char *path;
	cv_span span;
	cv_block *blocks;
	size_t n, cap;
	/* The block being read: its lines joined, and whether it is a list item. */
	char *buf;
	size_t blen, bcap;
	bool open;
	/* Open list items, outermost first; the stack's depth is the current level. */
	open_item *stack;
	size_t depth, stack_cap;
	level_list *lists; /* lists[k]: the list at level k + 1 */
	size_t lists_cap;
	unsigned warned; /* the constructs already warned about in this text (bits of md_construct) */
} mdctx;

typedef enum { MD_TABLE = 1, MD_CODE = 2, MD_RULE = 4, MD_QUOTE = 8 } md_construct;

static void warn_once(mdctx *c, md_construct what)
{
	static const struct {
		md_construct what;
		const char *says;
	} words[] = {
		{MD_TABLE, "a Markdown table is not drawn as a table; its rows are shown as lines of text"},
		{MD_CODE, "a Markdown code block is not drawn as a block; its lines are shown as lines of code"},
		{MD_RULE, "a Markdown horizontal rule (---) is not drawn"},
		{MD_QUOTE, "a Markdown block quote is not drawn as a quote; its text is shown as a paragraph"},
	};
	if (c->warned & what)
		return;
	c->warned |= what;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (words[i].what == what)
			cv_diag_add(c->m->d, CV_WARNING, "markdown", c->span, "%s: %s", c->path, words[i].says);
}

static void put(mdctx *c, const char *s, size_t n)
{
	cv_grow((void **)&c->buf, &c->bcap, c->blen + n + 1, 1);
	memcpy(c->buf + c->blen, s, n);
	c->blen += n;
}

/* Ends the block being read, if any. A block whose text is empty (an item written "-") is left out. */
static void flush(mdctx *c)
{
	if (!c->open)
		return;
	c->open = false;
	while (c->blen && (c->buf[c->blen - 1] == ' ' || c->buf[c->blen - 1] == '\n'))
		c->blen--;
	if (!c->blen) {
		c->n--; /* the block was pushed when it began */
		return;
	}
	cv_block *b = &c->blocks[c->n - 1];
	b->text.s = cv_arena_strndup(c->m->a, c->buf, c->blen);
	b->text.span = c->span;
}

static cv_block *begin(mdctx *c, int level, bool item, int number)
{
	flush(c);
	cv_block *b = CV_PUSH(c->blocks, c->n, c->cap);
	memset(b, 0, sizeof *b);
	b->level = level;
	b->item = item;
	b->number = number;
	c->open = true;
	c->blen = 0;
	return b;
}

/* Lists deeper than level end (a paragraph or a shallower item came between). */
static void close_lists(mdctx *c, size_t level)
{
	for (size_t k = level; k < c->lists_cap; k++)
		c->lists[k].open = false;
}

/* The column of the first non-blank character of line[0..len), tabs expanded; *at is its offset. */
static size_t indent_of(const char *line, size_t len, size_t *at)
{
	size_t col = 0, i = 0;
	for (; i < len && (line[i] == ' ' || line[i] == '\t'); i++)
		col = line[i] == '\t' ? (col / MD_TAB + 1) * MD_TAB : col + 1;
	*at = i;
	return col;
}

/* A list marker at line[i]: "-", "*", "+", "•" or 1-3 digits and "." or ")", then a space or the end
 * of the line. Returns the marker's length in bytes (0: none); *number is its number, or -1 for a
 * bullet. */
static size_t list_marker(const char *line, size_t len, size_t i, int *number)
{
	*number = -1;
	size_t k = i;
	if (k < len && (line[k] == '-' || line[k] == '*' || line[k] == '+'))
		k++;
	else if (len - k >= 3 && !memcmp(line + k, "\xE2\x80\xA2", 3)) /* U+2022 BULLET, as people type it */
		k += 3;
	else {
		int v = 0;
		while (k < len && isdigit((unsigned char)line[k]) && k - i < MD_NUMBER_DIGITS)
			v = v * 10 + (line[k++] - '0');
		if (k == i || k >= len || (line[k] != '.' && line[k] != ')'))
			return 0;
		k++;
		*number = v;
	}
	if (k < len && line[k] != ' ' && line[k] != '\t')
		return 0;
	return k - i;
}

/* "---", "***", "___" (three or more, spaces between allowed): a horizontal rule. */
static bool is_rule(const char *s, size_t n)
{
	char ch = 0;
	int count = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == ' ' || s[i] == '\t')
			continue;
		if ((s[i] != '-' && s[i] != '*' && s[i] != '_') || (ch && s[i] != ch))
			return false;
		ch = s[i];
		count++;
	}
	return count >= 3;
}

/* "```" or "~~~" opening or closing a fenced code block. */
static bool is_fence(const char *s, size_t n)
{
	return n >= 3 && (!strncmp(s, "```", 3) || !strncmp(s, "~~~", 3));
}

/* "| a | b |": a table row; "|---|:--:|" its delimiter row. */
static bool is_table_row(const char *s, size_t n)
{
	return n >= 2 && s[0] == '|' && memchr(s + 1, '|', n - 1);
}

static bool is_table_delimiter(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr("|-: \t", s[i]))
			return false;
	return true;
}

/* Appends a table row's cells, trimmed, with " | " between them. */
static void put_row(mdctx *c, const char *s, size_t n)
{
	bool first = true;
	size_t i = 1;
	while (i < n) {
		const char *bar = memchr(s + i, '|', n - i);
		size_t end = bar ? (size_t)(bar - s) : n;
		size_t a = i, b = end;
		while (a < b && (s[a] == ' ' || s[a] == '\t'))
			a++;
		while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
			b--;
		if (b > a || bar) {
			if (b > a) {
				if (!first)
					put(c, " | ", 3);
				put(c, s + a, b - a);
				first = false;
			}
		}
		i = end + 1;
	}
}

/* The deepest open item whose text a line indented to col belongs to: col reaches the item's content
 * column, or (leniently, as people indent by two) two columns past its marker. */
static size_t owner_depth(const mdctx *c, size_t col)
{
	size_t d = c->depth;
	while (d > 0) {
		const open_item *o = &c->stack[d - 1];
		size_t need = o->content < o->marker + 2 ? o->content : o->marker + 2;
		if (col >= need)
			break;
		d--;
	}
	return d;
}

static void item_line(mdctx *c, const char *line, size_t len, size_t col, size_t at, size_t mlen, int number)
{
	size_t d = owner_depth(c, col);
	c->depth = d;
	close_lists(c, d + 1);
	if (c->lists_cap < d + 1) {
		size_t old = c->lists_cap;
		cv_grow((void **)&c->lists, &c->lists_cap, d + 1, sizeof *c->lists);
		memset(c->lists + old, 0, (c->lists_cap - old) * sizeof *c->lists);
	}
	level_list *l = &c->lists[d];
	bool numbered = number >= 0;
	int shown = 0;
	if (numbered) { /* a list starts at its first number; its other items count on from there */
		shown = l->open && l->numbered ? l->next : number;
		l->next = shown + 1;
	}
	/* A bullet after a numbered item, or the reverse, starts a new list at the same level. */
	l->open = true;
	l->numbered = numbered;
	/* The item's text starts after the marker and the spaces after it (one to four; more, and the
	 * text is indented code in CommonMark, which a résumé never means: it is text). */
	size_t t = at + mlen;
	while (t < len && (line[t] == ' ' || line[t] == '\t'))
		t++;
	open_item *o = CV_PUSH(c->stack, c->depth, c->stack_cap);
	o->marker = col;
	o->content = col + (t - at) + (t == len ? 1 : 0);
	cv_block *b = begin(c, (int)c->depth, true, shown);
	b->numbered = numbered;
	if (t < len)
		put(c, line + t, len - t);
}

cv_blocks cv_map_blocks(cv_mctx *m, cv_str s, const char *path)
{
	cv_blocks out = {0};
	if (!s.s)
		return out;
	mdctx c = {.m = m, .path = path, .span = s.span};
	const char *t = s.s;
	size_t tlen = strlen(t);
	bool blank = true, code = false;
	size_t fence_at = 0; /* the column of the open code fence: its lines are indented from there */
	for (size_t pos = 0; pos < tlen;) {
		const char *nl = memchr(t + pos, '\n', tlen - pos);
		size_t len = nl ? (size_t)(nl - (t + pos)) : tlen - pos;
		const char *line = t + pos;
		pos += len + (nl ? 1 : 0);
		if (len && line[len - 1] == '\r')
			len--;
		size_t at, col = indent_of(line, len, &at);
		const char *body = line + at;
		size_t blen = len - at;
		if (code) { /* inside a fenced code block: each line as it is, set as code */
			if (is_fence(body, blen)) {
				code = false;
				blank = true;
				continue;
			}
			begin(&c, (int)c.depth, false, 0);
			size_t cut = 0;
			while (cut < len && cut < fence_at && line[cut] == ' ')
				cut++;
			bool tick = memchr(line, '`', len) != NULL;
			if (!tick)
				put(&c, "`", 1);
			put(&c, line + cut, len - cut);
			if (!tick)
				put(&c, "`", 1);
			flush(&c);
			continue;
		}
		if (blen == 0) {
			flush(&c);
			blank = true;
			continue;
		}
		int number;
		size_t mlen = list_marker(body, blen, 0, &number);
		if (is_rule(body, blen)) { /* before list items: "* * *" and "- - -" are rules */
			if (body[0] == '-' && c.open && !blank) {
				/* "text\n---" is a heading underline in Markdown: the text stays a paragraph. */
				flush(&c);
				blank = true;
				continue;
			}
			flush(&c);
			warn_once(&c, MD_RULE);
			blank = true;
			continue;
		}
		if (is_fence(body, blen)) { /* its lines belong to the item it is indented under, or to none */
			flush(&c);
			warn_once(&c, MD_CODE);
			c.depth = owner_depth(&c, col);
			close_lists(&c, c.depth);
			fence_at = col;
			code = true;
			continue;
		}
		if (mlen && (blank || c.depth || !c.open || number <= 1)) {
			/* A numbered item that does not start at 1 does not interrupt a paragraph (CommonMark): it is
			 * a line of it ("... in\n2019. ..."). */
			item_line(&c, line, len, col, at, mlen, number);
			blank = false;
			continue;
		}
		if (is_table_row(body, blen)) {
			size_t d = owner_depth(&c, col);
			warn_once(&c, MD_TABLE);
			if (!is_table_delimiter(body, blen)) {
				begin(&c, (int)d, false, 0);
				put_row(&c, body, blen);
				flush(&c);
			}
			blank = true;
			continue;
		}
		bool quote = body[0] == '>';
		if (quote) {
			warn_once(&c, MD_QUOTE);
			body++, blen--;
			if (blen && body[0] == ' ')
				body++, blen--;
		}
		/* An ATX heading ("## Tools") is a paragraph of its own, in bold. */
		size_t hashes = 0;
		while (hashes < blen && hashes < 7 && body[hashes] == '#')
			hashes++;
		if (hashes >= 1 && hashes <= 6 && (hashes == blen || body[hashes] == ' ')) {
			size_t h = hashes;
			while (h < blen && body[h] == ' ')
				h++;
			size_t e = blen;
			while (e > h && (body[e - 1] == '#' || body[e - 1] == ' '))
				e--;
			size_t d = owner_depth(&c, col);
			c.depth = d;
			close_lists(&c, d);
			begin(&c, (int)d, false, 0);
			if (e > h) {
				put(&c, "**", 2);
				put(&c, body + h, e - h);
				put(&c, "**", 2);
			}
			flush(&c);
			blank = true;
			continue;
		}
		if (c.open && !blank) { /* a line of the block being read (a lazy continuation in an item) */
			put(&c, "\n", 1);
			put(&c, body, blen);
			continue;
		}
		/* A paragraph: of the deepest item it is indented under, else of the body (ending the lists). */
		size_t d = blank ? owner_depth(&c, col) : c.depth;
		c.depth = d;
		close_lists(&c, d);
		begin(&c, (int)d, false, 0);
		put(&c, body, blen);
		blank = false;
	}
	flush(&c);
	free(c.buf);
	free(c.stack);
	free(c.lists);
	if (c.n) {
		out.items = cv_arena_calloc(m->a, c.n, sizeof *out.items);
		memcpy(out.items, c.blocks, c.n * sizeof *out.items);
		out.n = c.n;
		out.span = s.span;
	}
	free(c.blocks);
	return out;
}

cv_blocks cv_blocks_paragraph(cv_arena *a, cv_str s)
{
	cv_blocks out = {0};
	if (!s.s)
		return out;
	out.items = cv_arena_calloc(a, 1, sizeof *out.items);
	out.items[0].text = s;
	out.n = 1;
	out.span = s.span;
	return out;
}

cv_blocks cv_blocks_join(cv_arena *a, cv_blocks first, cv_blocks then)
{
	if (!first.n)
		return then;
	if (!then.n)
		return first;
	cv_blocks out = first;
	out.items = cv_arena_calloc(a, first.n + then.n, sizeof *out.items);
	memcpy(out.items, first.items, first.n * sizeof *out.items);
	memcpy(out.items + first.n, then.items, then.n * sizeof *out.items);
	out.n = first.n + then.n;
	return out;
}
