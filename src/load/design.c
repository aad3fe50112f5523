/* The `design` map, whatever the dialect, and the theme presets (themes/NAME.yaml), which are design
 * maps too: every key of every RenderCV release (1.0 to 2.8) and cv2pdf's own, one table per map.
 * Each key is honoured, or accepted with one warning that says what is drawn instead; a wrong value is
 * an error, a look cv2pdf cannot draw never is. Writes only doc->design (and the locale's words that
 * RenderCV kept in its design block).
 * SPDX-License-Identifier: MIT */
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cv2pdf/util.h"
#include "load_internal.h"

typedef struct dkey dkey;
typedef void (*dread)(cv_dctx *c, const ynode *n, const char *path, const dkey *k);

/* One key of a design map: its reader, the field it writes (an offset into cv_design), the range of a
 * number or length (points), a nested map's keys, and a text the reader uses (what is drawn instead,
 * or which part of a template). */
struct dkey {
	const char *name;
	dread read;
	size_t off;
	float lo, hi;
	const dkey *sub;
	const char *note;
};

/* Font sizes written in em ("1.4em") follow the body size the whole design ends with, whichever key
 * or preset sets it; so do families of the name or titles, compared with the body's at the end. At
 * most one of each per field, so these bounds are the number of such fields. */
#define MAX_PENDING 8

struct cv_dctx {
	cv_mctx *m;
	cv_design *ds;
	bool preset;         /* reading a theme preset: `theme` names its base */
	const char *theme_dir;
	const ynode *icons; /* connection icons asked for (RenderCV's show_icons: true), for cv_design_end */
	bool icons_said;    /* the warning that cv2pdf draws no icons was given: once is enough */
	float content_scale; /* RenderCV 1's moderncv: the text's share of the page, for cv_design_end; 0: none */
	/* RenderCV 2.0-2.3's rows of each kind's main column, joined by cv_design_end (NULL: as before). */
	const char *rows[CV_TEMPLATE_COUNT][2];
	struct {
		float *field;
		float em;
	} pending[MAX_PENDING];
	size_t n_pending;
	struct {
		const ynode *n;
		const char *path;
	} families[MAX_PENDING];
	size_t n_families;
};

#define FIELD(c, k, type) ((type *)(void *)((char *)(c)->ds + (k)->off))
#define OFF(field) offsetof(cv_design, field)

static void map_keys(cv_dctx *c, const ynode *n, const char *path, const dkey *keys);

/* ---- Values ------------------------------------------------------------------------------------ */

/* A length: a number with pt, cm, mm, in, em or ex (spaces allowed before the unit, as RenderCV 1
 * wrote "2 cm"), or a bare number of points. em and ex are relative to the body size; ex is taken as
 * half an em, the x-height of most text faces. */
static bool parse_len(const char *s, cv_len *out)
{
	char *end;
	double v = cv_strtod(s, &end);
	if (end == s) /* NaN and infinities are lengths out of every range */
		return false;
	while (*end == ' ')
		end++;
	static const struct {
		const char *unit;
		double pt, em;
	} units[] = {
		{"pt", 1, 0}, {"cm", 72.0 / 2.54, 0}, {"mm", 72.0 / 25.4, 0}, {"in", 72, 0}, {"em", 0, 1}, {"ex", 0, 0.5},
		{"", 1, 0},
	};
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (!strcmp(end, units[i].unit)) {
			*out = (cv_len){(float)(v * units[i].pt), (float)(v * units[i].em)};
			return true;
		}
	return false;
}

static bool present(const ynode *n)
{
	return n && !cv_yn_is_null(n);
}

/* A length at n, or false with an error. */
static bool get_len(cv_dctx *c, const ynode *n, const char *path, cv_len *out)
{
	if (n->kind == YN_SCALAR && parse_len(n->value, out))
		return true;
	cv_map_err(c->m, n, "bad-length",
		   "%s: expected a length such as \"2cm\", \"18mm\", \"0.7in\", \"10pt\" or \"1.2em\", got %s", path,
		   cv_yn_shown(c->m->a, n));
	return false;
}

static bool in_range(cv_dctx *c, const ynode *n, const char *path, float v, float lo, float hi)
{
	if (v >= lo && v <= hi)
		return true;
	cv_map_err(c->m, n, "out-of-range", "%s: %s is outside the sensible range %gpt to %gpt", path, n->value,
		   (double)lo, (double)hi);
	return false;
}

static void drop_pending(cv_dctx *c, float *field)
{
	for (size_t i = 0; i < c->n_pending; i++)
		if (c->pending[i].field == field)
			c->pending[i] = c->pending[--c->n_pending];
}

/* A length in points (margins, widths): em counts at the body size of the moment. */
static void rd_points(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	cv_len l;
	if (!get_len(c, n, path, &l))
		return;
	float v = l.pt + l.em * c->ds->font_size;
	if (in_range(c, n, path, v, k->lo, k->hi))
		*FIELD(c, k, float) = v;
}

/* A font size: points, or em of the body size the design ends with. */
static void rd_size(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	cv_len l;
	if (!get_len(c, n, path, &l))
		return;
	float *field = FIELD(c, k, float);
	drop_pending(c, field);
	if (l.em != 0 && l.pt == 0 && field != &c->ds->font_size) {
		if (!(l.em >= 0.3f && l.em <= 8)) {
			cv_map_err(c->m, n, "out-of-range", "%s: %s is outside the sensible range 0.3em to 8em", path, n->value);
			return;
		}
		if (c->n_pending < MAX_PENDING)
			c->pending[c->n_pending++].field = field, c->pending[c->n_pending - 1].em = l.em;
		return;
	}
	float v = l.pt + l.em * c->ds->font_size;
	if (in_range(c, n, path, v, k->lo, k->hi))
		*field = v;
}

/* A space: kept as points and em, resolved at the size layout sets. */
static void rd_len(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	cv_len l;
	if (get_len(c, n, path, &l) && in_range(c, n, path, l.pt + l.em * 10, k->lo, k->hi))
		*FIELD(c, k, cv_len) = l;
}

/* cv2pdf's `margin`: all four. */
static void rd_margins(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	cv_len l;
	if (!get_len(c, n, path, &l))
		return;
	float v = l.pt + l.em * c->ds->font_size;
	if (in_range(c, n, path, v, k->lo, k->hi))
		c->ds->margin_top = c->ds->margin_bottom = c->ds->margin_left = c->ds->margin_right = v;
}

static void rd_number(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	char *end = NULL;
	double v = n->kind == YN_SCALAR ? cv_strtod(n->value, &end) : 0;
	if (n->kind != YN_SCALAR || end == n->value || *end) {
		cv_map_err(c->m, n, "wrong-type", "%s: expected a number, got %s", path, cv_yn_shown(c->m->a, n));
		return;
	}
	if (!(v >= k->lo && v <= k->hi)) { /* NaN too */
		cv_map_err(c->m, n, "out-of-range", "%s: %s is outside the range %g to %g", path, n->value, (double)k->lo,
			   (double)k->hi);
		return;
	}
	*FIELD(c, k, float) = (float)v;
}

/* A share: "31%" or 0.31. */
static void rd_share(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	char *end = NULL;
	double v = n->kind == YN_SCALAR ? cv_strtod(n->value, &end) : 0;
	if (n->kind == YN_SCALAR && end != n->value && *end == '%' && !end[1])
		v /= 100;
	else if (n->kind != YN_SCALAR || end == n->value || *end)
		end = NULL;
	if (!end || !(v >= k->lo && v <= k->hi)) {
		cv_map_err(c->m, n, "out-of-range", "%s: expected a share from %g%% to %g%%, got %s", path,
			   (double)k->lo * 100, (double)k->hi * 100, cv_yn_shown(c->m->a, n));
		return;
	}
	*FIELD(c, k, float) = (float)v;
}

static void rd_int(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	char *end = NULL;
	double d = n->kind == YN_SCALAR ? cv_strtod(n->value, &end) : 0;
	if (n->kind != YN_SCALAR || end == n->value || *end || d != (double)(int)d || d < k->lo || d > k->hi) {
		cv_map_err(c->m, n, "out-of-range", "%s: expected a whole number from %g to %g, got %s", path, (double)k->lo,
			   (double)k->hi, cv_yn_shown(c->m->a, n));
		return;
	}
	*FIELD(c, k, int) = (int)d;
}

