/* Unit tests of font embedding (src/text/embed.c, outline.c, sfnt.c): the cubic-to-quadratic split
 * stays within its tolerance, the cmap builder maps what it is given, and every embedded font, from a
 * CFF, a variable or a TrueType face, draws each character as the original face does: both are
 * rasterised with FreeType and compared pixel by pixel. Needs the fonts scripts/dev.sh installs
 * (fonts-noto-cjk, fonts-hanazono, fonts-inter-variable); a missing one fails loudly.
 * SPDX-License-Identifier: MIT */
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include FT_TRUETYPE_TAGS_H
#include FT_ADVANCES_H
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/text.h"
#include "cv2pdf/util.h"
#include "font_internal.h"
#include "harness.h"
#include "text_internal.h"

/* ---- The cubic split ------------------------------------------------------------------------ */

static void bezier3(const double p[4][2], double t, double out[2])
{
	double u = 1 - t;
	for (int k = 0; k < 2; k++)
		out[k] = u * u * u * p[0][k] + 3 * u * u * t * p[1][k] + 3 * u * t * t * p[2][k] + t * t * t * p[3][k];
}

/* The largest distance, sampled, between the cubic and its quadratic pieces at matching parameters
 * (the bound the split guarantees), and the piece count. */
static double split_error(const double c[4][2], double tol, int *pieces)
{
	double ctrl[2 * CV_CUBIC_PIECES_MAX], end[2 * CV_CUBIC_PIECES_MAX];
	int n = cv_cubic_to_quads(c[0], c[1], c[2], c[3], tol, ctrl, end);
	double worst = 0, a[2] = {c[0][0], c[0][1]};
	for (int i = 0; i < n; i++) {
		for (int s = 0; s <= 64; s++) {
			double v = s / 64.0, u = 1 - v, q[2], want[2];
			for (int k = 0; k < 2; k++)
				q[k] = u * u * a[k] + 2 * u * v * ctrl[2 * i + k] + v * v * end[2 * i + k];
			bezier3(c, (i + v) / n, want);
			double d = hypot(q[0] - want[0], q[1] - want[1]);
			worst = d > worst ? d : worst;
		}
		a[0] = end[2 * i], a[1] = end[2 * i + 1];
	}
	*pieces = n;
	return worst;
}

static void test_cubic_split(void)
{
	static const double curves[][4][2] = {
		{{0, 0}, {0, 552}, {448, 1000}, {1000, 1000}},   /* a quarter circle-like arc, 1000 units */
		{{0, 0}, {600, -400}, {-400, 400}, {200, 0}},    /* an S with an inflection */
		{{10, 10}, {40, 40}, {70, 70}, {100, 100}},      /* a straight line written as a cubic */
		{{0, 0}, {5, 30}, {25, 30}, {30, 0}},            /* a small bump, as in a serif */
	};
	for (size_t i = 0; i < sizeof curves / sizeof curves[0]; i++) {
		int n_coarse, n_fine;
		double e_coarse = split_error(curves[i], 0.5, &n_coarse);
		double e_fine = split_error(curves[i], 0.05, &n_fine);
		OK(e_coarse <= 0.5 + 1e-9, "curve %zu: error %.4f over the tolerance 0.5 (%d pieces)", i, e_coarse, n_coarse);
		OK(e_fine <= 0.05 + 1e-9, "curve %zu: error %.4f over the tolerance 0.05 (%d pieces)", i, e_fine, n_fine);
		OK(n_fine >= n_coarse, "curve %zu: a finer tolerance needs at least as many pieces", i);
	}
	int n;
	split_error(curves[2], 0.5, &n);
	INT_EQ(n, 1, "a straight cubic is one piece");
	split_error(curves[0], 0.5, &n);
	OK(n > 1 && n < 8, "the 1000-unit arc takes a few pieces, not %d", n);
}

/* ---- Embedded fonts against their originals ------------------------------------------------ */

/* Pixels per em of the comparison: large enough that an outline moved by 1/100 em shows. */
#define PPEM 96
#define CANVAS (2 * PPEM)

/* The largest difference allowed, as a share of a glyph's ink. Rounding points to whole font units
 * moves edges by up to 0.05 px at PPEM, which the full-width colon of Noto Serif CJK (two small dots,
 * much edge and little ink) shows as 1.9 %; taking the midpoint of the cubic's two control points as
 * the quadratic one instead (a plausible mistake) gives up to 11.6 % and fails 30 glyphs. */
#define MAX_DIFFERENCE 0.03

/* Renders glyph g of face, unhinted, onto a CANVAS x CANVAS grey canvas with the origin at
 * (PPEM/2, 3*PPEM/2); returns its advance in 26.6 pixels. */
