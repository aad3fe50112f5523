/* Any outline FreeType reads (CFF, CFF2, TrueType at a variable font's instance) rewritten as TrueType
 * glyphs, because libharu embeds only 'glyf' fonts: cubic curves become quadratic ones within a stated
 * tolerance, contours turn clockwise, hinting is dropped. The one file that calls FreeType; it knows
 * nothing of PDF or of which characters the glyphs are.
 * SPDX-License-Identifier: MIT */
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/util.h"
#include "font_internal.h"

/* TrueType glyph flags (OpenType 'glyf'). */
enum { ON_CURVE = 0x01, X_SHORT = 0x02, Y_SHORT = 0x04, REPEAT = 0x08, X_SAME = 0x10, Y_SAME = 0x20 };

int cv_cubic_to_quads(const double p0[2], const double c1[2], const double c2[2], const double p3[2], double tol,
		      double ctrl[2 * CV_CUBIC_PIECES_MAX], double end[2 * CV_CUBIC_PIECES_MAX])
{
	/* The quadratic with the cubic's end points and control point q = (3(c1 + c2) - p0 - p3) / 4
	 * differs from the cubic by d3 * t(t - 1/2)(t - 1) at each t, where d3 = p3 - 3 c2 + 3 c1 - p0
	 * (expand both in powers of t), at most |d3| * sqrt(3) / 36. Cutting the cubic into n pieces of
	 * equal parameter range divides d3 by n^3, so the smallest n within tol follows directly. */
	double dx = p3[0] - 3 * c2[0] + 3 * c1[0] - p0[0], dy = p3[1] - 3 * c2[1] + 3 * c1[1] - p0[1];
	double err = sqrt(dx * dx + dy * dy) * sqrt(3.0) / 36.0;
	int n = err <= tol ? 1 : (int)ceil(cbrt(err / tol) - 1e-9);
	if (n < 1)
		n = 1;
	if (n > CV_CUBIC_PIECES_MAX)
		n = CV_CUBIC_PIECES_MAX;
	/* The curve's point and derivative at the start of the piece: those at the end of the one
	 * before, computed there. */
	double a[2] = {p0[0], p0[1]}, da[2] = {3 * (c1[0] - p0[0]), 3 * (c1[1] - p0[1])};
	for (int i = 0; i < n; i++) {
		/* The piece over [t0, t1] as a cubic of its own: its end points are the curve's points
		 * there, its control points one third of the parameter span along the derivative. */
		double t0 = (double)i / n, t1 = (double)(i + 1) / n, h = (t1 - t0) / 3;
		for (int k = 0; k < 2; k++) {
			double u1 = 1 - t1;
			double b = u1 * u1 * u1 * p0[k] + 3 * u1 * u1 * t1 * c1[k] + 3 * u1 * t1 * t1 * c2[k] + t1 * t1 * t1 * p3[k];
			double db = 3 * (u1 * u1 * (c1[k] - p0[k]) + 2 * u1 * t1 * (c2[k] - c1[k]) + t1 * t1 * (p3[k] - c2[k]));
			double q1 = a[k] + h * da[k], q2 = b - h * db;
			ctrl[2 * i + k] = (3 * (q1 + q2) - a[k] - b) / 4;
			end[2 * i + k] = i == n - 1 ? p3[k] : b;
			a[k] = b;
			da[k] = db;
		}
	}
	return n;
}

/* ---- One glyph ------------------------------------------------------------------------------- */

typedef struct pt {
	double x, y; /* font units */
	bool on;
} pt;

typedef struct glyph_build {
	pt *pts;
	size_t n, cap;
	size_t *ends; /* index of each contour's last point */
	size_t n_ends, cap_ends;
	size_t start; /* first point of the open contour */
	double cx, cy; /* current point */
	double tol;
	/* write_glyph's scratch, kept from glyph to glyph: the rounded points, their flags, the
	 * contours' ends in the glyph written (cap_out points, cap_ends contours). */
	int16_t *xs, *ys;
	uint8_t *fl, *flags;
	uint16_t *ends_out;
	size_t cap_out, cap_ends_out;
} glyph_build;

/* FreeType gives 26.6 coordinates; the face is sized so that one pixel is one font unit. */
static double unit(FT_Pos v)
{
	return (double)v / 64.0;
}

static void push(glyph_build *g, double x, double y, bool on)
{
	if (g->n == g->cap)
		cv_grow(&g->pts, &g->cap, g->n + 1, sizeof *g->pts);
	g->pts[g->n++] = (pt){x, y, on};
	g->cx = x;
	g->cy = y;
}