static void rd_bool(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	bool *f = FIELD(c, k, bool);
	*f = cv_map_bool(c->m, n, path, *f);
}

/* RenderCV 1's disable_*: the opposite of the field. */
static void rd_not(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	bool *f = FIELD(c, k, bool);
	*f = !cv_map_bool(c->m, n, path, !*f);
}

/* CSS and RenderCV colour names (RenderCV 1's eight included). */
static const struct {
	const char *name;
	unsigned rgb;
} color_names[] = {
	{"black", 0x000000},    {"white", 0xFFFFFF}, {"gray", 0x808080},   {"grey", 0x808080},  {"red", 0xFF0000},
	{"green", 0x008000},    {"blue", 0x0000FF},  {"navy", 0x000080},   {"darkblue", 0x00008B}, {"teal", 0x008080},
	{"maroon", 0x800000},   {"purple", 0x800080}, {"orange", 0xFFA500}, {"burgundy", 0x800020}, {"silver", 0xC0C0C0},
	{"olive", 0x808000},    {"aqua", 0x00FFFF},  {"fuchsia", 0xFF00FF}, {"lime", 0x00FF00}, {"yellow", 0xFFFF00},
	{"brown", 0xA52A2A},    {"darkgray", 0xA9A9A9}, {"darkgrey", 0xA9A9A9}, {"lightgray", 0xD3D3D3},
	{"lightgrey", 0xD3D3D3}, {"darkgreen", 0x006400}, {"darkred", 0x8B0000},
};

/* "#004f90", "#04f", "rgb(0, 79, 144)", "rgb(0%, 31%, 56%)" or a name. */
static bool parse_color(const char *s, unsigned *out)
{
	for (size_t i = 0; i < sizeof color_names / sizeof color_names[0]; i++)
		if (!strcasecmp(s, color_names[i].name)) {
			*out = color_names[i].rgb;
			return true;
		}
	size_t n = strlen(s);
	if (s[0] == '#' && (n == 7 || n == 4) && strspn(s + 1, "0123456789abcdefABCDEF") == n - 1) {
		unsigned v = (unsigned)strtoul(s + 1, NULL, 16);
		*out = n == 7 ? v : ((v >> 8 & 0xF) * 0x110000) | ((v >> 4 & 0xF) * 0x1100) | ((v & 0xF) * 0x11);
		return true;
	}
	/* A space in the format matches any white space, none included; %n is set only when the closing
	 * parenthesis matched, and then nothing may follow it. */
	unsigned r, g, b;
	int end = -1;
	if (sscanf(s, "rgb(%u ,%u ,%u )%n", &r, &g, &b, &end) == 3 && end > 0 && s[end] == '\0' && r < 256 &&
	    g < 256 && b < 256) {
		*out = r << 16 | g << 8 | b;
		return true;
	}
	end = -1;
	if (sscanf(s, "rgb(%u%% ,%u%% ,%u%% )%n", &r, &g, &b, &end) == 3 && end > 0 && s[end] == '\0' && r <= 100 &&
	    g <= 100 && b <= 100) {
		*out = (r * 255 + 50) / 100 << 16 | (g * 255 + 50) / 100 << 8 | (b * 255 + 50) / 100;
		return true;
	}
	return false;
}

static void rd_color(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	if (n->kind != YN_SCALAR || !parse_color(n->value, FIELD(c, k, unsigned)))
		cv_map_err(c->m, n, "bad-color", "%s: expected a colour such as \"#004f90\", \"rgb(0, 79, 144)\" or \"navy\", got %s",
			   path, cv_yn_shown(c->m->a, n));
}

/* RenderCV 2.0-2.3's one colour for the footer and the "last updated" note. */
static void rd_colors_notes(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	(void)k;
	dkey f = {NULL, NULL, OFF(color_footer), 0, 0, NULL, NULL};
	rd_color(c, n, path, &f);
	c->ds->color_top_note = c->ds->color_footer;
}

/* A text (templates, separators): any scalar, "" included, kept as written. */
static void rd_text(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	if (n->kind != YN_SCALAR) {
		cv_map_err(c->m, n, "wrong-type", "%s: expected a text, got %s", path, cv_yn_shown(c->m->a, n));
		return;
	}
	*FIELD(c, k, const char *) = n->value;
}

static void rd_str(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	cv_str s = cv_map_text(c->m, n, path);
	if (s.s)
		*FIELD(c, k, cv_str) = s;
}

static void rd_list(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	*FIELD(c, k, cv_strlist) = cv_map_text_list(c->m, n, path);
}

/* One of words[0..count) (in any case), each with its value (the field is an int-sized enum); the
 * message names the first `shown` of them (the rest are other spellings). */
static void rd_choice(cv_dctx *c, const ynode *n, const char *path, const dkey *k, const char *const *words,
		      const int *values, size_t count, size_t shown, const char *code)
{
	if (n->kind == YN_SCALAR)
		for (size_t i = 0; i < count; i++)
			if (!strcasecmp(n->value, words[i])) {
				*FIELD(c, k, int) = values[i];
				return;
			}
	char list[512];
	size_t used = 0;
	for (size_t i = 0; i < shown && used < sizeof list; i++)
		used += (size_t)snprintf(list + used, sizeof list - used, "%s\"%s\"",
					 i ? (i + 1 == shown ? " or " : ", ") : "", words[i]);
	cv_map_err(c->m, n, code, "%s: expected %s, got %s", path, list, cv_yn_shown(c->m->a, n));
}

static void rd_halign(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	static const char *const w[] = {"left", "center", "right", "centre"};
	static const int v[] = {CV_HALIGN_LEFT, CV_HALIGN_CENTER, CV_HALIGN_RIGHT, CV_HALIGN_CENTER};
	rd_choice(c, n, path, k, w, v, 4, 3, "bad-value");
}

/* Text alignment, in cv2pdf's words and RenderCV's of every release. cv2pdf never hyphenates unless
 * asked, so justified-with-no-hyphenation is plain justified. */
static void rd_align(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	static const char *const w[] = {"justified", "left", "justify", "ragged", "left-aligned",
					"justified-with-no-hyphenation"};
	static const int v[] = {CV_ALIGN_JUSTIFY, CV_ALIGN_LEFT, CV_ALIGN_JUSTIFY, CV_ALIGN_LEFT, CV_ALIGN_LEFT,
				CV_ALIGN_JUSTIFY};
	rd_choice(c, n, path, k, w, v, 6, 2, "bad-alignment");
}

/* Section title styles: RenderCV 2's, with its hyphenated spellings of 2.0-2.2 (and 2.0's misspelt
 * "with-parial-line"). Every one is drawn. */
static void rd_title(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	static const char *const w[] = {"with_full_line",
					"with_partial_line",
					"without_line",
					"moderncv",
					"centered_without_line",
					"centered_with_partial_line",
					"centered_with_centered_partial_line",
					"centered_with_full_line",
					"with-full-line",
					"with-partial-line",
					"with-parial-line",
					"without-line"};
	static const int v[] = {CV_TITLE_FULL_LINE,      CV_TITLE_PARTIAL_LINE,     CV_TITLE_NO_LINE,
				CV_TITLE_MODERNCV,       CV_TITLE_CENTERED,         CV_TITLE_CENTERED_PARTIAL,
				CV_TITLE_CENTERED_MID,   CV_TITLE_CENTERED_FULL,    CV_TITLE_FULL_LINE,
				CV_TITLE_PARTIAL_LINE,   CV_TITLE_PARTIAL_LINE,     CV_TITLE_NO_LINE};
	rd_choice(c, n, path, k, w, v, sizeof w / sizeof w[0], 8, "bad-value");
	/* moderncv's titles go with its dates in a margin at the left. */
	c->ds->entries.dates_left = c->ds->title_style == CV_TITLE_MODERNCV;
}

static void rd_phone(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	static const char *const w[] = {"national", "international", "E164"};
	static const int v[] = {CV_PHONE_NATIONAL, CV_PHONE_INTERNATIONAL, CV_PHONE_E164};
	rd_choice(c, n, path, k, w, v, 3, 3, "bad-value");
}

