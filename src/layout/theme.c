/* Which sections the sidebar of a two-column theme holds. The themes themselves are data (themes/NAME.yaml,
 * read by the loader into the design); layout reads only the design.
 * SPDX-License-Identifier: MIT */
#include <strings.h>

#include "layout_internal.h"

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
