/* Small environment helpers every stage shares: how a path named inside a file is found, and
 * SOURCE_DATE_EPOCH. No stage-specific knowledge.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/util.h"

bool cv_path_is_file(const char *source)
{
	return source && *source && strcmp(source, "--set") != 0 && strcmp(source, "<stdin>") != 0;
}

char *cv_path_beside(const char *source, const char *path)
{
	const char *slash = cv_path_is_file(source) ? strrchr(source, '/') : NULL;
	if (path[0] == '/' || !slash)
		return cv_xstrdup(path);
	size_t dir = (size_t)(slash - source), n = strlen(path);
	char *out = cv_xmalloc(dir + 1 + n + 1);
	memcpy(out, source, dir);
	out[dir] = '/';
	memcpy(out + dir + 1, path, n + 1);
	return out;
}

long long cv_source_date_epoch(bool *invalid)
{
	if (invalid)
		*invalid = false;
	const char *s = getenv("SOURCE_DATE_EPOCH");
	if (!s || !*s)
		return -1;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || v < 0 || v > CV_MAX_EPOCH) {
		if (invalid)
			*invalid = true;
		return -1;
	}
	return v;
}