static void rd_photo_side(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	(void)k;
	if (n->kind == YN_SCALAR && (!strcmp(n->value, "left") || !strcmp(n->value, "right")))
		c->ds->header.photo_right = !strcmp(n->value, "right");
	else
		cv_map_err(c->m, n, "bad-value", "%s: expected left or right, got %s", path, cv_yn_shown(c->m->a, n));
}

/* A marker longer than this is a word, not a bullet; it would push the highlights' text aside. */
#define MAX_BULLET_CHARS 8

/* The highlight marker: one short piece of text, such as "•", "–", "▪" or "-". */
static void rd_bullet(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	size_t chars = 0;
	for (size_t i = 0; n->kind == YN_SCALAR && i < n->len; chars++)
		(void)cv_utf8_next(n->value, n->len, &i);
	if (n->kind != YN_SCALAR || !*n->value || chars > MAX_BULLET_CHARS) {
		cv_map_err(c->m, n, "bad-value", "%s: expected a short marker such as \"•\" or \"–\", got %s", path,
			   cv_yn_shown(c->m->a, n));
		return;
	}
	*FIELD(c, k, const char *) = n->value;
}

static void rd_page_size(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	(void)k;
	cv_map_page_size(c->m, n, path);
}

/* The body family: a fontconfig family or a font file (one that is not installed falls back to a
 * shipped face when the fonts are loaded, with a warning). */
static void rd_family(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	(void)k;
	cv_str s = cv_map_text(c->m, n, path);
	if (s.s)
		c->ds->font_family = s;
}

static void rd_cjk_family(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	(void)k;
	cv_str s = cv_map_text(c->m, n, path);
	if (s.s)
		c->ds->cjk_font_family = s;
}

/* The family of the name, headline, connections or titles: cv2pdf sets the whole résumé in one
 * family, so one that differs from the body's is reported at the end. */
static void rd_family_other(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	(void)k;
	if (!cv_map_text(c->m, n, path).s)
		return;
	for (size_t i = 0; i < c->n_families; i++)
		if (!strcmp(c->families[i].path, path)) {
			c->families[i].n = n;
			return;
		}
	if (c->n_families < MAX_PENDING) {
		c->families[c->n_families].n = n;
		c->families[c->n_families++].path = cv_arena_strdup(c->m->a, path);
	}
}

/* RenderCV 2.4's typography.font_family: one family, or one per part of the page (k->sub). */
static void rd_family_map(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	if (n->kind == YN_MAP)
		map_keys(c, n, path, k->sub);
	else
		rd_family(c, n, path, k);
}

/* RenderCV's line spacing is Typst's leading, the gap between a line's baseline and the next line's
 * cap height: the baseline pitch is then about 0.7 em (Latin cap height) plus the leading, which is
 * what cv2pdf's line_spacing multiplies. */
static void rd_leading(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	(void)k;
	cv_len l;
	if (n->kind == YN_SCALAR && parse_len(n->value, &l) && l.pt == 0 && l.em >= 0 && l.em <= 2.3f)
		c->ds->line_spacing = 0.7f + l.em;
	else if (n->kind == YN_SCALAR && parse_len(n->value, &l) && l.em == 0 && l.pt >= 0 && l.pt <= 23)
		c->ds->line_spacing = 0.7f + l.pt / c->ds->font_size;
	else
		cv_map_err(c->m, n, "bad-length", "%s: expected a leading in em such as \"0.6em\" (0 to 2.3), got %s", path,
			   cv_yn_shown(c->m->a, n));
}

/* A key cv2pdf has no counterpart for: one warning, saying what is drawn instead (k->note). */
static void rd_note(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	(void)n;
	cv_diag_add(c->m->d, CV_WARNING, "not-implemented", n->span, "%s: %s", path, k->note);
}

/* Icons: cv2pdf draws none. Asking for them (true) gets the warning; turning them off is what is done. */
static void rd_icons(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	if (cv_map_bool(c->m, n, path, false) && !c->icons_said) {
		rd_note(c, n, path, k);
		c->icons_said = true;
	}
}

/* Icons beside the connections: without them, what tells "jdoe" on GitHub from "jdoe" on LinkedIn is
 * the address, so cv_design_end shows the profiles' addresses, with a separator where none was set. */
static void rd_connection_icons(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	if (!cv_map_bool(c->m, n, path, false))
		return;
	c->icons = n;
	if (!c->icons_said)
		cv_diag_add(c->m->d, CV_WARNING, "not-implemented", n->span, "%s: %s", path, k->note);
	c->icons_said = true;
}

/* RenderCV 1's disable_external_link_icons: false asks for the icons. */
static void rd_icons_off(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	if (!cv_map_bool(c->m, n, path, true) && !c->icons_said) {
		rd_note(c, n, path, k);
		c->icons_said = true;
	}
}

/* Small capitals of the connections: cv2pdf draws them for the name, headline and titles. */
static void rd_caps_note(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	if (cv_map_bool(c->m, n, path, false))
		rd_note(c, n, path, k);
}

/* RenderCV 1's moderncv content_scale: the text area's share of the page (LaTeX geometry's scale),
 * which sets the margins once the page size is known (cv_design_end). */
static void rd_content_scale(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	float v = 0;
	dkey f = {k->name, NULL, 0, 0.3f, 1, NULL, NULL};
	cv_design *saved = c->ds;
	/* rd_number writes through the key's offset; point it at the local. */
	c->ds = (cv_design *)(void *)&v;
	rd_number(c, n, path, &f);
	c->ds = saved;
	if (v > 0)
		c->content_scale = v;
}

/* RenderCV 1's show_only_years (moderncv): dates as years. */
static void rd_only_years(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	(void)k;
	if (cv_map_bool(c->m, n, path, false))
		c->m->doc->locale.words.date = "YYYY";
}

/* RenderCV 1's page_numbering_style and last_updated_date_style kept in design (later in locale). */
static void rd_page_style(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	(void)k;
	cv_str t = cv_map_text(c->m, n, path);
	if (t.s)
		c->m->doc->locale.words.page = cv_rendercv_note_template(c->m->a, t.s);
}

static void rd_updated_style(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	(void)k;
	cv_str t = cv_map_text(c->m, n, path);
	if (t.s)
		c->m->doc->locale.words.last_updated = cv_rendercv_note_template(c->m->a, t.s);
}

/* A RenderCV footer or top note template: PAGE_NUMBER and TOTAL_PAGES become cv2pdf's tokens; NAME,
 * LAST_UPDATED, CURRENT_DATE and the date placeholders are filled in by layout. */
static void rd_note_template(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	cv_str t = n->kind == YN_SCALAR ? (cv_str){n->value, n->span} : cv_map_text(c->m, n, path);
	if (t.s)
		*FIELD(c, k, const char *) = cv_rendercv_note_template(c->m->a, t.s);
}

/* RenderCV 2.4's single_date template becomes the language's date format. Its default is left to the
 * language (a Chinese date is "2023年1月", not "Jan 2023"). */
static void rd_single_date(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	(void)k;
	cv_str t = cv_map_text(c->m, n, path);
	if (!t.s || !strcmp(t.s, "MONTH_ABBREVIATION YEAR"))
		return;
	const char *fmt = cv_rendercv_date_template(c->m->a, t.s);
	if (fmt)
		c->m->doc->locale.words.date = fmt;
	else
		cv_diag_add(c->m->d, CV_WARNING, "not-implemented", n->span,
			    "%s: YEAR_IN_TWO_DIGITS is not drawn by cv2pdf; the language's date format is used", path);
}

/* RenderCV 2.4's date_range template: START_DATE and END_DATE with the text between them, which
 * becomes the language's range separator. Text before or after the two is not drawn. */
static void rd_date_range(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	(void)k;
	cv_str t = cv_map_text(c->m, n, path);
	if (!t.s)
		return;
	const char *s = strstr(t.s, "START_DATE"), *e = strstr(t.s, "END_DATE");
	if (!s || !e || e < s + 10) {
		cv_diag_add(c->m->d, CV_WARNING, "not-implemented", n->span,
			    "%s: cv2pdf draws a range as START_DATE, a separator and END_DATE; the language's range is used",
			    path);
		return;
	}
	const char *sep = cv_arena_strndup(c->m->a, s + 10, (size_t)(e - s - 10));
	/* "--" is Typst's en dash. */
	if (!strcmp(sep, " -- ") || !strcmp(sep, "--"))
		sep = !strcmp(sep, "--") ? "–" : " – ";
	c->m->doc->locale.words.range = sep;
	if (s != t.s || e[8])
		cv_diag_add(c->m->d, CV_WARNING, "not-implemented", n->span,
			    "%s: only START_DATE, the separator and END_DATE are drawn; the text around them is not", path);
}

