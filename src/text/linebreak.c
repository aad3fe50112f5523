/* Line breaking: Knuth & Plass's total fit over boxes, glue and penalties ("Breaking Paragraphs into
 * Lines", 1981), with TeX's demerits: a line's badness is 100·|r|³ of its adjustment ratio r, and
 * fitness classes, flagged (hyphen) breaks and a per-line width are handled as TeX does.
 * It only chooses breaks: it never measures text or builds lines.
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/util.h"
#include "text_internal.h"

/* TeX's \linepenalty: every line costs this much, so that fewer lines win when all else is equal. */
#define LINE_PENALTY 10
/* TeX's \adjdemerits: a very loose line next to a tight one (fitness classes two apart). */
#define ADJ_DEMERITS 10000
/* TeX's \doublehyphendemerits and \finalhyphendemerits: two hyphenated lines in a row, and a
 * hyphen on the last full line of a paragraph. */
#define DOUBLE_HYPHEN_DEMERITS 10000
#define FINAL_HYPHEN_DEMERITS 5000
/* Rule 15: at most this many hyphenated lines in a row. */
#define MAX_HYPHENS_IN_ROW 2
/* TeX's bound on badness ("infinitely bad"). */
#define BADNESS_MAX 10000.0
/* A ragged line's end stretches by this share of the width: a line a quarter short has r = 1. */
#define RAGGED_STRETCH 0.25
/* A justified line past the tolerance that would still leave more than this share of the width blank
 * at its loosest is set ragged (cv_kp_ragged): about an em of a 10 pt line in a 480 pt column, about
 * what reads as a line ending early rather than as a line justified a little short. */
#define RAGGED_SHARE 0.02
/* A ragged line's badness (ragged_badness) is 100 when it is short by this share of the width. */
#define RAGGED_SCALE 0.1
/* Lines narrower than the rest (lines_at_width) are told apart while the paragraph is broken only
 * up to this many; a paragraph never gets near it, and beyond it every line simply has width. */
#define MAX_WIDTH_CLASSES 256

typedef struct kp_node {
	size_t pos;     /* index of the break item; SIZE_MAX for the paragraph start */
	size_t line;    /* lines before this break */
	int fitness;    /* 0 tight, 1 decent, 2 loose, 3 very loose (TeX's classes) */
	bool hyphen;    /* the line ending here ends at a flagged penalty */
	double total;   /* demerits of the best chain to here */
	double tw, ty, tz, te; /* totals of width, stretch, shrink and room after the break */
	int prev;       /* pool index, -1 at the start */
} kp_node;

float cv_kp_line_width(const cv_kp_opts *o, size_t line)
{
	float w = o->rest_width > 0 && line >= o->lines_at_width ? o->rest_width : o->width;
	return line == 0 ? w - o->first_indent : w;
}

/* The width class of a line: lines that must be told apart because their widths differ. */
static size_t width_class(size_t line, size_t n_classes)
{
	if (n_classes == 1)
		return 0;
	return line < n_classes - 1 ? line : n_classes - 1;
}

double cv_kp_ratio(double extra, double Y, double E)
{
	if (extra <= Y)
		return Y > 0 ? extra / Y : 0;
	if (E <= 0)
		return Y > 0 ? extra / Y : 1e6;
	return 1 + (CV_KP_FULL - 1) * (extra - Y) / E;
}

bool cv_kp_ragged(double extra, double Y, double E, double width)
{
	return cv_kp_ratio(extra, Y, E) > CV_KP_FULL && extra - Y - E > width * RAGGED_SHARE;
}

/* Badness of a line set ragged in justified text, short of the margin by extra points: past any
 * justified line's (BADNESS_MAX), so that total fit takes one only when no set of justified lines
 * exists, and growing steeply with the blank, so that it takes the fullest such line unless that
 * makes the lines after it much worse: a word's width more blank (a tenth of the width from a
 * twentieth) costs more than the loosest justified line. */
