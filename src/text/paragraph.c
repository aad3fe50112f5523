/* Paragraph layout: styled runs in, lines of positioned runs out.
 * Four steps, as in Typst's inline layout: collect (normalise spaces, choose a face per character),
 * prepare (boxes, glue and penalties with the Chinese spacing and punctuation rules), break (Knuth–Plass
 * total fit) and finalize (positions, with kerning and justification). It never draws anything.
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/util.h"
#include "text_internal.h"

/* ---- Collect -------------------------------------------------------------------------------- */

enum { C_LATIN, C_HAN, C_OPEN, C_CLOSE, C_CJKSYM, C_SPACE, C_NBSP, C_OTHER };

typedef struct tch {
	uint32_t cp;
	uint32_t byte;   /* offset of the character in the normalised string */
	uint32_t in;     /* index of the cv_inline it came from */
	uint8_t face;
	uint8_t cls;
	bool from_newline; /* a space that was a line break in the source */
} tch;

typedef struct pctx {
	const cv_fontset *fs;
	const cv_inline *in;
	const cv_para_opts *o;
	cv_diags *d;
	tch *ch;
	size_t n, cap;
	char *str; /* normalised UTF-8 */
	size_t len, cap_str;
} pctx;

static bool cjk_class(int cls)
{
	return cls == C_HAN || cls == C_OPEN || cls == C_CLOSE || cls == C_CJKSYM;
}

static void push_char(pctx *p, uint32_t cp, uint32_t in, bool from_newline)
{
	tch *c = CV_PUSH(p->ch, p->n, p->cap);
	c->cp = cp;
	c->in = in;
	c->byte = (uint32_t)p->len;
	c->from_newline = from_newline;
	c->cls = cp == ' ' ? C_SPACE : cp == 0xA0 ? C_NBSP : C_OTHER;
	cv_grow((void **)&p->str, &p->cap_str, p->len + 5, 1);
	p->len += cv_utf8_put(cp, p->str + p->len);
}

/* Copies the inlines into one character array: tabs and line breaks become spaces, runs of spaces
 * collapse to one, and control characters are left out. */
static void collect(pctx *p, size_t n_in)
{
	for (size_t k = 0; k < n_in; k++) {
		const cv_inline *in = &p->in[k];
		for (size_t i = 0; i < in->len;) {
			uint32_t cp = cv_utf8_next(in->text, in->len, &i);
			bool nl = cp == '\n';
			if (cp == '\t' || cp == '\n' || cp == '\r')
				cp = ' ';
			if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0xFEFF || cp == 0x200B)
				continue;
			if (cp == ' ') {
				if (p->n == 0)
					continue;
				tch *last = &p->ch[p->n - 1];
				if (last->cls == C_SPACE) {
					last->from_newline = last->from_newline && nl;
					continue;
				}
			}
			push_char(p, cp, (uint32_t)k, nl);
		}
	}
	while (p->n && p->ch[p->n - 1].cls == C_SPACE) {
		p->n--;
		p->len = p->ch[p->n].byte;
	}
	if (p->str)
		p->str[p->len] = '\0';
}

static int latin_face(unsigned style)
{
	return (style & (CV_BOLD | CV_ITALIC)) == (CV_BOLD | CV_ITALIC) ? CV_FACE_LATIN_BOLD_ITALIC
	       : (style & CV_BOLD)                                   ? CV_FACE_LATIN_BOLD
	       : (style & CV_ITALIC)                                 ? CV_FACE_LATIN_ITALIC
									: CV_FACE_LATIN_REGULAR;
}

/* The nearest non-space neighbour's class decides the face of marks shared by both scripts. */
static bool near_han(const pctx *p, size_t i)
{
	for (size_t j = i; j-- > 0;) {
		if (p->ch[j].cls == C_SPACE)
			continue;
		if (cv_is_han(p->ch[j].cp) || cv_is_cjk_symbol(p->ch[j].cp))
			return true;
		if (!cv_is_ambiguous(p->ch[j].cp))
			break;
	}
	for (size_t j = i + 1; j < p->n; j++) {
		if (p->ch[j].cls == C_SPACE)
			continue;
		if (cv_is_han(p->ch[j].cp) || cv_is_cjk_symbol(p->ch[j].cp))
			return true;
		if (!cv_is_ambiguous(p->ch[j].cp))
			break;
	}
	return false;
}

