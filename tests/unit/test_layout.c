/* Unit tests of the layout stage: documents loaded from YAML strings, laid out, and the display list
 * checked for what a reader sees: nothing outside the margins, dates flush with the right margin,
 * hanging indents, headings and entry titles never last on a page, page numbers, links and bookmarks.
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/layout.h"
#include "cv2pdf/load.h"
#include "cv2pdf/tailor.h"
#include "cv2pdf/util.h"
#include "harness.h"

static cv_fontset *fs;

static cv_dlist *layout_yaml_env(const char *yaml, const cv_env *env, cv_doc **doc_out)
{
	cv_diags *d = cv_diags_new();
	cv_doc *doc = cv_load_ex(&(cv_source){"test.yaml", yaml, strlen(yaml)},
				  &(cv_load_opts){.theme_dir = CV2PDF_TEST_THEME_DIR}, d);
	if (!doc) {
		cv_diags_print(d, stderr, false, false);
		cv_diags_free(d);
		return NULL;
	}
	cv_tailor(doc, NULL, d);
	cv_dlist *dl = cv_layout(doc, fs, env, d);
	cv_diags_free(d);
	*doc_out = doc;
	return dl;
}

static cv_dlist *layout_yaml(const char *yaml, cv_doc **doc_out)
{
	return layout_yaml_env(yaml, NULL, doc_out);
}

/* The text of page p's line at baseline y: runs in x order, a space where there is a gap. */
static void line_text(const cv_dlist *dl, size_t p, float y, char *out, size_t cap)
{
	const cv_page *pg = &dl->pages[p];
	size_t n = 0;
	float end = -1;
	out[0] = '\0';
	for (;;) {
		/* The leftmost run on this baseline that starts at or after end. */
		const cv_run *best = NULL;
		for (size_t i = 0; i < pg->n_runs; i++) {
			const cv_run *r = &pg->runs[i];
			if (fabsf(r->y - y) < 0.01f && r->x >= end - 0.01f && (!best || r->x < best->x))
				best = r;
		}
		if (!best || n + best->len + 2 >= cap)
			break;
		if (end >= 0 && best->x > end + 0.5f)
			out[n++] = ' ';
		for (size_t k = 0; k < best->len; k++)
			if (best->text[k] != ' ' || (n && out[n - 1] != ' ')) /* one space for a gap or a wide space */
				out[n++] = best->text[k];
		out[n] = '\0';
		end = best->x + best->width;
	}
}

/* Finds the run that holds the words `text`, or starts them when they go on in the next runs. */
static const cv_run *find_word(const cv_dlist *dl, const char *text, size_t *page)
{
	size_t n = strlen(text);
	for (size_t p = 0; p < dl->n_pages; p++)
		for (size_t i = 0; i < dl->pages[p].n_runs; i++) {
			const cv_run *r = &dl->pages[p].runs[i];
			if (memmem(r->text, r->len, text, n)) {
				if (page)
					*page = p;
				return r;
			}
			if (r->len > n || memcmp(r->text, text, r->len) != 0)
				continue;
			char line[512];
			line_text(dl, p, r->y, line, sizeof line);
			if (strstr(line, text)) {
				if (page)
					*page = p;
				return r;
			}
		}
	return NULL;
}

static bool page_has_text(const cv_dlist *dl, size_t p, const char *text)
{
	for (size_t i = 0; i < dl->pages[p].n_runs; i++) {
		char line[512];
		line_text(dl, p, dl->pages[p].runs[i].y, line, sizeof line);
		if (strstr(line, text))
			return true;
	}
	return false;
}

static const char *entry_yaml =
	"cv:\n"
	"  name: Jane Doe\n"
	"  email: jane@example.com\n"
	"  phone: \"+1 555 0100\"\n"
	"  website: https://jane.example.org/\n"
	"  sections:\n"
	"    Experience:\n"
	"      - company: Example Corporation\n"
	"        position: Senior Engineer\n"
	"        location: Berlin\n"
	"        start_date: 2021-03\n"
	"        end_date: present\n"
	"        highlights:\n"
	"          - Reduced the time of the nightly build from ninety minutes to twelve by caching compiled "
	"objects across runs and splitting the test suite into parallel shards.\n"
	"          - Second highlight.\n";

