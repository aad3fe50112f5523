/* How a path named inside a file is found, for every stage that opens one (the photo, a font, an
 * output). No stage-specific knowledge; the environment is the command line's (src/cli/env.c).
 * SPDX-License-Identifier: MIT */
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
