/* Pagination: a column's vertical lines flow onto pages. Keep marks hold headings, entry titles and
 * short entries together with what follows; an explicit break starts a new page; footers carry page
 * numbers and the date of the last update. It moves lines, never re-breaks them.
 * SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/util.h"
#include "layout_internal.h"

/* Page i of dl, adding empty pages up to it. */
static cv_page *page_at(cv_dlist *dl, size_t i)
{
	while (dl->n_pages <= i) {
		cv_page *p = CV_PUSH(dl->pages, dl->n_pages, dl->cap_pages);
		memset(p, 0, sizeof *p);
	}
	return &dl->pages[i];
}

/* Height of the group of lines from i that must stay on one page: i and each line after one marked
 * keep_with_next. Stops at an explicit page break. *end is set past the group. */
static float group_height(const vlist *vl, size_t i, size_t *end)
{
	float h = 0;
	size_t j = i;
	for (; j < vl->n_lines; j++) {
		if (j > i && vl->lines[j].page_break_before)
			break;
		h += vl->lines[j].height + (j > i ? vl->lines[j].space_before : 0);
		if (!vl->lines[j].keep_with_next) {
			j++;
			break;
		}
	}
	*end = j;
	return h;
}

/* A link's underline (design.links.underline): this far under the baseline and this thick, in ems. */
#define UNDERLINE_DROP_EM 0.12f
#define UNDERLINE_EM 0.05f

static void place_line(const vline *v, cv_dlist *dl, size_t pi, float x0, float top, float width,
		       bool underline)
{
	cv_page *page = &dl->pages[pi];
	float base = top + v->ascent;
	if (v->band) /* a rectangle: drawn before the runs, so under them */
		*CV_PUSH(page->rules, page->n_rules, page->cap_rules) =
			(cv_rule){x0, top, x0 + width, top + v->height, 0, v->band_color};
	for (size_t r = 0; r < v->n_runs; r++) {
		cv_run *run = CV_PUSH(page->runs, page->n_runs, page->cap_runs);
		*run = cv_vline_run(v, r);
		run->x += x0;
		run->y = base;
		if (run->link) {
			/* The clickable area covers the glyphs from a little above the x-height to below the
			 * baseline; neighbouring runs of one link merge into one rectangle. */
			float y0 = base - run->size * 0.9f, y1 = base + run->size * 0.25f;
			cv_link *last = page->n_links ? &page->links[page->n_links - 1] : NULL;
			if (last && last->uri == run->link && last->y0 == y0 && run->x - last->x1 < run->size)
				last->x1 = run->x + run->width;
			else
				*CV_PUSH(page->links, page->n_links, page->cap_links) =
					(cv_link){run->x, y0, run->x + run->width, y1, run->link};
			if (underline) {
				float uy = base + run->size * UNDERLINE_DROP_EM;
				*CV_PUSH(page->rules, page->n_rules, page->cap_rules) =
					(cv_rule){run->x, uy, run->x + run->width, uy, run->size * UNDERLINE_EM, run->color};
			}
		}
	}
	if (v->rule_below > 0) {
		/* rule_mid: above the baseline when positive, under it when negative; else under the line. */
		float y = v->rule_mid != 0 ? base - v->rule_mid : top + v->height - v->rule_below * 0.5f - 1.5f;
		float to = v->rule_to > 0 ? v->rule_to : width;
		if (v->rule_from < to)
			*CV_PUSH(page->rules, page->n_rules, page->cap_rules) =
				(cv_rule){x0 + v->rule_from, y, x0 + to, y, v->rule_below, v->rule_color};
		if (v->rule2_to > v->rule2_from)
			*CV_PUSH(page->rules, page->n_rules, page->cap_rules) =
				(cv_rule){x0 + v->rule2_from, y, x0 + v->rule2_to, y, v->rule_below, v->rule_color};
	}
	if (v->image) {
		const cv_photo *ph = v->image;
		*CV_PUSH(page->images, page->n_images, page->cap_images) =
			(cv_image){x0, top, x0 + ph->w, top + ph->h, ph->pic, ph->path, ph->span};
	}
	if (v->bookmark)
		*CV_PUSH(dl->bookmarks, dl->n_bookmarks, dl->cap_bookmarks) =
			(cv_bookmark){v->bookmark, v->bookmark_level, pi, top};
}

/* Where each line of a column goes: the page (an index into the display list) and the top of its
 * line box. A line with nothing to draw gets a slot too, so later lines keep their place. */
typedef struct slot {
	size_t page;
	float top;
} slot;

/* Flows the lines into pages: groups that do not fit move whole to a new page (a group taller than a
 * page breaks where it overflows); an explicit break starts a new page. Returns the last page. */