/* A section title list for time spans (RenderCV writes them in snake case: "experience"). */
static void rd_time_spans(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	(void)k;
	c->ds->entries.time_spans_in = cv_map_text_list(c->m, n, path);
}

static void rd_max_pages(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	(void)k;
	char *end = NULL;
	double v = n->kind == YN_SCALAR ? cv_strtod(n->value, &end) : -1;
	if (n->kind != YN_SCALAR || end == n->value || *end) {
		cv_map_err(c->m, n, "wrong-type", "%s: expected a number, got %s", path, cv_yn_shown(c->m->a, n));
		return;
	}
	if (!(v >= 0 && v <= 100)) {
		cv_map_err(c->m, n, "out-of-range", "%s: %s is outside the range 0 to 100", path, n->value);
		return;
	}
	if (v != (double)(int)v) {
		cv_map_err(c->m, n, "wrong-type", "%s: expected a whole number of pages, got \"%s\"", path, n->value);
		return;
	}
	c->ds->max_pages = (int)v;
}

static void rd_map(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	if (n->kind != YN_MAP) {
		cv_map_err(c->m, n, "wrong-type", "%s: expected a map, got %s", path, cv_yn_kind_name(n));
		return;
	}
	map_keys(c, n, path, k->sub);
}

/* ---- Entry templates --------------------------------------------------------------------------- */

/* The template part k->note names ("main", "dates", "degree", "first", "second", "no_journal",
 * "no_url") of the entry kind k->off. RenderCV 2.0-2.3 split the main column into a first row and a
 * second row: they are joined with a line break, as RenderCV 2.4 writes them. */
static void rd_template(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	if (cv_yn_is_null(n)) {
		if (!strcmp(k->note, "degree"))
			c->ds->entries.templates[k->off].degree = "";
		else if (!strcmp(k->note, "dates"))
			c->ds->entries.templates[k->off].dates = "";
		return;
	}
	if (n->kind != YN_SCALAR) {
		cv_map_err(c->m, n, "wrong-type", "%s: expected a template text, got %s", path, cv_yn_shown(c->m->a, n));
		return;
	}
	cv_entry_template *t = &c->ds->entries.templates[k->off];
	const char *v = n->value;
	if (!strcmp(k->note, "dates"))
		t->dates = v;
	else if (!strcmp(k->note, "degree"))
		t->degree = v;
	else if (!strcmp(k->note, "main"))
		t->main = v;
	else if (!strcmp(k->note, "no_journal"))
		t->main_no_journal = v;
	else if (!strcmp(k->note, "no_url"))
		t->main_no_url = v;
	else
		c->rows[k->off][!strcmp(k->note, "second")] = v;
}

/* The main column as RenderCV 2.0-2.3 split it: the first row (the title lines) and the second (the
 * blocks), each as set or, when only the other was, as the template had it before. */
static void join_rows(cv_dctx *c)
{
	for (int kind = 0; kind < CV_TEMPLATE_COUNT; kind++) {
		const char *first = c->rows[kind][0], *second = c->rows[kind][1];
		if (!first && !second)
			continue;
		const char *main = c->ds->entries.templates[kind].main ? c->ds->entries.templates[kind].main : "";
		/* The old template's second row starts at its first block line. */
		const char *split = main;
		for (const char *p = main; *p;) {
			size_t l = strcspn(p, "\n");
			if (!strncmp(p, "SUMMARY", 7) || !strncmp(p, "HIGHLIGHTS", 10) || !strncmp(p, "AUTHORS", 7)) {
				split = p;
				break;
			}
			p += l + (p[l] == '\n');
			split = p;
		}
		if (!first)
			first = cv_arena_strndup(c->m->a, main, (size_t)(split - main));
		if (!second)
			second = split;
		size_t fl = strlen(first);
		while (fl && first[fl - 1] == '\n')
			fl--;
		c->ds->entries.templates[kind].main = cv_arena_printf(c->m->a, "%.*s\n%s", (int)fl, first, second);
	}
}

/* RenderCV 2.0-2.3's publication templates without a journal or a URL name the second row only. */
static void rd_template_row2(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	if (n->kind != YN_SCALAR) {
		rd_template(c, n, path, k);
		return;
	}
	cv_entry_template *t = &c->ds->entries.templates[k->off];
	const char *first = c->rows[k->off][0] ? c->rows[k->off][0] : "**TITLE**";
	const char *whole = cv_arena_printf(c->m->a, "%s\n%s", first, n->value);
	if (!strcmp(k->note, "no_journal"))
		t->main_no_journal = whole;
	else
		t->main_no_url = whole;
}

#define TPL(name, kind, part) {name, rd_template, kind, 0, 0, NULL, part}

static const dkey tpl_oneline[] = {TPL("main_column", CV_TEMPLATE_ONELINE, "main"), {0}};
static const dkey tpl_education[] = {
	TPL("main_column", CV_TEMPLATE_EDUCATION, "main"),
	TPL("degree_column", CV_TEMPLATE_EDUCATION, "degree"),
	TPL("date_and_location_column", CV_TEMPLATE_EDUCATION, "dates"),
	{0},
};
static const dkey tpl_normal[] = {
	TPL("main_column", CV_TEMPLATE_NORMAL, "main"),
	TPL("date_and_location_column", CV_TEMPLATE_NORMAL, "dates"),
	{0},
};
static const dkey tpl_experience[] = {
	TPL("main_column", CV_TEMPLATE_EXPERIENCE, "main"),
	TPL("date_and_location_column", CV_TEMPLATE_EXPERIENCE, "dates"),
	{0},
};
static const dkey tpl_publication[] = {
	TPL("main_column", CV_TEMPLATE_PUBLICATION, "main"),
	TPL("date_and_location_column", CV_TEMPLATE_PUBLICATION, "dates"),
	{0},
};

/* RenderCV 2.4-2.8's design.templates. */
static const dkey templates_keys[] = {
	{"footer", rd_note_template, OFF(footer), 0, 0, NULL, NULL},
	{"top_note", rd_note_template, OFF(top_note), 0, 0, NULL, NULL},
	{"single_date", rd_single_date, 0, 0, 0, NULL, NULL},
	{"date_range", rd_date_range, 0, 0, 0, NULL, NULL},
	{"time_span", rd_text, OFF(entries.time_span), 0, 0, NULL, NULL},
	{"one_line_entry", rd_map, 0, 0, 0, tpl_oneline, NULL},
	{"education_entry", rd_map, 0, 0, 0, tpl_education, NULL},
	{"normal_entry", rd_map, 0, 0, 0, tpl_normal, NULL},
	{"experience_entry", rd_map, 0, 0, 0, tpl_experience, NULL},
	{"publication_entry", rd_map, 0, 0, 0, tpl_publication, NULL},
	{0},
};