static void close_contour(glyph_build *g)
{
	if (g->n == g->start)
		return;
	/* FreeType closes every contour with a segment back to its start; TrueType closes implicitly. */
	pt *first = &g->pts[g->start], *last = &g->pts[g->n - 1];
	if (g->n - g->start > 1 && last->on && last->x == first->x && last->y == first->y)
		g->n--;
	if (g->n - g->start < 3) {
		g->n = g->start; /* a point or a line encloses nothing */
		return;
	}
	*CV_PUSH(g->ends, g->n_ends, g->cap_ends) = g->n - 1;
	g->start = g->n;
}

static int on_move(const FT_Vector *to, void *user)
{
	glyph_build *g = user;
	close_contour(g);
	push(g, unit(to->x), unit(to->y), true);
	return 0;
}

static int on_line(const FT_Vector *to, void *user)
{
	push(user, unit(to->x), unit(to->y), true);
	return 0;
}

static int on_conic(const FT_Vector *c, const FT_Vector *to, void *user)
{
	push(user, unit(c->x), unit(c->y), false);
	push(user, unit(to->x), unit(to->y), true);
	return 0;
}

static int on_cubic(const FT_Vector *c1, const FT_Vector *c2, const FT_Vector *to, void *user)
{
	glyph_build *g = user;
	double p0[2] = {g->cx, g->cy}, a[2] = {unit(c1->x), unit(c1->y)}, b[2] = {unit(c2->x), unit(c2->y)};
	double p3[2] = {unit(to->x), unit(to->y)};
	double ctrl[2 * CV_CUBIC_PIECES_MAX], end[2 * CV_CUBIC_PIECES_MAX];
	int n = cv_cubic_to_quads(p0, a, b, p3, g->tol, ctrl, end);
	for (int i = 0; i < n; i++) {
		push(g, ctrl[2 * i], ctrl[2 * i + 1], false);
		push(g, end[2 * i], end[2 * i + 1], true);
	}
	return 0;
}

/* v rounded half up (floor(v + 0.5)) and clamped to int16, without a call to floor per point. */
static int16_t clamp16(double v)
{
	double r = v + 0.5;
	if (r >= 32768)
		return 32767;
	if (r < -32768)
		return -32768;
	int i = (int)r; /* toward zero: one too many below zero unless r is whole */
	return (int16_t)(i > r ? i - 1 : i);
}

/* Writes the glyph in g to glyf as a simple TrueType glyph (nothing for an empty one), reversing each
 * contour when reverse is set. Updates the font-wide figures in f. */
