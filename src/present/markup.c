/* Inline markup: the small subset of Markdown that résumé files use (**bold**, *italic*,
 * ***bold italic***, `code`, [text](url), backslash escapes). Unmatched markers stay literal, so no
 * input is ever rejected or loses characters here.
 * SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/util.h"
#include "cv2pdf/present.h"

/* A '[' and its matching ']' (SIZE_MAX: none), found once for the whole text. */
typedef struct bpair {
	size_t open, close;
} bpair;

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
	bpair *brackets; /* sorted by open */
	size_t n_brackets;
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

/* Pairs every '[' of the text with its ']' in one pass, so that finding a link's end does not rescan
 * the rest of the text at every bracket. */
static void match_brackets(mstate *m)
{
	size_t *stack = NULL, n_stack = 0, cap_stack = 0, cap = 0;
	for (size_t j = 0; j < m->len; j++) {
		if (m->s[j] == '\\') {
			j++;
		} else if (m->s[j] == '[') {
			bpair *b = CV_PUSH(m->brackets, m->n_brackets, cap);
			b->open = j;
			b->close = SIZE_MAX;
			*(size_t *)CV_PUSH(stack, n_stack, cap_stack) = m->n_brackets - 1;
		} else if (m->s[j] == ']' && n_stack) {
			m->brackets[stack[--n_stack]].close = j;
		}
	}
	free(stack);
}

static size_t closing_bracket(const mstate *m, size_t open)
{
	size_t lo = 0, hi = m->n_brackets;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->brackets[mid].open < open)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->n_brackets && m->brackets[lo].open == open ? m->brackets[lo].close : SIZE_MAX;
}

/* Finds the end of [text](url) starting at s[i] == '[', before len; sets the text and url ranges. */
static bool parse_link(const mstate *m, size_t len, size_t i, size_t *t0, size_t *t1, size_t *u0, size_t *u1,
		       size_t *end)
{
	const char *s = m->s;
	size_t j = closing_bracket(m, i);
	if (j >= len || j + 1 >= len || s[j + 1] != '(')
		return false;
	/* URLs may hold balanced parentheses (Wikipedia links, and javascript:f(1), which must then be
	 * recognised whole to be refused whole). */
	size_t k = j + 2;
	if (len - k > CV_MAX_URL_BYTES + 1)
		len = k + CV_MAX_URL_BYTES + 1;
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

/* Sets last[k] (k = 1..3) to the start of the last run of stars in s[from..to) that can close what
 * a run of k stars opens: not after a space, and "*" or "***" for italic, "**" or "***" for bold,
 * "***" for both. 0: none. Found once per range, so that "is there a closer after the opener?" costs
 * nothing at each of many openers. Code spans and links are skipped as parse_range() skips them: a
 * closer inside them would leave its opener unmatched, and the opener's stars lost. */
static void find_closers(const mstate *m, size_t from, size_t to, size_t last[4])
{
	const char *s = m->s;
	last[1] = last[2] = last[3] = 0;
	for (size_t j = from; j < to; j++) {
		size_t t0, t1, u0, u1, end;
		if (s[j] == '\\') {
			j++;
		} else if (s[j] == '`') {
			const char *close = memchr(s + j + 1, '`', to - j - 1);
			if (close)
				j = (size_t)(close - s);
		} else if (s[j] == '[' && !m->link && parse_link(m, to, j, &t0, &t1, &u0, &u1, &end)) {
			j = end - 1;
		} else if (s[j] == '*') {
			size_t r = star_run(s, to, j);
			if (r <= 3 && j > from && !is_space(s[j - 1])) {
				last[r] = j;
				if (r == 3)
					last[1] = last[2] = j;
			}
			j += r - 1;
		}
	}
}

static void parse_range(mstate *m, size_t from, size_t to)
{
	const char *s = m->s;
	size_t closer[4];
	find_closers(m, from, to, closer);
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
			if (parse_link(m, to, i, &t0, &t1, &u0, &u1, &end)) {
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
			/* A run of four or more stars marks nothing (a rating, a censored word): it stays literal.
			 * Taking three of them as a marker left the fourth to close half of it. */
			size_t k = star_run(s, to, i);
			unsigned bits = k == 3 ? (CV_BOLD | CV_ITALIC) : k == 2 ? CV_BOLD : CV_ITALIC;
			/* A closing run closes what it can of what is open ("***a* b***": the "*" closed the
			 * italic, "**" of the last run the bold) and leaves its other stars to be read again. */
			unsigned closing = k <= 3 && i > from && !is_space(s[i - 1]) ? m->style & bits : 0;
			bool can_open = k <= 3 && i + k < to && !is_space(s[i + k]) && (m->style & bits) == 0;
			if (closing) {
				flush(m);
				m->style &= ~closing;
				i += closing == (CV_BOLD | CV_ITALIC) ? 3 : closing == CV_BOLD ? 2 : 1;
				continue;
			}
			if (can_open && closer[k] > i + k) {
				flush(m);
				m->style |= bits;
				i += k;
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
	/* A piece's text is a part of s less its markers, so len + 1 bytes always hold it: made once, not
	 * by doubling as characters are put one at a time. */
	if (len)
		cv_grow(&m.buf, &m.bcap, len + 1, 1);
	match_brackets(&m);
	parse_range(&m, 0, len);
	flush(&m);
	free(m.buf);
	free(m.brackets);
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