static void test_entry_geometry(void)
{
	cv_doc *doc;
	cv_dlist *dl = layout_yaml(entry_yaml, &doc);
	OK(dl != NULL, "laid out");
	if (!dl)
		return;
	const cv_design *ds = &doc->design;
	float right = ds->page_width - ds->margin_right;
	INT_EQ(dl->n_pages, 1, "one page");
	/* Nothing crosses the margins. */
	for (size_t p = 0; p < dl->n_pages; p++)
		for (size_t i = 0; i < dl->pages[p].n_runs; i++) {
			const cv_run *r = &dl->pages[p].runs[i];
			OK(r->x >= ds->margin_left - 0.01f && r->x + r->width <= right + 0.01f, "run \"%.*s\" at %.2f+%.2f",
			   (int)r->len, r->text, (double)r->x, (double)r->width);
			OK(r->y > ds->margin_top && r->y < ds->page_height - ds->margin_bottom, "run inside the body");
		}
	/* classic (RenderCV's): "Company, Position" with the place flush right at the entries' edge (set
	 * in by design.entries.side_space) and the dates under it, beside the first highlight. */
	const cv_run *company = find_word(dl, "Example", NULL);
	const cv_run *present = find_word(dl, "present", NULL);
	const cv_run *berlin = find_word(dl, "Berlin", NULL);
	float side = ds->entries.side_space.pt + ds->entries.side_space.em * ds->font_size;
	OK(company && present && berlin, "title, dates and place found");
	if (company && present && berlin) {
		char line[512];
		line_text(dl, 0, company->y, line, sizeof line);
		STR_EQ(line, "Example Corporation, Senior Engineer Berlin", "title line");
		OK(fabsf(berlin->x + berlin->width - (right - side)) < 0.05f, "place flush right (%.2f vs %.2f)",
		   (double)(berlin->x + berlin->width), (double)(right - side));
		OK(fabsf(berlin->y - company->y) < 0.01f, "place on the title's baseline");
		float end = 0;
		for (size_t i = 0; i < dl->pages[0].n_runs; i++)
			if (fabsf(dl->pages[0].runs[i].y - present->y) < 0.01f)
				end = fmaxf(end, dl->pages[0].runs[i].x + dl->pages[0].runs[i].width);
		OK(present->y > company->y && fabsf(end - (right - side)) < 0.05f, "dates below, flush right (%.2f vs %.2f)",
		   (double)end, (double)(right - side));
		OK(company->x > ds->margin_left + side - 0.01f, "the entry is set in");
	}
	cv_dlist_free(dl);
	cv_doc_free(doc);
	/* cv2pdf's own arrangement (compact): the dates on the company's line, the place under them. */
	size_t n = strlen(entry_yaml) + 64;
	char *yaml = cv_xmalloc(n);
	snprintf(yaml, n, "design: {theme: compact}\n%s", entry_yaml);
	dl = layout_yaml(yaml, &doc);
	free(yaml);
	OK(dl != NULL, "laid out in compact");
	if (!dl)
		return;
	right = doc->design.page_width - doc->design.margin_right;
	company = find_word(dl, "Example", NULL);
	present = find_word(dl, "present", NULL);
	berlin = find_word(dl, "Berlin", NULL);
	OK(company && present && berlin, "title, dates and place found");
	if (company && present && berlin) {
		char line[512];
		line_text(dl, 0, present->y, line, sizeof line);
		STR_EQ(line, "Example Corporation Mar 2021 – present", "title line");
		float end = 0;
		for (size_t i = 0; i < dl->pages[0].n_runs; i++)
			if (fabsf(dl->pages[0].runs[i].y - present->y) < 0.01f)
				end = fmaxf(end, dl->pages[0].runs[i].x + dl->pages[0].runs[i].width);
		OK(fabsf(end - right) < 0.05f, "dates flush right (%.2f vs %.2f)", (double)end, (double)right);
		OK(fabsf(present->y - company->y) < 0.01f, "dates on the title's baseline");
		OK(berlin->y > company->y && fabsf(berlin->x + berlin->width - right) < 0.05f, "place below, flush right");
	}
	/* Hanging indent: the second line of the first highlight starts where its first line's text does. */
	const cv_run *reduced = find_word(dl, "Reduced", NULL);
	const cv_run *bullet = NULL; /* compact's "–", on the highlight's baseline before its text */
	for (size_t i = 0; reduced && i < dl->pages[0].n_runs; i++) {
		const cv_run *r = &dl->pages[0].runs[i];
		if (r->len == strlen("–") && !memcmp(r->text, "–", r->len) && fabsf(r->y - reduced->y) < 0.01f)
			bullet = r;
	}
	OK(reduced && bullet && bullet->x < reduced->x, "bullet hangs left");
	if (reduced) {
		int continuation = 0;
		const cv_page *pg = &dl->pages[0];
		for (size_t i = 0; i < pg->n_runs; i++)
			if (pg->runs[i].y > reduced->y + 1 && pg->runs[i].y < reduced->y + 20 &&
			    fabsf(pg->runs[i].x - reduced->x) < 0.01f)
				continuation++;
		OK(continuation == 1, "the wrapped line aligns with the text, not the bullet");
	}
	/* Links: mailto, tel and https, each rectangle covering its text. */
	int mailto = 0, tel = 0, web = 0;
	for (size_t i = 0; i < dl->pages[0].n_links; i++) {
		const cv_link *l = &dl->pages[0].links[i];
		mailto += strcmp(l->uri, "mailto:jane@example.com") == 0;
		tel += strcmp(l->uri, "tel:+15550100") == 0;
		web += strcmp(l->uri, "https://jane.example.org/") == 0;
		OK(l->x1 > l->x0 && l->y1 > l->y0, "link rectangle not empty");
	}
	OK(mailto == 1 && tel == 1 && web == 1, "links: mailto %d tel %d web %d", mailto, tel, web);
	INT_EQ(dl->n_bookmarks, 1, "one bookmark per section");
	STR_EQ(dl->info.title, "Jane Doe — CV", "document title");
	cv_dlist_free(dl);
	cv_doc_free(doc);
}