/* Chooses a face and a class for every character. */
static void assign_faces(pctx *p)
{
	for (size_t i = 0; i < p->n; i++) {
		tch *c = &p->ch[i];
		const cv_inline *in = &p->in[c->in];
		int latin = latin_face(in->style);
		uint32_t cp = c->cp;
		if (c->cls == C_SPACE || c->cls == C_NBSP) {
			c->face = (uint8_t)latin;
			continue;
		}
		if (cv_is_han(cp)) {
			c->face = CV_FACE_CJK;
			c->cls = C_HAN;
		} else if (cv_is_cjk_open(cp)) {
			c->face = CV_FACE_CJK;
			c->cls = C_OPEN;
		} else if (cv_is_cjk_close(cp)) {
			c->face = CV_FACE_CJK;
			c->cls = C_CLOSE;
		} else if (cv_is_cjk_symbol(cp)) {
			c->face = CV_FACE_CJK;
			c->cls = C_CJKSYM;
		} else if (cv_is_ambiguous(cp) && near_han(p, i)) {
			c->face = CV_FACE_CJK;
			c->cls = (cp == 0x201C || cp == 0x2018) ? C_OPEN : (cp == 0x201D || cp == 0x2019) ? C_CLOSE : C_CJKSYM;
		} else {
			c->face = (uint8_t)latin;
			c->cls = cv_is_latin_alnum(cp) ? C_LATIN : C_OTHER;
		}
		/* Bold Chinese uses the family's bold face when it has one, else the regular one made bold. */
		int cjk = (in->style & CV_BOLD) && cv_fontset_present(p->fs, CV_FACE_CJK_BOLD) ? CV_FACE_CJK_BOLD
											    : CV_FACE_CJK;
		if (c->face == CV_FACE_CJK)
			c->face = (uint8_t)cjk;
		if (!cv_fontset_has(p->fs, c->face, cp)) {
			int other = c->face == cjk ? latin : cjk;
			for (int f = CV_FACE_FALLBACK; f < CV_FACE_COUNT && !cv_fontset_has(p->fs, other, cp); f++)
				other = f;
			if (cv_fontset_has(p->fs, other, cp)) {
				c->face = (uint8_t)other;
			} else {
				char buf[5] = {0};
				cv_utf8_put(cp, buf);
				cv_diag_add(p->d, CV_WARNING, "missing-glyph", in->span,
					    "no font has a glyph for \"%s\" (U+%04X); it will show as a box", buf,
					    (unsigned)cp);
			}
		}
	}
}

/* ---- Prepare -------------------------------------------------------------------------------- */

enum { IT_BOX, IT_GLUE, IT_PEN };

/* Penalties: plain.tex uses 10000 as "never" and -10000 as "always". */
#define PEN_NEVER 10000
#define PEN_FORCE (-10000)
/* A break after a hyphen or slash inside a token costs about what TeX's \hyphenpenalty does. */
#define PEN_TOKEN 50
/* Breaking so that the last line holds a single Han character or a short word: allowed only when
 * there is no other way (TYPESETTING.md rule 14). */
#define PEN_LONELY 3000
/* Emergency breaks inside a token wider than the line. */
#define PEN_EMERGENCY 5000

typedef struct item {
	uint8_t type;
	float w, stretch, shrink; /* points */
	int penalty;
	/* Boxes: characters [c0, c1) of one face and one inline; dx is a compression applied to the
	 * last character's advance (negative), already included in w. */
	uint32_t c0, c1;
	float dx;
	/* Glue: true for the spacing between Chinese characters, which justification uses only once word
	 * spaces and Han–Latin gaps have reached their limit (rule 13). */
	bool han;
	/* Penalties: width added to the line when it breaks here (negative: trimmed end punctuation) and
	 * the pull-back of the next line's first character (an opening bracket). */
	float start_adjust;
} item;

typedef struct items {
	item *v;
	size_t n, cap;
} items;

