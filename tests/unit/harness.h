/* A tiny unit-test harness: OK, INT_EQ, STR_EQ and a closing summary line that CTest logs show.
 * Each test binary includes this once, defines its tests, and returns harness_summary() from main.
 * SPDX-License-Identifier: MIT */
#ifndef CV2PDF_HARNESS_H
#define CV2PDF_HARNESS_H

#include <stdio.h>
#include <string.h>

static int harness_passed, harness_failed;

#define OK(cond, ...)                                                                    \
	do {                                                                             \
		if (cond) {                                                              \
			harness_passed++;                                                \
		} else {                                                                 \
			harness_failed++;                                                \
			fprintf(stderr, "%s:%d: FAIL: %s: ", __FILE__, __LINE__, #cond); \
			fprintf(stderr, __VA_ARGS__);                                    \
			fputc('\n', stderr);                                             \
		}                                                                        \
	} while (0)

#define INT_EQ(got, want, what)                                                                  \
	do {                                                                                     \
		long long g_ = (long long)(got), w_ = (long long)(want);                         \
		OK(g_ == w_, "%s: got %lld, want %lld", (what), g_, w_);                          \
	} while (0)

#define STR_EQ(got, want, what)                                                                  \
	do {                                                                                     \
		const char *g_ = (got), *w_ = (want);                                            \
		OK(g_ && w_ && strcmp(g_, w_) == 0, "%s:\n  got  \"%s\"\n  want \"%s\"", (what),   \
		   g_ ? g_ : "(null)", w_ ? w_ : "(null)");                                      \
	} while (0)

/* Prints "N passed, N failed" alone on a line and returns the exit status. */
static inline int harness_summary(void)
{
	printf("%d passed, %d failed\n", harness_passed, harness_failed);
	return harness_failed ? 1 : 0;
}

#endif
