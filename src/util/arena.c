/* Bump allocator with one linked list of blocks; everything is freed at once.
 * It never frees single objects and never moves them, so pointers into it stay valid.
 * SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/arena.h"
#include "cv2pdf/util.h"

/* 64 KiB holds the model of a typical résumé in one or two blocks; larger requests get a block of
 * their own so a 1 MB scalar does not waste a half-empty block. */
#define ARENA_BLOCK_SIZE (64u * 1024u)
#define ARENA_ALIGN 16u

typedef struct block {
	struct block *next;
	size_t size, used;
	_Alignas(16) unsigned char data[];
} block;

struct cv_arena {
	block *head;
};

cv_arena *cv_arena_new(void)
{
	return cv_xcalloc(1, sizeof(cv_arena));
}

void cv_arena_free(cv_arena *a)
{
	if (!a)
		return;
	for (block *b = a->head, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

void *cv_arena_alloc(cv_arena *a, size_t size)
{
	/* Rounding up a size near SIZE_MAX would wrap to a small one (and a block header on top). */
	if (size > SIZE_MAX - ARENA_ALIGN - sizeof(block)) {
		fprintf(stderr, "cv2pdf: out of memory (%zu bytes)\n", size);
		abort();
	}
	size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	block *b = a->head;
	if (!b || b->size - b->used < size) {
		size_t cap = size > ARENA_BLOCK_SIZE / 4 ? size : ARENA_BLOCK_SIZE;
		block *nb = cv_xmalloc(sizeof(block) + cap);
		nb->size = cap;
		nb->used = 0;
		if (b && cap != ARENA_BLOCK_SIZE) {
			/* Keep filling the current block: put the big one behind it. */
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			a->head = nb;
		}
		b = nb;
	}
	void *p = b->data + b->used;
	b->used += size;
	memset(p, 0, size);
	return p;
}

void *cv_arena_calloc(cv_arena *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size) {
		fprintf(stderr, "cv2pdf: out of memory (array of %zu)\n", n);
		abort();
	}
	return cv_arena_alloc(a, n * size);
}

char *cv_arena_strndup(cv_arena *a, const char *s, size_t len)
{
	char *p = cv_arena_alloc(a, len + 1);
	if (len)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *cv_arena_strdup(cv_arena *a, const char *s)
{
	return cv_arena_strndup(a, s, strlen(s));
}

char *cv_arena_printf(cv_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return cv_arena_strdup(a, "");
	char *p = cv_arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
