/* Everything a run takes from outside its arguments and files, read once, here: NO_COLOR and whether
 * standard error is a terminal, SOURCE_DATE_EPOCH, the clock, CV2PDF_FONT_DIR, CV2PDF_THEME_DIR and
 * where the shipped fonts and theme presets are. The stages get them through cv_env, cv_font_request
 * and cv_load_opts; nothing below src/cli/ reads the environment or the clock.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cv2pdf/load.h"
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
/* ... and the source tree's themes/ folder. */
#define BUILD_THEME_FILE "cv2pdf-theme-dir"
/* The installed theme presets (CMAKE_INSTALL_FULL_DATADIR/cv2pdf/themes). */
#ifndef CV2PDF_INSTALL_THEME_DIR
#define CV2PDF_INSTALL_THEME_DIR "/usr/local/share/cv2pdf/themes"
#endif

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

/* The build tree's folder of one kind of data, named by the file `name` beside the program (malloc'd),
 * or NULL when there is none or it does not hold the data (ok). */
static char *build_dir(const char *bin, const char *name, bool (*ok)(const char *))
{
	char path[PATH_MAX + 64], line[PATH_MAX];
	if ((size_t)snprintf(path, sizeof path, "%s/%s", bin, name) >= sizeof path)
		return NULL;
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	char *got = fgets(line, sizeof line, f);
	fclose(f);
	if (!got)
		return NULL;
	line[strcspn(line, "\r\n")] = '\0';
	return ok(line) ? cv_xstrdup(line) : NULL;
}

/* Whether dir holds the built-in theme presets (the default theme's at least). */
static bool theme_dir_ok(const char *dir)
{
	char path[PATH_MAX + 64];
	struct stat st;
	return dir && *dir && (size_t)snprintf(path, sizeof path, "%s/%s.yaml", dir, CV_DEFAULT_THEME) < sizeof path &&
	       stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Where one kind of shipped data (the fonts, the theme presets) is when no option says: $env_name;
 * share/cv2pdf/KIND beside the program's bin folder (an installed tree, wherever it was moved: cmake
 * --install --prefix, a relocated package); the build tree's, for a program run where it was built
 * (build_file); the configured installation's. malloc'd. */
static char *find_data_dir(const char *env_name, const char *kind, bool (*ok)(const char *), const char *build_file,
			   const char *installed)
{
	const char *env = getenv(env_name);
	if (env && *env)
		return cv_xstrdup(env);
	char bin[PATH_MAX];
	if (program_dir(bin)) {
		char rel[PATH_MAX + 32];
		if ((size_t)snprintf(rel, sizeof rel, "%s/../share/cv2pdf/%s", bin, kind) < sizeof rel && ok(rel))
			return cv_xstrdup(rel);
		char *built = build_dir(bin, build_file, ok);
		if (built)
			return built;
	}
	return cv_xstrdup(installed);
}

void cv_cli_env(cv_cli *o)
{
	const char *nc = getenv("NO_COLOR");
	o->tty = isatty(STDERR_FILENO);
	o->color = o->tty && !(nc && *nc);
	o->env.creator = "cv2pdf " CV2PDF_VERSION;
	o->env.epoch = source_date_epoch(&o->bad_epoch);
	o->env.now = (long long)time(NULL);
	o->found_font_dir =
		find_data_dir("CV2PDF_FONT_DIR", "fonts", cv_font_dir_ok, BUILD_FONT_FILE, CV2PDF_INSTALL_FONT_DIR);
	o->found_theme_dir =
		find_data_dir("CV2PDF_THEME_DIR", "themes", theme_dir_ok, BUILD_THEME_FILE, CV2PDF_INSTALL_THEME_DIR);
}