static size_t plan(const vlist *vl, cv_region r, slot *at, bool *broke_before)
{
	size_t pi = r.first_page;
	float y = r.y_start;
	bool empty = true; /* nothing of this column on the page yet: space above is dropped */
	for (size_t i = 0; i < vl->n_lines;) {
		const vline *v = &vl->lines[i];
		if (v->page_break_before && !empty) {
			broke_before[i] = true;
			pi++;
			y = r.y0;
			empty = true;
		}
		size_t end;
		float gh = group_height(vl, i, &end);
		float before = empty ? 0 : v->space_before;
		if (!empty && y + before + gh > r.y1 && gh <= r.y1 - r.y0) {
			pi++;
			y = r.y0;
			empty = true;
			before = 0;
		}
		for (size_t j = i; j < end; j++) {
			const vline *w = &vl->lines[j];
			float sb = (j == i) ? before : w->space_before;
			if (!empty && y + sb + w->height > r.y1) {
				pi++;
				y = r.y0;
				empty = true;
				sb = 0;
			}
			y += sb;
			at[j] = (slot){pi, y};
			if (w->n_runs || w->rule_below > 0 || w->bookmark || w->image)
				empty = false;
			y += w->height;
		}
		i = end;
	}
	return pi;
}

/* Vertical justification of a page that is not the column's last (as LaTeX's \flushbottom): the
 * white left at its foot goes into the spaces between its entries and paragraphs, each growing by
 * at most FILL_GROWTH times itself, so the page ends at the bottom margin. Paragraphs set without
 * space between them (RenderCV's classic spaces highlights so) may still move apart by a fifth of a
 * line (FILL_PARAGRAPH). Lines [a, b) are the page's. */
#define FILL_GROWTH 1.5f
#define FILL_PARAGRAPH 0.2f

static float fill_room(const vlist *vl, size_t j)
{
	return vl->lines[j].space_before * FILL_GROWTH + (vl->lines[j - 1].para_end ? vl->lines[j].height * FILL_PARAGRAPH : 0);
}

static void fill_page(const vlist *vl, cv_region r, slot *at, size_t a, size_t b)
{
	float bottom = at[b - 1].top + vl->lines[b - 1].height;
	float left = r.y1 - bottom, room = 0;
	for (size_t j = a + 1; j < b; j++)
		room += fill_room(vl, j);
	if (left <= 0 || room <= 0)
		return;
	float share = left < room ? left / room : 1, moved = 0;
	for (size_t j = a + 1; j < b; j++) {
		moved += fill_room(vl, j) * share;
		at[j].top += moved;
	}
}

size_t cv_flow_first_on(const vlist *vl, cv_region r, size_t page)
{
	slot *at = cv_xcalloc(vl->n_lines ? vl->n_lines : 1, sizeof *at);
	bool *broke = cv_xcalloc(vl->n_lines ? vl->n_lines : 1, sizeof *broke);
	plan(vl, r, at, broke);
	size_t i = 0;
	while (i < vl->n_lines && at[i].page < page)
		i++;
	free(at);
	free(broke);
	return i;
}

/* Runs a page's footer and top note take, made room for in advance (a page number is one or two). */
#define PAGE_NOTE_RUNS 4

/* Makes each page [first, last] exactly the room for the runs of vl's lines planned onto it (at), and
 * for its notes: grown by doubling, a long document's pages held a third more than their runs while
 * being filled, with the trial before still held beside them. */
static void reserve_runs(const vlist *vl, const slot *at, cv_dlist *dl, size_t first, size_t last)
{
	size_t *count = cv_xcalloc(last - first + 1, sizeof *count);
	for (size_t j = 0; j < vl->n_lines; j++)
		count[at[j].page - first] += vl->lines[j].n_runs;
	for (size_t p = first; p <= last; p++) {
		cv_page *pg = page_at(dl, p);
		size_t need = pg->n_runs + count[p - first] + PAGE_NOTE_RUNS;
		if (count[p - first] && pg->cap_runs < need) {
			pg->runs = cv_xrealloc(pg->runs, need * sizeof *pg->runs);
			pg->cap_runs = need;
		}
	}
	free(count);
}

float cv_flow(const vlist *vl, cv_dlist *dl, cv_region r, size_t *last_page)
{
	page_at(dl, r.first_page);
	if (!vl->n_lines) {
		*last_page = r.first_page;
		return r.y_start;
	}
	slot *at = cv_xcalloc(vl->n_lines, sizeof *at);
	bool *broke = cv_xcalloc(vl->n_lines, sizeof *broke);
	size_t last = plan(vl, r, at, broke);
	if (r.fill)
		for (size_t a = 0; a < vl->n_lines;) {
			size_t b = a;
			while (b < vl->n_lines && at[b].page == at[a].page)
				b++;
			/* Not the last page, and not one ended by an explicit page break. */
			if (b < vl->n_lines && !broke[b])
				fill_page(vl, r, at, a, b);
			a = b;
		}
	reserve_runs(vl, at, dl, r.first_page, last);
	for (size_t j = 0; j < vl->n_lines; j++) {
		const vline *w = &vl->lines[j];
		page_at(dl, at[j].page);
		bool wide = r.wide_page && at[j].page >= r.wide_page;
		if (w->n_runs || w->rule_below > 0 || w->bookmark || w->image)
			place_line(w, dl, at[j].page, wide ? r.wide_x0 : r.x0, at[j].top, wide ? r.wide_width : r.width,
				   r.underline);
	}
	float y = at[vl->n_lines - 1].top + vl->lines[vl->n_lines - 1].height;
	free(at);
	free(broke);
	*last_page = last;
	return y;
}

