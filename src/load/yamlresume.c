/* Maps YAMLResume documents (content, locale, layouts) onto the model. Their content is JSON Resume
 * with location and profiles lifted out of basics, so the sections go through jsonresume.c; this file
 * reads the wrapper: the language, and the page settings and section aliases of the layouts.
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include "load_internal.h"

/* YAMLResume's section ids, in its default order (DEFAULT_SECTIONS_ORDER in its models/resume.ts):
 * "basics" is the summary, which stands first, under the name. */
static const char *const section_ids[] = {"basics",       "education",    "work",       "languages", "skills",
					  "awards",       "certificates", "publications", "references", "projects",
					  "interests",    "volunteer",    NULL};

/* The layout cv2pdf follows: the first one for a paged engine (latex or docx, which make PDFs and Word
 * pages; html and markdown make web pages), else the first. */
static const ynode *pick_layout(cv_mctx *m, const ynode *layouts, size_t *index)
{
	if (!layouts || cv_yn_is_null(layouts))
		return NULL;
	if (layouts->kind != YN_SEQ) {
		cv_map_err(m, layouts, "wrong-type", "%s: expected a list of layouts, got %s", "layouts",
			   cv_yn_kind_name(layouts));
		return NULL;
	}
	static const char *const paged[] = {"latex", "docx", "typst", "pdf", NULL};
	for (size_t i = 0; i < layouts->n; i++) {
		const ynode *engine = cv_yn_get(layouts->items[i], "engine");
		for (size_t k = 0; engine && engine->kind == YN_SCALAR && paged[k]; k++)
			if (!strcmp(engine->value, paged[k])) {
				*index = i;
				return layouts->items[i];
			}
	}
	*index = 0;
	return layouts->n && layouts->items[0]->kind == YN_MAP ? layouts->items[0] : NULL;
}

/* YAMLResume's line spacings (its DOCX renderer's 240ths of a line: tight 228, snug 252, normal 276,
 * relaxed 312, loose 360) as cv2pdf's baseline pitch, normal being cv2pdf's own 1.32 em. */
static void line_spacing(cv_mctx *m, const ynode *n, const char *path)
{
	static const struct {
		const char *name;
		float pitch;
	} spacings[] = {{"tight", 1.09f}, {"snug", 1.2f}, {"normal", 1.32f}, {"relaxed", 1.49f}, {"loose", 1.72f}};
	if (!n || cv_yn_is_null(n))
		return;
	for (size_t i = 0; n->kind == YN_SCALAR && i < sizeof spacings / sizeof spacings[0]; i++)
		if (!strcmp(n->value, spacings[i].name)) {
			m->doc->design.line_spacing = spacings[i].pitch;
			return;
		}
	cv_diag_add(m->d, CV_WARNING, "bad-value", n->span,
		    "%s: expected tight, snug, normal, relaxed or loose, got %s; the theme's spacing is used", path,
		    cv_yn_shown(m->a, n));
}

static void layout_page(cv_mctx *m, const ynode *page, const char *path)
{
	static const char *const keys[] = {"margins", "paperSize", "showPageNumbers", NULL};
	static const char *const margin_keys[] = {"top", "bottom", "left", "right", NULL};
	if (!page || page->kind != YN_MAP)
		return;
	cv_design *ds = &m->doc->design;
	char p[CV_PATH_MAX];
	const ynode *margins = cv_yn_get(page, "margins");
	if (margins && margins->kind == YN_MAP) {
		float *dst[] = {&ds->margin_top, &ds->margin_bottom, &ds->margin_left, &ds->margin_right};
		for (size_t i = 0; margin_keys[i]; i++) {
			CV_PATHF(p, "%s.margins.%s", path, margin_keys[i]);
			cv_map_length(m, cv_yn_get(margins, margin_keys[i]), p, dst[i], 0, 200);
		}
		CV_PATHF(p, "%s.margins", path);
		cv_yn_report_unknown(margins, p, margin_keys, m->d, CV_WARNING);
	}
	CV_PATHF(p, "%s.paperSize", path);
	cv_map_page_size(m, cv_yn_get(page, "paperSize"), p);
	CV_PATHF(p, "%s.showPageNumbers", path);
	ds->page_numbers = cv_map_bool(m, cv_yn_get(page, "showPageNumbers"), p, ds->page_numbers);
	cv_yn_report_unknown(page, path, keys, m->d, CV_WARNING);
}

/* The summary as a section of its own (one text entry), titled title or the language's word. */
static void summary_section(cv_rctx *r, cv_str title, const ynode *basics)
{
	cv_doc *doc = r->m.doc;
	cv_section *grown = cv_arena_calloc(r->m.a, doc->n_sections + CV_SEC_COUNT + 1, sizeof *grown);
	if (doc->n_sections)
		memcpy(grown, doc->sections, doc->n_sections * sizeof *grown);
	doc->sections = grown;
	cv_section *s = &doc->sections[doc->n_sections++];
	s->title = title.s ? title : (cv_str){.s = r->lang->terms[CV_W_SUMMARY], .span = basics->span};
	s->span = basics->span;
	s->entries = cv_arena_calloc(r->m.a, 1, sizeof *s->entries);
	s->n_entries = 1;
	s->entries[0].kind = CV_ENTRY_TEXT;
	s->entries[0].summary = doc->summary;
	s->entries[0].span = doc->summary.span;
	memset(&doc->summary, 0, sizeof doc->summary);
}

