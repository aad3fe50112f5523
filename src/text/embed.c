/* Fonts made ready for the PDF writer (libharu): TrueType outlines only, 16-bit codes only. A static
 * TrueType face is subset by HarfBuzz as it is; a CFF, CFF2 or variable face has just the glyphs used
 * rewritten as TrueType glyphs (outline.c). Either way the file gets its own name and a cmap in which
 * characters above U+FFFF answer to private-use codes, which the writer maps back in ToUnicode.
 * SPDX-License-Identifier: MIT */
#include <hb-ot.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/util.h"
#include "font_internal.h"
#include "text_internal.h"

/* The Private Use Area of the BMP, where characters above U+FFFF get their codes: 6,400 of them per
 * face and document, far more than any résumé has (a name needs one or two). */
#define PUA_FIRST 0xE000u
#define PUA_LAST 0xF8FFu

static bool contains(const uint32_t *sorted, size_t n, uint32_t cp)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (sorted[mid] == cp)
			return true;
		if (sorted[mid] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* The code of every character (see cv_font_file.codes). Warns once when the private-use codes run
 * out; those characters get 0 and are not drawn. */
static uint16_t *assign_codes(const uint32_t *cps, size_t n, const char *ps, cv_diags *d)
{
	uint16_t *codes = cv_xmalloc((n ? n : 1) * sizeof *codes);
	uint32_t next = PUA_FIRST;
	size_t lost = 0;
	for (size_t i = 0; i < n; i++) {
		if (cps[i] < 0xFFFE) {
			codes[i] = (uint16_t)cps[i];
			continue;
		}
		while (next <= PUA_LAST && contains(cps, n, next))
			next++;
		if (next > PUA_LAST || cps[i] < 0x10000) {
			codes[i] = 0; /* U+FFFE and U+FFFF are noncharacters: nothing to draw */
			lost += cps[i] >= 0x10000;
			continue;
		}
		codes[i] = (uint16_t)next++;
	}
	if (lost)
		cv_diag_add(d, CV_WARNING, "unencodable", (cv_span){0},
			    "font %s: %zu characters above U+FFFF are left out (at most %u per font and document)", ps,
			    lost, PUA_LAST - PUA_FIRST + 1);
	return codes;
}

typedef struct pair {
	uint32_t code;
	uint16_t glyph;
} pair;

static int cmp_pair(const void *a, const void *b)
{
	uint32_t x = ((const pair *)a)->code, y = ((const pair *)b)->code;
	return (x > y) - (x < y);
}

/* Puts a cmap of codes[i] -> glyphs[i] (glyph 0 and code 0 entries left out) into s. */
static bool put_cmap(cv_sfnt *s, const uint16_t *codes, const uint16_t *glyphs, size_t n)
{
	pair *p = cv_xmalloc((n ? n : 1) * sizeof *p);
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (codes[i] && glyphs[i])
			p[m++] = (pair){codes[i], glyphs[i]};
	qsort(p, m, sizeof *p, cmp_pair);
	uint32_t *c = cv_xmalloc((m ? m : 1) * sizeof *c);
	uint16_t *g = cv_xmalloc((m ? m : 1) * sizeof *g);
	for (size_t i = 0; i < m; i++)
		c[i] = p[i].code, g[i] = p[i].glyph;
	size_t len = 0;
	unsigned char *t = cv_sfnt_cmap_table(c, g, m, &len);
	free(p);
	free(c);
	free(g);
	if (!t)
		return false;
	cv_sfnt_put(s, CV_TAG('c', 'm', 'a', 'p'), t, len);
	return true;
}

static bool put_name(cv_sfnt *s, const char *ps)
{
	cv_sfnt_table *old = cv_sfnt_find(s, CV_TAG('n', 'a', 'm', 'e'));
	size_t len = 0;
	unsigned char *t = cv_sfnt_name_table(old ? old->data : NULL, old ? old->len : 0, ps, &len);
	if (!t)
		return false;
	cv_sfnt_put(s, CV_TAG('n', 'a', 'm', 'e'), t, len);
	return true;
}

/* A copy of one of face's tables, at least min bytes long (zero-padded), or NULL when it is absent. */
static unsigned char *copy_table(const cv_face *f, uint32_t tag, size_t min, size_t *len)
{
	hb_blob_t *b = hb_face_reference_table(f->face, tag);
	unsigned n = 0;
	const char *data = hb_blob_get_data(b, &n);
	unsigned char *t = NULL;
	if (n > 0) {
		*len = n > min ? n : min;
		t = cv_xcalloc(1, *len);
		memcpy(t, data, n);
	}
	hb_blob_destroy(b);
	return t;
}

/* A static TrueType face: HarfBuzz's subset, with a new cmap and name. */
static unsigned char *embed_glyf(const cv_fontset *fs, int face, const uint32_t *cps, size_t n,
				 const uint16_t *codes, const char *ps, size_t *len, const char **why)
{
	size_t sub_len = 0;
	unsigned char *sub = cv_font_subset(fs, face, cps, n, &sub_len), *out = NULL;
	if (!sub) {
		*why = "HarfBuzz cannot subset it";
		return NULL;
	}
	/* The subset renumbers glyphs: ask its own cmap (which has the characters above U+FFFF too)
	 * where each character went. */
	hb_blob_t *blob = hb_blob_create((const char *)sub, (unsigned)sub_len, HB_MEMORY_MODE_READONLY, NULL, NULL);
	hb_face_t *hface = hb_face_create(blob, 0);
	hb_font_t *font = hb_font_create(hface);
	uint16_t *glyphs = cv_xmalloc((n ? n : 1) * sizeof *glyphs);
	for (size_t i = 0; i < n; i++) {
		hb_codepoint_t g = 0;
		glyphs[i] = hb_font_get_nominal_glyph(font, cps[i], &g) && g <= 0xFFFF ? (uint16_t)g : 0;
	}
	hb_font_destroy(font);
	hb_face_destroy(hface);
	hb_blob_destroy(blob);
	cv_sfnt s;
	if (!cv_sfnt_read(&s, sub, sub_len))
		*why = "its subset is not a valid TrueType file";
	else if (!put_cmap(&s, codes, glyphs, n) || !put_name(&s, ps))
		*why = "its cmap or name table would be too large";
	else
		out = cv_sfnt_write(&s, len);
	cv_sfnt_fini(&s);
	free(glyphs);
	free(sub);
	return out;
}

/* Tables a TrueType font needs that are copied from the face and then brought into line. */
static const uint32_t copied_tables[] = {
	CV_TAG('h', 'e', 'a', 'd'), CV_TAG('h', 'h', 'e', 'a'), CV_TAG('O', 'S', '/', '2'),
};

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* A CFF, CFF2 or variable face: the glyphs used, read by FreeType at the face's instance and written
 * as TrueType glyphs, with the font-wide tables copied from the face and brought into line. */
static unsigned char *embed_outlines(const cv_face *f, const uint32_t *cps, size_t n, const uint16_t *codes,
				     const char *ps, size_t *len, char *why, size_t why_cap)
{
	/* Glyphs: .notdef, then each glyph used, in the face's order; new glyph i is gids[i]. */
	uint32_t *gids = cv_xmalloc((n + 1) * sizeof *gids), *orig = cv_xmalloc((n ? n : 1) * sizeof *orig);
	size_t ng = 0;
	gids[ng++] = 0;
	for (size_t i = 0; i < n; i++) {
		hb_codepoint_t g = 0;
		orig[i] = hb_font_get_nominal_glyph(f->font, cps[i], &g) ? g : 0;
		gids[ng++] = orig[i];
	}
	qsort(gids, ng, sizeof *gids, cmp_u32);
	size_t u = 1;
	for (size_t i = 1; i < ng; i++)
		if (gids[i] != gids[u - 1])
			gids[u++] = gids[i];
	ng = u;
	unsigned *adv = cv_xmalloc(ng * sizeof *adv);
	for (size_t i = 0; i < ng; i++) {
		hb_position_t a = hb_font_get_glyph_h_advance(f->font, gids[i]); /* font units: scale = upem */
		adv[i] = a < 0 ? 0 : a > 0xFFFF ? 0xFFFF : (unsigned)a;
	}
	uint16_t *glyphs = cv_xmalloc((n ? n : 1) * sizeof *glyphs);
	for (size_t i = 0; i < n; i++) {
		uint32_t *at = bsearch(&orig[i], gids, ng, sizeof *gids, cmp_u32);
		glyphs[i] = (uint16_t)(at - gids);
	}

	unsigned char *out = NULL;
	cv_glyf_font g;
	cv_sfnt s = {.version = 0x00010000};
	unsigned data_len = 0;
	const unsigned char *data = (const unsigned char *)hb_blob_get_data(f->blob, &data_len);
	long index = (long)(f->index | f->instance << 16);
	char err[128];
	if (!cv_glyf_from_outlines(data, data_len, index, gids, ng, adv, &g, err, sizeof err)) {
		snprintf(why, why_cap, "%s", err);
		goto done;
	}
	for (size_t i = 0; i < sizeof copied_tables / sizeof copied_tables[0]; i++) {
		size_t tl = 0;
		unsigned char *t = copy_table(f, copied_tables[i], 0, &tl);
		if (!t) {
			snprintf(why, why_cap, "it has no '%c%c%c%c' table", (char)(copied_tables[i] >> 24),
				 (char)(copied_tables[i] >> 16), (char)(copied_tables[i] >> 8), (char)copied_tables[i]);
			cv_glyf_font_fini(&g);
			goto done;
		}
		cv_sfnt_put(&s, copied_tables[i], t, tl);
	}
	cv_sfnt_table *head = cv_sfnt_find(&s, CV_TAG('h', 'e', 'a', 'd'));
	cv_sfnt_table *hhea = cv_sfnt_find(&s, CV_TAG('h', 'h', 'e', 'a'));
	if (head->len < 54 || hhea->len < 36) {
		snprintf(why, why_cap, "its head or hhea table is cut short");
		cv_glyf_font_fini(&g);
		goto done;
	}
	unsigned char *h = head->data;
	cv_wr32(h, 0x00010000);
	cv_wr16(h + 16, (cv_rd16(h + 16) | 0x0002) & ~0x0010u); /* lsb at x = 0; no instructions change advances */
	cv_wr16(h + 36, (uint32_t)g.x_min & 0xFFFF);
	cv_wr16(h + 38, (uint32_t)g.y_min & 0xFFFF);
	cv_wr16(h + 40, (uint32_t)g.x_max & 0xFFFF);
	cv_wr16(h + 42, (uint32_t)g.y_max & 0xFFFF);
	cv_wr16(h + 50, g.long_loca);
	cv_wr16(h + 52, 0); /* glyphDataFormat */
	unsigned char *hh = hhea->data;
	cv_wr16(hh + 10, g.max_advance);
	cv_wr16(hh + 12, (uint32_t)g.min_lsb & 0xFFFF);
	cv_wr16(hh + 14, (uint32_t)g.min_rsb & 0xFFFF);
	cv_wr16(hh + 16, (uint32_t)g.max_extent & 0xFFFF);
	cv_wr16(hh + 34, g.n_glyphs); /* every glyph has its own advance */
	/* maxp 1.0, as TrueType outlines need: no composites, no instructions. */
	unsigned char *maxp = cv_xcalloc(1, 32);
	cv_wr32(maxp, 0x00010000);
	cv_wr16(maxp + 4, g.n_glyphs);
	cv_wr16(maxp + 6, g.max_points);
	cv_wr16(maxp + 8, g.max_contours);
	cv_wr16(maxp + 14, 2); /* maxZones: 2 is the usual value, the twilight zone unused */
	cv_sfnt_put(&s, CV_TAG('m', 'a', 'x', 'p'), maxp, 32);
	/* post 3.0: no glyph names, which the renumbering would have made wrong anyway. */
	size_t pl = 0;
	unsigned char *post = copy_table(f, CV_TAG('p', 'o', 's', 't'), 32, &pl);
	if (!post)
		post = cv_xcalloc(1, pl = 32);
	cv_wr32(post, 0x00030000);
	memset(post + 16, 0, 16); /* memory hints for Type 42 printers: unknown */
	cv_sfnt_put(&s, CV_TAG('p', 'o', 's', 't'), post, 32);
	cv_sfnt_put(&s, CV_TAG('g', 'l', 'y', 'f'), g.glyf.data, g.glyf.len);
	cv_sfnt_put(&s, CV_TAG('l', 'o', 'c', 'a'), g.loca.data, g.loca.len);
	cv_sfnt_put(&s, CV_TAG('h', 'm', 't', 'x'), g.hmtx.data, g.hmtx.len);
	size_t nl = 0;
	unsigned char *name = copy_table(f, CV_TAG('n', 'a', 'm', 'e'), 0, &nl);
	if (name)
		cv_sfnt_put(&s, CV_TAG('n', 'a', 'm', 'e'), name, nl);
	if (!put_cmap(&s, codes, glyphs, n) || !put_name(&s, ps))
		snprintf(why, why_cap, "its cmap or name table would be too large");
	else
		out = cv_sfnt_write(&s, len);
done:
	cv_sfnt_fini(&s);
	free(glyphs);
	free(adv);
	free(orig);
	free(gids);
	return out;
}

int cv_font_embed(const cv_fontset *fs, int face, const uint32_t *cps, size_t n, const char *ps_name,
		  cv_font_file *out, cv_diags *d)
{
	memset(out, 0, sizeof *out);
	const cv_face *f = &fs->faces[face];
	char why[160] = "";
	const char *reason = NULL;
	if (!f->blob) {
		cv_diag_add(d, CV_ERROR, "internal", (cv_span){0}, "font %s: face %d is not loaded", ps_name, face);
		return CV_EINTERNAL;
	}
	out->codes = assign_codes(cps, n, ps_name, d);
	out->n_codes = n;
	if (f->glyf)
		out->data = embed_glyf(fs, face, cps, n, out->codes, ps_name, &out->len, &reason);
	else
		out->data = embed_outlines(f, cps, n, out->codes, ps_name, &out->len, why, sizeof why);
	if (!out->data) {
		/* At the setting of a font the input named: a damaged font is the input's fault. */
		cv_diag_add(d, CV_ERROR, "font-embed", f->span, "cannot embed font %s (\"%s\"): %s", ps_name,
			    f->path, reason ? reason : why);
		cv_font_file_fini(out);
		return CV_EFONT;
	}
	return CV_OK;
}

void cv_font_file_fini(cv_font_file *f)
{
	free(f->data);
	free(f->codes);
	memset(f, 0, sizeof *f);
}
