/* A glyph's outline for the renderer to draw as a path: the part of a word broken at a line end that
 * must be seen but not read as text (CV_DRAW_OUTLINE, include/cv2pdf/text.h). HarfBuzz reads any
 * outline format the font set loads (TrueType, CFF, CFF2, a variable font's instance); this file only
 * turns its callbacks into the sink's, in ems.
 * SPDX-License-Identifier: MIT */
#include <threads.h>

#include "text_internal.h"

typedef struct outline_ctx {
	const cv_outline_sink *sink;
	float per_unit; /* 1 / units per em */
} outline_ctx;

static void move_to(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st, float x, float y, void *u)
{
	(void)df, (void)st, (void)u;
	const outline_ctx *o = data;
	o->sink->move_to(o->sink->user, x * o->per_unit, y * o->per_unit);
}

static void line_to(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st, float x, float y, void *u)
{
	(void)df, (void)st, (void)u;
	const outline_ctx *o = data;
	o->sink->line_to(o->sink->user, x * o->per_unit, y * o->per_unit);
}

/* A quadratic curve from p0 through control q to p3 is the cubic with controls p0 + 2/3 (q - p0) and
 * p3 + 2/3 (q - p3): PDF paths have only cubic curves. */
static void quadratic_to(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st, float qx, float qy, float x, float y,
			 void *u)
{
	(void)df, (void)u;
	const outline_ctx *o = data;
	float x0 = st->current_x, y0 = st->current_y, k = o->per_unit;
	o->sink->cubic_to(o->sink->user, (x0 + 2 * (qx - x0) / 3) * k, (y0 + 2 * (qy - y0) / 3) * k,
			  (x + 2 * (qx - x) / 3) * k, (y + 2 * (qy - y) / 3) * k, x * k, y * k);
}

static void cubic_to(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st, float x1, float y1, float x2, float y2,
		     float x, float y, void *u)
{
	(void)df, (void)st, (void)u;
	const outline_ctx *o = data;
	float k = o->per_unit;
	o->sink->cubic_to(o->sink->user, x1 * k, y1 * k, x2 * k, y2 * k, x * k, y * k);
}

static void close_path(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st, void *u)
{
	(void)df, (void)st, (void)u;
	const outline_ctx *o = data;
	o->sink->close(o->sink->user);
}

/* One set of callbacks for the process, made immutable once, so threads may share it. */
static hb_draw_funcs_t *funcs;
static once_flag funcs_once = ONCE_FLAG_INIT;

static void make_funcs(void)
{
	hb_draw_funcs_t *f = hb_draw_funcs_create();
	hb_draw_funcs_set_move_to_func(f, move_to, NULL, NULL);
	hb_draw_funcs_set_line_to_func(f, line_to, NULL, NULL);
	hb_draw_funcs_set_quadratic_to_func(f, quadratic_to, NULL, NULL);
	hb_draw_funcs_set_cubic_to_func(f, cubic_to, NULL, NULL);
	hb_draw_funcs_set_close_path_func(f, close_path, NULL, NULL);
	hb_draw_funcs_make_immutable(f);
	funcs = f;
}

bool cv_glyph_outline(const cv_fontset *fs, int face, uint32_t cp, const cv_outline_sink *sink)
{
	const cv_face *f = &fs->faces[face];
	hb_codepoint_t g;
	if (!f->font || !hb_font_get_nominal_glyph(f->font, cv_display_cp(fs, face, cp), &g))
		return false;
	call_once(&funcs_once, make_funcs);
	outline_ctx o = {sink, 1.0f / (float)f->upem};
	hb_font_get_glyph_shape(f->font, g, funcs, &o);
	return true;
}
