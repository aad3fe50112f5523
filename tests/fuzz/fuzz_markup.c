/* libFuzzer target for the inline-markup parser (**bold**, *italic*, `code`, [text](url), escapes):
 * arbitrary bytes through cv_markup_parse, checking that every piece lies in the arena and that the
 * pieces never hold more text than the input; then cv_markup_strip on the NUL-terminated copy.
 * SPDX-License-Identifier: MIT */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/arena.h"
#include "cv2pdf/text.h"
#include "layout_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cv_arena *a = cv_arena_new();
	cv_mpiece *p = NULL;
	size_t n = 0, cap = 0, total = 0;
	cv_markup_parse((const char *)data, size, a, &p, &n, &cap);
	for (size_t i = 0; i < n; i++) {
		/* Markup only ever removes characters: the text of the pieces fits in the input. */
		total += p[i].len;
		if (p[i].len && !p[i].text)
			abort();
		if (p[i].style & ~(unsigned)(CV_BOLD | CV_ITALIC | CV_CODE))
			abort();
		if (p[i].len)
			(void)memchr(p[i].text, 0, p[i].len); /* every byte readable (ASan checks) */
		if (p[i].link)
			(void)strlen(p[i].link);
	}
	if (total > size)
		abort();
	free(p);
	char *s = cv_arena_strndup(a, (const char *)data, size);
	const char *plain = cv_markup_strip(s, a);
	if (strlen(plain) > strlen(s))
		abort();
	cv_arena_free(a);
	return 0;
}