static item *add(items *it, int type)
{
	item *x = CV_PUSH(it->v, it->n, it->cap);
	memset(x, 0, sizeof *x);
	x->type = (uint8_t)type;
	return x;
}

static float em(const pctx *p, size_t i)
{
	return p->in[p->ch[i].in].size;
}

static float shape_width(const pctx *p, uint32_t c0, uint32_t c1)
{
	const tch *a = &p->ch[c0];
	uint32_t end = c1 < p->n ? p->ch[c1].byte : (uint32_t)p->len;
	return cv_text_measure(p->fs, a->face, p->in[a->in].size, p->str + a->byte, end - a->byte);
}

static bool same_run(const pctx *p, size_t a, size_t b)
{
	const tch *x = &p->ch[a], *y = &p->ch[b];
	if (x->face != y->face || x->in == y->in)
		return x->face == y->face && x->in == y->in;
	const cv_inline *s = &p->in[x->in], *t = &p->in[y->in];
	return s->size == t->size && s->color == t->color && s->link == t->link && (s->style & CV_BOLD) == (t->style & CV_BOLD);
}

static void add_penalty(items *it, int cost, float width, float start_adjust)
{
	item *x = add(it, IT_PEN);
	x->penalty = cost;
	x->w = width;
	x->start_adjust = start_adjust;
}

/* Splits a box wider than the line into single characters joined by emergency breaks, so that a long
 * URL or token never crosses the margin. */
static void add_box(pctx *p, items *it, uint32_t c0, uint32_t c1, float line_w)
{
	float w = shape_width(p, c0, c1);
	if (w <= line_w || c1 - c0 < 2) {
		item *b = add(it, IT_BOX);
		b->c0 = c0, b->c1 = c1, b->w = w;
		return;
	}
	for (uint32_t i = c0; i < c1; i++) {
		if (i > c0)
			add_penalty(it, PEN_EMERGENCY, 0, 0);
		item *b = add(it, IT_BOX);
		b->c0 = i, b->c1 = i + 1, b->w = shape_width(p, i, i + 1);
	}
}

