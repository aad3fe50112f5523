/* Small shared helpers: allocation that aborts on failure, a growable array, UTF-8 decoding.
 * No stage-specific knowledge lives here.
 * SPDX-License-Identifier: MIT */
#ifndef CV2PDF_UTIL_H
#define CV2PDF_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Allocation wrappers: print "cv2pdf: out of memory" and abort instead of returning NULL, so that
 * out-of-memory is not threaded through every return value. Free with free(). */
void *cv_xmalloc(size_t size);
void *cv_xcalloc(size_t n, size_t size);
void *cv_xrealloc(void *p, size_t size);
char *cv_xstrdup(const char *s);

/* Grows a heap array *items (element size elem) so that it holds at least need elements; *cap is its
 * capacity in elements. Amortised doubling. Existing pointers into the array are invalidated, so
 * refer to elements by index while the array is still growing. */
void cv_grow(void **items, size_t *cap, size_t need, size_t elem);
#define CV_PUSH(arr, n, cap) \
	(cv_grow((void **)&(arr), &(cap), (n) + 1, sizeof *(arr)), &(arr)[(n)++])

/* The next item of a comma-separated list in s (first call) or *save (later calls, s NULL), with the
 * spaces around it trimmed; NULL at the end. Writes into the string, like strtok_r. Items may be
 * empty (""): callers skip those. */
char *cv_next_item(char *s, char **save);

/* The entry of known[0..n) (or up to a NULL entry, whichever comes first; pass SIZE_MAX for a
 * NULL-terminated list) closest to word when it is close enough to be a misspelling of it (or is
 * word itself), else NULL. */
const char *cv_suggest(const char *word, const char *const *known, size_t n);

/* Decodes one UTF-8 sequence at s[*i] (len bytes in all) and advances *i. Invalid or truncated
 * sequences yield U+FFFD and advance by one byte, so the caller always makes progress. */
uint32_t cv_utf8_next(const char *s, size_t len, size_t *i);
/* Encodes cp into out (at least 4 bytes); returns the number of bytes written. */
size_t cv_utf8_put(uint32_t cp, char *out);
/* Nonzero when s[0..len) is valid UTF-8 (no overlongs, no surrogates). */
int cv_utf8_valid(const char *s, size_t len);

/* Paths named inside a file are relative to that file's folder (as RenderCV takes the photo), while
 * paths from the command line are relative to the current directory. cv_path_is_file tells a source
 * name that is a file from the command line's: NULL, "--set" (assignments) and "<stdin>". */
bool cv_path_is_file(const char *source);
/* path as the source named source means it: absolute, or joined to the folder of source when that is a
 * file, else as it is. Caller frees. */
char *cv_path_beside(const char *source, const char *path);

/* SOURCE_DATE_EPOCH (seconds since 1970, reproducible builds), or -1 when it is unset. A value that is
 * not a whole number from 0 to CV_MAX_EPOCH also gives -1, with *invalid set (when not NULL). */
long long cv_source_date_epoch(bool *invalid);
/* The last second whose year has four digits, 9999-12-31T23:59:59Z: PDF dates and the "last updated"
 * line have room for no more, and gmtime fails far beyond it. */
#define CV_MAX_EPOCH 253402300799LL

#endif