/* RenderCV 2.0-2.3's design.entry_types. */
static const dkey types_oneline[] = {TPL("template", CV_TEMPLATE_ONELINE, "main"), {0}};
static const dkey types_education[] = {
	TPL("main_column_first_row_template", CV_TEMPLATE_EDUCATION, "first"),
	TPL("main_column_second_row_template", CV_TEMPLATE_EDUCATION, "second"),
	TPL("degree_column_template", CV_TEMPLATE_EDUCATION, "degree"),
	TPL("date_and_location_column_template", CV_TEMPLATE_EDUCATION, "dates"),
	{"degree_column_width", rd_len, OFF(entries.degree_width), 0, 300, NULL, NULL},
	{0},
};
static const dkey types_normal[] = {
	TPL("main_column_first_row_template", CV_TEMPLATE_NORMAL, "first"),
	TPL("main_column_second_row_template", CV_TEMPLATE_NORMAL, "second"),
	TPL("date_and_location_column_template", CV_TEMPLATE_NORMAL, "dates"),
	{0},
};
static const dkey types_experience[] = {
	TPL("main_column_first_row_template", CV_TEMPLATE_EXPERIENCE, "first"),
	TPL("main_column_second_row_template", CV_TEMPLATE_EXPERIENCE, "second"),
	TPL("date_and_location_column_template", CV_TEMPLATE_EXPERIENCE, "dates"),
	{0},
};
static const dkey types_publication[] = {
	TPL("main_column_first_row_template", CV_TEMPLATE_PUBLICATION, "first"),
	TPL("main_column_second_row_template", CV_TEMPLATE_PUBLICATION, "second"),
	{"main_column_second_row_without_journal_template", rd_template_row2, CV_TEMPLATE_PUBLICATION, 0, 0, NULL,
	 "no_journal"},
	{"main_column_second_row_without_url_template", rd_template_row2, CV_TEMPLATE_PUBLICATION, 0, 0, NULL, "no_url"},
	TPL("date_and_location_column_template", CV_TEMPLATE_PUBLICATION, "dates"),
	{0},
};
static const dkey entry_types_keys[] = {
	{"one_line_entry", rd_map, 0, 0, 0, types_oneline, NULL},
	{"education_entry", rd_map, 0, 0, 0, types_education, NULL},
	{"normal_entry", rd_map, 0, 0, 0, types_normal, NULL},
	{"experience_entry", rd_map, 0, 0, 0, types_experience, NULL},
	{"publication_entry", rd_map, 0, 0, 0, types_publication, NULL},
	{0},
};

/* ---- The maps ---------------------------------------------------------------------------------- */

/* What is drawn instead, for the settings cv2pdf cannot draw. */
#define NO_ICONS "cv2pdf draws no icons; links and connections are shown as text, profiles by their address"
#define NO_CONNECTION_ICONS NO_ICONS
#define ONE_FAMILY "cv2pdf sets the whole résumé in the body's family"
#define NO_CAPS "cv2pdf draws small capitals in the name, headline and section titles; the connections are set as written"

/* Lengths: margins and widths 0-300 pt, spaces -50-200 pt (RenderCV lets some spaces be negative). */
#define LEN(name, field) {name, rd_len, OFF(field), -50, 200, NULL, NULL}
#define PTS(name, field) {name, rd_points, OFF(field), 0, 200, NULL, NULL}
#define BOOL(name, field) {name, rd_bool, OFF(field), 0, 0, NULL, NULL}
#define COLOR(name, field) {name, rd_color, OFF(field), 0, 0, NULL, NULL}
#define SIZE(name, field, lo, hi) {name, rd_size, OFF(field), lo, hi, NULL, NULL}
#define MAP(name, sub) {name, rd_map, 0, 0, 0, sub, NULL}
#define NOTE(name, read, note) {name, read, 0, 0, 0, NULL, note}

static const dkey page_keys[] = {
	{"size", rd_page_size, 0, 0, 0, NULL, NULL},
	PTS("top_margin", margin_top),
	PTS("bottom_margin", margin_bottom),
	PTS("left_margin", margin_left),
	PTS("right_margin", margin_right),
	BOOL("show_page_numbering", page_numbers), /* 2.0-2.3 */
	BOOL("show_footer", page_numbers),         /* 2.4- */
	BOOL("show_last_updated_date", last_updated),
	BOOL("show_top_note", last_updated),
	{0},
};

static const dkey colors_keys[] = {
	COLOR("text", color_text), /* 2.0-2.3 */
	COLOR("body", color_text), /* 2.4- */
	COLOR("name", color_name),
	COLOR("headline", header.color_headline),
	COLOR("connections", header.color_connections),
	COLOR("section_titles", color_headings),
	COLOR("links", color_link),
	COLOR("footer", color_footer),
	COLOR("top_note", color_top_note),
	{"last_updated_date_and_page_numbering", rd_colors_notes, 0, 0, 0, NULL, NULL},
	COLOR("primary", color_primary),
	COLOR("bullets", color_bullets),
	{0},
};

/* RenderCV 2.0-2.3's design.text. */
static const dkey text_keys[] = {
	{"font_family", rd_family, 0, 0, 0, NULL, NULL},
	SIZE("font_size", font_size, 6, 24),
	{"leading", rd_leading, 0, 0, 0, NULL, NULL},
	{"alignment", rd_align, OFF(align), 0, 0, NULL, NULL},
	{"date_and_location_column_alignment", rd_halign, OFF(entries.date_align), 0, 0, NULL, NULL},
	{0},
};

static const dkey family_keys[] = {
	{"body", rd_family, 0, 0, 0, NULL, NULL},
	{"name", rd_family_other, 0, 0, 0, NULL, NULL},
	{"headline", rd_family_other, 0, 0, 0, NULL, NULL},
	{"connections", rd_family_other, 0, 0, 0, NULL, NULL},
	{"section_titles", rd_family_other, 0, 0, 0, NULL, NULL},
	{0},
};
static const dkey font_size_keys[] = {
	SIZE("body", font_size, 6, 24),
	SIZE("name", name_size, 8, 72),
	SIZE("headline", header.headline_size, 5, 36),
	SIZE("connections", header.connections_size, 5, 36),
	SIZE("section_titles", heading_size, 6, 36),
	{0},
};
static const dkey small_caps_keys[] = {
	BOOL("name", header.name_caps),
	BOOL("headline", header.headline_caps),
	NOTE("connections", rd_caps_note, NO_CAPS),
	BOOL("section_titles", titles.caps),
	{0},
};
static const dkey bold_keys[] = {
	BOOL("name", header.name_bold),
	BOOL("headline", header.headline_bold),
	BOOL("connections", header.connections_bold),
	BOOL("section_titles", titles.bold),
	{0},
};
/* RenderCV 2.4's design.typography. */
static const dkey typography_keys[] = {
	{"line_spacing", rd_leading, 0, 0, 0, NULL, NULL},
	{"alignment", rd_align, OFF(align), 0, 0, NULL, NULL},
	{"date_and_location_column_alignment", rd_halign, OFF(entries.date_align), 0, 0, NULL, NULL},
	{"font_family", rd_family_map, 0, 0, 0, family_keys, NULL},
	MAP("font_size", font_size_keys),
	MAP("small_caps", small_caps_keys),
	MAP("bold", bold_keys),
	{0},
};

static const dkey links_keys[] = {
	BOOL("underline", underline_links),
	NOTE("use_external_link_icon", rd_icons, NO_ICONS),  /* 2.0-2.3 */
	NOTE("show_external_link_icon", rd_icons, NO_ICONS), /* 2.4- */
	{0},
};

static const dkey connections_keys[] = {
	{"phone_number_format", rd_phone, OFF(phone_format), 0, 0, NULL, NULL},
	BOOL("hyperlink", header.links),
	NOTE("show_icons", rd_connection_icons, NO_CONNECTION_ICONS),
	{"display_urls_instead_of_usernames", rd_bool, OFF(header.show_urls), 0, 0, NULL, NULL},
	{"separator", rd_text, OFF(header.separator), 0, 0, NULL, NULL},
	LEN("space_between_connections", header.connection_gap),
	{0},
};
static const dkey header_keys[] = {
	{"alignment", rd_halign, OFF(header.align), 0, 0, NULL, NULL},
	PTS("photo_width", header.photo_width),
	{"photo_position", rd_photo_side, 0, 0, 0, NULL, NULL},
	PTS("photo_space_left", header.photo_space_left),
	PTS("photo_space_right", header.photo_space_right),
	LEN("space_below_name", header.space_below_name),
	LEN("space_below_headline", header.space_below_headline),
	LEN("space_below_connections", header.space_below_connections),
	MAP("connections", connections_keys),
	/* 2.0-2.3 */
	SIZE("name_font_size", name_size, 8, 72),
	BOOL("name_bold", header.name_bold),
	BOOL("small_caps_for_name", header.name_caps),
	NOTE("name_font_family", rd_family_other, NULL),
	NOTE("connections_font_family", rd_family_other, NULL),
	LEN("vertical_space_between_name_and_connections", header.space_below_name),
	LEN("vertical_space_between_connections_and_first_section", header.space_below_connections),
	LEN("horizontal_space_between_connections", header.connection_gap),
	{"separator_between_connections", rd_text, OFF(header.separator), 0, 0, NULL, NULL},
	NOTE("use_icons_for_connections", rd_connection_icons, NO_CONNECTION_ICONS),
	BOOL("make_connections_links", header.links),
	BOOL("use_urls_as_placeholders_for_connections", header.show_urls),
	{0},
};