/* Many entries force page breaks: no page may end with a section heading or an entry's title line,
 * and every page carries its number. */
static void test_keep_rules(const char *theme)
{
	size_t cap = 64 * 1024;
	char *yaml = cv_xmalloc(cap);
	size_t n = (size_t)snprintf(yaml, cap, "design:\n  theme: %s\ncv:\n  name: Keep Test\n  sections:\n", theme);
	for (int s = 0; s < 6; s++) {
		n += (size_t)snprintf(yaml + n, cap - n, "    Section %d:\n", s);
		for (int e = 0; e < 5; e++)
			n += (size_t)snprintf(yaml + n, cap - n,
					      "      - name: Entry %d.%d\n        date: \"2020\"\n        highlights:\n"
					      "          - One line of highlight text that is long enough to wrap once or "
					      "twice on an A4 page with the default margins and font size.\n"
					      "          - Another highlight.\n",
					      s, e);
	}
	cv_doc *doc;
	cv_dlist *dl = layout_yaml(yaml, &doc);
	free(yaml);
	OK(dl && dl->n_pages >= 2, "several pages");
	if (!dl)
		return;
	for (size_t p = 0; p + 1 < dl->n_pages; p++) {
		const cv_page *pg = &dl->pages[p];
		/* The last text line of the page (the footer is the page's last run; skip it). */
		float last_y = 0;
		for (size_t i = 0; i < pg->n_runs; i++)
			if (pg->runs[i].y > last_y && pg->runs[i].y < doc->design.page_height - doc->design.margin_bottom)
				last_y = pg->runs[i].y;
		for (size_t i = 0; i < pg->n_runs; i++) {
			const cv_run *r = &pg->runs[i];
			if (fabsf(r->y - last_y) > 0.01f)
				continue;
			OK(!(r->len >= 7 && memcmp(r->text, "Section", 7) == 0), "%s: page %zu ends with a heading", theme,
			   p + 1);
			OK(!(r->len >= 5 && memcmp(r->text, "Entry", 5) == 0), "%s: page %zu ends with an entry title", theme,
			   p + 1);
		}
		char footer[32];
		snprintf(footer, sizeof footer, "%zu / %zu", p + 1, dl->n_pages);
		OK(page_has_text(dl, p, footer), "page number \"%s\"", footer);
	}
	cv_dlist_free(dl);
	cv_doc_free(doc);
}

/* A document of entries with a summary ending in a one-line lead-in ("ContributionsNN.") and
 * highlights of two to four lines, each marked by a unique first word ("startNN") and last word
 * ("endNN"). */