static void write_glyph(glyph_build *g, bool reverse, unsigned advance, cv_glyf_font *f)
{
	size_t n_pts = g->n, n_cont = g->n_ends;
	if (g->cap_out < n_pts) {
		g->cap_out = n_pts;
		g->xs = cv_xrealloc(g->xs, n_pts * sizeof *g->xs);
		g->ys = cv_xrealloc(g->ys, n_pts * sizeof *g->ys);
		g->fl = cv_xrealloc(g->fl, n_pts);
		g->flags = cv_xrealloc(g->flags, n_pts);
	}
	if (g->cap_ends_out < n_cont) {
		g->cap_ends_out = n_cont;
		g->ends_out = cv_xrealloc(g->ends_out, n_cont * sizeof *g->ends_out);
	}
	int16_t *xs = g->xs, *ys = g->ys;
	uint8_t *fl = g->fl;
	uint16_t *ends = g->ends_out;
	size_t m = 0, c_out = 0;
	for (size_t c = 0, s = 0; c < n_cont; s = g->ends[c] + 1, c++) {
		size_t e = g->ends[c], len = e - s + 1, first = m;
		for (size_t k = 0; k < len; k++) {
			/* Reversed, the contour runs p0, p(n-1), ..., p1: it still starts on the curve. */
			const pt *p = &g->pts[reverse ? s + (len - k) % len : s + k];
			int16_t x = clamp16(p->x), y = clamp16(p->y);
			/* Rounding can make two neighbouring on-curve points one. */
			if (m > first && p->on && fl[m - 1] && xs[m - 1] == x && ys[m - 1] == y)
				continue;
			xs[m] = x, ys[m] = y, fl[m] = p->on;
			m++;
		}
		if (m - first > 1 && fl[m - 1] && fl[first] && xs[m - 1] == xs[first] && ys[m - 1] == ys[first])
			m--;
		if (m - first < 3) {
			m = first;
			continue;
		}
		ends[c_out++] = (uint16_t)(m - 1);
	}
	if (c_out > 0) {
		int x0 = xs[0], x1 = xs[0], y0 = ys[0], y1 = ys[0];
		for (size_t i = 1; i < m; i++) {
			x0 = xs[i] < x0 ? xs[i] : x0, x1 = xs[i] > x1 ? xs[i] : x1;
			y0 = ys[i] < y0 ? ys[i] : y0, y1 = ys[i] > y1 ? ys[i] : y1;
		}
		/* At most: the header, the contour ends, the instruction length, and per point a flag and
		 * two 2-byte deltas; written through a pointer, then trimmed to what was used. */
		cv_bytes *b = &f->glyf;
		size_t start = b->len;
		unsigned char *o = cv_bytes_add(b, 10 + 2 * c_out + 2 + 5 * m + 1), *o0 = o;
		cv_wr16(o, (uint32_t)c_out);
		cv_wr16(o + 2, (uint32_t)x0 & 0xFFFF);
		cv_wr16(o + 4, (uint32_t)y0 & 0xFFFF);
		cv_wr16(o + 6, (uint32_t)x1 & 0xFFFF);
		cv_wr16(o + 8, (uint32_t)y1 & 0xFFFF);
		o += 10;
		for (size_t c = 0; c < c_out; c++, o += 2)
			cv_wr16(o, ends[c]);
		cv_wr16(o, 0); /* no instructions */
		o += 2;
		/* Flags, then x deltas, then y deltas, each in its shortest form; a run of equal flags is
		 * written once with a repeat count. */
		uint8_t *flags = g->flags;
		int px = 0, py = 0;
		for (size_t i = 0; i < m; i++) {
			int dx = xs[i] - px, dy = ys[i] - py;
			uint8_t f8 = fl[i] ? ON_CURVE : 0;
			if (dx == 0)
				f8 |= X_SAME;
			else if (dx >= -255 && dx <= 255)
				f8 |= (uint8_t)(X_SHORT | (dx > 0 ? X_SAME : 0));
			if (dy == 0)
				f8 |= Y_SAME;
			else if (dy >= -255 && dy <= 255)
				f8 |= (uint8_t)(Y_SHORT | (dy > 0 ? Y_SAME : 0));
			flags[i] = f8;
			px = xs[i], py = ys[i];
		}
		for (size_t i = 0; i < m;) {
			size_t j = i + 1;
			while (j < m && flags[j] == flags[i] && j - i <= 255)
				j++;
			if (j - i > 2) {
				*o++ = (unsigned char)(flags[i] | REPEAT);
				*o++ = (unsigned char)(j - i - 1);
			} else {
				for (size_t k = i; k < j; k++)
					*o++ = flags[k];
			}
			i = j;
		}
		for (int axis = 0; axis < 2; axis++) {
			int prev = 0;
			uint8_t short_bit = axis ? Y_SHORT : X_SHORT, same_bit = axis ? Y_SAME : X_SAME;
			for (size_t i = 0; i < m; i++) {
				int v = axis ? ys[i] : xs[i], d = v - prev;
				prev = v;
				if (flags[i] & short_bit) {
					*o++ = (unsigned char)(d < 0 ? -d : d);
				} else if (!(flags[i] & same_bit)) {
					cv_wr16(o, (uint32_t)d & 0xFFFF);
					o += 2;
				}
			}
		}
		size_t used = (size_t)(o - o0);
		b->len = start + used + (used & 1); /* glyphs start at even offsets, as the short loca needs */
		if (f->max_points == 0 && f->max_contours == 0)
			f->x_min = x0, f->y_min = y0, f->x_max = x1, f->y_max = y1;
		f->x_min = x0 < f->x_min ? x0 : f->x_min, f->y_min = y0 < f->y_min ? y0 : f->y_min;
		f->x_max = x1 > f->x_max ? x1 : f->x_max, f->y_max = y1 > f->y_max ? y1 : f->y_max;
		f->max_points = m > f->max_points ? (unsigned)m : f->max_points;
		f->max_contours = c_out > f->max_contours ? (unsigned)c_out : f->max_contours;
		int rsb = (int)advance - x1;
		f->min_lsb = x0 < f->min_lsb ? x0 : f->min_lsb;
		f->min_rsb = rsb < f->min_rsb ? rsb : f->min_rsb;
		f->max_extent = x1 > f->max_extent ? x1 : f->max_extent;
		cv_bytes_u16(&f->hmtx, advance);
		cv_bytes_u16(&f->hmtx, (uint32_t)x0 & 0xFFFF); /* lsb = xMin, as TrueType rasterisers expect */
	} else {
		cv_bytes_u16(&f->hmtx, advance);
		cv_bytes_u16(&f->hmtx, 0);
	}
	f->max_advance = advance > f->max_advance ? advance : f->max_advance;
}