static const dkey section_titles_keys[] = {
	{"type", rd_title, OFF(title_style), 0, 0, NULL, NULL},
	{"line_type", rd_title, OFF(title_style), 0, 0, NULL, NULL}, /* 2.0-2.2 */
	PTS("line_thickness", titles.rule),
	LEN("space_above", titles.space_above),
	LEN("space_below", titles.space_below),
	LEN("vertical_space_above", titles.space_above), /* 2.0-2.3 */
	LEN("vertical_space_below", titles.space_below),
	SIZE("font_size", heading_size, 6, 36),
	BOOL("bold", titles.bold),
	BOOL("small_caps", titles.caps),
	NOTE("font_family", rd_family_other, NULL),
	{0},
};

/* RenderCV 2.4's design.sections. */
static const dkey sections_keys[] = {
	{"allow_page_break", rd_not, OFF(entries.keep_sections), 0, 0, NULL, NULL},
	LEN("space_between_regular_entries", entries.space_between),
	LEN("space_between_text_based_entries", entries.space_between_text),
	{"show_time_spans_in", rd_time_spans, 0, 0, 0, NULL, NULL},
	{0},
};

static const dkey summary_keys[] = {
	LEN("space_above", entries.summary_space_above),
	LEN("space_left", entries.summary_space_left),
	{0},
};
static const dkey entry_highlights_keys[] = {
	{"bullet", rd_bullet, OFF(bullet), 0, 0, NULL, NULL},
	{"nested_bullet", rd_bullet, OFF(entries.nested_bullet), 0, 0, NULL, NULL},
	LEN("space_left", entries.highlights_indent),
	LEN("space_above", entries.highlights_space_above),
	LEN("space_between_items", entries.highlights_space_between),
	LEN("space_between_bullet_and_text", entries.bullet_gap),
	{0},
};
static const dkey entries_keys[] = {
	LEN("date_and_location_width", entries.date_width),
	{"short_second_row", rd_bool, OFF(entries.short_second_row), 0, 0, NULL, NULL},
	LEN("degree_width", entries.degree_width),
	LEN("side_space", entries.side_space),
	LEN("space_between_columns", entries.column_gap),
	{"allow_page_break", rd_not, OFF(entries.keep_entries), 0, 0, NULL, NULL},
	MAP("summary", summary_keys),
	MAP("highlights", entry_highlights_keys),
	/* 2.0-2.3 */
	LEN("left_and_right_margin", entries.side_space),
	LEN("horizontal_space_between_columns", entries.column_gap),
	LEN("vertical_space_between_entries", entries.space_between),
	{"allow_page_break_in_entries", rd_not, OFF(entries.keep_entries), 0, 0, NULL, NULL},
	{"allow_page_break_in_sections", rd_not, OFF(entries.keep_sections), 0, 0, NULL, NULL},
	{"show_time_spans_in", rd_time_spans, 0, 0, 0, NULL, NULL},
	{0},
};

/* design.highlights: cv2pdf's bullet, and RenderCV 2.0-2.3's highlight spacing. */
static const dkey highlights_keys[] = {
	{"bullet", rd_bullet, OFF(bullet), 0, 0, NULL, NULL},
	{"nested_bullet", rd_bullet, OFF(entries.nested_bullet), 0, 0, NULL, NULL},
	LEN("top_margin", entries.highlights_space_above),
	LEN("left_margin", entries.highlights_indent),
	LEN("vertical_space_between_highlights", entries.highlights_space_between),
	LEN("horizontal_space_between_bullet_and_highlight", entries.bullet_gap),
	LEN("summary_left_margin", entries.summary_space_left),
	{0},
};

/* RenderCV 1's design.margins. */
static const dkey m_page[] = {
	PTS("top", margin_top), PTS("bottom", margin_bottom), PTS("left", margin_left), PTS("right", margin_right), {0},
};
static const dkey m_section_title[] = {LEN("top", titles.space_above), LEN("bottom", titles.space_below), {0}};
static const dkey m_entry_area[] = {
	LEN("left_and_right", entries.side_space),
	LEN("vertical_between", entries.space_between),
	LEN("date_and_location_width", entries.date_width),
	LEN("education_degree_width", entries.degree_width),
	LEN("bullet_width", entries.bullet_gap),
	{0},
};
static const dkey m_highlights_area[] = {
	LEN("top", entries.highlights_space_above),
	LEN("left", entries.highlights_indent),
	LEN("vertical_between_bullet_points", entries.highlights_space_between),
	{0},
};
static const dkey m_header[] = {
	LEN("vertical_between_name_and_connections", header.space_below_name),
	LEN("bottom", header.space_below_connections),
	LEN("horizontal_between_connections", header.connection_gap),
	{0},
};
static const dkey margins_keys[] = {
	MAP("page", m_page),           MAP("section_title", m_section_title), MAP("entry_area", m_entry_area),
	MAP("highlights_area", m_highlights_area), MAP("header", m_header),     {0},
};

/* cv2pdf's design.layout: what a theme fixes beyond RenderCV's keys. */
static const dkey layout_keys[] = {
	{"columns", rd_int, OFF(layout.columns), 1, 2, NULL, NULL},
	{"sidebar_width", rd_share, OFF(layout.sidebar_share), 0.15f, 0.5f, NULL, NULL},
	PTS("gutter", layout.gutter),
	{"spacing", rd_share, OFF(layout.spacing), 0.2f, 3, NULL, NULL},
	{"shrink_type_to", rd_share, OFF(layout.min_size_scale), 0.5f, 1, NULL, NULL},
	{"shrink_spacing_to", rd_share, OFF(layout.min_space_scale), 0.1f, 1, NULL, NULL},
	{"dates_left", rd_bool, OFF(entries.dates_left), 0, 0, NULL, NULL},
	{0},
};

static void rd_theme(cv_dctx *c, const ynode *n, const char *path, const dkey *k);

/* The design map: cv2pdf's flat keys, RenderCV 1's, and RenderCV 2's blocks. */
static const dkey design_keys[] = {
	{"theme", rd_theme, 0, 0, 0, NULL, NULL},
	/* cv2pdf */
	{"page_size", rd_page_size, 0, 0, 0, NULL, NULL},
	{"margin", rd_margins, 0, 0, 200, NULL, NULL},
	PTS("top_margin", margin_top),
	PTS("bottom_margin", margin_bottom),
	PTS("left_margin", margin_left),
	PTS("right_margin", margin_right),
	SIZE("font_size", font_size, 6, 24),
	SIZE("name_size", name_size, 8, 72),
	SIZE("heading_size", heading_size, 6, 36),
	{"line_spacing", rd_number, OFF(line_spacing), 0.9f, 3, NULL, NULL},
	{"alignment", rd_align, OFF(align), 0, 0, NULL, NULL},
	COLOR("color", color_primary),
	COLOR("primary_color", color_primary),
	COLOR("text_color", color_text),
	COLOR("link_color", color_link),
	COLOR("name_color", color_name),
	COLOR("heading_color", color_headings),
	{"font_family", rd_family, 0, 0, 0, NULL, NULL},
	{"cjk_font_family", rd_cjk_family, 0, 0, 0, NULL, NULL},
	BOOL("page_numbers", page_numbers),
	BOOL("last_updated", last_updated),
	{"section_title_style", rd_title, OFF(title_style), 0, 0, NULL, NULL},
	{"bullet", rd_bullet, OFF(bullet), 0, 0, NULL, NULL},
	{"sidebar_sections", rd_list, OFF(sidebar_sections), 0, 0, NULL, NULL},
	{"max_pages", rd_max_pages, 0, 0, 0, NULL, NULL},
	{"pdf_title", rd_str, OFF(pdf_title), 0, 0, NULL, NULL},
	BOOL("fill_last_page", fill_last_page),
	BOOL("hyphenate", hyphenate),
	MAP("layout", layout_keys),
	/* RenderCV 2 */
	MAP("page", page_keys),
	MAP("colors", colors_keys),
	MAP("text", text_keys),
	MAP("typography", typography_keys),
	MAP("links", links_keys),
	MAP("header", header_keys),
	MAP("section_titles", section_titles_keys),
	MAP("sections", sections_keys),
	MAP("entries", entries_keys),
	MAP("highlights", highlights_keys),
	MAP("entry_types", entry_types_keys),
	MAP("templates", templates_keys),
	/* RenderCV 1 */
	{"font", rd_family, 0, 0, 0, NULL, NULL},
	SIZE("header_font_size", name_size, 8, 72),
	{"text_alignment", rd_align, OFF(align), 0, 0, NULL, NULL},
	{"disable_page_numbering", rd_not, OFF(page_numbers), 0, 0, NULL, NULL},
	{"disable_page_numbers", rd_not, OFF(page_numbers), 0, 0, NULL, NULL},
	{"page_numbering_style", rd_page_style, 0, 0, 0, NULL, NULL},
	BOOL("show_last_updated_date", last_updated),
	{"disable_last_updated_date", rd_not, OFF(last_updated), 0, 0, NULL, NULL},
	{"last_updated_date_style", rd_updated_style, 0, 0, 0, NULL, NULL},
	MAP("margins", margins_keys),
	{"show_timespan_in", rd_time_spans, 0, 0, 0, NULL, NULL},
	{"seperator_between_connections", rd_text, OFF(header.separator), 0, 0, NULL, NULL},
	NOTE("use_icons_for_connections", rd_connection_icons, NO_CONNECTION_ICONS),
	NOTE("disable_external_link_icons", rd_icons_off, NO_ICONS),
	LEN("date_width", entries.date_width),
	{"content_scale", rd_content_scale, 0, 0, 0, NULL, NULL},
	{"show_only_years", rd_only_years, 0, 0, 0, NULL, NULL},
	{0},
};

