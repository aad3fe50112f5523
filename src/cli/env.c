/* Everything a run takes from outside its arguments and files, read once, here: NO_COLOR and whether
 * standard error is a terminal, SOURCE_DATE_EPOCH, the clock, CV2PDF_FONT_DIR and where the
 * shipped fonts are. The stages get them through cv_env and cv_font_request; nothing below src/cli/
 * reads the environment or the clock.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cv2pdf/text.h"
#include "cv2pdf/util.h"
#include "cv2pdf/version.h"

/* The installed fonts (CMAKE_INSTALL_FULL_DATADIR/cv2pdf/fonts), the last place looked in. */
#ifndef CV2PDF_INSTALL_FONT_DIR
#define CV2PDF_INSTALL_FONT_DIR "/usr/local/share/cv2pdf/fonts"
#endif
/* A build tree has a file of this name beside the program, holding the source tree's fonts/ folder
 * (CMakeLists.txt writes it; cmake --install does not copy it), so that a program run from its build
 * tree finds the fonts while an installed one carries no path of the machine it was built on. */
#define BUILD_FONT_FILE "cv2pdf-font-dir"

/* SOURCE_DATE_EPOCH: seconds since 1970, from 0 to CV_MAX_EPOCH, or -1 when unset or invalid (then
 * *bad is the value, for the warning the run gives). */
static long long source_date_epoch(const char **bad)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	*bad = NULL;
	if (!s || !*s)
		return -1;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || v < 0 || v > CV_MAX_EPOCH) {
		*bad = s;
		return -1;
	}
	return v;
}

/* The folder of the running program, into dir (PATH_MAX bytes); false when unknown. */
static bool program_dir(char *dir)
{
	ssize_t n = readlink("/proc/self/exe", dir, PATH_MAX - 1);
	if (n <= 0)
		return false;
	dir[n] = '\0';
	char *slash = strrchr(dir, '/');
	if (!slash)
		return false;
	*slash = '\0';
	return true;
}

/* The build tree's fonts folder, named by BUILD_FONT_FILE beside the program (malloc'd), or NULL. */
static char *build_font_dir(const char *bin)
{
	char path[PATH_MAX + sizeof BUILD_FONT_FILE + 1], line[PATH_MAX];
	if ((size_t)snprintf(path, sizeof path, "%s/%s", bin, BUILD_FONT_FILE) >= sizeof path)
		return NULL;
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	char *got = fgets(line, sizeof line, f);
	fclose(f);
	if (!got)
		return NULL;
	line[strcspn(line, "\r\n")] = '\0';
	return cv_font_dir_ok(line) ? cv_xstrdup(line) : NULL;
}

/* Where the shipped fonts are when --font-dir does not say: $CV2PDF_FONT_DIR; share/cv2pdf/fonts
 * beside the program's bin folder (an installed tree, wherever it was moved: cmake --install --prefix,
 * a relocated package); the build tree's, for a program run where it was built; the configured
 * installation's. malloc'd. */
static char *find_font_dir(void)
{
	const char *env = getenv("CV2PDF_FONT_DIR");
	if (env && *env)
		return cv_xstrdup(env);
	char bin[PATH_MAX];
	if (program_dir(bin)) {
		char rel[PATH_MAX + 32];
		if ((size_t)snprintf(rel, sizeof rel, "%s/../share/cv2pdf/fonts", bin) < sizeof rel && cv_font_dir_ok(rel))
			return cv_xstrdup(rel);
		char *built = build_font_dir(bin);
		if (built)
			return built;
	}
	return cv_xstrdup(CV2PDF_INSTALL_FONT_DIR);
}

void cv_cli_env(cv_cli *o)
{
	const char *nc = getenv("NO_COLOR");
	o->tty = isatty(STDERR_FILENO);
	o->color = o->tty && !(nc && *nc);
	o->env.creator = "cv2pdf " CV2PDF_VERSION;
	o->env.epoch = source_date_epoch(&o->bad_epoch);
	o->env.now = (long long)time(NULL);
	o->found_font_dir = find_font_dir();
}
