/* The layout stage's entry: chooses the theme, lays out the blocks, places the header and the columns on
 * pages, adds footers and document information, and shrinks the design within the theme's bounds when
 * --max-pages asks for fewer pages. Block layout and pagination are in blocks.c and paginate.c.
 * SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cv2pdf/util.h"
#include "layout_internal.h"

/* The photo's width: an inch in one-column themes; in the sidebar, most of its width up to 100 pt. */
#define PHOTO_WIDTH 72.0f
#define PHOTO_SIDEBAR_MAX 100.0f
/* ... and the margins with the spacing, to this share of the design's (1.8 cm becomes 1.1 cm). */
#define MARGIN_MIN_SCALE 0.6f
/* The tightest line pitch --max-pages may use, as a multiple of the type size: below about 1.1 the
 * descenders of one line meet the accents and Han characters of the next. */
#define LEADING_MIN 1.12f

/* A note of a few words and a date. */
#define NOTE_MAX 512

/* The date the document is dated: its own (RenderCV's settings.current_date), else the caller's
 * SOURCE_DATE_EPOCH (env->epoch, for reproducible builds), else the caller's clock (env->now: the
 * layout stage reads no clock). false when that gives no date of four-digit year. */
static bool doc_date(const cv_doc *doc, const cv_env *env, struct tm *tm)
{
	memset(tm, 0, sizeof *tm);
	if (doc->current_date.year) {
		tm->tm_year = doc->current_date.year - 1900;
		tm->tm_mon = (doc->current_date.month ? doc->current_date.month : 1) - 1;
		tm->tm_mday = doc->current_date.day ? doc->current_date.day : 1;
		return true;
	}
	long long when = env->epoch >= 0 ? env->epoch : env->now;
	if (when < 0 || when > CV_MAX_EPOCH) /* a year of four digits */
		return false;
	time_t now = (time_t)when;
	return gmtime_r(&now, tm) && tm->tm_mon >= 0 && tm->tm_mon <= 11;
}

/* A document-information value (or a bookmark) from the input must fit one PDF string. */
static bool info_fits(const char *v, cv_span at, const char *what, cv_diags *d)
{
	if (!v || strlen(v) <= CV_MAX_PDF_STRING)
		return true;
	cv_diag_add(d, CV_ERROR, "too-long", at,
		    "%s is %zu bytes long, more than a PDF text string holds (%d); refusing to typeset it", what,
		    strlen(v), CV_MAX_PDF_STRING);
	return false;
}

static bool titles_fit(const cv_section *s, size_t n, cv_arena *a, cv_diags *d)
{
	bool ok = true;
	for (size_t i = 0; i < n; i++)
		ok = info_fits(cv_markup_strip(s[i].title.s, a), s[i].title.span, "the section title (a bookmark)", d) &&
		     titles_fit(s[i].subsections, s[i].n_subsections, a, d) && ok;
	return ok;
}

/* A title with RenderCV's placeholders filled (settings.pdf_title: "NAME - CV", "NAME CV YEAR"): the
 * name and the parts of the document's date, as in the footer (v); tmpl as it is without a date. */
static const char *pdf_title(const char *tmpl, bool dated, const cv_note_vals *v, cv_arena *arena)
{
	if (!dated)
		return tmpl;
	/* Each placeholder is three letters or more: at most a third of the template are replaced. */
	size_t longest = 0;
	for (size_t k = 0; k < v->n; k++)
		longest = strlen(v->vals[k]) > longest ? strlen(v->vals[k]) : longest;
	size_t cap = strlen(tmpl) + (strlen(tmpl) / 3 + 1) * longest + 1;
	char *out = cv_arena_alloc(arena, cap);
	cv_lang_fill(tmpl, v->keys, v->vals, v->n, out, cap);
	return out;
}