/* Builds the item list. brk holds the break opportunities of p->str (cv_text_breaks). */
static void prepare(pctx *p, const char *brk, items *it)
{
	float line_w = p->o->width;
	size_t i = 0;
	while (i < p->n) {
		tch *c = &p->ch[i];
		if (c->cls == C_SPACE || c->cls == C_NBSP) {
			/* collect() trims leading spaces, but a no-break space may lead (the contact line turns
			 * spaces into no-break ones): it then stands in for its own missing predecessor, which
			 * is neither Han, Latin nor punctuation. */
			size_t prev = i ? i - 1 : i;
			size_t next = i + 1;
			bool can_break = c->cls == C_SPACE && next < p->n && brk[p->ch[next].byte] != CV_BRK_NO;
			bool han_latin = next < p->n && ((cjk_class(p->ch[prev].cls) && p->ch[next].cls == C_LATIN) ||
						       (p->ch[prev].cls == C_LATIN && cjk_class(p->ch[next].cls)));
			bool by_punct = next < p->n && (p->ch[prev].cls == C_CLOSE || p->ch[prev].cls == C_OPEN ||
						       p->ch[next].cls == C_OPEN || p->ch[next].cls == C_CLOSE);
			if (by_punct && cjk_class(p->ch[prev].cls) != cjk_class(p->ch[next].cls)) {
				/* Full-width punctuation carries its own space: a source space next to it is dropped
				 * (rule 9), but it still marks a break opportunity. */
				if (can_break)
					add_penalty(it, 0, 0, 0);
				i++;
				continue;
			}
			if (!can_break)
				add_penalty(it, PEN_NEVER, 0, 0);
			else
				add_penalty(it, 0, 0, 0);
			item *g = add(it, IT_GLUE);
			float size = em(p, i);
			if (han_latin) {
				/* Rule 8: a quarter em between Han and Latin, from 1/8 to 1/3 em in justification. */
				g->w = size * 0.25f, g->stretch = size * (1.0f / 3 - 0.25f), g->shrink = size * 0.125f;
			} else {
				float sw = cv_text_measure(p->fs, c->face, size, " ", 1);
				/* Rule 13: a word space may grow by at most half an em and shrink by a third. */
				g->w = sw, g->stretch = size * 0.5f, g->shrink = sw / 3;
			}
			i++;
			continue;
		}
		/* A box: characters up to the next break opportunity, space, face change or CJK character
		 * (each CJK character is its own box, so justification can space them evenly). */
		size_t j = i + 1;
		if (!cjk_class(c->cls))
			while (j < p->n && p->ch[j].cls != C_SPACE && p->ch[j].cls != C_NBSP && !cjk_class(p->ch[j].cls) &&
			       brk[p->ch[j].byte] == CV_BRK_NO && same_run(p, i, j))
				j++;
		add_box(p, it, (uint32_t)i, (uint32_t)j, line_w);
		item *box = &it->v[it->n - 1];
		if (j >= p->n)
			break;
		/* What stands between this box and the next character. */
		tch *a = &p->ch[j - 1], *b = &p->ch[j];
		if (b->cls == C_SPACE || b->cls == C_NBSP) {
			i = j;
			continue;
		}
		float size = em(p, j - 1);
		bool can_break = brk[b->byte] != CV_BRK_NO;
		/* Rule 10: adjacent full-width marks take 1.5 em; the closing mark's blank half goes. */
		if (a->cls == C_CLOSE && (b->cls == C_CLOSE || b->cls == C_OPEN)) {
			box->dx = -size * 0.5f;
			box->w += box->dx;
		}
		/* Rule 11: a closing mark ending a line is set half-width, an opening one starting a line is
		 * pulled back by half an em, so the ink is flush with the margins. */
		float end_trim = (a->cls == C_CLOSE && box->dx == 0) ? -size * 0.5f : 0;
		float start_pull = b->cls == C_OPEN ? size * 0.5f : 0;
		if (cjk_class(a->cls) && b->cls == C_LATIN && !(a->cls == C_CLOSE || a->cls == C_OPEN)) {
			/* Rule 8 without a source space. */
			add_penalty(it, can_break ? 0 : PEN_NEVER, 0, 0);
			item *g = add(it, IT_GLUE);
			g->w = size * 0.25f, g->stretch = size * (1.0f / 3 - 0.25f), g->shrink = size * 0.125f;
		} else if (a->cls == C_LATIN && cjk_class(b->cls) && !(b->cls == C_CLOSE || b->cls == C_OPEN)) {
			add_penalty(it, can_break ? 0 : PEN_NEVER, 0, 0);
			item *g = add(it, IT_GLUE);
			g->w = size * 0.25f, g->stretch = size * (1.0f / 3 - 0.25f), g->shrink = size * 0.125f;
		} else if (cjk_class(a->cls) && cjk_class(b->cls)) {
			/* Even spacing between Chinese characters is the last resort of justification (rule 13):
			 * a small stretch so word spaces and Han–Latin gaps take most of it. */
			if (can_break)
				add_penalty(it, 0, end_trim, start_pull);
			else
				add_penalty(it, PEN_NEVER, 0, 0);
			item *g = add(it, IT_GLUE);
			g->stretch = size * 0.08f;
			g->shrink = 0;
			g->han = true;
		} else if (can_break) {
			add_penalty(it, (a->cp == '-' || a->cp == '/') ? PEN_TOKEN : 0, end_trim, start_pull);
		}
		i = j;
	}
}

/* ---- Break (Knuth–Plass) -------------------------------------------------------------------- */

typedef struct kp_node {
	size_t pos;       /* index of the break item; (size_t)-1 for the paragraph start */
	int line;         /* number of lines before this break */
	int fitness;
	double total_demerits;
	double tw, ty, tz; /* totals of width, stretch and shrink after the break */
	int prev;         /* index into the node pool, -1 at the start */
} kp_node;

typedef struct totals {
	double w, y, z;
} totals;

/* Total fit over every feasible break. threshold is the largest adjustment ratio allowed; looser
 * lines are infeasible. Returns the chain's last node or -1 when nothing fits. */
