/* Fonts made ready for the PDF writer: TrueType outlines only. A static TrueType face is subset by
 * HarfBuzz as it is; a CFF, CFF2 or variable face has just the glyphs used rewritten as TrueType
 * glyphs (outline.c). Either way the writer learns each character's glyph and width, and the figures
 * of the font descriptor; it draws by glyph number, so the file's own cmap does not matter to it.
 * SPDX-License-Identifier: MIT */
#include <hb-ot.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/util.h"
#include "font_internal.h"
#include "text_internal.h"

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

/* A static TrueType face: HarfBuzz's subset as it is. */
static unsigned char *embed_glyf(const cv_fontset *fs, int face, const uint32_t *cps, size_t n, uint16_t *glyphs,
				 size_t *len, const char **why)
{
	unsigned char *sub = cv_font_subset_glyphs(fs, face, cps, n, len, glyphs);
	if (!sub)
		*why = "HarfBuzz cannot subset it";
	return sub;
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
static unsigned char *embed_outlines(const cv_face *f, const uint32_t *cps, size_t n, uint16_t *glyphs,
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
	if (!put_name(&s, ps))
		snprintf(why, why_cap, "its name table would be too large");
	else
		out = cv_sfnt_write(&s, len);
done:
	cv_sfnt_fini(&s);
	free(adv);
	free(orig);
	free(gids);
	return out;
}

/* Why the font file made is not one a PDF reader can load (FreeType, for one, refuses a font whose head,
 * hhea or maxp is damaged and draws nothing), or NULL when its required tables look right. HarfBuzz
 * subsets a damaged table as it finds it, so this is where a broken font the input named is caught. */
static const char *unusable(const unsigned char *data, size_t len)
{
	static const uint32_t required[] = {
		CV_TAG('h', 'e', 'a', 'd'), CV_TAG('h', 'h', 'e', 'a'), CV_TAG('m', 'a', 'x', 'p'),
		CV_TAG('h', 'm', 't', 'x'), CV_TAG('l', 'o', 'c', 'a'), CV_TAG('g', 'l', 'y', 'f'),
	};
	/* HarfBuzz leaves out a table it finds damaged. */
	static const char *const missing[] = {
		"its head table is missing or damaged", "its hhea table is missing or damaged",
		"its maxp table is missing or damaged", "its hmtx table is missing or damaged",
		"its loca table is missing or damaged", "its glyf table is missing or damaged",
	};
	cv_sfnt s;
	if (!cv_sfnt_read(&s, data, len))
		return "its table directory is damaged";
	const char *why = NULL;
	for (size_t i = 0; i < sizeof required / sizeof required[0] && !why; i++)
		if (!cv_sfnt_find(&s, required[i]))
			why = missing[i];
	const cv_sfnt_table *head = cv_sfnt_find(&s, CV_TAG('h', 'e', 'a', 'd'));
	const cv_sfnt_table *hhea = cv_sfnt_find(&s, CV_TAG('h', 'h', 'e', 'a'));
	const cv_sfnt_table *maxp = cv_sfnt_find(&s, CV_TAG('m', 'a', 'x', 'p'));
	if (why)
		;
	else if (head->len < 54 || cv_rd32(head->data + 12) != 0x5F0F3CF5u || cv_rd16(head->data + 18) < 16)
		why = "its head table is damaged";
	else if (hhea->len < 36 || cv_rd16(hhea->data) != 1 || cv_rd16(hhea->data + 34) == 0)
		why = "its hhea table is damaged";
	else if (maxp->len < 6 || cv_rd16(maxp->data + 4) == 0)
		why = "its maxp table is damaged";
	cv_sfnt_fini(&s);
	return why;
}

static int per_mille(long v, unsigned upem)
{
	return (int)lround((double)v * 1000 / upem);
}

/* The descriptor's figures for face f, from its tables through HarfBuzz (the font is scaled to upem,
 * so positions are font units). A figure a face does not give is estimated as PDF producers do. */
static void pdf_metrics(const cv_face *f, cv_font_metrics *m)
{
	hb_position_t v = 0;
	m->ascent = per_mille(hb_ot_metrics_get_position(f->font, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &v) ? v : (hb_position_t)f->upem * 4 / 5, f->upem);
	m->descent = per_mille(hb_ot_metrics_get_position(f->font, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &v) ? v : -(hb_position_t)f->upem / 5, f->upem);
	m->cap_height = hb_ot_metrics_get_position(f->font, HB_OT_METRICS_TAG_CAP_HEIGHT, &v) && v > 0 ? per_mille(v, f->upem) : m->ascent;
	m->x_height = hb_ot_metrics_get_position(f->font, HB_OT_METRICS_TAG_X_HEIGHT, &v) && v > 0 ? per_mille(v, f->upem) : m->cap_height / 2;
	/* A variable face's slant follows its instance (HarfBuzz reads the axis); a static face's is the
	 * post table's italicAngle, read below: hb_style_get_value would build HarfBuzz's whole post
	 * accelerator (its glyph-name index) for that one number, a tenth of a render's fresh memory. */
	bool variable = hb_ot_var_has_data(f->face);
	m->italic_angle = variable ? hb_style_get_value(f->font, HB_STYLE_TAG_SLANT_ANGLE) : 0;
	hb_blob_t *b = hb_face_reference_table(f->face, HB_TAG('h', 'e', 'a', 'd'));
	unsigned len = 0;
	const unsigned char *t = (const unsigned char *)hb_blob_get_data(b, &len);
	for (int i = 0; i < 4; i++)
		m->bbox[i] = len >= 44 ? per_mille((int16_t)cv_rd16(t + 36 + 2 * i), f->upem) : i < 2 ? -200 : 1000;
	hb_blob_destroy(b);
	b = hb_face_reference_table(f->face, HB_TAG('p', 'o', 's', 't'));
	t = (const unsigned char *)hb_blob_get_data(b, &len);
	m->fixed_pitch = len >= 16 && cv_rd32(t + 12) != 0;
	if (!variable && len >= 8) /* italicAngle: a 16.16 fixed-point number of degrees */
		m->italic_angle = (float)((int32_t)cv_rd32(t + 4) / 65536.0);
	hb_blob_destroy(b);
	b = hb_face_reference_table(f->face, HB_TAG('O', 'S', '/', '2'));
	t = (const unsigned char *)hb_blob_get_data(b, &len);
	unsigned weight = len >= 6 ? cv_rd16(t + 4) : 400;
	/* PANOSE family 2 (Latin text): serif styles 11-13 are sans serif (normal, obtuse, perpendicular). */
	m->serif = len >= 42 && t[32] == 2 && t[33] >= 2 && t[33] <= 10;
	m->italic = m->italic_angle != 0 || (len >= 64 && (cv_rd16(t + 62) & 1));
	hb_blob_destroy(b);
	/* StemV is not in the font; the usual estimate from the weight class (about 88 at 400, 166 at 700). */
	m->stem_v = 50 + (int)((double)weight * weight / (65.0 * 65.0));
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
	out->glyphs = cv_xcalloc(n ? n : 1, sizeof *out->glyphs);
	out->widths = cv_xcalloc(n ? n : 1, sizeof *out->widths);
	out->n = n;
	if (f->glyf)
		out->data = embed_glyf(fs, face, cps, n, out->glyphs, &out->len, &reason);
	else
		out->data = embed_outlines(f, cps, n, out->glyphs, ps_name, &out->len, why, sizeof why);
	if (out->data && (reason = unusable(out->data, out->len)) != NULL) {
		free(out->data);
		out->data = NULL;
	}
	if (!out->data) {
		/* At the setting of a font the input named: a damaged font is the input's fault. */
		cv_diag_add(d, CV_ERROR, "font-embed", f->span, "cannot embed font %s (\"%s\"): %s", ps_name,
			    f->path, reason ? reason : why);
		cv_font_file_fini(out);
		return CV_EFONT;
	}
	/* Widths as the layout measured them: HarfBuzz's advances of the face's own glyphs. */
	for (size_t i = 0; i < n; i++) {
		hb_codepoint_t g = 0;
		long adv = hb_font_get_nominal_glyph(f->font, cps[i], &g) ? hb_font_get_glyph_h_advance(f->font, g) : 0;
		int w = per_mille(adv, f->upem);
		out->widths[i] = (uint16_t)(w < 0 ? 0 : w > 0xFFFF ? 0xFFFF : w);
	}
	pdf_metrics(f, &out->metrics);
	return CV_OK;
}

void cv_font_file_fini(cv_font_file *f)
{
	free(f->data);
	free(f->glyphs);
	free(f->widths);
	memset(f, 0, sizeof *f);
}