/* The names of keys[] for the unknown-key report (arena-owned, NULL-terminated). */
static const char *const *key_names(cv_arena *a, const dkey *keys)
{
	size_t n = 0;
	while (keys[n].name)
		n++;
	const char **names = cv_arena_calloc(a, n + 1, sizeof *names);
	for (size_t i = 0; i < n; i++)
		names[i] = keys[i].name;
	return names;
}

static void map_key(cv_dctx *c, const ynode *v, const char *path, const dkey *k)
{
	char p[CV_PATH_MAX];
	/* A template part set to null is none (RenderCV's `degree_column:` of a theme without one). */
	if (!v || (cv_yn_is_null(v) && k->read != rd_template))
		return;
	CV_PATHF(p, "%s.%s", path, k->name);
	/* The family keys in a NOTE entry carry no note of their own: they are compared at the end. */
	k->read(c, v, p, k);
}

/* The keys of a map in the table's order, which reads what others depend on first. */
static void map_keys(cv_dctx *c, const ynode *n, const char *path, const dkey *keys)
{
	for (const dkey *k = keys; k->name; k++)
		map_key(c, cv_yn_get(n, k->name), path, k);
	/* Unknown design keys are warnings: a RenderCV file of a release not yet known still renders. */
	cv_yn_report_unknown(n, path, key_names(c->m->a, keys), c->m->d, CV_WARNING);
}

/* The top of a design map in the order of its keys: where two spellings of one setting meet (the flat
 * page_size and RenderCV's page.size), the later one wins, and so does one that --set or a variant
 * added to the document's design, which comes after its keys. */
static void map_top_keys(cv_dctx *c, const ynode *n, const char *path, const dkey *keys)
{
	for (size_t i = 0; n && n->kind == YN_MAP && i < n->n; i++)
		for (const dkey *k = keys; k->name && n->keys[i]->kind == YN_SCALAR; k++)
			if (!strcmp(k->name, n->keys[i]->value)) {
				map_key(c, cv_yn_get(n, k->name), path, k);
				break;
			}
	cv_yn_report_unknown(n, path, key_names(c->m->a, keys), c->m->d, CV_WARNING);
}

/* ---- Themes ------------------------------------------------------------------------------------ */

static bool file_exists(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (f)
		fclose(f);
	return f != NULL;
}

/* A theme preset chain deeper than this is a loop (a preset whose base names itself through others). */
#define MAX_THEME_DEPTH 8

/* The preset files being read, the outermost first (a loop is a file that is among them again). */
typedef struct preset_chain {
	const char *files[MAX_THEME_DEPTH];
	int n;
} preset_chain;

static bool apply_preset(cv_dctx *c, const ynode *n, const char *path, preset_chain *chain);

/* design.theme was read before the other keys: a document's by cv_design_begin, before the dialect's
 * mapper ran, and a preset's (its base) by apply_preset. Nothing is left to do here. */
static void rd_theme(cv_dctx *c, const ynode *n, const char *path, const dkey *k)
{
	(void)c, (void)n, (void)path, (void)k;
}

/* The preset file a theme name or path at n means: dir/NAME.yaml, or a path relative to the file
 * that names it (the current directory for --theme and --set). Arena-owned. */
static const char *preset_file(cv_dctx *c, const ynode *n, const char *name)
{
	if (!cv_is_theme_path(name))
		return cv_arena_printf(c->m->a, "%s/%s.yaml", c->theme_dir ? c->theme_dir : cv_theme_dir(),
				       name);
	while (name[0] == '.' && name[1] == '/')
		name += 2 + strspn(name + 2, "/");
	const char *file = n->span.file;
	const char *slash = file ? strrchr(file, '/') : NULL;
	if (name[0] == '/' || !slash)
		return name;
	return cv_arena_printf(c->m->a, "%.*s/%s", (int)(slash - file), file, name);
}

/* Reports an unknown built-in theme name at n with the known ones. */
static void unknown_theme(cv_dctx *c, const ynode *n, const char *path, const char *name)
{
	const char *const *names;
	size_t count = cv_theme_names(c->theme_dir, c->m->a, &names);
	const char **list = cv_arena_calloc(c->m->a, count + 1, sizeof *list);
	if (count) /* names is NULL when no theme is installed */
		memcpy(list, names, count * sizeof *list);
	const char *best = cv_yn_suggest(name, list);
	if (best) {
		cv_map_err(c->m, n, "unknown-theme", "%s: unknown theme \"%s\"; did you mean \"%s\"?", path, name, best);
		return;
	}
	size_t len = 0;
	for (size_t i = 0; i < count; i++)
		len += strlen(list[i]) + 2;
	char *known = cv_arena_alloc(c->m->a, len + 1), *w = known;
	*w = '\0';
	for (size_t i = 0; i < count; i++)
		w += sprintf(w, "%s%s", i ? ", " : "", list[i]);
	if (count)
		cv_map_err(c->m, n, "unknown-theme", "%s: unknown theme \"%s\" (known: %s; or a theme file, NAME.yaml)", path,
			   name, known);
	else
		cv_map_err(c->m, n, "unknown-theme",
			   "%s: unknown theme \"%s\": no theme is installed in \"%s\" (set CV2PDF_THEME_DIR)", path, name,
			   c->theme_dir ? c->theme_dir : "the themes directory");
}

/* Whether a and b name the same file (their real paths, when both exist). */
static bool same_file(const char *a, const char *b)
{
	char ra[PATH_MAX], rb[PATH_MAX];
	if (realpath(a, ra) && realpath(b, rb))
		return !strcmp(ra, rb);
	return !strcmp(a, b);
}