static int knuth_plass(const items *it, float width, bool justify, double threshold, kp_node **pool_out,
		       size_t *n_pool)
{
	kp_node *pool = NULL;
	size_t np = 0, cap = 0;
	/* Indices of active nodes, kept compact: with a finite threshold only breaks within about one
	 * line behind stay active, so each breakpoint looks at a handful of candidates. */
	int *active = NULL;
	size_t na = 0, cap_a = 0;
	kp_node *start = CV_PUSH(pool, np, cap);
	*start = (kp_node){.pos = (size_t)-1, .fitness = 1, .prev = -1};
	*(int *)CV_PUSH(active, na, cap_a) = 0;
	bool last_resort = threshold > 1e8;
	totals sum = {0, 0, 0};
	/* Ragged lines: the line end itself can stretch, so a short line is only mildly bad. */
	double ragged_stretch = width * 0.25;
	for (size_t i = 0; i < it->n; i++) {
		const item *x = &it->v[i];
		bool breakable = x->type == IT_PEN && x->penalty < PEN_NEVER;
		if (breakable) {
			int best[4] = {-1, -1, -1, -1};
			double best_d[4] = {INFINITY, INFINITY, INFINITY, INFINITY};
			bool forced = x->penalty <= PEN_FORCE;
			for (size_t k = 0; k < na;) {
				int a = active[k];
				kp_node *A = &pool[a];
				float start_adjust = A->pos == (size_t)-1 ? 0 : it->v[A->pos].start_adjust;
				double L = sum.w - A->tw + x->w - start_adjust;
				double Y = justify ? sum.y - A->ty : ragged_stretch;
				double Z = sum.z - A->tz;
				double r = 0;
				if (L < width)
					r = Y > 0 ? (width - L) / Y : 1e6;
				else if (L > width)
					r = Z > 0 ? (width - L) / Z : -1e6;
				if (forced && r > 0)
					r = 0; /* the last line is set at its natural width */
				bool drop = r < -1;
				if (drop) {
					/* Every later break from A is overfull too. Keep it only when it is the last
					 * candidate left in the final pass, so that text is never lost. */
					if (!(last_resort && na == 1)) {
						active[k] = active[--na];
						continue;
					}
					r = -1;
				}
				k++;
				if (r > threshold)
					continue;
				double badness = 100.0 * fabs(r) * fabs(r) * fabs(r);
				if (badness > 10000)
					badness = 10000;
				double pen = x->penalty;
				double dem = (1 + badness) * (1 + badness);
				if (pen >= 0)
					dem += pen * pen;
				else if (pen > PEN_FORCE)
					dem -= pen * pen;
				int fit = r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3;
				if (abs(fit - A->fitness) > 1)
					dem += 3000; /* TeX's \adjdemerits: avoid a tight line next to a loose one */
				dem += A->total_demerits;
				if (dem < best_d[fit]) {
					best_d[fit] = dem;
					best[fit] = a;
				}
				if (drop)
					active[--k] = active[--na];
			}
			/* After this break, discardable glue and penalties up to the next box do not count. */
			totals after = sum;
			for (size_t k = i + 1; k < it->n && it->v[k].type != IT_BOX; k++) {
				if (it->v[k].type == IT_GLUE) {
					after.w += it->v[k].w;
					after.y += it->v[k].stretch;
					after.z += it->v[k].shrink;
				}
				if (it->v[k].type == IT_PEN && it->v[k].penalty <= PEN_FORCE)
					break;
			}
			for (int f = 0; f < 4; f++) {
				if (best[f] < 0)
					continue;
				int prev_line = pool[best[f]].line;
				kp_node *N = CV_PUSH(pool, np, cap);
				*N = (kp_node){.pos = i, .line = prev_line + 1, .fitness = f, .total_demerits = best_d[f],
					       .tw = after.w, .ty = after.y, .tz = after.z, .prev = best[f]};
				*(int *)CV_PUSH(active, na, cap_a) = (int)(np - 1);
			}
		}
		if (x->type == IT_BOX)
			sum.w += x->w;
		else if (x->type == IT_GLUE) {
			sum.w += x->w;
			sum.y += x->stretch;
			sum.z += x->shrink;
		}
	}
	free(active);
	/* The best node at the final item. */
	int best = -1;
	for (size_t a = 0; a < np; a++)
		if (pool[a].pos == it->n - 1 && (best < 0 || pool[a].total_demerits < pool[best].total_demerits))
			best = (int)a;
	*pool_out = pool;
	*n_pool = np;
	return best;
}

