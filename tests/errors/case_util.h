/* case_util: the case runner's small tools (tests/errors/run_case.c, case_worker.c): growing strings
 * and lists, files and folders walked, and the words of a case's 'args:' line. Kept apart so that the
 * runner's file is the cases and their checks.
 * SPDX-License-Identifier: MIT */
#ifndef CASE_UTIL_H
#define CASE_UTIL_H
#include <stddef.h>
#include <sys/stat.h>

/* A growing byte string, always NUL-terminated (it may hold NULs inside: len counts). */
typedef struct {
	char *p;
	size_t len, cap;
} str;

/* A NULL-terminated list of strings (an argv). */
typedef struct {
	char **v;
	size_t n, cap;
} strv;

/* Reports the failed check of the current case and ends its child (run_case.c). */
__attribute__((format(printf, 1, 2), noreturn)) void fail(const char *fmt, ...);

/* Strings and lists (each function's comment is at its definition). Out of memory ends the runner. */
void *xrealloc(void *p, size_t n);
void str_add(str *s, const char *p, size_t n);
void str_adds(str *s, const char *p);
void str_addc(str *s, char c);
char *xstrdup(const char *p);
char *cat2(const char *a, const char *b);
void strv_add(strv *l, char *p);
void add_line(str *list, const char *line);
char *replace_all(const char *s, const char *from, const char *to);
int read_file(const char *path, str *out);
/* Files and folders. */
void walk(const char *path, int pre, void (*fn)(const char *path, const struct stat *st, void *arg), void *arg);
void give_back(const char *path, const struct stat *st, void *arg);
/* The paths of the files and folders below PATH named .cv2pdf-* (cv2pdf's temporaries), added to
 * FOUND, space-separated; symbolic links are not followed, unreadable folders skipped. */
void find_temporaries(const char *path, str *found);
void remove_tree(const char *path);
/* The words of an 'args:' line, when no shell is needed to read them. */
int split_simple(const char *s, strv *words);
/* Lines and words of what a run printed. */
int is_excerpt(const char *line);
int cmp_str(const void *a, const void *b); /* strcmp for qsort of a strv */
char *sorted_words(strv *w);
void split_blanks(const char *s, strv *out);
void split_lines(char *s, strv *out);

/* Cases and their folders. */
int is_case_file(const char *path); /* a regular file ending in .yaml, .yml or .json */
/* ARG (a case file or a folder of them, in name order; absolute paths below SRC made relative) into
 * CASES; exits 2 when ARG cannot be read. */
void add_cases(const char *src, const char *arg, strv *cases);
/* The case REL's scratch folder below SCRATCH: REL without "tests/" and its extension, '/' made '_'
 * (tests/errors/dup_key.yaml: SCRATCH/errors_dup_key). */
char *case_scratch(const char *scratch, const char *rel);
int make_dirs(const char *path); /* PATH and its missing parents (mkdir -p); 0 or -1 */

#endif