static char *long_document(const char *design, int entries)
{
	size_t cap = 128 * 1024;
	char *yaml = cv_xmalloc(cap);
	size_t n = (size_t)snprintf(yaml, cap, "design:\n%scv:\n  name: Fill Test\n  sections:\n", design);
	for (int e = 0; e < entries; e++) {
		if (e % 6 == 0)
			n += (size_t)snprintf(yaml + n, cap - n, "    Section %d:\n", e / 6);
		n += (size_t)snprintf(yaml + n, cap - n,
				      "      - name: Entry %d\n        date: \"2020\"\n        summary: \"Lead in.\\n\\n**Contributions%02d.**\"\n"
				      "        highlights:\n",
				      e, e);
		for (int h = 0; h < 3; h++) {
			n += (size_t)snprintf(yaml + n, cap - n, "          - start%02d%d Built", e, h);
			for (int w = 0; w < 10 + 7 * ((e + h) % 4); w++) /* two to four lines */
				n += (size_t)snprintf(yaml + n, cap - n, " %s", w % 3 ? "systems" : "pipelines and tools");
			n += (size_t)snprintf(yaml + n, cap - n, " end%02d%d.\n", e, h);
		}
	}
	return yaml;
}

/* The lowest text baseline of page p above the footer, points from the top. */
static float lowest_baseline(const cv_dlist *dl, const cv_doc *doc, size_t p)
{
	float low = 0;
	for (size_t i = 0; i < dl->pages[p].n_runs; i++) {
		float y = dl->pages[p].runs[i].y;
		if (y > low && y < doc->design.page_height - doc->design.margin_bottom)
			low = y;
	}
	return low;
}

/* Page breaking fills pages: every page but the last ends within a line of the bottom margin (its
 * white spread between entries), entries break between their highlights rather than moving whole,
 * and a highlight of up to five lines is never split across pages (it would extract with the footer
 * in the middle). */
static void test_page_fill(const char *theme)
{
	char design[64];
	snprintf(design, sizeof design, "  theme: %s\n", theme);
	char *yaml = long_document(design, 24);
	cv_doc *doc;
	cv_dlist *dl = layout_yaml(yaml, &doc);
	free(yaml);
	OK(dl && dl->n_pages >= 3, "%s: several pages", theme);
	if (!dl)
		return;
	/* The white at a page's foot stays under four lines (no band over 60 pt, issue 15). */
	float bottom = doc->design.page_height - doc->design.margin_bottom;
	float four_lines = 4 * doc->design.font_size * doc->design.line_spacing;
	for (size_t p = 0; p + 1 < dl->n_pages; p++) {
		float white = bottom - lowest_baseline(dl, doc, p);
		OK(white < four_lines, "%s: page %zu ends %.1f pt above the margin", theme, p + 1, (double)white);
	}
	int split_entries = 0;
	for (int e = 0; e < 24; e++) {
		char first[16], last[16];
		size_t p0 = 99, p1 = 99;
		for (int h = 0; h < 3; h++) {
			snprintf(first, sizeof first, "start%02d%d", e, h);
			snprintf(last, sizeof last, "end%02d%d.", e, h);
			OK(find_word(dl, first, &p0) && find_word(dl, last, &p1) && p0 == p1, "%s: highlight %d.%d split over pages %zu and %zu",
			   theme, e, h, p0 + 1, p1 + 1);
		}
		snprintf(first, sizeof first, "start%02d0", e);
		snprintf(last, sizeof last, "end%02d2.", e);
		find_word(dl, first, &p0);
		find_word(dl, last, &p1);
		split_entries += p0 != p1;
		/* A one-line lead-in ("Contributions.") stays with the list it introduces. */
		char lead[24];
		size_t pl = 99;
		snprintf(lead, sizeof lead, "Contributions%02d.", e);
		OK(find_word(dl, lead, &pl) && pl == p0, "%s: \"%s\" on page %zu, its list on page %zu", theme, lead, pl + 1, p0 + 1);
	}
	OK(split_entries > 0, "%s: some entries break between their highlights (%d)", theme, split_entries);
	cv_dlist_free(dl);
	cv_doc_free(doc);
}

/* A last page holding a handful of lines is pulled back by tightening the vertical spacing, unless
 * design.fill_last_page is false; the side margins (and so the lines) stay as designed. */
static void test_fill_last_page(void)
{
	int seen = 0;
	for (int entries = 2; entries <= 12; entries++) {
		char *yaml = long_document("  fill_last_page: false\n", entries);
		cv_doc *doc;
		cv_dlist *dl = layout_yaml(yaml, &doc);
		free(yaml);
		if (!dl)
			continue;
		float body = doc->design.page_height - doc->design.margin_top - doc->design.margin_bottom;
		bool few = dl->n_pages == 2 && lowest_baseline(dl, doc, 1) - doc->design.margin_top < 0.25f * body;
		float designed_x = find_word(dl, "start000", NULL) ? find_word(dl, "start000", NULL)->x : -1;
		cv_dlist_free(dl);
		cv_doc_free(doc);
		if (!few)
			continue;
		seen++;
		yaml = long_document("  page_numbers: true\n", entries);
		dl = layout_yaml(yaml, &doc);
		free(yaml);
		if (!dl)
			continue;
		INT_EQ(dl->n_pages, 1, "a handful of lines pulled back onto the first page");
		const cv_run *r = find_word(dl, "start000", NULL);
		OK(r && fabsf(r->x - designed_x) < 0.01f, "the side margin as designed (x %.2f, not %.2f)", r ? (double)r->x : 0.0,
		   (double)designed_x);
		cv_dlist_free(dl);
		cv_doc_free(doc);
	}
	OK(seen > 0, "a document with a nearly empty second page was tried");
}