/* Marks breaks that would leave a lone Han character or a short word on the last line. */
static void discourage_lonely_end(const pctx *p, items *it)
{
	float tail = 0;
	int boxes = 0;
	bool only_han = true;
	for (size_t i = it->n; i-- > 0;) {
		item *x = &it->v[i];
		if (x->type == IT_BOX) {
			tail += x->w;
			boxes++;
			for (uint32_t c = x->c0; c < x->c1; c++)
				if (p->ch[c].cls != C_HAN && p->ch[c].cls != C_CLOSE)
					only_han = false;
			continue;
		}
		if (x->type != IT_PEN || x->penalty >= PEN_NEVER || x->penalty <= PEN_FORCE)
			continue;
		/* A single Han character (with its punctuation), or a word shorter than three ems. */
		float size = p->in[0].size;
		bool lonely = (only_han && boxes <= 2) || (!only_han && boxes == 1 && tail < 3 * size);
		if (!lonely)
			break;
		if (x->penalty < PEN_LONELY)
			x->penalty = PEN_LONELY;
	}
}

/* ---- Finalize ------------------------------------------------------------------------------- */

typedef struct emit {
	pctx *p;
	cv_arena *arena;
	cv_para *out;
	size_t cap_runs, cap_lines;
	/* For each run: true when the next glyph is not at this run's nominal end (kerning or compressed
	 * punctuation moved it), so merge_runs() must not join them: the PDF would put it back. */
	bool *split_after;
	size_t cap_split;
} emit;

static void mark_split(emit *e)
{
	cv_grow((void **)&e->split_after, &e->cap_split, e->out->n_runs, sizeof *e->split_after);
	e->split_after[e->out->n_runs - 1] = true;
}

static cv_run *new_run(emit *e, size_t c0, size_t c1, float x)
{
	pctx *p = e->p;
	const tch *a = &p->ch[c0];
	const cv_inline *in = &p->in[a->in];
	uint32_t b0 = a->byte, b1 = c1 < p->n ? p->ch[c1].byte : (uint32_t)p->len;
	cv_run *r = CV_PUSH(e->out->runs, e->out->n_runs, e->cap_runs);
	memset(r, 0, sizeof *r);
	cv_grow((void **)&e->split_after, &e->cap_split, e->out->n_runs, sizeof *e->split_after);
	e->split_after[e->out->n_runs - 1] = false;
	r->text = cv_arena_strndup(e->arena, p->str + b0, b1 - b0);
	r->len = b1 - b0;
	r->x = x;
	r->size = in->size;
	r->face = a->face;
	r->fake_bold = (a->face == CV_FACE_CJK || a->face >= CV_FACE_FALLBACK) && (in->style & CV_BOLD);
	r->color = in->color;
	r->link = in->link;
	return r;
}

/* Emits the runs of one box starting at x. A glyph whose shaped advance differs from its nominal one
 * (kerning) ends the run: the PDF positions glyphs by nominal advances, so the next run starts at
 * the kerned position. Returns the box's width. */
static float emit_box(emit *e, const item *b, float x)
{
	pctx *p = e->p;
	const tch *a = &p->ch[b->c0];
	float size = p->in[a->in].size;
	uint32_t b0 = a->byte, b1 = b->c1 < p->n ? p->ch[b->c1].byte : (uint32_t)p->len;
	hb_glyph_info_t *info;
	hb_glyph_position_t *pos;
	unsigned ng = cv_shape(p->fs, a->face, p->str + b0, b1 - b0, &info, &pos);
	const cv_face *face = &p->fs->faces[a->face];
	float k = size / (float)face->upem;
	float start_x = x, pen = x;
	size_t run_c0 = b->c0;
	size_t c = b->c0; /* character index tracking glyph clusters */
	for (unsigned g = 0; g < ng; g++) {
		pen += (float)pos[g].x_advance * k;
		hb_position_t nominal = hb_font_get_glyph_h_advance(face->font, info[g].codepoint);
		if (nominal != pos[g].x_advance && g + 1 < ng) {
			/* End the run after this glyph's cluster. */
			uint32_t next_byte = b0 + info[g + 1].cluster;
			while (c < b->c1 && p->ch[c].byte < next_byte)
				c++;
			cv_run *r = new_run(e, run_c0, c, start_x);
			r->width = pen - start_x;
			mark_split(e);
			run_c0 = c;
			start_x = pen;
		}
	}
	cv_run *r = new_run(e, run_c0, b->c1, start_x);
	r->width = pen - start_x + b->dx;
	if (b->dx != 0) {
		/* A compressed mark is a box of its own. Its compression is written as character spacing,
		 * not as a shifted next run: extractors size a glyph by its advance plus Tc, so they see a
		 * half-width mark instead of two overlapping ones (poppler then broke the line there). */
		r->char_spacing = b->dx;
		mark_split(e);
	}
	return pen - x + b->dx;
}