/* Adds one line of marked-up text to page pg at baseline y: centred (align 0) or flush right at x
 * (align 1), in colour. */
static void footer_text(cv_dlist *dl, cv_page *pg, const char *text, float size, float x, float y, int align,
			cv_color color, const cv_fontset *fs, const char *lang)
{
	cv_mpiece *pieces = NULL;
	size_t n = 0, cap = 0;
	cv_markup_parse(text, strlen(text), dl->arena, &pieces, &n, &cap);
	cv_inline *in = cv_xcalloc(n ? n : 1, sizeof *in);
	for (size_t i = 0; i < n; i++)
		in[i] = (cv_inline){.text = pieces[i].text, .len = pieces[i].len, .size = size, .color = color,
				    .style = pieces[i].style & (CV_BOLD | CV_ITALIC)};
	cv_para para;
	cv_para_opts o = {.width = CV_PARA_UNBOUNDED, .lang = lang};
	cv_text_layout(fs, in, n, &o, dl->arena, &para, NULL);
	free(in);
	free(pieces);
	if (!para.n_lines)
		return;
	float w = para.lines[0].width;
	float left = align == 0 ? (dl->width - w) / 2 : x - w;
	for (size_t r = 0; r < para.n_runs; r++) {
		cv_run *run = CV_PUSH(pg->runs, pg->n_runs, pg->cap_runs);
		*run = para.runs[r];
		run->x += left;
		run->y = y;
	}
}

/* A footer or top note template with Typst's dashes ("--" in RenderCV's templates) as dashes. */
static void fill_note(const char *tmpl, const char *const *keys, const char *const *vals, size_t n, char *out,
		      size_t cap)
{
	char filled[512];
	cv_lang_fill(tmpl, keys, vals, n, filled, sizeof filled);
	size_t w = 0;
	for (size_t i = 0; filled[i] && w + 4 < cap;) {
		if (!strncmp(filled + i, "--", 2)) {
			memcpy(out + w, "–", 3), w += 3, i += 2;
		} else {
			out[w++] = filled[i++];
		}
	}
	out[w] = '\0';
}

void cv_pages_trim(cv_dlist *dl)
{
	for (size_t i = 0; i < dl->n_pages; i++) {
		cv_page *p = &dl->pages[i];
		if (p->n_runs && p->cap_runs > p->n_runs) {
			p->runs = cv_xrealloc(p->runs, p->n_runs * sizeof *p->runs);
			p->cap_runs = p->n_runs;
		}
	}
}

void cv_footers(cv_dlist *dl, const cv_design *ds, float size, const char *top_note, const cv_note_vals *v,
		const cv_fontset *fs, const cv_locale *loc)
{
	const char *lang = loc->tag;
	/* A trailing explicit page break must not leave a blank last page. */
	while (dl->n_pages > 1 && dl->pages[dl->n_pages - 1].n_runs == 0 && dl->pages[dl->n_pages - 1].n_rules == 0 &&
	       dl->pages[dl->n_pages - 1].n_images == 0) {
		free(dl->pages[dl->n_pages - 1].runs);
		free(dl->pages[dl->n_pages - 1].rules);
		free(dl->pages[dl->n_pages - 1].links);
		free(dl->pages[dl->n_pages - 1].images);
		dl->n_pages--;
	}
	/* The footer's baseline sits in the middle of the bottom margin, the top note's in the middle of
	 * the top margin, flush with the text's right edge. */
	float y = dl->height - ds->margin_bottom / 2 + size * 0.35f;
	for (size_t i = 0; i < dl->n_pages; i++) {
		if (ds->page_numbers && (ds->footer || dl->n_pages >= 2)) {
			/* design.footer (RenderCV's template), else the language's page number ("PAGE / TOTAL"). */
			const char *keys[CV_NOTE_KEYS + 2] = {"PAGE", "TOTAL"}, *vals[CV_NOTE_KEYS + 2];
			char page[24], total[24], text[512];
			snprintf(page, sizeof page, "%zu", i + 1);
			snprintf(total, sizeof total, "%zu", dl->n_pages);
			vals[0] = page, vals[1] = total;
			for (size_t k = 0; k < v->n; k++)
				keys[k + 2] = v->keys[k], vals[k + 2] = v->vals[k];
			fill_note(ds->footer ? ds->footer : loc->words.page, keys, vals, v->n + 2, text, sizeof text);
			footer_text(dl, &dl->pages[i], text, size, 0, y, 0, ds->color_footer, fs, lang);
		}
	}
	if (top_note && dl->n_pages) {
		char text[512];
		fill_note(top_note, NULL, NULL, 0, text, sizeof text);
		footer_text(dl, &dl->pages[0], text, size, dl->width - ds->margin_right, ds->margin_top / 2 + size * 0.35f, 1,
			    ds->color_top_note, fs, lang);
	}
}