/* In the sidebar theme the main column takes the whole text width on the pages after the sidebar's
 * last, where its text is justified to the right margin. */
static void test_sidebar_widens(void)
{
	char *yaml = long_document("  theme: sidebar\n", 18);
	/* A short sidebar: contact details only. */
	size_t n = strlen(yaml);
	char *with = cv_xmalloc(n + 64);
	const char *cvk = strstr(yaml, "cv:\n");
	memcpy(with, yaml, (size_t)(cvk - yaml) + 4);
	sprintf(with + (cvk - yaml) + 4, "  email: a@b.example\n%s", cvk + 4);
	free(yaml);
	cv_doc *doc;
	cv_dlist *dl = layout_yaml(with, &doc);
	free(with);
	OK(dl && dl->n_pages >= 3, "several pages");
	if (!dl)
		return;
	const float left = 51, right = 595.28f - 51;
	for (size_t p = 1; p < dl->n_pages; p++) {
		float lo = 1e9f, hi = 0;
		for (size_t i = 0; i < dl->pages[p].n_runs; i++) {
			const cv_run *r = &dl->pages[p].runs[i];
			if (r->y > 800)
				continue; /* the footer */
			lo = fminf(lo, r->x);
			hi = fmaxf(hi, r->x + r->width);
		}
		OK(fabsf(lo - left) < 12 && fabsf(hi - right) < 0.05f, "page %zu: text from %.1f to %.1f, the whole width", p + 1,
		   (double)lo, (double)hi);
	}
	cv_dlist_free(dl);
	cv_doc_free(doc);
}

/* An explicit page break starts a new page; a trailing one leaves no blank page. */
static void test_page_break(void)
{
	const char *yaml = "cv:\n  name: X\n  sections:\n    A:\n      - first\n      - page_break: true\n"
			   "      - second\n      - page_break: true\n";
	cv_doc *doc;
	cv_dlist *dl = layout_yaml(yaml, &doc);
	OK(dl != NULL, "laid out");
	if (!dl)
		return;
	size_t p1 = 9, p2 = 9;
	find_word(dl, "first", &p1);
	find_word(dl, "second", &p2);
	INT_EQ(p1, 0, "first on page 1");
	INT_EQ(p2, 1, "second on page 2");
	INT_EQ(dl->n_pages, 2, "no blank page at the end");
	cv_dlist_free(dl);
	cv_doc_free(doc);
}

/* Unsafe link schemes are shown as text without a link. */
static void test_unsafe_links(void)
{
	const char *yaml = "cv:\n  name: X\n  sections:\n    A:\n      - \"[click](javascript:alert(1)) and [ok](https://a.example)\"\n";
	cv_doc *doc;
	cv_dlist *dl = layout_yaml(yaml, &doc);
	if (!dl)
		return;
	INT_EQ(dl->pages[0].n_links, 1, "only the https link is clickable");
	OK(page_has_text(dl, 0, "click and ok"), "the unsafe link's text is still shown, nothing more");
	cv_dlist_free(dl);
	cv_doc_free(doc);
}

/* The display list never points into the model (layout.h), so the model may be freed before
 * rendering, as a batch of variants does: links from the header, a connection and an entry are
 * copies, and a link split by markup is still one rectangle. */
