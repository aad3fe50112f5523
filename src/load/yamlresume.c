/* Maps YAMLResume documents (content, locale, layouts) onto the model. Their content is JSON Resume
 * with location and profiles lifted out of basics, so the sections go through jsonresume.c; this file
 * reads the wrapper: the language, and the page settings and section aliases of the layouts.
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include "load_internal.h"

/* YAMLResume's section ids, in its default order. */
static const char *const section_ids[] = {"education", "work",       "volunteer", "awards",   "certificates",
					  "publications", "skills", "languages", "interests", "references",
					  "projects",  NULL};

/* The layout cv2pdf follows: the first one for a paged engine (latex, then docx), else the first. */
static const ynode *pick_layout(cv_mctx *m, const ynode *layouts, size_t *index)
{
	if (!layouts || yn_is_null(layouts))
		return NULL;
	if (layouts->kind != YN_SEQ) {
		cv_map_err(m, layouts, "wrong-type", "%s: expected a list of layouts, got %s", "layouts",
			   yn_kind_name(layouts));
		return NULL;
	}
	static const char *const paged[] = {"latex", "docx", NULL};
	for (size_t k = 0; paged[k]; k++)
		for (size_t i = 0; i < layouts->n; i++) {
			const ynode *engine = yn_get(layouts->items[i], "engine");
			if (engine && engine->kind == YN_SCALAR && !strcmp(engine->value, paged[k])) {
				*index = i;
				return layouts->items[i];
			}
		}
	*index = 0;
	return layouts->n && layouts->items[0]->kind == YN_MAP ? layouts->items[0] : NULL;
}

static void layout_page(cv_mctx *m, const ynode *page, const char *path)
{
	static const char *const keys[] = {"margins", "paperSize", "showPageNumbers", NULL};
	static const char *const margin_keys[] = {"top", "bottom", "left", "right", NULL};
	if (!page || page->kind != YN_MAP)
		return;
	cv_design *ds = &m->doc->design;
	char p[CV_PATH_MAX];
	const ynode *margins = yn_get(page, "margins");
	if (margins && margins->kind == YN_MAP) {
		float *dst[] = {&ds->margin_top, &ds->margin_bottom, &ds->margin_left, &ds->margin_right};
		for (size_t i = 0; margin_keys[i]; i++) {
			CV_PATHF(p, "%s.margins.%s", path, margin_keys[i]);
			cv_map_length(m, yn_get(margins, margin_keys[i]), p, dst[i], 0, 200);
		}
		CV_PATHF(p, "%s.margins", path);
		yn_report_unknown(margins, p, margin_keys, m->d, CV_WARNING);
	}
	CV_PATHF(p, "%s.paperSize", path);
	cv_map_page_size(m, yn_get(page, "paperSize"), p);
	CV_PATHF(p, "%s.showPageNumbers", path);
	ds->page_numbers = cv_map_bool(m, yn_get(page, "showPageNumbers"), p, ds->page_numbers);
	yn_report_unknown(page, path, keys, m->d, CV_WARNING);
}