/* ---- The font -------------------------------------------------------------------------------- */

bool cv_glyf_from_outlines(const unsigned char *data, size_t len, long index, const uint32_t *gids, size_t n,
			   const unsigned *advances, cv_glyf_font *out, char *err, size_t err_cap)
{
	memset(out, 0, sizeof *out);
	out->min_lsb = out->min_rsb = INT32_MAX;
	FT_Library lib = NULL;
	FT_Face face = NULL;
	glyph_build g = {0};
	uint32_t *offsets = cv_xmalloc((n + 1) * sizeof *offsets);
	bool ok = false;
	FT_Error e;
	if ((e = FT_Init_FreeType(&lib)) != 0) {
		snprintf(err, err_cap, "FreeType cannot start (error %d)", e);
		goto done;
	}
	if ((e = FT_New_Memory_Face(lib, data, (FT_Long)len, index, &face)) != 0) {
		snprintf(err, err_cap, "FreeType cannot read the face (error %d)", e);
		goto done;
	}
	if (!FT_IS_SCALABLE(face) || face->units_per_EM == 0 || n > 0xFFFF) {
		snprintf(err, err_cap, "the face has no usable outlines");
		goto done;
	}
	/* One pixel per font unit: outlines come in 1/64 font unit, exactly as the font has them (an
	 * unscaled load would round CFF's fractional coordinates to whole units). */
	if ((e = FT_Set_Pixel_Sizes(face, face->units_per_EM, face->units_per_EM)) != 0) {
		snprintf(err, err_cap, "FreeType cannot size the face (error %d)", e);
		goto done;
	}
	g.tol = CV_CURVE_TOLERANCE_EM * face->units_per_EM;
	FT_Outline_Funcs funcs = {on_move, on_line, on_conic, on_cubic, 0, 0};
	for (size_t i = 0; i < n; i++) {
		offsets[i] = (uint32_t)out->glyf.len;
		g.n = g.n_ends = g.start = 0;
		e = FT_Load_Glyph(face, gids[i], FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP | FT_LOAD_IGNORE_TRANSFORM);
		if (e == 0 && face->glyph->format != FT_GLYPH_FORMAT_OUTLINE)
			e = FT_Err_Invalid_Outline;
		if (e == 0)
			e = FT_Outline_Decompose(&face->glyph->outline, &funcs, &g);
		if (e != 0) {
			snprintf(err, err_cap, "FreeType cannot read glyph %u (error %d)", (unsigned)gids[i], e);
			goto done;
		}
		close_contour(&g);
		/* PostScript outlines run counter-clockwise around filled areas, TrueType ones clockwise;
		 * FreeType marks the former. Both fill the same under the non-zero rule, but TrueType
		 * rasterisers and their drop-out control expect their own direction. */
		bool reverse = (face->glyph->outline.flags & FT_OUTLINE_REVERSE_FILL) != 0;
		write_glyph(&g, reverse, advances[i], out);
	}
	offsets[n] = (uint32_t)out->glyf.len;
	out->n_glyphs = (uint16_t)n;
	out->long_loca = out->glyf.len > 2 * 0xFFFF;
	for (size_t i = 0; i <= n; i++) {
		if (out->long_loca)
			cv_bytes_u32(&out->loca, offsets[i]);
		else
			cv_bytes_u16(&out->loca, offsets[i] / 2);
	}
	if (out->min_lsb == INT32_MAX)
		out->min_lsb = out->min_rsb = 0;
	ok = true;
done:
	if (!ok)
		cv_glyf_font_fini(out);
	free(offsets);
	free(g.pts);
	free(g.ends);
	free(g.xs);
	free(g.ys);
	free(g.fl);
	free(g.flags);
	free(g.ends_out);
	if (face)
		FT_Done_Face(face);
	if (lib)
		FT_Done_FreeType(lib);
	return ok;
}

void cv_glyf_font_fini(cv_glyf_font *g)
{
	free(g->glyf.data);
	free(g->loca.data);
	free(g->hmtx.data);
	memset(g, 0, sizeof *g);
}