static void test_links_outlive_model(void)
{
	const char *yaml = "cv:\n  name: X\n  website: https://w.example\n  sections:\n    A:\n"
			   "      - title: Paper\n        authors: [Me]\n        url: https://p.example\n"
			   "      - \"see [**bold** and plain](https://m.example) here\"\n";
	cv_doc *doc;
	cv_dlist *dl = layout_yaml(yaml, &doc);
	if (!dl)
		return;
	const char *website = doc->website.n ? doc->website.items[0].s : NULL;
	const cv_entry *paper = &doc->sections[0].entries[0];
	size_t n = 0, markup_links = 0;
	for (size_t p = 0; p < dl->n_pages; p++)
		for (size_t i = 0; i < dl->pages[p].n_links; i++, n++) {
			const char *uri = dl->pages[p].links[i].uri;
			OK(uri != website && uri != paper->url.s, "link %s is a copy, not the model's string", uri);
			markup_links += strcmp(uri, "https://m.example") == 0;
		}
	INT_EQ(n, 3, "three links: the website, the paper and the marked-up one");
	INT_EQ(markup_links, 1, "a link split into a bold and a plain piece is one rectangle");
	cv_doc_free(doc);
	/* Read after the model is gone: AddressSanitizer (scripts/dev.sh sanitize) catches a dangling one. */
	for (size_t p = 0; p < dl->n_pages; p++)
		for (size_t i = 0; i < dl->pages[p].n_links; i++)
			OK(strncmp(dl->pages[p].links[i].uri, "https://", 8) == 0, "link %zu still readable", i);
	cv_dlist_free(dl);
}

/* A section whose entries are all filtered out by tags disappears, heading and bookmark included. */
static void test_empty_section_hidden(void)
{
	const char *yaml = "cv:\n  name: X\n  sections:\n    Kept:\n      - visible\n    Gone:\n"
			   "      - bullet: only for research\n        tags: [research]\n";
	cv_diags *d = cv_diags_new();
	cv_doc *doc = cv_load_ex(&(cv_source){"t.yaml", yaml, strlen(yaml)},
				  &(cv_load_opts){.theme_dir = CV2PDF_TEST_THEME_DIR}, d);
	OK(doc != NULL, "loaded");
	if (!doc) {
		cv_diags_free(d);
		return;
	}
	const char *exclude[] = {"research"};
	cv_tailor_opts o = {.exclude_tags = exclude, .n_exclude_tags = 1};
	cv_tailor(doc, &o, d);
	cv_dlist *dl = cv_layout(doc, fs, NULL, d);
	OK(!page_has_text(dl, 0, "Gone"), "the emptied section's heading is not shown");
	INT_EQ(dl->n_bookmarks, 1, "only the kept section has a bookmark");
	cv_dlist_free(dl);
	cv_doc_free(doc);
	cv_diags_free(d);
}

/* Rule 19: one baseline per line and a constant pitch inside a paragraph, even when Chinese and Latin
 * faces (different ascenders) and bold alternate. */
static void test_constant_pitch(void)
{
	const char *yaml = "cv:\n  name: X\n  sections:\n    S:\n      - \"混合 **Bold** 文本 LLaMA 与 Transformers "
			   "模型压缩 PyTorch 框架，深入研究大模型微调与 RLHF、DPO 等偏好对齐方法，熟悉 DeepSpeed "
			   "分布式训练框架，具备大模型训练与部署性能优化能力，并在多个 Benchmark 上验证。\"\n"
			   "locale:\n  language: zh\n";
	cv_doc *doc;
	cv_dlist *dl = layout_yaml(yaml, &doc);
	if (!dl)
		return;
	/* Distinct baselines of the paragraph, in order (skip the name and the heading above it). */
	float ys[32];
	size_t n = 0;
	const cv_page *pg = &dl->pages[0];
	for (size_t i = 0; i < pg->n_runs; i++) {
		const cv_run *r = &pg->runs[i];
		if (r->size != doc->design.font_size || r->y > doc->design.page_height - doc->design.margin_bottom)
			continue;
		bool known = false;
		for (size_t k = 0; k < n; k++)
			known |= fabsf(ys[k] - r->y) < 0.001f;
		OK(known || n == 0 || r->y > ys[n - 1], "runs of a line share one baseline");
		if (!known && n < 32)
			ys[n++] = r->y;
	}
	OK(n >= 3, "a paragraph of several lines (%zu)", n);
	for (size_t k = 2; k < n; k++)
		OK(fabsf((ys[k] - ys[k - 1]) - (ys[1] - ys[0])) < 0.001f, "line %zu pitch %.3f vs %.3f", k,
		   (double)(ys[k] - ys[k - 1]), (double)(ys[1] - ys[0]));
	cv_dlist_free(dl);
	cv_doc_free(doc);
}

/* The sidebar theme: the narrow column holds the contact details and the sidebar sections at one type
 * size, flows onto the next page on its own, and on every page its runs come before the main
 * column's; nothing of either column crosses into the gutter. */
