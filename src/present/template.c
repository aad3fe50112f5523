/* Entry templates (RenderCV's design.templates): one line of a template filled with an entry's
 * fields. A placeholder of a field the entry lacks goes, with the words that only joined it ("in",
 * "at") and the punctuation stuck to it, as RenderCV does; Typst's "--" and "---" become dashes. Pure
 * string work: no fonts, no layout.
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include "cv2pdf/util.h"
#include "cv2pdf/present.h"

/* The longest template line filled: a title line with a few fields is a hundred bytes. */
#define TEMPLATE_LINE_MAX 4096

typedef struct tok {
	const char *s;
	size_t len;
	int ph; /* index into names[] when a placeholder, else -1 */
} tok;

static bool upper_word_char(char ch)
{
	return (ch >= 'A' && ch <= 'Z') || ch == '_';
}

static bool word_char(char ch)
{
	return upper_word_char(ch) || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || (unsigned char)ch >= 0x80;
}

/* Splits line into placeholders (whole words of names[]) and the text between them. */
static size_t tokenize(const char *line, const char *const *names, size_t n_names, tok *out, size_t cap)
{
	size_t n = 0, text_from = 0, len = strlen(line);
	for (size_t i = 0; i < len && n + 2 < cap;) {
		bool start = i == 0 || !word_char(line[i - 1]);
		size_t j = i;
		while (start && j < len && upper_word_char(line[j]))
			j++;
		int ph = -1;
		if (j > i && (j == len || !word_char(line[j])))
			for (size_t k = 0; k < n_names; k++)
				if (strlen(names[k]) == j - i && !strncmp(line + i, names[k], j - i))
					ph = (int)k;
		if (ph < 0) {
			i = j > i ? j : i + 1;
			continue;
		}
		if (i > text_from)
			out[n++] = (tok){line + text_from, i - text_from, -1};
		out[n++] = (tok){line + i, j - i, ph};
		text_from = i = j;
	}
	if (len > text_from && n < cap)
		out[n++] = (tok){line + text_from, len - text_from, -1};
	return n;
}

static bool space(char ch)
{
	return ch == ' ' || ch == '\t';
}

/* Appends s[0..n) to out, turning Typst's "---" and "--" into an em and an en dash. */
static void put_text(char *out, size_t *w, const char *s, size_t n)
{
	for (size_t i = 0; i < n && *w + 4 < TEMPLATE_LINE_MAX;) {
		if (i + 2 < n + 0 && s[i] == '-' && s[i + 1] == '-' && s[i + 2] == '-') {
			memcpy(out + *w, "—", 3), *w += 3, i += 3;
		} else if (i + 1 < n && s[i] == '-' && s[i + 1] == '-') {
			memcpy(out + *w, "–", 3), *w += 3, i += 2;
		} else {
			out[(*w)++] = s[i++];
		}
	}
}

/* A connector: a word starting with a lower-case or non-ASCII letter, spaces either side
 * ("in", "at", "bei"); "*in*" and "--" are not words. */
static void drop_connectors(char *s)
{
	size_t n = strlen(s);
	for (size_t i = 1; i < n; i++) {
		if (!space(s[i - 1]) || !((s[i] >= 'a' && s[i] <= 'z') || (unsigned char)s[i] >= 0xC0))
			continue;
		size_t j = i;
		while (j < n && !space(s[j]))
			j++;
		if (j == n)
			break;
		memset(s + i, ' ', j - i);
		i = j;
	}
}

/* The characters a filled line may end with: RenderCV keeps letters, digits, .!?[]()*_% and drops
 * anything else left trailing by a removed placeholder (", ", " -- ", " |"). */
static bool keeps_end(char ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || strchr(".!?[]()*_%", ch);
}

/* ... and may start with, once a leading placeholder is gone (RenderCV leaves "-- LOCATION"). */
static bool keeps_start(char ch)
{
	return keeps_end(ch) || ch == '#' || ch == '`';
}