static long render(FT_Face face, unsigned g, unsigned char *canvas)
{
	memset(canvas, 0, CANVAS * CANVAS);
	if (FT_Load_Glyph(face, g, FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP | FT_LOAD_RENDER) != 0)
		return -1;
	FT_GlyphSlot s = face->glyph;
	for (unsigned r = 0; r < s->bitmap.rows; r++)
		for (unsigned c = 0; c < s->bitmap.width; c++) {
			int x = PPEM / 2 + s->bitmap_left + (int)c, y = 3 * PPEM / 2 - s->bitmap_top + (int)r;
			if (x >= 0 && x < CANVAS && y >= 0 && y < CANVAS)
				canvas[y * CANVAS + x] = s->bitmap.buffer[r * (unsigned)s->bitmap.pitch + c];
		}
	return s->advance.x;
}

/* Difference of two renderings as a share of their ink: sum |a - b| / sum max(a, b). */
static double difference(const unsigned char *a, const unsigned char *b)
{
	double diff = 0, ink = 0;
	for (size_t i = 0; i < CANVAS * CANVAS; i++) {
		diff += abs(a[i] - b[i]);
		ink += a[i] > b[i] ? a[i] : b[i];
	}
	return ink > 0 ? diff / ink : 0;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* Embeds text's characters from face `role` of a font set asked for with req, and compares every
 * glyph of the result with the original face's, both rendered by FreeType. Returns the worst
 * difference. */
static double check_embedding(const char *what, const cv_font_request *req, int role, const char *text,
			      bool want_glyf_path)
{
	cv_diags *d = cv_diags_new();
	cv_fontset *fs = cv_fontset_new(req, d);
	OK(fs != NULL, "%s: font set (install the fonts: bash scripts/dev.sh test)", what);
	if (!fs) {
		cv_diags_free(d);
		return 1;
	}
	const cv_face *face = &fs->faces[role];
	INT_EQ(face->glyf, want_glyf_path, "which way the face is embedded");
	uint32_t cps[128];
	size_t n = 0, len = strlen(text);
	for (size_t i = 0; i < len && n < 128;)
		cps[n++] = cv_utf8_next(text, len, &i);
	qsort(cps, n, sizeof *cps, cmp_u32);
	cv_font_file file;
	int rc = cv_font_embed(fs, role, cps, n, "TestFont-Embedded", &file, d);
	INT_EQ(rc, CV_OK, "cv_font_embed");
	INT_EQ(cv_diags_count(d), 0, "no diagnostics");
	double worst = 0;
	FT_Library lib;
	FT_Face orig = NULL, conv = NULL;
	FT_Init_FreeType(&lib);
	OK(FT_New_Face(lib, face->path, (FT_Long)(face->index | face->instance << 16), &orig) == 0, "%s: original", what);
	OK(rc == CV_OK && FT_New_Memory_Face(lib, file.data, (FT_Long)file.len, 0, &conv) == 0, "%s: embedded font", what);
	if (orig) {
		/* The descriptor's ItalicAngle is the face's post italicAngle (none of these faces has a slant
		 * axis, which would take its place). */
		const TT_Postscript *post = FT_Get_Sfnt_Table(orig, FT_SFNT_POST);
		double want = post ? (double)post->italicAngle / 65536.0 : 0;
		OK(fabs(file.metrics.italic_angle - want) < 1e-3, "%s: italic angle %.3f, the font says %.3f", what,
		   (double)file.metrics.italic_angle, want);
	}
	if (orig && conv) {
		FT_ULong glyf = 0, cff = 0;
		FT_Load_Sfnt_Table(conv, TTAG_glyf, 0, NULL, &glyf);
		FT_Load_Sfnt_Table(conv, TTAG_CFF, 0, NULL, &cff);
		OK(glyf > 0 && cff == 0, "%s: TrueType outlines only", what);
		FT_Set_Pixel_Sizes(orig, PPEM, PPEM);
		FT_Set_Pixel_Sizes(conv, PPEM, PPEM);
		unsigned char *a = cv_xmalloc(CANVAS * CANVAS), *b = cv_xmalloc(CANVAS * CANVAS);
		for (size_t i = 0; i < n; i++) {
			unsigned g0 = FT_Get_Char_Index(orig, cps[i]), g1 = file.glyphs[i];
			OK(g0 != 0, "%s: U+%04X is in the original", what, (unsigned)cps[i]);
			OK(g1 != 0 && g1 < (unsigned)conv->num_glyphs, "%s: U+%04X (glyph %u) is in the embedded font", what,
			   (unsigned)cps[i], g1);
			/* The PDF's width array says the advance HarfBuzz measured, in thousandths of an em. */
			FT_Fixed units = 0;
			FT_Get_Advance(conv, g1, FT_LOAD_NO_SCALE, &units);
			long want = lround((double)units * 1000 / conv->units_per_EM);
			OK(labs((long)file.widths[i] - want) <= 1, "%s: U+%04X width %u, the font says %ld", what, (unsigned)cps[i],
			   file.widths[i], want);
			long adv0 = render(orig, g0, a), adv1 = render(conv, g1, b);
			OK(labs(adv0 - adv1) <= 1, "%s: U+%04X advance %ld vs %ld (1/64 px)", what, (unsigned)cps[i], adv0, adv1);
			double diff = difference(a, b);
			worst = diff > worst ? diff : worst;
			OK(diff < MAX_DIFFERENCE, "%s: U+%04X differs from the original by %.1f%% of its ink", what, (unsigned)cps[i],
			   100 * diff);
		}
		/* The measure can fail: two different characters are far apart. */
		if (n >= 2) {
			render(orig, FT_Get_Char_Index(orig, cps[n - 1]), a);
			render(conv, file.glyphs[n - 2], b);
			OK(difference(a, b) > 0.3, "%s: two different glyphs compare as different", what);
		}
		free(a);
		free(b);
	}
	if (conv)
		FT_Done_Face(conv);
	if (orig)
		FT_Done_Face(orig);
	FT_Done_FreeType(lib);
	cv_font_file_fini(&file);
	cv_fontset_free(fs);
	cv_diags_free(d);
	return worst;
}

static void test_embeddings(void)
{
	static const char han[] = "张三李四清华大学计算机软件工程师，。：（）“”《》、教育经历项目";
	char text[512];
	/* CFF (Source Han Serif), with a character above U+FFFF through a private-use code. */
	snprintf(text, sizeof text, "%sAg1&\xF0\xA0\xAE\xB7", han);
	double w = check_embedding("Noto Serif CJK SC", &(cv_font_request){.font_dir = CV2PDF_TEST_FONT_DIR, .cjk = "Noto Serif CJK SC"},
				   CV_FACE_CJK, text, false);
	printf("Noto Serif CJK SC: worst glyph differs by %.2f%% of its ink\n", 100 * w);
	w = check_embedding("Noto Sans CJK SC bold", &(cv_font_request){.font_dir = CV2PDF_TEST_FONT_DIR, .cjk = "Noto Sans CJK SC"},
			    CV_FACE_CJK_BOLD, text, false);
	printf("Noto Sans CJK SC Bold: worst glyph differs by %.2f%% of its ink\n", 100 * w);
	/* TrueType through HarfBuzz's subset, characters above U+FFFF only (CJK Extension B). */
	w = check_embedding("HanaMinB", &(cv_font_request){.font_dir = CV2PDF_TEST_FONT_DIR, .cjk = "HanaMinB"}, CV_FACE_CJK,
			    "\xF0\xA0\xAE\xB7\xF0\xA1\x92\x84\xF0\xA8\x9A\x95", true);
	printf("HanaMinB: worst glyph differs by %.2f%% of its ink\n", 100 * w);
	/* A variable TrueType font, at its default instance and at the named instance Bold. */
	static const char latin[] = "Hamburgefonstiv QRWZ 0123 &@";
	w = check_embedding("Inter", &(cv_font_request){.font_dir = CV2PDF_TEST_FONT_DIR, .latin = "Inter"},
			    CV_FACE_LATIN_REGULAR, latin, false);
	printf("Inter (variable, default): worst glyph differs by %.2f%% of its ink\n", 100 * w);
	w = check_embedding("Inter Bold", &(cv_font_request){.font_dir = CV2PDF_TEST_FONT_DIR, .latin = "Inter"},
			    CV_FACE_LATIN_BOLD, latin, false);
	printf("Inter (variable, named instance Bold): worst glyph differs by %.2f%% of its ink\n", 100 * w);
	/* The shipped TrueType face, with an empty glyph (the space). */
	check_embedding("Noto Sans", &(cv_font_request){.font_dir = CV2PDF_TEST_FONT_DIR}, CV_FACE_LATIN_REGULAR,
			"Quick brown fox", true);
	check_embedding("Noto Sans Italic", &(cv_font_request){.font_dir = CV2PDF_TEST_FONT_DIR}, CV_FACE_LATIN_ITALIC,
			"Quick brown fox", true);
}

/* Font choice: a CJK family with a real bold face gets it; a family list gives fallbacks. */
static void test_cjk_faces(void)
{
	cv_diags *d = cv_diags_new();
	cv_fontset *fs = cv_fontset_new(&(cv_font_request){.font_dir = CV2PDF_TEST_FONT_DIR,
							  .cjk = "Noto Serif CJK SC, HanaMinB"}, d);
	OK(fs != NULL, "Noto Serif CJK SC with HanaMinB as fallback");
	if (fs) {
		STR_EQ(cv_fontset_name(fs, CV_FACE_CJK), "NotoSerifCJK-Regular", "the Chinese face");
		STR_EQ(cv_fontset_name(fs, CV_FACE_CJK_BOLD), "NotoSerifCJK-Bold", "its real bold face");
		STR_EQ(cv_fontset_name(fs, CV_FACE_FALLBACK), "HanaMinB", "the fallback");
		OK(!cv_fontset_present(fs, CV_FACE_FALLBACK + 1), "no second fallback");
		OK(cv_fontset_has(fs, CV_FACE_FALLBACK, 0x21484), "the fallback covers U+21484");
		cv_fontset_free(fs);
	}
	fs = cv_fontset_new(&(cv_font_request){.font_dir = CV2PDF_TEST_FONT_DIR}, d);
	OK(fs && !cv_fontset_present(fs, CV_FACE_CJK_BOLD), "the shipped WenQuanYi has no bold face");
	INT_EQ(cv_fontset_canonical(fs, CV_FACE_CJK), CV_FACE_CJK, "a face of its own");
	cv_fontset_free(fs);
	fs = cv_fontset_new(&(cv_font_request){.font_dir = CV2PDF_TEST_FONT_DIR, .latin = "Noto Sans CJK SC",
					       .cjk = "Noto Sans CJK SC"}, d);
	OK(fs != NULL, "one CFF family for Latin and Chinese");
	if (fs) {
		INT_EQ(cv_fontset_canonical(fs, CV_FACE_CJK), CV_FACE_LATIN_REGULAR, "Chinese and Latin share a font");
		INT_EQ(cv_fontset_canonical(fs, CV_FACE_CJK_BOLD), CV_FACE_LATIN_BOLD, "and so do the bold faces");
		/* Six roles, two faces: each face is mapped and given to HarfBuzz once. */
		const cv_face *f = fs->faces;
		OK(f[CV_FACE_CJK].blob == f[CV_FACE_LATIN_REGULAR].blob && f[CV_FACE_CJK].face == f[CV_FACE_LATIN_REGULAR].face &&
		   f[CV_FACE_CJK].font == f[CV_FACE_LATIN_REGULAR].font, "the Chinese role shares the Latin regular face");
		/* A family without italics: both italic roles take the regular face. */
		OK(f[CV_FACE_LATIN_ITALIC].font == f[CV_FACE_LATIN_REGULAR].font &&
		   f[CV_FACE_LATIN_BOLD_ITALIC].font == f[CV_FACE_LATIN_REGULAR].font &&
		   f[CV_FACE_CJK_BOLD].font == f[CV_FACE_LATIN_BOLD].font, "the italics and the Chinese bold share theirs");
		OK(f[CV_FACE_LATIN_BOLD].blob != f[CV_FACE_LATIN_REGULAR].blob, "the bold face is another file");
		cv_fontset_free(fs);
	}
	/* Two faces of one collection: one mapping, a face each. */
	fs = cv_fontset_new(&(cv_font_request){.font_dir = CV2PDF_TEST_FONT_DIR,
					       .latin = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc:0",
					       .cjk = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc:2"}, d);
	OK(fs != NULL, "two faces of a .ttc by number");
	if (fs) {
		const cv_face *f = fs->faces;
		OK(f[CV_FACE_CJK].blob == f[CV_FACE_LATIN_REGULAR].blob, "the collection is mapped once");
		OK(f[CV_FACE_CJK].face != f[CV_FACE_LATIN_REGULAR].face && f[CV_FACE_CJK].index == 2 &&
		   f[CV_FACE_LATIN_REGULAR].index == 0, "each face is its own");
		OK(cv_fontset_has(fs, CV_FACE_CJK, 0x4E2D) && cv_fontset_has(fs, CV_FACE_LATIN_REGULAR, 0x4E2D),
		   "both answer for their characters");
		cv_fontset_free(fs);
	}
	/* A collection by file and face number: face 2 of Noto Serif CJK is the SC one. */
	fs = cv_fontset_new(&(cv_font_request){.font_dir = CV2PDF_TEST_FONT_DIR,
					       .cjk = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc:2"}, d);
	OK(fs != NULL, "a .ttc face by number");
	if (fs) {
		INT_EQ(fs->faces[CV_FACE_CJK].index, 2, "face 2");
		OK(!cv_fontset_present(fs, CV_FACE_CJK_BOLD), "a file has no bold face: fake bold");
		cv_fontset_free(fs);
	}
	INT_EQ(cv_diags_count(d), 0, "no diagnostics");
	cv_diags_free(d);
}

int main(void)
{
	test_cubic_split();
	test_embeddings();
	test_cjk_faces();
	cv_text_thread_fini(); /* this thread's shaping cache, which freeing the font sets leaves */
	return harness_summary();
}