static void finalize(pctx *p, const items *it, const size_t *breaks, size_t n_breaks, cv_arena *arena,
		     cv_para *out, bool **split_after)
{
	emit e = {p, arena, out, 0, 0, NULL, 0};
	float width = p->o->width;
	size_t from = 0;
	for (size_t l = 0; l < n_breaks; l++) {
		size_t to = breaks[l]; /* the break item; the line holds items [from, to) */
		const item *brk = &it->v[to];
		bool last = l + 1 == n_breaks;
		/* Skip discardable items at the line start. */
		while (from < to && it->v[from].type != IT_BOX)
			from++;
		float start_adjust = (l > 0) ? it->v[breaks[l - 1]].start_adjust : 0;
		float indent = l == 0 ? p->o->first_indent : 0;
		double L = brk->w - start_adjust, Y = 0, Z = 0;
		for (size_t i = from; i < to; i++) {
			const item *x = &it->v[i];
			if (x->type == IT_BOX || x->type == IT_GLUE)
				L += x->w;
			if (x->type == IT_GLUE)
				Y += x->stretch, Z += x->shrink;
		}
		double avail = width - indent;
		double Y_han = 0;
		for (size_t i = from; i < to; i++)
			if (it->v[i].type == IT_GLUE && it->v[i].han)
				Y_han += it->v[i].stretch;
		double Y_word = Y - Y_han;
		/* Stretch: word spaces and Han–Latin gaps first, up to their limit; only the rest goes evenly
		 * between Chinese characters. Shrink: every glue in proportion. */
		double extra = (p->o->justify && !last && L < avail) ? avail - L : 0;
		double r_word = 0, r_han = 0, r = 0;
		if (L > avail)
			r = Z > 0 ? (avail - L) / Z : 0;
		else if (extra > 0) {
			if (Y_word > 0 && (extra <= Y_word || Y_han <= 0)) {
				r_word = extra / Y_word;
			} else {
				r_word = Y_word > 0 ? 1 : 0;
				r_han = Y_han > 0 ? (extra - Y_word) / Y_han : 0;
			}
		}
		if (r < -1)
			r = -1;
		cv_line *line = CV_PUSH(out->lines, out->n_lines, e.cap_lines);
		memset(line, 0, sizeof *line);
		line->first_run = out->n_runs;
		float x = indent - start_adjust;
		for (size_t i = from; i < to; i++) {
			const item *g = &it->v[i];
			if (g->type == IT_BOX)
				x += emit_box(&e, g, x);
			else if (g->type == IT_GLUE)
				x += g->w + (float)(r < 0 ? r * g->shrink : (g->han ? r_han : r_word) * g->stretch);
		}
		line->n_runs = out->n_runs - line->first_run;
		line->width = x + brk->w;
		for (size_t k = line->first_run; k < out->n_runs; k++) {
			float asc, desc;
			cv_fontset_metrics(p->fs, out->runs[k].face, &asc, &desc);
			if (asc * out->runs[k].size > line->ascent)
				line->ascent = asc * out->runs[k].size;
			if (-desc * out->runs[k].size > line->descent)
				line->descent = -desc * out->runs[k].size;
		}
		from = to + 1;
	}
	*split_after = e.split_after;
}

