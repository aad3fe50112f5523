/* The built-in themes' registry: the theme presets are the NAME.yaml files of one folder, which is the
 * one list of themes (the schema's enum, --help, the completions and docs/themes.md are checked
 * against it). The folder comes from the caller (the command line finds it, src/cli/env.c); the
 * library knows only the installed one. Applying a preset is design.c's.
 * SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cv2pdf/load.h"
#include "cv2pdf/util.h"
#include "load_internal.h"

#ifndef CV2PDF_INSTALL_THEME_DIR
#define CV2PDF_INSTALL_THEME_DIR "/usr/local/share/cv2pdf/themes"
#endif

/* Whether s names a theme file rather than a built-in theme. */
bool cv_is_theme_path(const char *s)
{
	size_t n = strlen(s);
	return strchr(s, '/') || (n > 5 && !strcasecmp(s + n - 5, ".yaml")) || (n > 4 && !strcasecmp(s + n - 4, ".yml"));
}

/* The stems of the files in dir whose names end in ext, in directory order (arena-owned); 0 when dir
 * cannot be read. */
static size_t list_dir(const char *dir, const char *ext, cv_arena *a, const char ***out)
{
	size_t n = 0, cap = 0, elen = strlen(ext);
	const char **names = NULL;
	DIR *dp = opendir(dir);
	for (struct dirent *e; dp && (e = readdir(dp));) {
		size_t len = strlen(e->d_name);
		if (len <= elen || e->d_name[0] == '.' || strcmp(e->d_name + len - elen, ext) != 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			const char **grown = cv_arena_calloc(a, cap, sizeof *grown);
			if (n)
				memcpy(grown, names, n * sizeof *names);
			names = grown;
		}
		names[n++] = cv_arena_strndup(a, e->d_name, len - elen);
	}
	if (dp)
		closedir(dp);
	*out = names;
	return n;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

const char *cv_theme_dir(void)
{
	return CV2PDF_INSTALL_THEME_DIR;
}

size_t cv_theme_names(const char *dir, cv_arena *a, const char *const **out)
{
	if (!dir)
		dir = cv_theme_dir();
	const char **names = NULL;
	size_t n = list_dir(dir, ".yaml", a, &names);
	if (n)
		qsort(names, n, sizeof *names, cmp_names);
	*out = names;
	return n;
}