static bool set_info(const cv_doc *doc, bool dated, const cv_note_vals *v, cv_dlist *dl, cv_diags *d)
{
	cv_docinfo *info = &dl->info;
	bool ok = titles_fit(doc->sections, doc->n_sections, dl->arena, d);
	if (doc->name.s) {
		const char *name = cv_markup_strip(doc->name.s, dl->arena);
		info->author = name;
		info->title = cv_arena_printf(dl->arena, "%s — %s", name, doc->locale.lang->terms[CV_W_CV]);
		ok = info_fits(info->title, doc->name.span, "the name (the PDF's title)", d) && ok;
	}
	if (doc->design.pdf_title.s) {
		info->title = pdf_title(cv_markup_strip(doc->design.pdf_title.s, dl->arena), dated, v, dl->arena);
		ok = info_fits(info->title, doc->design.pdf_title.span, "the PDF's title", d) && ok;
	}
	if (doc->headline.s) {
		info->subject = cv_markup_strip(doc->headline.s, dl->arena);
		ok = info_fits(info->subject, doc->headline.span, "the headline (the PDF's subject)", d) && ok;
	}
	info->language = cv_arena_strdup(dl->arena, doc->locale.tag);
	/* Keywords: the section titles, which is what a reader searching a folder of CVs looks for; as
	 * many as one PDF string holds. */
	size_t total = 0;
	const char *sep = doc->locale.lang->list_sep;
	for (size_t i = 0; i < doc->n_sections; i++)
		total += strlen(doc->sections[i].title.s) + strlen(sep);
	if (total) {
		char *k = cv_arena_alloc(dl->arena, total + 1), *w = k;
		for (size_t i = 0; i < doc->n_sections; i++) {
			const char *t = cv_markup_strip(doc->sections[i].title.s, dl->arena);
			if ((size_t)(w - k) + strlen(t) + strlen(sep) > CV_MAX_PDF_STRING)
				break;
			w += sprintf(w, "%s%s", i ? sep : "", t);
		}
		info->keywords = k;
	}
	return ok;
}