static void test_sidebar(void)
{
	size_t cap = 64 * 1024;
	char *yaml = cv_xmalloc(cap);
	size_t n = (size_t)snprintf(yaml, cap,
				    "design:\n  theme: sidebar\ncv:\n  name: Side Bar\n  email: a@b.example\n"
				    "  phone: \"+1 555 0100\"\n  sections:\n    Skills:\n");
	for (int i = 0; i < 70; i++)
		n += (size_t)snprintf(yaml + n, cap - n, "      - label: Skill %d\n        details: Tools and methods\n", i);
	n += (size_t)snprintf(yaml + n, cap - n, "    Experience:\n");
	for (int i = 0; i < 12; i++)
		n += (size_t)snprintf(yaml + n, cap - n,
				      "      - company: Company %d\n        position: Engineer\n        date: \"2020\"\n"
				      "        highlights:\n          - A highlight long enough to wrap in the main column "
				      "of the sidebar theme at the default size.\n",
				      i);
	cv_doc *doc;
	cv_dlist *dl = layout_yaml(yaml, &doc);
	free(yaml);
	OK(dl && dl->n_pages >= 2, "several pages");
	if (!dl)
		return;
	const float left = 51, text_w = 595.28f - 102, side_r = left + text_w * 0.31f, main_l = side_r + 18;
	float side_size = 0;
	bool side_on_2 = false;
	for (size_t p = 0; p < dl->n_pages; p++) {
		const cv_page *pg = &dl->pages[p];
		bool main_seen = false;
		for (size_t i = 0; i < pg->n_runs; i++) {
			const cv_run *r = &pg->runs[i];
			if (p == 0 && r->y < 80)
				continue; /* the name across the page */
			if (r->x < side_r) {
				OK(r->x + r->width <= side_r + 0.01f, "page %zu: sidebar run \"%.*s\" ends in the gutter", p + 1,
				   (int)r->len, r->text);
				OK(!main_seen, "page %zu: sidebar run \"%.*s\" after the main column", p + 1, (int)r->len, r->text);
				if (side_size <= 0)
					side_size = r->size;
				OK(fabsf(r->size - side_size) < 0.01f, "sidebar run \"%.*s\" at %.2f pt, not %.2f", (int)r->len,
				   r->text, (double)r->size, (double)side_size);
				side_on_2 |= p == 1;
			} else {
				OK(r->x >= main_l - 0.01f || r->y > 800, "page %zu: run \"%.*s\" in the gutter", p + 1, (int)r->len,
				   r->text);
				main_seen = true;
			}
		}
	}
	OK(side_on_2, "the sidebar flows onto page 2");
	size_t pe = 9, ps = 9;
	OK(find_word(dl, "a@b.example", &pe) && pe == 0, "contact details in the sidebar on page 1");
	find_word(dl, "Company", &ps);
	INT_EQ(ps, 0, "the main column starts on page 1 too");
	OK(dl->n_bookmarks >= 3 && !strcmp(dl->bookmarks[0].title, "Contact"), "a Contact bookmark first");
	cv_dlist_free(dl);
	cv_doc_free(doc);
}

/* design.sidebar_sections chooses the sidebar's sections by title, in place of the usual ones. */
static void test_sidebar_sections(void)
{
	const char *yaml = "design:\n  theme: sidebar\n  sidebar_sections: [Work]\ncv:\n  name: X\n  sections:\n"
			   "    Skills:\n      - skilltext\n    Work:\n      - worktext\n";
	cv_doc *doc;
	cv_dlist *dl = layout_yaml(yaml, &doc);
	if (!dl)
		return;
	const cv_run *skill = find_word(dl, "skilltext", NULL), *work = find_word(dl, "worktext", NULL);
	OK(skill && work, "both shown");
	if (skill && work) {
		OK(work->x < 100, "Work in the sidebar (x %.2f)", (double)work->x);
		OK(skill->x > 200, "Skills in the main column (x %.2f)", (double)skill->x);
	}
	cv_dlist_free(dl);
	cv_doc_free(doc);
}

/* In a narrow column a date that does not fit beside its title goes on the next line, flush left. */
static void test_dates_next_line(void)
{
	const char *yaml = "design:\n  theme: sidebar\ncv:\n  name: X\n  sections:\n    Education:\n"
			   "      - institution: University of Science and Technology\n        area: Physics\n"
			   "        start_date: 2015-08\n        end_date: 2019-06\n    Work:\n      - main column text\n";
	cv_doc *doc;
	cv_dlist *dl = layout_yaml(yaml, &doc);
	if (!dl)
		return;
	const cv_run *inst = find_word(dl, "University", NULL);
	const cv_run *date = find_word(dl, "Aug", NULL);
	OK(inst && date, "institution and date shown");
	if (inst && date) {
		OK(date->y > inst->y + 1, "the date is below the institution");
		OK(fabsf(date->x - 51) < 0.01f, "the date starts at the column's left edge (x %.2f)", (double)date->x);
	}
	cv_dlist_free(dl);
	cv_doc_free(doc);
}

