/* Where cv2pdf's shipped data is: the fonts and the theme presets, each a directory of share/cv2pdf.
 * One search for both, so a relocated install, the build tree and an environment override find them
 * the same way. Reads the file system and the environment only.
 * SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cv2pdf/util.h"

#ifndef CV2PDF_SOURCE_DATA_DIR
#define CV2PDF_SOURCE_DATA_DIR ""
#endif
#ifndef CV2PDF_INSTALL_DATA_DIR
#define CV2PDF_INSTALL_DATA_DIR "/usr/local/share/cv2pdf"
#endif

/* Whether dir/probe is a regular file: a directory is taken for the data only when it holds it. */
static bool holds(const char *dir, const char *probe)
{
	char path[CV_DATA_DIR_MAX];
	struct stat st;
	if (!dir[0] || (size_t)snprintf(path, sizeof path, "%s/%s", dir, probe) >= sizeof path)
		return false;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

const char *cv_data_dir(const char *kind, const char *env, const char *probe, char *out, size_t cap)
{
	const char *e = env ? getenv(env) : NULL;
	if (e && *e) {
		snprintf(out, cap, "%s", e);
		return out;
	}
	/* The installed data relative to the running program: a tree installed under another prefix than
	 * the one configured (cmake --install --prefix DIR, a relocated package) still finds its own. */
	char exe[CV_DATA_DIR_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0'; /* the bin directory */
			if ((size_t)snprintf(out, cap, "%s/../share/cv2pdf/%s", exe, kind) < cap && holds(out, probe))
				return out;
		}
	}
	static const char source[] = CV2PDF_SOURCE_DATA_DIR; /* "" in a build that ships no source tree */
	if (source[0] && (size_t)snprintf(out, cap, "%s/%s", source, kind) < cap && holds(out, probe))
		return out;
	snprintf(out, cap, "%s/%s", CV2PDF_INSTALL_DATA_DIR, kind);
	return out;
}