/* The document's date (doc_date) as a day; all zero when the clock gives none. */
static cv_today today_date(const cv_doc *doc, const cv_env *env)
{
	struct tm tm;
	if (!doc_date(doc, env, &tm))
		return (cv_today){0, 0, 0};
	return (cv_today){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

/* "Last updated: 14 November 2023" in the document's language. DATE is the day; TODAY the month, as
 * RenderCV's own templates mean it. */
static const char *last_updated_words(const cv_doc *doc, cv_today t, cv_arena *arena)
{
	const cv_words *w = &doc->locale.words;
	char day[NOTE_MAX], month[NOTE_MAX], out[NOTE_MAX];
	cv_lang_date(w, w->day, t.year, t.month, t.day, day, sizeof day);
	cv_lang_date(w, w->date, t.year, t.month, 0, month, sizeof month);
	static const char *const keys[] = {"DATE", "TODAY"};
	const char *vals[] = {day, month};
	cv_lang_fill(w->last_updated, keys, vals, 2, out, sizeof out);
	return cv_arena_strdup(arena, out);
}

/* The placeholders of the footer and the top note (see cv_note_vals): the name, and the date of
 * rendering as CURRENT_DATE (the month, in the language's date format: RenderCV's single date) and in
 * parts. */
static cv_note_vals note_vals(const cv_doc *doc, cv_today t, cv_arena *arena)
{
	const cv_words *w = &doc->locale.words;
	char cur[NOTE_MAX], num[6][8];
	cv_lang_date(w, w->date, t.year, t.month, 0, cur, sizeof cur);
	snprintf(num[0], sizeof num[0], "%02d", t.month % 100);
	snprintf(num[1], sizeof num[1], "%d", t.month % 100);
	snprintf(num[2], sizeof num[2], "%02d", t.day % 100);
	snprintf(num[3], sizeof num[3], "%d", t.day % 100);
	snprintf(num[4], sizeof num[4], "%02d", t.year % 100);
	snprintf(num[5], sizeof num[5], "%d", t.year % 10000);
	int m = t.month >= 1 && t.month <= 12 ? t.month - 1 : 0;
	cv_note_vals v = {
		.keys = {"NAME", "CURRENT_DATE", "MONTH_NAME", "MONTH_ABBREVIATION", "MONTH_IN_TWO_DIGITS", "MONTH",
			 "DAY_IN_TWO_DIGITS", "DAY", "YEAR_IN_TWO_DIGITS", "YEAR"},
		.vals = {doc->name.s ? cv_markup_strip(doc->name.s, arena) : "", cv_arena_strdup(arena, cur),
			 w->month_name[m], w->month_abbr[m], cv_arena_strdup(arena, num[0]),
			 cv_arena_strdup(arena, num[1]), cv_arena_strdup(arena, num[2]), cv_arena_strdup(arena, num[3]),
			 cv_arena_strdup(arena, num[4]), cv_arena_strdup(arena, num[5])},
		.n = 10,
	};
	return v;
}

/* The note at the top right of page 1 (design.last_updated): design.top_note, RenderCV's template,
 * or the language's "last updated" line. LAST_UPDATED is that line, which carries its date, so a
 * CURRENT_DATE right after it is not repeated; the placeholders of v are filled in. NULL when off. */
static const char *top_note(const cv_doc *doc, cv_today t, const cv_note_vals *v, cv_arena *arena)
{
	if (!doc->design.last_updated || !t.year)
		return NULL;
	const char *line = last_updated_words(doc, t, arena);
	const char *tmpl = doc->design.top_note;
	if (!tmpl)
		return line;
	char out[NOTE_MAX];
	const char *keys[CV_NOTE_KEYS + 2] = {"LAST_UPDATED CURRENT_DATE", "LAST_UPDATED"}, *vals[CV_NOTE_KEYS + 2] = {line, line};
	for (size_t k = 0; k < v->n; k++)
		keys[k + 2] = v->keys[k], vals[k + 2] = v->vals[k];
	cv_lang_fill(tmpl, keys, vals, v->n + 2, out, sizeof out);
	return cv_arena_strdup(arena, out);
}

/* How full the last page is, 0 to 1: its lowest baseline's share of the body's height (footers are
 * not there yet). */
static float last_page_fill(const cv_dlist *dl, float top, float bottom)
{
	const cv_page *pg = &dl->pages[dl->n_pages - 1];
	float low = top;
	for (size_t i = 0; i < pg->n_runs; i++)
		if (pg->runs[i].y > low)
			low = pg->runs[i].y;
	for (size_t i = 0; i < pg->n_images; i++)
		if (pg->images[i].y1 > low)
			low = pg->images[i].y1;
	return bottom > top ? (low - top) / (bottom - top) : 1;
}

/* Flows the main column of two beside the sidebar, which has ended on page side_last: from the first
 * page after it, the main column takes the whole text width. Its lines from there on are laid out
 * again at that width (by the same blocks, so with the same diagnostics, which are dropped) and start
 * a new page. */
static void flow_main_beside(const cv_doc *doc, cv_scale sc, cv_today today, const cv_photo *ph,
			     const cv_fontset *fs, cv_text_cache *memo, cv_dlist *dl, cv_columns *cols, cv_region mr,
			     size_t side_last, float text_w, size_t *last)
{
	size_t wide = cv_flow_first_on(&cols->main, mr, side_last + 1);
	if (wide > 0 && wide < cols->main.n_lines) {
		cv_columns again;
		cv_diags *dup = cv_diags_new();
		cv_blocks_layout(doc, sc, today, ph, fs, wide, memo, dl->arena, dup, &again);
		cv_diags_free(dup);
		if (!again.too_long && again.main.n_lines > wide) {
			vlist narrow = cols->main;
			cols->main = again.main;
			again.main = narrow; /* freed with the rest of again */
			cols->main.lines[wide].page_break_before = true;
			mr.wide_page = side_last + 1;
			mr.wide_x0 = mr.x0 - (text_w - mr.width);
			mr.wide_width = text_w;
		}
		cv_columns_free(&again);
	}
	cv_flow(&cols->main, dl, mr, last);
}

/* One complete layout at scale sc. Sets *fill to how full its last page is. memo: see
 * cv_blocks_layout (trial layouts only: its paragraphs give no warnings again). */
static cv_dlist *layout_once(const cv_doc *doc0, const cv_design_layout *th, cv_scale sc, cv_today today,
			     const cv_photo *photo0, const cv_fontset *fs, cv_text_cache *memo, cv_diags *d, float *fill,
			     const cv_letter_view *letter)
{
	/* Tighter spacing narrows the margins too, down to MARGIN_MIN_SCALE of the design's at the theme's
	 * tightest spacing. The copy shares every string with the model; only its design differs. */
	cv_doc copy = *doc0;
	const cv_doc *doc = &copy;
	float span = 1 - th->min_space_scale;
	float m = span > 0 ? MARGIN_MIN_SCALE + (1 - MARGIN_MIN_SCALE) * (sc.space - th->min_space_scale) / span : 1;
	if (m < 1) {
		if (!sc.keep_sides) {
			copy.design.margin_left *= m;
			copy.design.margin_right *= m;
		}
		copy.design.margin_top *= m;
		copy.design.margin_bottom *= m;
		/* The leading tightens with the spacing, down to LEADING_MIN at the tightest. */
		float t = span > 0 ? (sc.space - th->min_space_scale) / span : 1;
		if (copy.design.line_spacing > LEADING_MIN)
			copy.design.line_spacing = LEADING_MIN + (copy.design.line_spacing - LEADING_MIN) * t;
	}
	const cv_design *ds = &doc->design;
	cv_dlist *dl = cv_xcalloc(1, sizeof *dl);
	dl->arena = cv_arena_new();
	dl->width = ds->page_width;
	dl->height = ds->page_height;
	float text_w = ds->page_width - ds->margin_left - ds->margin_right;

	cv_photo photo;
	if (photo0) {
		photo = *photo0;
		float w = th->columns == 2 ? text_w * th->sidebar_share * 0.7f
			  : cv_scaled_size(sc, ds->header.photo_width > 0 ? ds->header.photo_width : PHOTO_WIDTH);
		if (th->columns == 2 && w > PHOTO_SIDEBAR_MAX)
			w = PHOTO_SIDEBAR_MAX;
		photo.h = photo0->h * w / photo0->w;
		photo.w = w;
	}
	const cv_photo *ph = photo0 ? &photo : NULL;
	cv_columns cols;
	if (letter)
		cv_blocks_letter(doc, letter, today, fs, dl->arena, d, &cols);
	else
	cv_blocks_layout(doc, sc, today, ph, fs, SIZE_MAX, memo, dl->arena, d, &cols);
	if (cols.too_long) { /* the error is in d */
		cv_columns_free(&cols);
		cv_dlist_free(dl);
		return NULL;
	}

	float size = cv_scaled_size(sc, ds->font_size);
	float top = ds->margin_top, bottom = ds->page_height - ds->margin_bottom;
	size_t last;
	float y = cv_flow(&cols.head, dl,
			  (cv_region){.x0 = ds->margin_left, .width = cols.head_w, .y_start = top, .y0 = top, .y1 = bottom},
			  &last);
	if (cols.head.n_lines) {
		/* design.header.space_below_connections: from the header's last baseline to the capitals of
		 * the first title, as RenderCV measures it. */
		const vline *h = &cols.head.lines[cols.head.n_lines - 1];
		const vlist *body = cols.main.n_lines ? &cols.main : &cols.side;
		const vline *b = body->n_lines ? &body->lines[0] : NULL;
		float gap = (ds->header.space_below_connections.pt + ds->header.space_below_connections.em * size) *
			    cv_scaled_spacing(sc, th->spacing);
		float bsize = 0;
		for (size_t r = 0; b && r < b->n_runs; r++) {
			float rs = cv_vline_run(b, r).size;
			bsize = rs > bsize ? rs : bsize;
		}
		float next = b ? b->ascent - 0.7f * bsize : 0;
		float add = gap - (h->height - h->ascent) - next;
		y += add > 0 ? add : 0;
	}
	if (photo0 && !cols.two) {
		cv_page *p = &dl->pages[0];
		float x0 = ds->header.photo_right ? ds->margin_left + text_w - ds->header.photo_space_right - photo.w
						  : ds->margin_left + ds->header.photo_space_left;
		*CV_PUSH(p->images, p->n_images, p->cap_images) =
			(cv_image){x0, top, x0 + photo.w, top + photo.h, photo.pic, photo.path, photo.span};
	}
	/* The sidebar first, then the main column: each column's text is together on every page. Only
	 * the main column's pages are filled to the bottom (the sidebar keeps its spacing). */
	cv_region mr = {.x0 = ds->margin_left, .width = cols.main_w, .y_start = y, .y0 = top, .y1 = bottom, .fill = true,
			.underline = ds->underline_links};
	if (cols.two) {
		size_t side_last;
		cv_flow(&cols.side, dl,
			(cv_region){.x0 = ds->margin_left, .width = cols.side_w, .y_start = y, .y0 = top, .y1 = bottom,
				    .first_page = last, .underline = ds->underline_links},
			&side_last);
		mr.x0 = ds->margin_left + cols.side_w + th->gutter;
		flow_main_beside(doc, sc, today, ph, fs, memo, dl, &cols, mr, side_last, text_w, &last);
	} else {
		cv_flow(&cols.main, dl, mr, &last);
	}
	cv_columns_free(&cols);
	/* Pagination keeps lines together, so it may need more pages than the blocks' estimate. */
	if (dl->n_pages > CV_MAX_PAGES) {
		cv_span at = doc->n_sections ? doc->sections[doc->n_sections - 1].span : doc->name.span;
		cv_diag_add(d, CV_ERROR, "too-many-pages", at, "the document runs past %d pages; refusing to typeset it",
			    CV_MAX_PAGES);
		cv_dlist_free(dl);
		return NULL;
	}
	*fill = last_page_fill(dl, top, bottom);
	cv_note_vals notes = note_vals(doc, today, dl->arena);
	cv_footers(dl, ds, size * 0.9f, letter ? NULL : top_note(doc, today, &notes, dl->arena), &notes, fs, &doc->locale);
	cv_pages_trim(dl);
	if (!set_info(doc, today.year != 0, &notes, dl, d)) {
		cv_dlist_free(dl);
		return NULL;
	}
	return dl;
}

/* A font the input named that has none of the characters set in it (a Chinese font without Chinese)
 * would print every one of them as a box: an error at its setting rather than a PDF of boxes.
 * Spaces do not count: nearly every font has them. */
static bool fonts_cover(const cv_dlist *dl, const cv_fontset *fs, cv_diags *d)
{
	bool used[CV_FACE_COUNT] = {0}, covered[CV_FACE_COUNT] = {0};
	uint32_t first[CV_FACE_COUNT] = {0};
	for (size_t p = 0; p < dl->n_pages; p++)
		for (size_t r = 0; r < dl->pages[p].n_runs; r++) {
			const cv_run *run = &dl->pages[p].runs[r];
			int f = run->face;
			if (f < 0 || f >= CV_FACE_COUNT || covered[f] || !cv_fontset_span(fs, f).file)
				continue;
			for (size_t i = 0; i < run->len && !covered[f];) {
				uint32_t cp = cv_utf8_next(run->text, run->len, &i);
				if (cp <= 0x20 || cp == 0xA0 || cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200B))
					continue;
				used[f] = true;
				if (cv_fontset_has(fs, f, cp))
					covered[f] = true;
				else if (!first[f])
					first[f] = cp;
			}
		}
	bool ok = true;
	for (int f = 0; f < CV_FACE_COUNT; f++) {
		if (!used[f] || covered[f])
			continue;
		bool told = false; /* the styles of a family named by one file are one font */
		for (int g = 0; g < f && !told; g++)
			told = used[g] && !covered[g] && strcmp(cv_fontset_path(fs, g), cv_fontset_path(fs, f)) == 0;
		ok = false;
		if (told)
			continue;
		char ch[5] = {0};
		cv_utf8_put(first[f], ch);
		cv_diag_add(d, CV_ERROR, "font-coverage", cv_fontset_span(fs, f),
			    "the %s font \"%s\" has none of the characters set in it (the first: \"%s\", U+%04X); "
			    "choose a font that has them",
			    cv_face_role(f), cv_fontset_path(fs, f), ch, (unsigned)first[f]);
	}
	return ok;
}

/* The last checks of the display list that is returned: the fonts the input named (fonts_cover).
 * Images point at the photo as decoded into the caller's scratch arena (trial layouts share it);
 * the display list that is returned gets its own copies. */
static cv_dlist *keep_pictures(cv_dlist *dl, const cv_fontset *fs, cv_diags *d)
{
	if (dl && !fonts_cover(dl, fs, d)) {
		cv_dlist_free(dl);
		return NULL;
	}
	for (size_t p = 0; dl && p < dl->n_pages; p++)
		for (size_t i = 0; i < dl->pages[p].n_images; i++) {
			cv_image *im = &dl->pages[p].images[i];
			unsigned char *data = cv_arena_alloc(dl->arena, im->pic.len);
			memcpy(data, im->pic.data, im->pic.len);
			im->pic.data = data;
			if (im->pic.alpha) {
				size_t n = (size_t)im->pic.w * im->pic.h;
				unsigned char *alpha = cv_arena_alloc(dl->arena, n);
				memcpy(alpha, im->pic.alpha, n);
				im->pic.alpha = alpha;
			}
			im->path = cv_arena_strdup(dl->arena, im->path);
		}
	return dl;
}

/* The scale at tightness t in [0, 1]: spacing (with margins and leading) first, from the design's
 * down to the theme's least, over the first half; then, if fonts may shrink, type down to the
 * theme's least over the second half. Without fonts (pulling back a last page) only the vertical
 * spacing, top and bottom margins and leading tighten, over the whole range. */
static cv_scale scale_at(const cv_design_layout *th, double t, bool fonts)
{
	if (!fonts)
		return (cv_scale){1, (float)(1 - (1 - th->min_space_scale) * t), true};
	if (t <= 0.5)
		return (cv_scale){1, (float)(1 - (1 - th->min_space_scale) * t * 2), false};
	return (cv_scale){(float)(1 - (1 - th->min_size_scale) * (t - 0.5) * 2), th->min_space_scale, false};
}

/* One layout at tightness t, with the messages it gave kept apart: a search lays out several and
 * keeps one, whose messages are then the document's. */
typedef struct trial {
	cv_dlist *dl; /* NULL when it could not be laid out */
	cv_diags *d;
	float fill;
	double t;
} trial;

/* What every layout of one cv_layout() shares: the paragraphs and break opportunities laid out
 * before (memo), and how many whole layouts were made. */
typedef struct trials {
	const cv_doc *doc;
	const cv_design_layout *th;
	cv_today today;
	const cv_photo *ph;
	const cv_fontset *fs;
	cv_text_cache *memo;
	unsigned count;
} trials;

static trial try_at(trials *x, double t, bool fonts)
{
	trial r = {.d = cv_diags_new(), .t = t};
	r.dl = layout_once(x->doc, x->th, scale_at(x->th, t, fonts), x->today, x->ph, x->fs, x->memo, r.d, &r.fill, NULL);
	x->count++;
	return r;
}

static void trial_drop(trial *r)
{
	cv_dlist_free(r->dl);
	cv_diags_free(r->d);
	*r = (trial){0};
}

static bool trial_fits(const trial *r, size_t pages)
{
	return r->dl && r->dl->n_pages <= pages;
}

/* The layout at the least tightness in [lo, 1] that fits `pages` pages, found by bisection (the page
 * count only falls as the layout tightens): the fitting trial is kept, not laid out again. *fits is
 * false when even the tightest does not fit; that layout is returned then. TIGHTEN_STEPS trials after
 * the tightest find it to within 1/64 of the range. replaced (or NULL): the layout a fitting result
 * will replace, dropped as soon as the search knows it has one. */
#define TIGHTEN_STEPS 6

static trial least_tightness(trials *x, size_t pages, double lo, bool fonts, bool *fits, trial *replaced)
{
	trial best = try_at(x, 1, fonts);
	*fits = trial_fits(&best, pages);
	if (!*fits)
		return best;
	/* The search returns a layout that fits now: the one it replaces goes at once, so that the
	 * bisection holds two layouts (the best so far and the next trial), not three. */
	if (replaced)
		trial_drop(replaced);
	double hi = 1;
	for (int i = 0; i < TIGHTEN_STEPS; i++) {
		double mid = (lo + hi) / 2;
		trial r = try_at(x, mid, fonts);
		if (trial_fits(&r, pages)) {
			trial_drop(&best);
			best = r;
			hi = mid;
		} else {
			trial_drop(&r);
			lo = mid;
		}
	}
	return best;
}

/* A last page fuller than this is left as it is; one emptier ("a handful of lines") is pulled back
 * onto the page before when spacing within the theme's bounds allows (design.fill_last_page). */
#define LAST_PAGE_PULL 0.3f

/* A language in a script cv2pdf cannot set (right to left, or shaped clusters) stops the run with one
 * error, rather than pages of blank or garbled words, unless a face of the font set (the user's
 * font) covers the script: then it is set as well as it can be, with a warning. */
static bool script_ok(const cv_doc *doc, const cv_fontset *fs, cv_diags *d)
{
	const cv_lang *l = doc->locale.lang;
	if (cv_script_settable(l->script))
		return true;
	const char *sample = cv_script_sample(l->script);
	bool covered = true;
	for (size_t i = 0, n = strlen(sample); i < n && covered;) {
		uint32_t cp = cv_utf8_next(sample, n, &i);
		bool any = false;
		for (int f = 0; f < CV_FACE_COUNT && !any; f++)
			any = cv_fontset_has(fs, f, cp);
		covered = any;
	}
	const char *script = cv_script_name(l->script);
	if (covered) {
		cv_diag_add(d, CV_WARNING, "unsupported-script", doc->locale.span,
			    "the document's language, %s (%s), is written in the %s script, which %s: its words are set "
			    "letter by letter, left to right, in the font that covers them; check the PDF",
			    l->english, l->tag, script, cv_script_problem(l->script));
		return true;
	}
	cv_diag_add(d, CV_ERROR, "unsupported-script", doc->locale.span,
		    "the document's language, %s (%s), is written in the %s script, which %s; set design.font_family "
		    "to a font that covers %s to set it anyway, or choose another language",
		    l->english, l->tag, script, cv_script_problem(l->script), script);
	return false;
}

cv_dlist *cv_layout(const cv_doc *doc, const cv_fontset *fs, const cv_env *env, cv_diags *d)
{
	if (!script_ok(doc, fs, d))
		return NULL;
	static const cv_env no_env = {NULL, -1, 0};
	const cv_design *ds = &doc->design;
	/* The theme's traits (its preset was applied by the loader) and the day the résumé is dated. */
	const cv_design_layout *th = &ds->layout;
	const char *theme = ds->theme.s ? ds->theme.s : "classic";
	cv_photo photo;
	cv_arena *scratch = cv_arena_new();
	bool have_photo = cv_photo_probe(doc, PHOTO_WIDTH, scratch, d, &photo);
	/* The page limit may come from the command line, so messages name the document, not a line. */
	cv_span whole = {doc->source_name, 0, 0, 0, 0};
	int max = ds->max_pages;
	/* A memo only where more than one layout may be made: keeping paragraphs costs a little. */
	trials x = {doc, th, today_date(doc, env ? env : &no_env), have_photo ? &photo : NULL, fs,
		    max > 0 || ds->fill_last_page ? cv_text_cache_new() : NULL, 0};
	trial cur = try_at(&x, 0, true);
	bool fits = true;
	bool shrink = max > 0 && cur.dl && cur.dl->n_pages > (size_t)max;
	if (shrink) {
		/* Shrink the spacing first, then the font sizes, each within the theme's bounds. */
		trial_drop(&cur);
		cur = least_tightness(&x, (size_t)max, 0, true, &fits, NULL);
	}
	cv_scale sc = scale_at(th, cur.t, true);
	if (cur.dl && ds->fill_last_page && cur.dl->n_pages > 1 && cur.fill < LAST_PAGE_PULL && sc.font >= 1) {
		/* A nearly empty last page: the same search, spacing only, for one page fewer. Silent, as any
		 * other layout decision; docs/format.md tells how to turn it off. */
		double from = (1 - sc.space) / (1 - th->min_space_scale);
		bool pulled;
		trial pull = least_tightness(&x, cur.dl->n_pages - 1, from, false, &pulled, &cur);
		if (pulled) {
			cur = pull; /* the search dropped the layout it replaces */
			sc = scale_at(th, pull.t, false);
		} else {
			trial_drop(&pull);
		}
	}
	cv_diags_inherit(d, cur.d);
	cv_dlist *dl = keep_pictures(cur.dl, fs, d);
	cur.dl = NULL;
	if (dl) {
		dl->layouts = x.count;
		dl->texts = cv_text_cache_release(x.memo); /* its runs' texts may be the memo's */
		x.memo = NULL;
		if (max > 0 && !fits)
			cv_diag_add(d, CV_WARNING, "max-pages", whole,
				    "the résumé does not fit in %d page%s even at the smallest size the %s theme allows "
				    "(%.1f pt text, spacing × %.2f): it takes %zu pages",
				    max, max == 1 ? "" : "s", theme, (double)cv_scaled_size(sc, ds->font_size),
				    (double)cv_scaled_spacing(sc, th->spacing), dl->n_pages);
		else if (shrink)
			cv_diag_add(d, CV_NOTE, "max-pages", whole,
				    "shrunk to fit %d page%s: %.1f pt text, spacing × %.2f", max, max == 1 ? "" : "s",
				    (double)cv_scaled_size(sc, ds->font_size), (double)cv_scaled_spacing(sc, th->spacing));
	}
	trial_drop(&cur);
	cv_text_cache_free(x.memo);
	cv_arena_free(scratch);
	return dl;
}

cv_dlist *cv_layout_letter(const cv_doc *doc, const cv_letter_view *l, const cv_fontset *fs, const cv_env *env,
			   cv_diags *d)
{
	static const cv_env no_env = {NULL, -1, 0};
	if (!script_ok(doc, fs, d))
		return NULL;
	const cv_design_layout *th = &doc->design.layout;
	float fill;
	/* A letter is a page or two of prose: no photo, no shrinking to a page limit. */
	cv_dlist *dl =
		keep_pictures(layout_once(doc, th, scale_at(th, 0, true), today_date(doc, env ? env : &no_env), NULL, fs, NULL, d, &fill, l),
			      fs, d);
	if (dl && l->subject.s) { /* the PDF's title: the name and the subject */
		const char *subject = cv_markup_strip(l->subject.s, dl->arena);
		dl->info.title = doc->name.s ? cv_arena_printf(dl->arena, "%s — %s", cv_markup_strip(doc->name.s, dl->arena),
							      subject)
					     : subject;
		if (!info_fits(dl->info.title, l->subject.span, "the letter's subject (the PDF's title)", d)) {
			cv_dlist_free(dl);
			return NULL;
		}
	}
	return dl;
}
