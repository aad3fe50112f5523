/* Bump allocator: every object of one document (or one layout) lives in one arena and dies with it.
 * Nothing allocated here is freed on its own; cv_arena_free() releases everything at once.
 * Out of memory aborts through cv_xmalloc (see util.h): callers never check for NULL.
 * SPDX-License-Identifier: MIT */
#ifndef CV2PDF_ARENA_H
#define CV2PDF_ARENA_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cv_arena cv_arena;

/* A new empty arena. Caller frees with cv_arena_free(). */
cv_arena *cv_arena_new(void);
/* Releases the arena and every block allocated from it. NULL is allowed. */
void cv_arena_free(cv_arena *a);

/* size bytes, zero-filled, aligned for any type. Arena-owned. */
void *cv_arena_alloc(cv_arena *a, size_t size);
/* n elements of size bytes each, zero-filled; aborts on overflow. Arena-owned. */
void *cv_arena_calloc(cv_arena *a, size_t n, size_t size);
/* A NUL-terminated copy of the first len bytes of s. Arena-owned. */
char *cv_arena_strndup(cv_arena *a, const char *s, size_t len);
char *cv_arena_strdup(cv_arena *a, const char *s);
/* printf into the arena. Arena-owned. */
char *cv_arena_printf(cv_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#ifdef __cplusplus
}
#endif

#endif