int cv_map_yamlresume(const ynode *root, cv_doc *doc, cv_diags *d)
{
	static const char *const top_keys[] = {"content", "locale", "layouts", NULL};
	static const char *const content_keys[] = {"basics",    "location",     "profiles",     "education", "work",
						   "volunteer", "awards",       "certificates", "publications", "skills",
						   "languages", "interests",    "references",   "projects",  NULL};
	cv_rctx r = {.m = {doc, doc->arena, d, 0}, .lang = doc->locale.lang};
	const ynode *content = cv_yn_get(root, "content");
	if (content->kind != YN_MAP) {
		cv_map_err(&r.m, content, "wrong-type", "%s: expected a map (basics, education, work, ...), got %s",
			   "content", cv_yn_kind_name(content));
		return CV_EINPUT;
	}
	/* locale.language was read before mapping (cv_load_language): here it is only checked. */
	const ynode *locale = cv_yn_get(root, "locale");
	if (locale && !cv_yn_is_null(locale)) {
		static const char *const lkeys[] = {"language", NULL};
		if (locale->kind != YN_MAP) {
			cv_map_err(&r.m, locale, "wrong-type", "%s: expected a map, got %s", "locale", cv_yn_kind_name(locale));
		} else {
			(void)cv_map_field(&r.m, locale, "language", "locale");
			cv_yn_report_unknown(locale, "locale", lkeys, d, CV_WARNING);
		}
	}

	/* Page settings, section titles (aliases) and order from the layout cv2pdf follows. The other
	 * layouts are for YAMLResume's other engines (HTML, Markdown) and are left alone. */
	size_t li = 0;
	char lp[CV_PATH_MAX], p[CV_PATH_MAX];
	const ynode *layout = pick_layout(&r.m, cv_yn_get(root, "layouts"), &li);
	const ynode *aliases = NULL, *order = NULL;
	if (layout) {
		CV_PATHF(lp, "layouts[%zu]", li);
		CV_PATHF(p, "%s.page", lp);
		layout_page(&r.m, cv_yn_get(layout, "page"), p);
		const ynode *typo = cv_yn_get(layout, "typography");
		if (typo && typo->kind == YN_MAP) {
			CV_PATHF(p, "%s.typography.fontSize", lp);
			const ynode *fs = cv_yn_get(typo, "fontSize");
			/* HTML sizes are in px (16px body text on screen); only the paged engines' sizes apply. */
			if (fs && fs->kind == YN_SCALAR && !strstr(fs->value, "px"))
				cv_map_length(&r.m, fs, p, &doc->design.font_size, 6, 24);
			CV_PATHF(p, "%s.typography.lineSpacing", lp);
			line_spacing(&r.m, cv_yn_get(typo, "lineSpacing"), p);
		}
		const ynode *sections = cv_yn_get(layout, "sections");
		if (sections && sections->kind == YN_MAP) {
			aliases = cv_yn_get(sections, "aliases");
			order = cv_yn_get(sections, "order");
		}
		/* engine, template and the engines' advanced settings are YAMLResume's own. */
		for (size_t i = 0; i < layout->n; i++)
			layout->used[i] = true;
	}

	const ynode *basics = cv_yn_get(content, "basics");
	if (!basics)
		cv_map_err(&r.m, content, "missing-field", "%s: YAMLResume needs \"basics\" with at least a name%s", "content",
			   "");
	cv_resume_basics(&r, basics, "content.basics", cv_yn_get(content, "location"), "content.location",
			 cv_yn_get(content, "profiles"), "content.profiles");
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
				const char *best = id->kind == YN_SCALAR ? cv_yn_suggest(id->value, section_ids) : NULL;
				cv_map_err(&r.m, id, "unknown-section", "%s: unknown section %s%s%s%s", p,
					   cv_yn_shown(r.m.a, id), best ? "; did you mean \"" : "",
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
	cv_str basics_alias = {0};
	if (aliases && aliases->kind == YN_MAP) {
		CV_PATHF(p, "%s.sections.aliases", lp);
		basics_alias = cv_map_field(&r.m, aliases, "basics", p);
	}
	for (size_t k = 0; k < n_seq; k++) {
		const char *id = seq[k];
		if (!strcmp(id, "basics")) {
			/* The summary stays under the name when it comes first without a title of its own;
			 * moved down the order, or given a title, it is a section, as YAMLResume sets it. */
			if (doc->summary.n && (k > 0 || basics_alias.s))
				summary_section(&r, basics_alias, cv_yn_get(content, "basics"));
			continue;
		}
		const ynode *list = cv_yn_get(content, id);
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
		CV_PATHF(p, "%s.sections.aliases", lp);
		cv_yn_report_unknown(aliases, p, section_ids, d, CV_WARNING);
	}
	if (!cv_yn_get(content, "education"))
		cv_diag_add(d, CV_WARNING, "missing-field", content->span,
			    "content: YAMLResume requires an \"education\" section; cv2pdf renders without one");
	cv_yn_report_unknown(content, "content", content_keys, d, CV_WARNING);
	cv_yn_report_unknown(root, "", top_keys, d, CV_WARNING);
	return r.m.errors ? CV_EINPUT : CV_OK;
}
