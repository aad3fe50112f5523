/* The font set: finds and loads the Latin family (four styles) and the Chinese face, answers coverage
 * and metric questions, measures text with HarfBuzz and subsets faces for embedding.
 * Only faces with TrueType (glyf) outlines are accepted, because libharu cannot embed CFF.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <hb-subset.h>
#include <hb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cv2pdf/text.h"
#include "cv2pdf/util.h"
#include "text_internal.h"

#ifndef CV2PDF_SOURCE_FONT_DIR
#define CV2PDF_SOURCE_FONT_DIR ""
#endif
#ifndef CV2PDF_INSTALL_FONT_DIR
#define CV2PDF_INSTALL_FONT_DIR "/usr/local/share/cv2pdf/fonts"
#endif

/* The shipped faces, by CV_FACE_* index. */
static const char *const shipped_files[CV_FACE_COUNT] = {
	"NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf", "NotoSans-BoldItalic.ttf",
	"wqy-microhei.ttc",
};
static const char *const face_roles[CV_FACE_COUNT] = {
	"Latin regular", "Latin bold", "Latin italic", "Latin bold italic", "Chinese",
};

static bool is_dir_with_fonts(const char *dir)
{
	char path[4096];
	struct stat st;
	if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, shipped_files[0]) >= sizeof path)
		return false;
	return dir[0] && stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The installed fonts relative to the running program: a tree installed under another prefix than
 * the one configured (cmake --install --prefix DIR, a relocated package) still finds its own fonts.
 * The path is kept in static storage; font sets are made one at a time, on one thread. */
static const char *relative_font_dir(void)
{
	static char dir[4096];
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = '\0'; /* the bin directory */
	if ((size_t)snprintf(dir, sizeof dir, "%s/../share/cv2pdf/fonts", exe) >= sizeof dir)
		return NULL;
	return is_dir_with_fonts(dir) ? dir : NULL;
}

const char *cv_font_dir(void)
{
	const char *env = getenv("CV2PDF_FONT_DIR");
	if (env && *env)
		return env;
	const char *rel = relative_font_dir();
	if (rel)
		return rel;
	if (is_dir_with_fonts(CV2PDF_SOURCE_FONT_DIR))
		return CV2PDF_SOURCE_FONT_DIR;
	return CV2PDF_INSTALL_FONT_DIR;
}

static bool looks_like_path(const char *s)
{
	size_t n = strlen(s);
	return strchr(s, '/') || (n > 4 && (strcmp(s + n - 4, ".ttf") == 0 || strcmp(s + n - 4, ".ttc") == 0 ||
					     strcmp(s + n - 4, ".otf") == 0));
}

/* fc_find's answers besides a collection index. */
#define FC_NOT_INSTALLED (-1)
#define FC_ONLY_CFF (-2)

/* Asks fontconfig for a TrueType-outline face of family with the given style bits. On success
 * writes the file into path and returns its collection index; otherwise FC_NOT_INSTALLED, or
 * FC_ONLY_CFF when the family exists but only with CFF outlines, which libharu cannot embed. *cfg is
 * a private fontconfig configuration, loaded on first use; the caller destroys it. A private one
 * rather than the library's global, which lives until FcFini (which a library must not call, as
 * the program may use fontconfig too): so a run leaves nothing allocated. */