const char *cv_template_fill(const char *line, const char *const *names, const char *const *values, size_t n_names,
			     cv_arena *a)
{
	if (!line)
		return NULL;
	tok toks[256];
	size_t n = tokenize(line, names, n_names, toks, sizeof toks / sizeof toks[0]);
	/* Connector words between two placeholders of which one is missing go first. */
	char *text[256];
	for (size_t i = 0; i < n; i++) {
		text[i] = cv_arena_strndup(a, toks[i].s, toks[i].len);
		if (toks[i].ph >= 0)
			continue;
		int prev = -1, next = -1;
		for (size_t k = i; k-- > 0;)
			if (toks[k].ph >= 0) {
				prev = toks[k].ph;
				break;
			}
		for (size_t k = i + 1; k < n; k++)
			if (toks[k].ph >= 0) {
				next = toks[k].ph;
				break;
			}
		bool missing = (prev >= 0 && !(values[prev] && *values[prev])) || (next >= 0 && !(values[next] && *values[next]));
		if (prev >= 0 && next >= 0 && missing) {
			/* Pad so that a word at either edge of the text counts as spaced off. */
			char *padded = cv_arena_printf(a, " %s ", text[i]);
			drop_connectors(padded);
			padded[strlen(padded) - 1] = '\0';
			text[i] = padded + 1;
		}
	}
	/* Then each missing placeholder with the characters stuck to it (not spaces). */
	bool gone[256] = {0};
	for (size_t i = 0; i < n; i++) {
		if (toks[i].ph < 0 || (values[toks[i].ph] && *values[toks[i].ph]))
			continue;
		gone[i] = true;
		if (i > 0 && toks[i - 1].ph < 0) {
			char *t = text[i - 1];
			size_t e = strlen(t);
			while (e > 0 && !space(t[e - 1]))
				e--;
			t[e] = '\0';
		}
		if (i + 1 < n && toks[i + 1].ph < 0) {
			char *t = text[i + 1];
			size_t b = 0;
			while (t[b] && !space(t[b]))
				b++;
			text[i + 1] = t + b;
		}
	}
	/* The template with the missing parts gone, to trim its ends as RenderCV does, before the values
	 * (which may end in anything) go in. Placeholders that stay are marked by a byte no template has. */
	char skel[TEMPLATE_LINE_MAX];
	size_t w = 0;
	for (size_t i = 0; i < n && w + 2 < sizeof skel; i++) {
		if (gone[i])
			continue;
		const char *t = toks[i].ph >= 0 ? "\x01" : text[i];
		size_t len = strlen(t);
		if (w + len + 1 >= sizeof skel)
			break;
		memcpy(skel + w, t, len);
		w += len;
	}
	skel[w] = '\0';
	size_t b = 0, e = w;
	while (b < e && skel[b] != '\x01' && !keeps_start(skel[b]))
		b++;
	while (e > b && skel[e - 1] != '\x01' && !keeps_end(skel[e - 1]))
		e--;
	/* Fill: placeholders in order, text with its dashes, runs of spaces as one. */
	char out[TEMPLATE_LINE_MAX];
	size_t o = 0, next_ph = 0;
	for (size_t i = b; i < e && o + 4 < sizeof out; i++) {
		if (skel[i] == '\x01') {
			while (next_ph < n && (toks[next_ph].ph < 0 || gone[next_ph]))
				next_ph++;
			const char *v = values[toks[next_ph++].ph];
			size_t vl = strlen(v);
			if (o + vl + 4 >= sizeof out)
				break;
			memcpy(out + o, v, vl);
			o += vl;
			continue;
		}
		if (space(skel[i]) && (o == 0 || out[o - 1] == ' '))
			continue;
		size_t j = i;
		while (j < e && skel[j] != '\x01' && !(space(skel[j]) && j > i))
			j++;
		put_text(out, &o, skel + i, j - i);
		i = j - 1;
	}
	while (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
	return o ? cv_arena_strdup(a, out) : NULL;
}
