/* Inline markup: the small subset of Markdown that résumé files use (**bold**, *italic*,
 * ***bold italic***, `code`, [text](url), backslash escapes). Unmatched markers stay literal, so no
 * input is ever rejected or loses characters here.
 * SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/util.h"
#include "layout_internal.h"

typedef struct mstate {
	const char *s;
	size_t len;
	cv_arena *arena;
	cv_mpiece **out;
	size_t *n, *cap;
	char *buf; /* the current piece's text */
	size_t blen, bcap;
	unsigned style;
	const char *link;
} mstate;

static void flush(mstate *m)
{
	if (!m->blen)
		return;
	cv_mpiece *p = CV_PUSH(*m->out, *m->n, *m->cap);
	p->text = cv_arena_strndup(m->arena, m->buf, m->blen);
	p->len = m->blen;
	p->style = m->style;
	p->link = m->link;
	m->blen = 0;
}

static void put(mstate *m, const char *s, size_t n)
{
	cv_grow((void **)&m->buf, &m->bcap, m->blen + n + 1, 1);
	memcpy(m->buf + m->blen, s, n);
	m->blen += n;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

static size_t star_run(const char *s, size_t len, size_t i)
{
	size_t k = 0;
	while (i + k < len && s[i + k] == '*')
		k++;
	return k;
}

/* Is there a closing run of exactly k stars after position i (not preceded by a space), before end? */
static bool has_closer(const char *s, size_t end, size_t i, size_t k)
{
	for (size_t j = i; j < end; j++) {
		if (s[j] == '\\') {
			j++;
			continue;
		}
		if (s[j] != '*')
			continue;
		size_t r = star_run(s, end, j);
		if (r == k && j > i && !is_space(s[j - 1]))
			return true;
		j += r - 1;
	}
	return false;
}

/* Finds the end of [text](url) starting at s[i] == '['; sets the text and url ranges. */
static bool parse_link(const char *s, size_t len, size_t i, size_t *t0, size_t *t1, size_t *u0, size_t *u1,
		       size_t *end)
{
	int depth = 0;
	size_t j = i;
	for (; j < len; j++) {
		if (s[j] == '\\') {
			j++;
			continue;
		}
		if (s[j] == '[')
			depth++;
		else if (s[j] == ']' && --depth == 0)
			break;
	}
	if (j >= len || j + 1 >= len || s[j + 1] != '(')
		return false;
	/* URLs may hold balanced parentheses (Wikipedia links, and javascript:f(1), which must then be
	 * recognised whole to be refused whole). */
	size_t k = j + 2;
	int parens = 0;
	for (; k < len && !is_space(s[k]); k++) {
		if (s[k] == '(')
			parens++;
		else if (s[k] == ')' && parens-- == 0)
			break;
	}
	if (k >= len || s[k] != ')' || k == j + 2)
		return false;
	*t0 = i + 1, *t1 = j, *u0 = j + 2, *u1 = k, *end = k + 1;
	return true;
}

static void parse_range(mstate *m, size_t from, size_t to)
{
	const char *s = m->s;
	for (size_t i = from; i < to;) {
		char c = s[i];
		if (c == '\\' && i + 1 < to && strchr("\\`*_[]()#+-.!{}<>|~$", s[i + 1])) {
			put(m, s + i + 1, 1);
			i += 2;
			continue;
		}
		if (c == '`') {
			const char *close = memchr(s + i + 1, '`', to - i - 1);
			if (close) {
				flush(m);
				unsigned saved = m->style;
				m->style |= CV_CODE;
				put(m, s + i + 1, (size_t)(close - (s + i + 1)));
				flush(m);
				m->style = saved;
				i = (size_t)(close - s) + 1;
				continue;
			}
		}
		if (c == '[' && !m->link) {
			size_t t0, t1, u0, u1, end;
			if (parse_link(s, to, i, &t0, &t1, &u0, &u1, &end)) {
				flush(m);
				m->link = cv_arena_strndup(m->arena, s + u0, u1 - u0);
				parse_range(m, t0, t1);
				flush(m);
				m->link = NULL;
				i = end;
				continue;
			}
		}
		if (c == '*') {
			size_t k = star_run(s, to, i);
			unsigned bits = k >= 3 ? (CV_BOLD | CV_ITALIC) : k == 2 ? CV_BOLD : CV_ITALIC;
			size_t use = k > 3 ? 3 : k;
			bool can_close = i > from && !is_space(s[i - 1]) && (m->style & bits) == bits;
			bool can_open = i + use < to && !is_space(s[i + use]) && (m->style & bits) == 0;
			if (can_close) {
				flush(m);
				m->style &= ~bits;
				i += use;
				continue;
			}
			if (can_open && has_closer(s, to, i + use, use)) {
				flush(m);
				m->style |= bits;
				i += use;
				continue;
			}
			put(m, s + i, k);
			i += k;
			continue;
		}
		put(m, s + i, 1);
		i++;
	}
}

void cv_markup_parse(const char *s, size_t len, cv_arena *arena, cv_mpiece **out, size_t *n, size_t *cap)
{
	mstate m = {.s = s, .len = len, .arena = arena, .out = out, .n = n, .cap = cap};
	parse_range(&m, 0, len);
	flush(&m);
	free(m.buf);
}

const char *cv_markup_strip(const char *s, cv_arena *arena)
{
	cv_mpiece *p = NULL;
	size_t n = 0, cap = 0, total = 0;
	cv_markup_parse(s, strlen(s), arena, &p, &n, &cap);
	for (size_t i = 0; i < n; i++)
		total += p[i].len;
	char *t = cv_arena_alloc(arena, total + 1), *w = t;
	for (size_t i = 0; i < n; i++) {
		memcpy(w, p[i].text, p[i].len);
		w += p[i].len;
	}
	*w = '\0';
	free(p);
	return t;
}