static int fc_find(FcConfig **cfg, const char *family, unsigned style, char *path, size_t cap)
{
	if (!*cfg)
		*cfg = FcInitLoadConfigAndFonts();
	if (!*cfg)
		return FC_NOT_INSTALLED;
	FcPattern *pat = FcPatternCreate();
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
	FcPatternAddInteger(pat, FC_WEIGHT, (style & CV_BOLD) ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
	FcPatternAddInteger(pat, FC_SLANT, (style & CV_ITALIC) ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
	FcConfigSubstitute(*cfg, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	FcResult res;
	FcFontSet *set = FcFontSort(*cfg, pat, FcFalse, NULL, &res);
	int found = FC_NOT_INSTALLED;
	bool truetype_seen = false, other_seen = false;
	for (int i = 0; set && i < set->nfont && found < 0; i++) {
		FcChar8 *fam = NULL, *file = NULL, *fmt = NULL;
		int index = 0, weight = 0, slant = 0;
		FcPattern *f = set->fonts[i];
		if (FcPatternGetString(f, FC_FAMILY, 0, &fam) != FcResultMatch ||
		    FcPatternGetString(f, FC_FILE, 0, &file) != FcResultMatch)
			continue;
		/* FcFontSort returns every font, best first: stop at the first of another family rather than
		 * silently substituting a different typeface for the one the user named. */
		if (strcasecmp((const char *)fam, family) != 0)
			continue;
		if (FcPatternGetString(f, FC_FONTFORMAT, 0, &fmt) == FcResultMatch &&
		    strcmp((const char *)fmt, "TrueType") != 0) {
			other_seen = true;
			continue;
		}
		truetype_seen = true;
		FcPatternGetInteger(f, FC_INDEX, 0, &index);
		FcPatternGetInteger(f, FC_WEIGHT, 0, &weight);
		FcPatternGetInteger(f, FC_SLANT, 0, &slant);
		if (((style & CV_BOLD) != 0) != (weight >= FC_WEIGHT_DEMIBOLD) ||
		    ((style & CV_ITALIC) != 0) != (slant != FC_SLANT_ROMAN))
			continue;
		snprintf(path, cap, "%s", (const char *)file);
		found = index;
	}
	if (set)
		FcFontSetDestroy(set);
	FcPatternDestroy(pat);
	return found < 0 && other_seen && !truetype_seen ? FC_ONLY_CFF : found;
}

static bool has_glyf_outlines(hb_face_t *face)
{
	hb_blob_t *glyf = hb_face_reference_table(face, HB_TAG('g', 'l', 'y', 'f'));
	bool ok = hb_blob_get_length(glyf) > 0;
	hb_blob_destroy(glyf);
	return ok;
}

static int load_face(cv_face *f, const char *path, unsigned index, const char *role, cv_span span,
		     cv_diags *d)
{
	/* Only regular files: a FIFO or a device named as a font would block or never end. */
	struct stat st;
	bool found = stat(path, &st) == 0;
	if (!found || !S_ISREG(st.st_mode)) {
		cv_diag_add(d, CV_ERROR, "font-missing", span, "cannot read the %s font \"%s\": %s", role, path,
			    !found ? strerror(errno) : S_ISDIR(st.st_mode) ? strerror(EISDIR) : "not a regular file");
		return CV_EFONT;
	}
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
	if (!blob) {
		cv_diag_add(d, CV_ERROR, "font-missing", span, "cannot read the %s font \"%s\"", role, path);
		return CV_EFONT;
	}
	if (index >= hb_face_count(blob)) {
		cv_diag_add(d, CV_ERROR, "font-invalid", span, "\"%s\" is not a font file (%s face)", path, role);
		hb_blob_destroy(blob);
		return CV_EFONT;
	}
	hb_face_t *face = hb_face_create(blob, index);
	if (!has_glyf_outlines(face)) {
		cv_diag_add(d, CV_ERROR, "font-not-truetype", span,
			    "the %s font \"%s\" has no TrueType outlines (CFF fonts cannot be embedded)", role,
			    path);
		hb_face_destroy(face);
		hb_blob_destroy(blob);
		return CV_EFONT;
	}
	f->blob = blob;
	f->face = face;
	f->font = hb_font_create(face);
	f->index = index;
	f->upem = hb_face_get_upem(face);
	hb_font_set_scale(f->font, (int)f->upem, (int)f->upem);
	hb_font_extents_t ext;
	hb_font_get_h_extents(f->font, &ext);
	f->ascender = (float)ext.ascender / (float)f->upem;
	f->descender = (float)ext.descender / (float)f->upem;
	f->path = cv_xstrdup(path);
	/* A short PDF font name derived from the file name, so that pdffonts shows which face is which. */
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strcspn(base, ".");
	f->name = cv_xmalloc(n + 1);
	for (size_t i = 0; i < n; i++)
		f->name[i] = (char)(((base[i] >= 'A' && base[i] <= 'Z') || (base[i] >= 'a' && base[i] <= 'z') ||
				     (base[i] >= '0' && base[i] <= '9'))
					    ? base[i]
					    : '-');
	f->name[n] = '\0';
	return CV_OK;
}

/* Resolves the face for one role: a file path, a fontconfig family, or the shipped file. */
static int resolve_face(cv_fontset *fs, FcConfig **cfg, int role, const char *font_dir, const char *want,
			cv_span span, cv_diags *d)
{
	char path[4096];
	int index = 0;
	if (!want) {
		snprintf(path, sizeof path, "%s/%s", font_dir, shipped_files[role]);
	} else if (looks_like_path(want)) {
		/* A file names one face, so every style of a file-given family comes from it. A relative
		 * path is relative to the file that names it, as the photo's is. */
		char *beside = cv_path_beside(span.file, want);
		snprintf(path, sizeof path, "%s", beside);
		free(beside);
	} else {
		unsigned style = role == CV_FACE_CJK ? 0 : (unsigned)role;
		index = fc_find(cfg, want, style, path, sizeof path);
		if (index < 0 && style != 0)
			index = fc_find(cfg, want, 0, path, sizeof path); /* no such style: use regular */
		if (index == FC_ONLY_CFF) {
			cv_diag_add(d, CV_ERROR, "font-not-truetype", span,
				    "font family \"%s\" is installed only with CFF (PostScript) outlines, which cannot "
				    "be embedded; choose a TrueType font (%s face)",
				    want, face_roles[role]);
			return CV_EFONT;
		}
		if (index < 0) {
			cv_diag_add(d, CV_ERROR, "font-not-found", span, "no font of family \"%s\" is installed (%s face)",
				    want, face_roles[role]);
			return CV_EFONT;
		}
	}
	return load_face(&fs->faces[role], path, (unsigned)index, face_roles[role], span, d);
}

cv_fontset *cv_fontset_new(const cv_font_request *req, cv_diags *d)
{
	/* HarfBuzz makes its default language (from the locale) lazily, on the first shaping call. Make it
	 * here, on the thread that creates the font set, so threads that shape with the set later only
	 * read it (ThreadSanitizer cannot see the atomics HarfBuzz publishes it with). */
	(void)hb_language_get_default();
	cv_fontset *fs = cv_xcalloc(1, sizeof *fs);
	fs->serial = cv_shape_serial();
	const char *dir = req && req->font_dir ? req->font_dir : cv_font_dir();
	cv_span none = {0};
	int rc = CV_OK;
	bool shipped = false; /* the face that failed is a shipped one */
	FcConfig *cfg = NULL;
	for (int role = 0; role < CV_FACE_COUNT && rc == CV_OK; role++) {
		bool cjk = role == CV_FACE_CJK;
		const char *want = req ? (cjk ? req->cjk : req->latin) : NULL;
		cv_span span = req ? (cjk ? req->cjk_span : req->latin_span) : none;
		rc = resolve_face(fs, &cfg, role, dir, want, span, d);
		shipped = !want;
		if (want)
			fs->faces[role].span = span;
	}
	if (cfg)
		FcConfigDestroy(cfg);
	if (rc != CV_OK) {
		/* Where the shipped fonts were looked for helps only when one of them is missing. */
		if (shipped && (!req || !req->font_dir))
			cv_diag_add(d, CV_NOTE, "font-dir", none,
				    "shipped fonts are looked for in \"%s\"; set CV2PDF_FONT_DIR to override", dir);
		cv_fontset_free(fs);
		return NULL;
	}
	return fs;
}

void cv_fontset_free(cv_fontset *fs)
{
	if (!fs)
		return;
	for (int i = CV_FACE_COUNT - 1; i >= 0; i--) {
		cv_face *f = &fs->faces[i];
		hb_font_destroy(f->font);
		hb_face_destroy(f->face);
		hb_blob_destroy(f->blob);
		free(f->path);
		free(f->name);
	}
	free(fs);
	/* The calling thread's shaping cache goes too, so a program that frees its fonts leaves nothing
	 * allocated (other threads free theirs when they end). */
	cv_text_thread_fini();
}

const unsigned char *cv_fontset_data(const cv_fontset *fs, int face, size_t *len, unsigned *index)
{
	unsigned n = 0;
	const char *data = hb_blob_get_data(fs->faces[face].blob, &n);
	*len = n;
	*index = fs->faces[face].index;
	return (const unsigned char *)data;
}

const char *cv_fontset_name(const cv_fontset *fs, int face)
{
	return fs->faces[face].name;
}

const char *cv_fontset_path(const cv_fontset *fs, int face)
{
	return fs->faces[face].path;
}

cv_span cv_fontset_span(const cv_fontset *fs, int face)
{
	return fs->faces[face].span;
}

bool cv_fontset_has(const cv_fontset *fs, int face, uint32_t cp)
{
	hb_codepoint_t g;
	return hb_font_get_nominal_glyph(fs->faces[face].font, cp, &g) != 0;
}

void cv_fontset_metrics(const cv_fontset *fs, int face, float *ascender, float *descender)
{
	*ascender = fs->faces[face].ascender;
	*descender = fs->faces[face].descender;
}

unsigned char *cv_font_subset(const cv_fontset *fs, int face, const uint32_t *cps, size_t n, size_t *len)
{
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	if (!in)
		return NULL;
	hb_set_t *unicodes = hb_subset_input_unicode_set(in);
	for (size_t i = 0; i < n; i++)
		hb_set_add(unicodes, cps[i]);
	/* The PDF needs outlines, metrics and the cmap only: layout tables would be dead weight since
	 * positions are already computed, and hinting is useless at print resolution. */
	hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	static const hb_tag_t dropped[] = {
		HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
		HB_TAG('k', 'e', 'r', 'n'), HB_TAG('f', 'p', 'g', 'm'), HB_TAG('p', 'r', 'e', 'p'),
		HB_TAG('c', 'v', 't', ' '), HB_TAG('g', 'a', 's', 'p'), HB_TAG('D', 'S', 'I', 'G'),
		HB_TAG('h', 'd', 'm', 'x'), HB_TAG('V', 'D', 'M', 'X'), HB_TAG('L', 'T', 'S', 'H'),
	};
	for (size_t i = 0; i < sizeof dropped / sizeof dropped[0]; i++)
		hb_set_add(drop, dropped[i]);
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
	hb_face_t *sub = hb_subset_or_fail(fs->faces[face].face, in);
	hb_subset_input_destroy(in);
	if (!sub)
		return NULL;
	hb_blob_t *blob = hb_face_reference_blob(sub);
	unsigned blen = 0;
	const char *data = hb_blob_get_data(blob, &blen);
	unsigned char *out = NULL;
	if (data && blen) {
		out = cv_xmalloc(blen);
		memcpy(out, data, blen);
		*len = blen;
	}
	hb_blob_destroy(blob);
	hb_face_destroy(sub);
	return out;
}

float cv_text_measure(const cv_fontset *fs, int face, float size, const char *text, size_t len)
{
	hb_glyph_position_t *pos;
	unsigned n = cv_shape(fs, face, text, len, NULL, &pos);
	long total = 0;
	for (unsigned i = 0; i < n; i++)
		total += pos[i].x_advance;
	return (float)total * size / (float)fs->faces[face].upem;
}