int cv_map_yamlresume(const ynode *root, cv_doc *doc, cv_diags *d)
{
	static const char *const top_keys[] = {"content", "locale", "layouts", NULL};
	static const char *const content_keys[] = {"basics",    "location",     "profiles",     "education", "work",
						   "volunteer", "awards",       "certificates", "publications", "skills",
						   "languages", "interests",    "references",   "projects",  NULL};
	cv_rctx r = {.m = {doc, doc->arena, d, 0}, .lang = doc->locale.lang};
	const ynode *content = yn_get(root, "content");
	if (content->kind != YN_MAP) {
		cv_map_err(&r.m, content, "wrong-type", "%s: expected a map (basics, education, work, ...), got %s",
			   "content", yn_kind_name(content));
		return CV_EINPUT;
	}
	/* locale.language was read before mapping (cv_load_language): here it is only checked. */
	const ynode *locale = yn_get(root, "locale");
	if (locale && !yn_is_null(locale)) {
		static const char *const lkeys[] = {"language", NULL};
		if (locale->kind != YN_MAP) {
			cv_map_err(&r.m, locale, "wrong-type", "%s: expected a map, got %s", "locale", yn_kind_name(locale));
		} else {
			(void)cv_map_field(&r.m, locale, "language", "locale");
			yn_report_unknown(locale, "locale", lkeys, d, CV_WARNING);
		}
	}

	/* Page settings, section titles (aliases) and order from the layout cv2pdf follows. The other
	 * layouts are for YAMLResume's other engines (HTML, Markdown) and are left alone. */
	size_t li = 0;
	char lp[CV_PATH_MAX], p[CV_PATH_MAX];
	const ynode *layout = pick_layout(&r.m, yn_get(root, "layouts"), &li);
	const ynode *aliases = NULL, *order = NULL;
	if (layout) {
		CV_PATHF(lp, "layouts[%zu]", li);
		CV_PATHF(p, "%s.page", lp);
		layout_page(&r.m, yn_get(layout, "page"), p);
		const ynode *typo = yn_get(layout, "typography");
		if (typo && typo->kind == YN_MAP) {
			CV_PATHF(p, "%s.typography.fontSize", lp);
			const ynode *fs = yn_get(typo, "fontSize");
			/* HTML sizes are in px (16px body text on screen); only the paged engines' sizes apply. */
			if (fs && fs->kind == YN_SCALAR && !strstr(fs->value, "px"))
				cv_map_length(&r.m, fs, p, &doc->design.font_size, 6, 24);
		}
		const ynode *sections = yn_get(layout, "sections");
		if (sections && sections->kind == YN_MAP) {
			aliases = yn_get(sections, "aliases");
			order = yn_get(sections, "order");
		}
		/* engine, template and the engines' advanced settings are YAMLResume's own. */
		for (size_t i = 0; i < layout->n; i++)
			layout->used[i] = true;
	}

	const ynode *basics = yn_get(content, "basics");
	if (!basics)
		cv_map_err(&r.m, content, "missing-field", "%s: YAMLResume needs \"basics\" with at least a name%s", "content",
			   "");
	cv_resume_basics(&r, basics, "content.basics", yn_get(content, "location"), "content.location",
			 yn_get(content, "profiles"), "content.profiles");
	if (basics && basics->kind == YN_MAP && !doc->name.s)
		cv_map_err(&r.m, basics, "missing-field", "%s: basics needs \"name\"%s", "content.basics", "");

	/* The order: the layout's, then any section it left out in YAMLResume's default order. */
	const char *seq[32];
	size_t n_seq = 0;
	if (order && order->kind == YN_SEQ) {
		for (size_t i = 0; i < order->n && n_seq < 16; i++) {
			const ynode *id = order->items[i];
			CV_PATHF(p, "%s.sections.order[%zu]", lp, i);
			if (id->kind != YN_SCALAR || (!cv_resume_is_section(id->value) && strcmp(id->value, "basics"))) {
				const char *best = id->kind == YN_SCALAR ? yn_suggest(id->value, section_ids) : NULL;
				cv_map_err(&r.m, id, "unknown-section", "%s: unknown section %s%s%s%s", p,
					   yn_shown(r.m.a, id), best ? "; did you mean \"" : "",
					   best ? best : "", best ? "\"?" : "");
				continue;
			}
			bool again = false;
			for (size_t k = 0; k < n_seq; k++)
				again = again || !strcmp(seq[k], id->value);
			if (again) {
				cv_diag_add(d, CV_WARNING, "duplicate-section", id->span, "%s: \"%s\" is already in the order", p,
					    id->value);
				continue;
			}
			seq[n_seq++] = id->value;
		}
	}
	for (size_t i = 0; section_ids[i]; i++) {
		bool seen = false;
		for (size_t k = 0; k < n_seq; k++)
			seen = seen || !strcmp(seq[k], section_ids[i]);
		if (!seen)
			seq[n_seq++] = section_ids[i];
	}
	for (size_t k = 0; k < n_seq; k++) {
		const char *id = seq[k];
		if (!cv_resume_is_section(id))
			continue;
		const ynode *list = yn_get(content, id);
		if (!list)
			continue;
		const ynode *keynode = NULL;
		for (size_t i = 0; i < content->n; i++)
			if (!strcmp(content->keys[i]->value, id))
				keynode = content->keys[i];
		cv_str alias = {0};
		if (aliases && aliases->kind == YN_MAP) {
			CV_PATHF(p, "%s.sections.aliases", lp);
			alias = cv_map_field(&r.m, aliases, id, p);
		}
		CV_PATHF(p, "content.%s", id);
		cv_resume_section(&r, id, keynode, list, p, alias.s);
	}
	if (aliases && aliases->kind == YN_MAP) {
		(void)yn_get(aliases, "basics");
		CV_PATHF(p, "%s.sections.aliases", lp);
		yn_report_unknown(aliases, p, section_ids, d, CV_WARNING);
	}
	if (!yn_get(content, "education"))
		cv_diag_add(d, CV_WARNING, "missing-field", content->span,
			    "content: YAMLResume requires an \"education\" section; cv2pdf renders without one");
	yn_report_unknown(content, "content", content_keys, d, CV_WARNING);
	yn_report_unknown(root, "", top_keys, d, CV_WARNING);
	return r.m.errors ? CV_EINPUT : CV_OK;
}