/* --max-pages: a résumé well over a page (this many one-line entries) fits one page once spacing and
 * then type shrink, never below the theme's smallest type (8 pt for classic at a 10 pt design). */
#define ENTRIES 62
static void test_max_pages(void)
{
	size_t cap = 32 * 1024;
	char *yaml = cv_xmalloc(cap);
	size_t n = 0;
	yaml[0] = '\0';
	for (int i = 0; i < ENTRIES; i++)
		n += (size_t)snprintf(yaml + n, cap - n, "      - One line of text for entry %d.\n", i);
	char *doc_yaml = cv_xmalloc(cap);
	for (int max = 0; max <= 1; max++) {
		snprintf(doc_yaml, cap, "design:\n  max_pages: %d\ncv:\n  name: Max Pages\n  sections:\n    A:\n%s", max,
			 yaml);
		cv_doc *doc;
		cv_dlist *dl = layout_yaml(doc_yaml, &doc);
		if (!dl)
			continue;
		const cv_run *r = find_word(dl, "One", NULL);
		if (max == 0) {
			INT_EQ(dl->n_pages, 2, "two pages as designed");
			INT_EQ(dl->layouts, 1, "laid out once");
		} else {
			INT_EQ(dl->n_pages, 1, "one page with --max-pages 1");
			/* The first layout, the tightest, then the bisection; the trial that fits is the result,
			 * not laid out once more. */
			INT_EQ(dl->layouts, 2 + 6, "the fitting trial kept");
			OK(r && r->size < 10 - 0.01f && r->size >= 8 - 0.01f, "type shrunk within bounds (%.2f pt)",
			   r ? (double)r->size : 0.0);
		}
		cv_dlist_free(dl);
		cv_doc_free(doc);
	}
	free(yaml);
	free(doc_yaml);
}

/* The "last updated" line shows the env's epoch, else its clock (the layout reads neither the
 * environment nor the clock: SOURCE_DATE_EPOCH set here changes nothing), on page 1 only. */
static void test_last_updated(void)
{
	static const char yaml[] = "design:\n  last_updated: true\ncv:\n  name: X\n  sections:\n    A:\n      - text\n"
				   "      - page_break: true\n      - more\n";
	setenv("SOURCE_DATE_EPOCH", "0", 1);
	cv_doc *doc;
	cv_dlist *dl = layout_yaml_env(yaml, &(cv_env){.epoch = 1700000000, .now = 86400}, &doc);
	if (dl) {
		OK(page_has_text(dl, 0, "Last updated: 14 November 2023"), "the date of the epoch on page 1");
		OK(!page_has_text(dl, 1, "Last updated"), "not on page 2");
		OK(page_has_text(dl, 1, "2 / 2"), "page numbers");
		cv_dlist_free(dl);
		cv_doc_free(doc);
	}
	dl = layout_yaml_env(yaml, &(cv_env){.epoch = -1, .now = 1500000000}, &doc);
	if (dl) {
		OK(page_has_text(dl, 0, "Last updated: 14 July 2017"), "the clock without an epoch");
		cv_dlist_free(dl);
		cv_doc_free(doc);
	}
	unsetenv("SOURCE_DATE_EPOCH");
}

int main(void)
{
	cv_diags *d = cv_diags_new();
	fs = cv_fontset_new(&(cv_font_request){.font_dir = CV2PDF_TEST_FONT_DIR}, d);
	if (!fs) {
		cv_diags_print(d, stderr, false, false);
		return 1;
	}
	test_entry_geometry();
	test_keep_rules("classic");
	test_keep_rules("sidebar");
	test_keep_rules("compact");
	test_page_fill("classic");
	test_page_fill("compact");
	test_fill_last_page();
	test_sidebar();
	test_sidebar_widens();
	test_dates_next_line();
	test_sidebar_sections();
	test_max_pages();
	test_last_updated();
	test_page_break();
	test_unsafe_links();
	test_links_outlive_model();
	test_empty_section_hidden();
	test_constant_pitch();
	cv_fontset_free(fs);
	cv_diags_free(d);
	cv_text_thread_fini(); /* this thread's shaping cache, which freeing the font sets leaves */
	return harness_summary();
}
