/* Small shared helpers: allocation that aborts on failure, a growable array, UTF-8 decoding.
 * No stage-specific knowledge lives here.
 * SPDX-License-Identifier: MIT */
#ifndef CV2PDF_UTIL_H
#define CV2PDF_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Allocation wrappers: print "cv2pdf: out of memory" and abort instead of returning NULL, so that
 * out-of-memory is not threaded through every return value. Free with free(). */
void *cv_xmalloc(size_t size);
void *cv_xcalloc(size_t n, size_t size);
void *cv_xrealloc(void *p, size_t size);
char *cv_xstrdup(const char *s);

/* Grows a heap array (element size elem), whose pointer is at items_addr (the address of a T *, of
 * any T), so that it holds at least need elements; *cap is its capacity in elements. Amortised
 * doubling; a size past SIZE_MAX is out of memory. Existing pointers into the array are invalidated,
 * so refer to elements by index while the array is still growing. The test for room is inline:
 * growing is the commonest allocation (ten thousand calls on a one-page résumé, nearly all finding
 * room), and a call that returns at once cost more than the push it guarded. */
void cv_grow_to(void *items_addr, size_t *cap, size_t need, size_t elem);
static inline void cv_grow(void *items_addr, size_t *cap, size_t need, size_t elem)
{
	if (need > *cap)
		cv_grow_to(items_addr, cap, need, elem);
}
#define CV_PUSH(arr, n, cap) (cv_grow(&(arr), &(cap), (n) + 1, sizeof *(arr)), &(arr)[(n)++])

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
/* The number of bytes cv_utf8_put writes for cp (1 to 4). */
size_t cv_utf8_size(uint32_t cp);
/* Nonzero when s[0..len) is valid UTF-8 (no overlongs, no surrogates). */
int cv_utf8_valid(const char *s, size_t len);
/* Whether cp belongs to a writing system that puts no spaces between words: Han, kana, Bopomofo, CJK
 * punctuation, symbols and full-width forms; not Hangul. The one table of them (src/util/script.c). */
bool cv_cp_unspaced(uint32_t cp);

/* The decimal number at the start of s, read as strtod reads it in the "C" locale, whatever the
 * process's LC_NUMERIC (strtod stops at the point of "10.5pt" under a decimal-comma locale): optional
 * blanks, an optional sign, digits with an optional point, an optional exponent; no hexadecimal,
 * infinity or NaN. *end (when end is not NULL) is set after the number, or to s when there is none
 * (then 0 is returned). */
double cv_strtod(const char *s, char **end);

/* Paths named inside a file are relative to that file's folder (as RenderCV takes the photo), while
 * paths from the command line are relative to the current directory. cv_path_is_file tells a source
 * name that is a file from the command line's: NULL, "--set" (assignments) and "<stdin>". */
bool cv_path_is_file(const char *source);
/* path as the source named source means it: absolute, or joined to the folder of source when that is a
 * file, else as it is. Caller frees. */
char *cv_path_beside(const char *source, const char *path);

#ifdef __cplusplus
}
#endif

#endif