/* Merges neighbouring runs of one face and style on a line when the second starts exactly where the
 * first ends: fewer, longer runs make a smaller content stream and help text extraction. Runs are
 * compacted in place; reading index k stays ahead of writing index w, so split_after[] (indexed by
 * the original positions) stays valid. */
static void merge_runs(cv_para *out, cv_arena *arena, const bool *split_after)
{
	size_t w = 0;
	for (size_t l = 0; l < out->n_lines; l++) {
		cv_line *line = &out->lines[l];
		size_t start = w;
		for (size_t k = line->first_run; k < line->first_run + line->n_runs; k++) {
			cv_run r = out->runs[k];
			if (w > start && !split_after[k - 1]) {
				cv_run *q = &out->runs[w - 1];
				if (q->face == r.face && q->size == r.size && q->color == r.color && q->link == r.link &&
				    q->fake_bold == r.fake_bold && q->char_spacing == 0 && r.char_spacing == 0 && fabsf(q->x + q->width - r.x) < 0.001f) {
					char *t = cv_arena_alloc(arena, q->len + r.len + 1);
					memcpy(t, q->text, q->len);
					memcpy(t + q->len, r.text, r.len);
					q->text = t;
					q->len += r.len;
					q->width += r.width;
					continue;
				}
			}
			out->runs[w++] = r;
		}
		line->first_run = start;
		line->n_runs = w - start;
	}
	out->n_runs = w;
}

int cv_text_layout(const cv_fontset *fs, const cv_inline *in, size_t n_in, const cv_para_opts *o,
		   cv_arena *arena, cv_para *out, cv_diags *d)
{
	memset(out, 0, sizeof *out);
	pctx p = {.fs = fs, .in = in, .o = o, .d = d};
	collect(&p, n_in);
	if (p.n == 0) {
		free(p.ch);
		free(p.str);
		return CV_OK;
	}
	assign_faces(&p);
	char *brk = cv_xcalloc(p.len + 1, 1);
	cv_text_breaks(p.str, p.len, o->lang, brk);
	items it = {0};
	prepare(&p, brk, &it);
	free(brk);
	/* The paragraph's end: an infinitely stretchable glue and a forced break. */
	add_penalty(&it, PEN_NEVER, 0, 0);
	item *fill = add(&it, IT_GLUE);
	fill->stretch = 1e6f;
	add_penalty(&it, PEN_FORCE, 0, 0);
	discourage_lonely_end(&p, &it);

	kp_node *pool = NULL;
	size_t np = 0;
	/* First try with TeX's default tolerance; then accept any looseness rather than fail. */
	int last = knuth_plass(&it, o->width, o->justify, 2.0, &pool, &np);
	if (last < 0) {
		free(pool);
		last = knuth_plass(&it, o->width, o->justify, 1e9, &pool, &np);
	}
	size_t n_breaks = 0;
	for (int k = last; k >= 0 && pool[k].prev >= 0; k = pool[k].prev)
		n_breaks++;
	size_t *breaks = cv_xcalloc(n_breaks ? n_breaks : 1, sizeof *breaks);
	size_t at = n_breaks;
	for (int k = last; k >= 0 && pool[k].prev >= 0; k = pool[k].prev)
		breaks[--at] = pool[k].pos;
	free(pool);
	cv_para tmp = {0};
	bool *split_after = NULL;
	finalize(&p, &it, breaks, n_breaks, arena, &tmp, &split_after);
	merge_runs(&tmp, arena, split_after);
	free(split_after);
	/* Hand the result over in arena memory, so the caller frees nothing. */
	out->n_runs = tmp.n_runs;
	out->n_lines = tmp.n_lines;
	out->runs = cv_arena_calloc(arena, tmp.n_runs, sizeof *out->runs);
	out->lines = cv_arena_calloc(arena, tmp.n_lines, sizeof *out->lines);
	if (tmp.n_runs)
		memcpy(out->runs, tmp.runs, tmp.n_runs * sizeof *out->runs);
	if (tmp.n_lines)
		memcpy(out->lines, tmp.lines, tmp.n_lines * sizeof *out->lines);
	free(tmp.runs);
	free(tmp.lines);
	free(breaks);
	free(it.v);
	free(p.ch);
	free(p.str);
	return CV_OK;
}