/* Applies the preset named at n: its base, then its design keys. */
static bool apply_preset(cv_dctx *c, const ynode *n, const char *path, preset_chain *chain)
{
	cv_str t = cv_map_text(c->m, n, path);
	if (!t.s)
		return false;
	if (chain->n >= MAX_THEME_DEPTH) {
		cv_map_err(c->m, n, "theme-loop", "%s: theme presets name each other more than %d deep; is there a loop?",
			   path, MAX_THEME_DEPTH);
		return false;
	}
	bool builtin = !cv_is_theme_path(t.s);
	if (builtin && (strspn(t.s, "abcdefghijklmnopqrstuvwxyz0123456789_-") != strlen(t.s) || !*t.s)) {
		unknown_theme(c, n, path, t.s);
		return false;
	}
	const char *file = preset_file(c, n, t.s);
	for (int i = 0; i < chain->n; i++)
		if (same_file(chain->files[i], file)) {
			cv_map_err(c->m, n, "theme-loop", "%s: the presets form a loop: \"%s\" is built on itself", path,
				   chain->files[i]);
			return false;
		}
	char *text = NULL;
	size_t len = 0;
	cv_diags *quiet = cv_diags_new();
	int rc = cv_read_file(file, &text, &len, quiet);
	cv_diags_free(quiet);
	if (rc != CV_OK) {
		if (builtin)
			unknown_theme(c, n, path, t.s);
		else
			cv_map_err(c->m, n, "theme-file", "%s: cannot read the theme file \"%s\"", path, file);
		return false;
	}
	cv_source src = {file, text, len};
	ynode *root = cv_load_parse_source(&src, c->m->a, c->m->d);
	free(text);
	if (!root)
		return false;
	const ynode *design = root->kind == YN_MAP ? cv_yn_get(root, "design") : NULL;
	if (!design || design->kind != YN_MAP) {
		cv_map_err(c->m, n, "theme-file", "%s: \"%s\" is not a theme: it has no design map at its top", path, file);
		return false;
	}
	/* The base: a preset's own theme key, unless it names the preset itself (RenderCV's theme files
	 * say "theme: NAME" of their own NAME). */
	const ynode *base = cv_yn_get(design, "theme");
	if (present(base) && base->kind == YN_SCALAR) {
		const char *slash = strrchr(file, '/');
		const char *stem = slash ? slash + 1 : file;
		size_t blen = strlen(base->value);
		bool self = !strncmp(stem, base->value, blen) && !strcmp(stem + blen, ".yaml");
		chain->files[chain->n++] = file;
		bool ok = self || apply_preset(c, base, "design.theme", chain);
		chain->n--;
		if (!ok)
			return false;
	}
	bool was = c->preset;
	c->preset = true;
	map_top_keys(c, design, "design", design_keys);
	c->preset = was;
	cv_yn_report_unknown(root, "", (const char *const[]){"design", NULL}, c->m->d, CV_WARNING);
	return true;
}

cv_str cv_map_theme(cv_mctx *m, const ynode *n, const char *path, cv_severity unknown, const char *theme_dir)
{
	cv_str t = cv_map_text(m, n, path);
	if (!t.s || cv_is_theme_path(t.s))
		return t;
	const char *const *names;
	size_t count = cv_theme_names(theme_dir, m->a, &names);
	for (size_t i = 0; i < count; i++)
		if (!strcmp(names[i], t.s))
			return t;
	if (unknown != CV_ERROR) {
		/* Another tool's theme (JSON Resume's meta.theme names an npm package): drawn with classic. */
		cv_diag_add(m->d, unknown, "theme-mapped", n->span,
			    "%s: \"%s\" is not a cv2pdf theme; drawn with \"classic\" (choose with --theme)", path, t.s);
	} else {
		cv_dctx c = {.m = m, .ds = &m->doc->design, .theme_dir = theme_dir};
		unknown_theme(&c, n, path, t.s);
	}
	t.s = NULL;
	return t;
}

/* ---- Entry points ------------------------------------------------------------------------------ */

cv_dctx *cv_design_begin(cv_mctx *m, const ynode *design, const ynode *other_theme, const char *theme_dir)
{
	cv_dctx *c = cv_arena_calloc(m->a, 1, sizeof *c);
	c->m = m;
	c->ds = &m->doc->design;
	c->theme_dir = theme_dir;
	if (present(design) && design->kind != YN_MAP) {
		cv_map_err(m, design, "wrong-type", "%s: expected a map, got %s", "design", cv_yn_kind_name(design));
		return c;
	}
	const ynode *theme = design ? cv_yn_get(design, "theme") : NULL;
	/* Another tool's theme key (JSON Resume's meta.theme) names a cv2pdf theme, or an npm package
	 * that cv2pdf draws with its default, with a note. design.theme wins over it. */
	if (!present(theme) && present(other_theme)) {
		cv_str t = cv_map_theme(m, other_theme, "meta.theme", CV_NOTE, theme_dir);
		if (t.s && !cv_is_theme_path(t.s))
			theme = other_theme;
	}
	if (!present(theme)) {
		/* No theme named: classic, when it is installed (without it, cv2pdf's plain design). */
		const char *file = cv_arena_printf(m->a, "%s/%s.yaml", theme_dir ? theme_dir : cv_theme_dir(),
						   CV_DEFAULT_THEME);
		ynode dflt = {.kind = YN_SCALAR, .value = CV_DEFAULT_THEME, .len = strlen(CV_DEFAULT_THEME), .plain = true};
		preset_chain chain = {.n = 0};
		if (file_exists(file))
			apply_preset(c, &dflt, "design.theme", &chain);
		return c;
	}
	preset_chain chain = {.n = 0};
	const char *path = theme == other_theme ? "meta.theme" : "design.theme";
	if (apply_preset(c, theme, path, &chain)) {
		c->ds->theme = cv_map_text(m, theme, path);
		if (cv_is_theme_path(c->ds->theme.s)) {
			/* Messages name the preset by its file's stem. */
			const char *slash = strrchr(c->ds->theme.s, '/');
			const char *stem = slash ? slash + 1 : c->ds->theme.s;
			c->ds->theme.s = cv_arena_strndup(m->a, stem, strcspn(stem, "."));
		}
	}
	return c;
}

void cv_design_map(cv_dctx *c, const ynode *design)
{
	if (!present(design) || design->kind != YN_MAP)
		return;
	c->ds->span = design->span;
	map_top_keys(c, design, "design", design_keys);
}

void cv_design_end(cv_dctx *c)
{
	cv_design *ds = c->ds;
	join_rows(c);
	for (size_t i = 0; i < c->n_pending; i++)
		*c->pending[i].field = c->pending[i].em * ds->font_size;
	const char *body = ds->font_family.s ? ds->font_family.s : "Noto Sans";
	for (size_t i = 0; i < c->n_families; i++) {
		const ynode *n = c->families[i].n;
		if (strcasecmp(n->value, body) != 0)
			cv_diag_add(c->m->d, CV_WARNING, "not-implemented", n->span, "%s: %s, \"%s\"; \"%s\" is not used",
				    c->families[i].path, ONE_FAMILY, body, n->value);
	}
	if (c->content_scale > 0) {
		ds->margin_left = ds->margin_right = ds->page_width * (1 - c->content_scale) / 2;
		ds->margin_top = ds->margin_bottom = ds->page_height * (1 - c->content_scale) / 2;
	}
	if (c->icons) {
		ds->header.show_urls = true;
		if (ds->header.separator && !*ds->header.separator)
			ds->header.separator = NULL;
	}
	/* Margins that leave no room are a look cv2pdf cannot draw: they are narrowed, with a warning. */
	if (ds->margin_left + ds->margin_right > ds->page_width * 0.6f ||
	    ds->margin_top + ds->margin_bottom > ds->page_height * 0.6f) {
		cv_diag_add(c->m->d, CV_WARNING, "out-of-range", ds->span,
			    "design: the margins leave too little room for text; each is narrowed to a tenth of the page");
		ds->margin_left = ds->margin_right = ds->page_width * 0.1f;
		ds->margin_top = ds->margin_bottom = ds->page_height * 0.1f;
	}
}

/* The design maps as key tables for the test that compares them with the JSON Schema: each nested
 * map's keys with the JSON pointer of its place there. */
static void collect(cv_arena *a, const dkey *keys, const char *pointer, cv_key_table **out, size_t *n, size_t *cap)
{
	if (*n + 1 >= *cap) {
		size_t nc = *cap ? *cap * 2 : 32;
		cv_key_table *t = cv_arena_calloc(a, nc, sizeof *t);
		if (*n)
			memcpy(t, *out, *n * sizeof *t);
		*out = t;
		*cap = nc;
	}
	(*out)[(*n)++] = (cv_key_table){pointer, key_names(a, keys), NULL};
	for (const dkey *k = keys; k->name; k++)
		if (k->sub)
			collect(a, k->sub, cv_arena_printf(a, "%s/properties/%s%s", pointer, k->name,
							   k->read == rd_family_map ? "/oneOf/1" : ""),
				out, n, cap);
}

size_t cv_design_key_tables(cv_arena *a, const cv_key_table **out)
{
	cv_key_table *t = NULL;
	size_t n = 0, cap = 0;
	collect(a, design_keys, "/properties/design", &t, &n, &cap);
	t[n] = (cv_key_table){NULL, NULL, NULL};
	*out = t;
	return n;
}
