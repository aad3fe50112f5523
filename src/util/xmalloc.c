/* Allocation that aborts on failure, a growable-array helper and UTF-8 decoding.
 * Out of memory is not recoverable for a command-line typesetter, so it is not threaded through
 * return values (as cmark's xcalloc and redis' zmalloc do).
 * SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/util.h"

static void out_of_memory(size_t size)
{
	fprintf(stderr, "cv2pdf: out of memory (%zu bytes)\n", size);
	abort();
}

void *cv_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		out_of_memory(size);
	return p;
}

void *cv_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory(n * size);
	return p;
}

void *cv_xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);
	if (!q)
		out_of_memory(size);
	return q;
}

char *cv_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(cv_xmalloc(n), s, n);
}

void cv_grow_to(void *items_addr, size_t *cap, size_t need, size_t elem)
{
	size_t n = *cap ? *cap : 8;
	/* The check comes before each doubling: a doubled count past SIZE_MAX would wrap and loop. */
	while (n < need) {
		if (n > SIZE_MAX / 2 / elem)
			out_of_memory(SIZE_MAX);
		n *= 2;
	}
	/* The array's pointer is read and written as bytes: it is a T *, and reading it through a void **
	 * would break the aliasing rules (CV_PUSH passes &arr for any element type T). */
	void *items;
	memcpy(&items, items_addr, sizeof items);
	items = cv_xrealloc(items, n * elem);
	memcpy(items_addr, &items, sizeof items);
	*cap = n;
}

char *cv_next_item(char *s, char **save)
{
	char *t = strtok_r(s, ",", save);
	if (!t)
		return NULL;
	while (*t == ' ')
		t++;
	size_t len = strlen(t);
	while (len && t[len - 1] == ' ')
		t[--len] = '\0';
	return t;
}

uint32_t cv_utf8_next(const char *str, size_t len, size_t *i)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t k = *i;
	unsigned c = s[k];
	if (c < 0x80) {
		*i = k + 1;
		return c;
	}
	size_t n;
	uint32_t cp, min;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 1, cp = c & 0x1F, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 2, cp = c & 0x0F, min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 3, cp = c & 0x07, min = 0x10000;
	} else {
		*i = k + 1;
		return 0xFFFD;
	}
	if (k + n >= len) { /* truncated sequence */
		*i = k + 1;
		return 0xFFFD;
	}
	for (size_t j = 1; j <= n; j++) {
		if ((s[k + j] & 0xC0) != 0x80) {
			*i = k + 1;
			return 0xFFFD;
		}
		cp = (cp << 6) | (s[k + j] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
		*i = k + 1;
		return 0xFFFD;
	}
	*i = k + n + 1;
	return cp;
}

size_t cv_utf8_size(uint32_t cp)
{
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

size_t cv_utf8_put(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

int cv_utf8_valid(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		size_t at = i;
		uint32_t cp = cv_utf8_next(s, len, &i);
		/* U+FFFD is only an error when the bytes were not literally EF BF BD. */
		if (cp == 0xFFFD && !(i - at == 3))
			return 0;
	}
	return 1;
}
