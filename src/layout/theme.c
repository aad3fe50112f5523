/* Themes: each is a set of layout parameters (sizes and spacing relative to the design, the column
 * arrangement, the heading style, the bounds --max-pages may shrink to). Block layout reads them; this
 * file only names and chooses them. RenderCV's theme names map to the nearest built-in one.
 * SPDX-License-Identifier: MIT */
#include <string.h>
#include <strings.h>

#include "layout_internal.h"

static const cv_theme themes[] = {
	{
		.name = "classic",
		.columns = 1,
		.header_left = false,
		.title_style = CV_TITLE_FULL_LINE,
		.size_scale = 1.0f,
		.space_scale = 1.0f,
		/* --max-pages bounds: 8 pt body text from 10 pt, about half the vertical space. */
		.min_size_scale = 0.8f,
		.min_space_scale = 0.35f,
		.bullet = "•",
	},
	{
		.name = "sidebar",
		.columns = 2,
		/* The narrow column holds contact lines, skills and degrees: a third of the text width leaves
		 * the main column about 60 characters of 10 pt text on A4. */
		.sidebar_share = 0.31f,
		.gutter = 18,
		.header_left = true,
		.title_style = CV_TITLE_FULL_LINE,
		.size_scale = 1.0f,
		.space_scale = 1.0f,
		.min_size_scale = 0.8f,
		.min_space_scale = 0.35f,
		.bullet = "•",
	},
	{
		.name = "compact",
		.columns = 1,
		.header_left = true,
		.title_style = CV_TITLE_PARTIAL_LINE,
		.size_scale = 0.92f,
		.space_scale = 0.6f,
		.min_size_scale = 0.75f,
		.min_space_scale = 0.25f,
		.bullet = "–",
	},
};

/* The loader has already checked design.theme and mapped RenderCV's names to ours (native.c,
 * get_theme), so only a built-in name or none arrives here; anything else would be a bug upstream,
 * answered with the classic theme rather than a crash. */
const cv_theme *cv_theme_find(const char *name)
{
	for (size_t i = 0; name && i < sizeof themes / sizeof themes[0]; i++)
		if (!strcasecmp(name, themes[i].name))
			return &themes[i];
	return &themes[0];
}

bool cv_theme_in_sidebar(const cv_design *ds, const char *title)
{
	if (ds->sidebar_sections.n) {
		for (size_t i = 0; i < ds->sidebar_sections.n; i++)
			if (!strcasecmp(ds->sidebar_sections.items[i].s, title))
				return true;
		return false;
	}
	/* Short, list-like material (skills, education, languages, ...), by title in any language. */
	return cv_lang_sidebar_title(title);
}