static double ragged_badness(double extra, double width)
{
	double q = extra / (width * RAGGED_SCALE);
	return BADNESS_MAX + 100.0 * q * q * q;
}

/* For each breakpoint i, how much wider a line ending at i gets at natural width when it ends at the
 * next breakpoint instead: the next word (caller frees; 0 past the last). */
static double *next_word(const cv_item *it, size_t n)
{
	double *grow = cv_xcalloc(n, sizeof *grow);
	double w = 0; /* width of boxes and glue from the breakpoint after i to the one after that */
	size_t later = SIZE_MAX;
	for (size_t i = n; i-- > 0;) {
		const cv_item *x = &it[i];
		if (x->type == CV_IT_PEN && x->penalty < CV_PEN_NEVER) {
			if (later != SIZE_MAX)
				grow[i] = w - x->w + it[later].w;
			later = i;
			w = 0;
		} else if (x->type != CV_IT_PEN) {
			w += x->w;
		}
	}
	return grow;
}

static int hyphens_before(const kp_node *pool, int a)
{
	int n = 0;
	for (; a >= 0 && pool[a].hyphen && n < MAX_HYPHENS_IN_ROW; a = pool[a].prev)
		n++;
	return n;
}

size_t cv_kp_break(const cv_item *it, size_t n, const cv_kp_opts *o, size_t **breaks_out)
{
	*breaks_out = NULL;
	if (n == 0)
		return 0;
	size_t n_classes = 1;
	if (o->rest_width > 0 && o->lines_at_width > 0 && o->lines_at_width < MAX_WIDTH_CLASSES)
		n_classes = o->lines_at_width + 1;
	bool last_resort = o->last_resort;
	kp_node *pool = NULL;
	size_t np = 0, cap = 0;
	/* Active nodes by pool index, kept compact: with a finite threshold only breaks about one line
	 * back stay active, so each breakpoint looks at a handful of candidates. */
	int *active = NULL;
	size_t na = 0, cap_a = 0;
	kp_node *start = CV_PUSH(pool, np, cap);
	*start = (kp_node){.pos = SIZE_MAX, .fitness = 1, .prev = -1};
	*(int *)CV_PUSH(active, na, cap_a) = 0;
	int *best = cv_xmalloc(4 * n_classes * sizeof *best);
	double *best_d = cv_xmalloc(4 * n_classes * sizeof *best_d);
	double *grow = o->last_resort && o->justify ? next_word(it, n) : NULL;
	double sw = 0, sy = 0, sz = 0, se = 0; /* running totals of width, stretch, shrink and room */
	for (size_t i = 0; i < n; i++) {
		const cv_item *x = &it[i];
		if (x->type == CV_IT_PEN && x->penalty < CV_PEN_NEVER) {
			for (size_t k = 0; k < 4 * n_classes; k++) {
				best[k] = -1;
				best_d[k] = INFINITY;
			}
			bool forced = x->penalty <= CV_PEN_FORCE;
			for (size_t k = 0; k < na;) {
				int a = active[k];
				const kp_node *A = &pool[a];
				float start_adjust = A->pos == SIZE_MAX ? 0 : it[A->pos].start_adjust;
				double width = cv_kp_line_width(o, A->line);
				double L = sw - A->tw + x->w - start_adjust;
				double Y = o->justify ? sy - A->ty : width * RAGGED_STRETCH;
				double Z = sz - A->tz;
				double E = o->justify ? se - A->te : 0;
				double r = 0;
				if (L < width)
					r = cv_kp_ratio(width - L, Y, E);
				else if (L > width)
					r = Z > 0 ? (width - L) / Z : -1e6;
				if (forced && r > 0)
					r = 0; /* the last line is set at its natural width */
				bool drop = r < -1;
				if (drop) {
					/* Every later break from A is overfull too. Keep it only when it is the last
					 * candidate left in the last resort, so that text is never lost. */
					if (!(last_resort && na == 1)) {
						active[k] = active[--na];
						continue;
					}
					r = -1;
				}
				k++;
				bool ragged = false;
				if (r > o->threshold) {
					if (!last_resort)
						continue;
					ragged = o->justify && !forced && cv_kp_ragged(width - L, Y, E, width);
					/* A ragged line must be one the next word could not join: otherwise it reads
					 * as a paragraph's end. */
					if (ragged && L + grow[i] <= width)
						continue;
				}
				if (x->hyphen && hyphens_before(pool, a) >= MAX_HYPHENS_IN_ROW)
					continue;
				double badness = ragged ? ragged_badness(width - L, width) : 100.0 * fabs(r) * fabs(r) * fabs(r);
				/* In the last resort lines past the tolerance keep growing worse with their ratio, so
				 * that total fit leaves as little short of the margin as it can, where TeX's bound
				 * would make every such line equally bad. */
				if (badness > BADNESS_MAX && !last_resort)
					badness = BADNESS_MAX;
				double pen = x->penalty;
				double dem = (LINE_PENALTY + badness) * (LINE_PENALTY + badness);
				if (pen >= 0)
					dem += pen * pen;
				else if (!forced)
					dem -= pen * pen;
				if (x->hyphen && A->hyphen)
					dem += DOUBLE_HYPHEN_DEMERITS;
				else if (forced && A->hyphen)
					dem += FINAL_HYPHEN_DEMERITS;
				/* A ragged line is set at natural spacing: a decent one. */
				int fit = ragged ? 1 : r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3;
				if (abs(fit - A->fitness) > 1)
					dem += ADJ_DEMERITS;
				dem += A->total;
				size_t slot = (size_t)fit * n_classes + width_class(A->line + 1, n_classes);
				if (dem < best_d[slot]) {
					best_d[slot] = dem;
					best[slot] = a;
				}
				if (drop)
					active[--k] = active[--na];
			}
			/* After this break, discardable glue and penalties up to the next box do not count. */
			double aw = sw, ay = sy, az = sz, ae = se;
			for (size_t k = i + 1; k < n && it[k].type != CV_IT_BOX; k++) {
				if (it[k].type == CV_IT_GLUE) {
					aw += it[k].w;
					ay += it[k].stretch;
					az += it[k].shrink;
					ae += it[k].room;
				}
				if (it[k].type == CV_IT_PEN && it[k].penalty <= CV_PEN_FORCE)
					break;
			}
			for (size_t slot = 0; slot < 4 * n_classes; slot++) {
				if (best[slot] < 0)
					continue;
				size_t line = pool[best[slot]].line + 1;
				kp_node *N = CV_PUSH(pool, np, cap);
				*N = (kp_node){.pos = i, .line = line, .fitness = (int)(slot / n_classes), .hyphen = x->hyphen,
					       .total = best_d[slot], .tw = aw, .ty = ay, .tz = az, .te = ae,
					       .prev = best[slot]};
				*(int *)CV_PUSH(active, na, cap_a) = (int)(np - 1);
			}
		}
		if (x->type == CV_IT_BOX) {
			sw += x->w;
			se += x->room;
		} else if (x->type == CV_IT_GLUE) {
			sw += x->w;
			sy += x->stretch;
			sz += x->shrink;
			se += x->room;
		}
	}
	free(active);
	free(best);
	free(best_d);
	free(grow);
	/* The best node at the final item. */
	int last = -1;
	for (size_t a = 0; a < np; a++)
		if (pool[a].pos == n - 1 && (last < 0 || pool[a].total < pool[last].total))
			last = (int)a;
	size_t lines = 0;
	for (int k = last; k >= 0 && pool[k].prev >= 0; k = pool[k].prev)
		lines++;
	if (lines) {
		size_t *breaks = cv_xcalloc(lines, sizeof *breaks);
		size_t at = lines;
		for (int k = last; k >= 0 && pool[k].prev >= 0; k = pool[k].prev)
			breaks[--at] = pool[k].pos;
		*breaks_out = breaks;
	}
	free(pool);
	return lines;
}
