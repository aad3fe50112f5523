/* The font set: finds and loads the Latin family (four styles), the Chinese face (and its bold, when
 * the family has one) and fallback faces, answers coverage and metric questions, measures text with
 * HarfBuzz and subsets faces for embedding. Faces with TrueType, CFF or CFF2 outlines are accepted;
 * embed.c turns the latter into TrueType for the PDF writer.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <hb-ot.h>
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

/* Where the shipped fonts are installed: the folder a caller that names none gets
 * (CMAKE_INSTALL_FULL_DATADIR/cv2pdf/fonts). Never the build tree's: an installed program must carry
 * no path of the machine it was built on. */
#ifndef CV2PDF_INSTALL_FONT_DIR
#define CV2PDF_INSTALL_FONT_DIR "/usr/local/share/cv2pdf/fonts"
#endif

/* The shipped faces, by CV_FACE_* index (WenQuanYi has no bold, and nothing falls back further). */
static const char *const shipped_files[CV_FACE_COUNT] = {
	"NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf", "NotoSans-BoldItalic.ttf",
	"wqy-microhei.ttc", NULL, NULL, NULL, NULL,
};
/* The shipped Latin families, four files each by style (regular, bold, italic, bold italic). A family
 * asked for by one of these names takes the shipped files, whatever is installed, so a theme that
 * names one looks the same on every machine. The first is the default. */
static const struct {
	const char *family;
	const char *files[4];
} shipped_latin[] = {
	{"Noto Sans", {"NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf", "NotoSans-BoldItalic.ttf"}},
	{"Noto Serif", {"NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf", "NotoSerif-Italic.ttf", "NotoSerif-BoldItalic.ttf"}},
};
enum { SHIPPED_SANS, SHIPPED_SERIF };
/* The shipped Chinese family, taken for a Chinese family that is not installed. */
#define SHIPPED_CJK_FAMILY "WenQuanYi Micro Hei"

/* Serif families a résumé names (RenderCV's themes use several): one that is not installed is
 * replaced by the shipped serif, any other by the shipped sans. An entry matches a family that starts
 * with it ("Crimson" covers "Crimson Pro"); a family with "Serif" in its name and no "Sans" is serif. */
static const char *const serif_families[] = {
	"XCharter", "Charter", "Bitstream Charter", "EB Garamond", "Garamond", "New Computer Modern", "Latin Modern Roman",
	"Latin Modern Serif", "Computer Modern", "CMU Serif", "Libertinus Serif", "Linux Libertine", "Gentium", "Georgia",
	"Times", "Cambria", "Didot", "Playfair", "Palatino", "Book Antiqua", "Baskerville", "Crimson", "Lora",
	"Merriweather", "PT Serif", "Source Serif", "STIX", "TeX Gyre Termes", "TeX Gyre Pagella", "TeX Gyre Schola",
	"Tinos", "Cormorant", "Spectral", "Alegreya", "Fontin", "Minion", "Caslon", "Bodoni", "Cardo", NULL,
};

static bool is_serif_family(const char *family)
{
	for (size_t i = 0; serif_families[i]; i++)
		if (!strncasecmp(family, serif_families[i], strlen(serif_families[i])))
			return true;
	return strcasestr(family, "serif") && !strcasestr(family, "sans");
}

/* The shipped family called family, or -1. */
static int shipped_family(const char *family)
{
	for (size_t i = 0; family && i < sizeof shipped_latin / sizeof shipped_latin[0]; i++)
		if (!strcasecmp(family, shipped_latin[i].family))
			return (int)i;
	return -1;
}
static const char *const face_roles[CV_FACE_COUNT] = {
	"Latin regular", "Latin bold", "Latin italic", "Latin bold italic", "Chinese", "Chinese bold",
	"fallback", "fallback", "fallback",
};

bool cv_font_dir_ok(const char *dir)
{
	char path[4096];
	struct stat st;
	if (!dir || !dir[0] || (size_t)snprintf(path, sizeof path, "%s/%s", dir, shipped_files[0]) >= sizeof path)
		return false;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool looks_like_path(const char *s)
{
	size_t n = strlen(s);
	if (strchr(s, '/'))
		return true;
	static const char *const exts[] = {".ttf", ".ttc", ".otf", ".otc"};
	for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
		if (n > 4 && strcasecmp(s + n - 4, exts[i]) == 0)
			return true;
	return false;
}

/* Splits "FILE:N" (N: a face of a collection, from 0) into the file and the index when FILE exists;
 * anything else is the file itself, face 0. Returns whether the request names a file at all. */
static bool split_index(const char *want, char *path, size_t cap, unsigned *index)
{
	*index = 0;
	const char *colon = strrchr(want, ':');
	size_t digits = colon ? strlen(colon + 1) : 0;
	if (colon && digits > 0 && digits <= 5 && strspn(colon + 1, "0123456789") == digits) {
		struct stat st;
		snprintf(path, cap, "%.*s", (int)(colon - want), want);
		if (stat(path, &st) == 0) {
			*index = (unsigned)atoi(colon + 1);
			return true;
		}
	}
	snprintf(path, cap, "%s", want);
	return looks_like_path(want);
}

/* fc_find's answers besides a face index. */
#define FC_NOT_INSTALLED (-1)
#define FC_ONLY_UNUSABLE (-2)

/* Font formats fontconfig reports that can be embedded: TrueType outlines as they are, CFF ones
 * rewritten as TrueType (embed.c). Type 1, bitmap and the like cannot. */
static bool embeddable_format(const char *fmt)
{
	return strcmp(fmt, "TrueType") == 0 || strcmp(fmt, "CFF") == 0;
}

/* Fontconfig while a font set is resolved: a private configuration rather than the library's global,
 * which lives until FcFini (which a library must not call, as the program may use fontconfig too), so
 * a run leaves nothing allocated; and the fonts of the last family asked for, since the four Latin
 * styles, and the Chinese face and its bold, are all looked up in one family. */
typedef struct fc_ctx {
	FcConfig *cfg; /* loaded on first use */
	char *family;
	FcFontSet *fonts; /* every installed face of family */
} fc_ctx;

static void fc_ctx_fini(fc_ctx *fc)
{
	if (fc->fonts)
		FcFontSetDestroy(fc->fonts);
	if (fc->cfg)
		FcConfigDestroy(fc->cfg);
	free(fc->family);
}

/* Asks fontconfig for an embeddable face of family with the given style bits. On success writes the
 * file into path and returns fontconfig's index: the face in a collection, plus a variable font's
 * named instance + 1 in the upper 16 bits. Otherwise FC_NOT_INSTALLED, or FC_ONLY_UNUSABLE when the
 * family exists only in formats that cannot be embedded. Only faces of the family named are
 * considered (never a substitute), listed rather than sorted: FcFontSort scores every installed font
 * and cost more than the whole rest of a run (callgrind). */
/* The configuration and fonts FcInitLoadConfigAndFonts gives, without its pass over the template
 * folder: fontconfig 2.13.93 and later also parse every file of conf.avail (FcConfigParseOnly) for
 * the descriptions fc-conflist shows, 20 more XML files on Debian 12 and a third of the library's
 * cost in a run (10 M instructions), none of which changes what a family lists. A machine without a
 * configuration file, or with one naming no cache folder, gets the library's own set-up, with its
 * fallback configuration and its warnings. */
static FcConfig *load_config(void)
{
	FcConfig *cfg = FcConfigCreate();
	FcStrList *caches = NULL;
	bool ok = cfg && FcConfigParseAndLoad(cfg, NULL, FcFalse) && (caches = FcConfigGetCacheDirs(cfg)) != NULL &&
		  FcStrListNext(caches) != NULL && FcConfigBuildFonts(cfg);
	if (caches)
		FcStrListDone(caches);
	if (ok)
		return cfg;
	if (cfg)
		FcConfigDestroy(cfg);
	return FcInitLoadConfigAndFonts();
}

static int fc_find(fc_ctx *fc, const char *family, unsigned style, char *path, size_t cap)
{
	if (!fc->cfg)
		fc->cfg = load_config();
	if (!fc->cfg)
		return FC_NOT_INSTALLED;
	if (!fc->family || strcmp(fc->family, family) != 0) {
		if (fc->fonts)
			FcFontSetDestroy(fc->fonts);
		free(fc->family);
		fc->family = cv_xstrdup(family);
		FcPattern *pat = FcPatternCreate();
		FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
		FcObjectSet *os = FcObjectSetBuild(FC_FILE, FC_INDEX, FC_WEIGHT, FC_SLANT, FC_WIDTH, FC_FONTFORMAT, (char *)NULL);
		fc->fonts = FcFontList(fc->cfg, pat, os);
		FcObjectSetDestroy(os);
		FcPatternDestroy(pat);
	}
	int found = FC_NOT_INSTALLED, best_dist = 0;
	const FcChar8 *best_file = NULL;
	bool usable_seen = false, other_seen = false;
	int want_weight = (style & CV_BOLD) ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR;
	for (int i = 0; fc->fonts && i < fc->fonts->nfont; i++) {
		FcChar8 *file = NULL, *fmt = NULL;
		int index = 0, weight = FC_WEIGHT_REGULAR, slant = FC_SLANT_ROMAN, width = FC_WIDTH_NORMAL;
		FcPattern *f = fc->fonts->fonts[i];
		if (FcPatternGetString(f, FC_FILE, 0, &file) != FcResultMatch)
			continue;
		if (FcPatternGetString(f, FC_FONTFORMAT, 0, &fmt) == FcResultMatch &&
		    !embeddable_format((const char *)fmt)) {
			other_seen = true;
			continue;
		}
		usable_seen = true;
		FcPatternGetInteger(f, FC_INDEX, 0, &index);
		/* A variable font's own pattern has a weight range, not a number: it stands for its default
		 * instance, taken as regular; its named instances come as patterns of their own. */
		FcPatternGetInteger(f, FC_WEIGHT, 0, &weight);
		FcPatternGetInteger(f, FC_SLANT, 0, &slant);
		FcPatternGetInteger(f, FC_WIDTH, 0, &width);
		if (((style & CV_BOLD) != 0) != (weight >= FC_WEIGHT_DEMIBOLD) ||
		    ((style & CV_ITALIC) != 0) != (slant != FC_SLANT_ROMAN))
			continue;
		/* The weight nearest the one asked for (Regular over Light, Bold over Black), then the
		 * width nearest normal (not Condensed); on a tie the first file and face, so the choice does
		 * not depend on the order fontconfig lists them in. */
		int dist = 1000 * abs(weight - want_weight) + abs(width - FC_WIDTH_NORMAL);
		int order = best_file ? strcmp((const char *)file, (const char *)best_file) : -1;
		if (found < 0 || dist < best_dist || (dist == best_dist && (order < 0 || (order == 0 && index < found)))) {
			found = index;
			best_dist = dist;
			best_file = file;
		}
	}
	if (found >= 0)
		snprintf(path, cap, "%s", (const char *)best_file);
	return found < 0 && other_seen && !usable_seen ? FC_ONLY_UNUSABLE : found;
}

static bool has_table(hb_face_t *face, hb_tag_t tag)
{
	hb_blob_t *t = hb_face_reference_table(face, tag);
	bool ok = hb_blob_get_length(t) > 0;
	hb_blob_destroy(t);
	return ok;
}

/* The face in faces[0..n) loaded from path, preferring one at index (the same face), or NULL. */
static const cv_face *loaded_from(const cv_face *faces, int n, const char *path, unsigned index)
{
	const cv_face *file = NULL;
	for (int i = 0; i < n; i++) {
		const cv_face *o = &faces[i];
		if (!o->blob || strcmp(o->path, path) != 0)
			continue;
		if ((o->index | o->instance << 16) == index)
			return o;
		file = file ? file : o;
	}
	return file;
}

/* Loads face `index` of the file: the face in a collection in the lower 16 bits, a variable font's
 * named instance + 1 in the upper ones (as fontconfig and FreeType number them). faces[0..n_faces) are
 * the faces loaded before: a file already mapped is shared, and so is a face already loaded (a
 * family set entirely in Noto Serif CJK SC names two faces for six roles). Each mapping of a 26 MB
 * collection faults its own pages in, and each hb_face builds its own CFF and cmap accelerators. */
static int load_face(cv_face *f, const cv_face *faces, int n_faces, const char *path, unsigned index, const char *role,
		     cv_span span, cv_diags *d)
{
	const cv_face *same = loaded_from(faces, n_faces, path, index);
	if (same && (same->index | same->instance << 16) == index) {
		*f = *same;
		hb_blob_reference(f->blob);
		hb_face_reference(f->face);
		hb_font_reference(f->font);
		f->path = cv_xstrdup(same->path);
		f->name = cv_xstrdup(same->name);
		f->span = (cv_span){0};
		return CV_OK;
	}
	/* Only regular files: a FIFO or a device named as a font would block or never end. */
	struct stat st;
	bool found = same || stat(path, &st) == 0;
	if (!same && (!found || !S_ISREG(st.st_mode))) {
		cv_diag_add(d, CV_ERROR, "font-missing", span, "cannot read the %s font \"%s\": %s", role, path,
			    !found ? strerror(errno) : S_ISDIR(st.st_mode) ? strerror(EISDIR) : "not a regular file");
		return CV_EFONT;
	}
	hb_blob_t *blob = same ? hb_blob_reference(same->blob) : hb_blob_create_from_file_or_fail(path);
	if (!blob) {
		cv_diag_add(d, CV_ERROR, "font-missing", span, "cannot read the %s font \"%s\"", role, path);
		return CV_EFONT;
	}
	unsigned instance = index >> 16;
	index &= 0xFFFF;
	unsigned count = hb_face_count(blob);
	if (count > 0 && index >= count) {
		cv_diag_add(d, CV_ERROR, "font-invalid", span, "\"%s\" has %u face%s, numbered from 0: there is no face %u (%s face)",
			    path, count, count == 1 ? "" : "s", index, role);
		hb_blob_destroy(blob);
		return CV_EFONT;
	}
	if (index >= count) {
		cv_diag_add(d, CV_ERROR, "font-invalid", span, "\"%s\" is not a font file (%s face)", path, role);
		hb_blob_destroy(blob);
		return CV_EFONT;
	}
	hb_face_t *face = hb_face_create(blob, index);
	bool glyf = has_table(face, HB_TAG('g', 'l', 'y', 'f'));
	bool cff = has_table(face, HB_TAG('C', 'F', 'F', ' ')) || has_table(face, HB_TAG('C', 'F', 'F', '2'));
	bool variable = hb_ot_var_has_data(face);
	const char *bad = !glyf && !cff ? "has no TrueType, CFF or CFF2 outlines (a bitmap or Type 1 font cannot be embedded)"
			  : instance > hb_ot_var_get_named_instance_count(face) ? "has no such named instance"
										 : NULL;
	if (bad) {
		cv_diag_add(d, CV_ERROR, "font-not-truetype", span, "the %s font \"%s\" %s", role, path, bad);
		hb_face_destroy(face);
		hb_blob_destroy(blob);
		return CV_EFONT;
	}
	f->blob = blob;
	f->face = face;
	f->font = hb_font_create(face);
	f->index = index;
	f->instance = instance;
	/* A static TrueType face is embedded as HarfBuzz subsets it; any other is redrawn through FreeType
	 * at the same instance HarfBuzz measures here (the default one unless fontconfig named one). */
	f->glyf = glyf && !variable;
	if (instance)
		hb_font_set_var_named_instance(f->font, instance - 1);
	f->upem = hb_face_get_upem(face);
	hb_font_set_scale(f->font, (int)f->upem, (int)f->upem);
	hb_font_extents_t ext;
	hb_font_get_h_extents(f->font, &ext);
	f->ascender = (float)ext.ascender / (float)f->upem;
	f->descender = (float)ext.descender / (float)f->upem;
	f->ascii[0] = f->ascii[1] = 0;
	for (hb_codepoint_t c = 0; c < 128; c++) {
		hb_codepoint_t g;
		if (hb_font_get_nominal_glyph(f->font, c, &g))
			f->ascii[c >> 6] |= (uint64_t)1 << (c & 63);
	}
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

static bool names_file(const char *want)
{
	char path[4096];
	unsigned index;
	if (split_index(want, path, sizeof path, &index))
		return true;
	/* "fonts/x.ttc:2" relative to the file that names it, which split_index cannot stat from here. */
	const char *colon = strrchr(want, ':');
	if (!colon || !colon[1] || strspn(colon + 1, "0123456789") != strlen(colon + 1))
		return false;
	snprintf(path, sizeof path, "%.*s", (int)(colon - want), want);
	return looks_like_path(path);
}

/* A family the document asks for that is not installed (or only in formats that cannot be embedded)
 * is replaced by the nearest shipped one, with a warning naming both: the look of a résumé never stops
 * it from rendering (RenderCV ships the fonts its themes name; cv2pdf cannot). Returns the family to
 * load: want itself, a shipped Latin family's name, or NULL (the shipped Chinese face; for a fallback
 * family, none). Files and shipped families are returned as they are. */
typedef enum { FOR_LATIN, FOR_CJK, FOR_FALLBACK } font_use;

static const char *instead_of_missing(fc_ctx *cfg, const char *want, font_use use, cv_span span, cv_diags *d)
{
	char path[4096];
	if (!want || names_file(want) || (use == FOR_LATIN && shipped_family(want) >= 0))
		return want;
	int found = fc_find(cfg, want, 0, path, sizeof path);
	if (found >= 0)
		return want;
	const char *instead = use == FOR_CJK ? "the shipped " SHIPPED_CJK_FAMILY " is used instead"
			      : use == FOR_FALLBACK ? "it is left out of the fallbacks"
			      : is_serif_family(want) ? "the shipped Noto Serif is used instead"
						      : "the shipped Noto Sans is used instead";
	cv_diag_add(d, CV_WARNING, "font-not-found", span, "font family \"%s\" is %s; %s", want,
		    found == FC_ONLY_UNUSABLE ? "installed only in formats that cannot be embedded (Type 1 or bitmap)"
					      : "not installed",
		    instead);
	return use == FOR_LATIN ? shipped_latin[is_serif_family(want) ? SHIPPED_SERIF : SHIPPED_SANS].family : NULL;
}

/* Resolves the face for one role: a file path, a fontconfig family, or the shipped file. With
 * optional set, a family without that style leaves the face absent (CV_OK) instead of falling back
 * to its regular face. */
static int resolve_face(cv_fontset *fs, fc_ctx *cfg, int role, unsigned style, const char *font_dir,
			const char *want, bool optional, cv_span span, cv_diags *d)
{
	char path[4096];
	unsigned index = 0;
	int own = role <= CV_FACE_LATIN_BOLD_ITALIC ? shipped_family(want) : -1;
	if (!want) {
		snprintf(path, sizeof path, "%s/%s", font_dir, shipped_files[role]);
	} else if (own >= 0) {
		snprintf(path, sizeof path, "%s/%s", font_dir, shipped_latin[own].files[role]);
	} else if (names_file(want)) {
		/* A file names one face; other styles of a file-given family come from that file too. A
		 * relative path is relative to the file that names it, as the photo's is. */
		char *here = cv_path_beside(span.file, want);
		split_index(here, path, sizeof path, &index);
		free(here);
	} else {
		int found = fc_find(cfg, want, style, path, sizeof path);
		if (found < 0 && optional)
			return CV_OK;
		if (found < 0 && style != 0)
			found = fc_find(cfg, want, 0, path, sizeof path); /* no such style: use regular */
		if (found == FC_ONLY_UNUSABLE) {
			cv_diag_add(d, CV_ERROR, "font-not-truetype", span,
				    "font family \"%s\" is installed only in formats that cannot be embedded (Type 1 or "
				    "bitmap fonts); choose an OpenType or TrueType font (%s face)",
				    want, face_roles[role]);
			return CV_EFONT;
		}
		if (found < 0) {
			cv_diag_add(d, CV_ERROR, "font-not-found", span, "no font of family \"%s\" is installed (%s face)",
				    want, face_roles[role]);
			return CV_EFONT;
		}
		index = (unsigned)found;
	}
	int rc = load_face(&fs->faces[role], fs->faces, role, path, index, face_roles[role], span, d);
	if (rc == CV_OK && want)
		fs->faces[role].span = span; /* a font the input named: its problems point here */
	return rc;
}

/* The Chinese request: a family or file, then fallbacks, comma-separated. A request that names an
 * existing file as a whole is that one file, commas and all. */
static int resolve_cjk(cv_fontset *fs, fc_ctx *cfg, const char *font_dir, const cv_font_request *req,
		       cv_diags *d)
{
	const char *want = req ? req->cjk : NULL;
	cv_span span = req ? req->cjk_span : (cv_span){0};
	struct stat st;
	if (!want || !strchr(want, ',') || stat(want, &st) == 0) {
		want = instead_of_missing(cfg, want, FOR_CJK, span, d);
		int rc = resolve_face(fs, cfg, CV_FACE_CJK, 0, font_dir, want, false, span, d);
		/* A family with a real bold face (Noto Sans/Serif CJK) draws bold with it. */
		if (rc == CV_OK && want && !names_file(want))
			rc = resolve_face(fs, cfg, CV_FACE_CJK_BOLD, CV_BOLD, font_dir, want, true, span, d);
		return rc;
	}
	char *copy = cv_xstrdup(want);
	int rc = CV_OK, role = CV_FACE_CJK;
	for (char *save = NULL, *item = cv_next_item(copy, &save); item && rc == CV_OK;
	     item = cv_next_item(NULL, &save)) {
		if (!*item)
			continue;
		if (role == CV_FACE_COUNT) {
			cv_diag_add(d, CV_WARNING, "font-fallbacks", span,
				    "at most %d fallback fonts follow the Chinese one; \"%s\" and any after it are not used",
				    CV_FALLBACK_FACES, item);
			break;
		}
		const char *use = instead_of_missing(cfg, item, role == CV_FACE_CJK ? FOR_CJK : FOR_FALLBACK, span, d);
		if (!use && role != CV_FACE_CJK)
			continue;
		rc = resolve_face(fs, cfg, role, 0, font_dir, use, false, span, d);
		if (rc == CV_OK && role == CV_FACE_CJK && use && !names_file(use))
			rc = resolve_face(fs, cfg, CV_FACE_CJK_BOLD, CV_BOLD, font_dir, use, true, span, d);
		role = role == CV_FACE_CJK ? CV_FACE_FALLBACK : role + 1;
	}
	if (rc == CV_OK && role == CV_FACE_CJK) /* only commas: the shipped face */
		rc = resolve_face(fs, cfg, CV_FACE_CJK, 0, font_dir, NULL, false, span, d);
	free(copy);
	return rc;
}

cv_fontset *cv_fontset_new(const cv_font_request *req, cv_diags *d)
{
	/* HarfBuzz makes its default language (from the locale) lazily, on the first shaping call. Make it
	 * here, on the thread that creates the font set, so threads that shape with the set later only
	 * read it (ThreadSanitizer cannot see the atomics HarfBuzz publishes it with). */
	(void)hb_language_get_default();
	cv_fontset *fs = cv_xcalloc(1, sizeof *fs);
	fs->serial = cv_shape_serial();
	const char *dir = req && req->font_dir ? req->font_dir : CV2PDF_INSTALL_FONT_DIR;
	cv_span none = {0};
	int rc = CV_OK;
	bool shipped = false; /* the face that failed is a shipped one */
	fc_ctx cfg = {0};
	const char *latin = req ? instead_of_missing(&cfg, req->latin, FOR_LATIN, req->latin_span, d) : NULL;
	for (int role = CV_FACE_LATIN_REGULAR; role <= CV_FACE_LATIN_BOLD_ITALIC && rc == CV_OK; role++) {
		rc = resolve_face(fs, &cfg, role, (unsigned)role, dir, latin, false, req ? req->latin_span : none, d);
		shipped = !latin || shipped_family(latin) >= 0;
	}
	if (rc == CV_OK) {
		rc = resolve_cjk(fs, &cfg, dir, req, d);
		shipped = !req || !req->cjk;
	}
	fc_ctx_fini(&cfg);
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
}

const char *cv_fontset_name(const cv_fontset *fs, int face)
{
	return fs->faces[face].name ? fs->faces[face].name : "";
}

int cv_fontset_canonical(const cv_fontset *fs, int face)
{
	const cv_face *f = &fs->faces[face];
	for (int g = 0; g < face && f->blob; g++) {
		const cv_face *o = &fs->faces[g];
		if (o->blob && o->index == f->index && o->instance == f->instance && strcmp(o->path, f->path) == 0)
			return g;
	}
	return face;
}

bool cv_fontset_present(const cv_fontset *fs, int face)
{
	return face >= 0 && face < CV_FACE_COUNT && fs->faces[face].blob != NULL;
}

const char *cv_face_role(int face)
{
	return face >= 0 && face < CV_FACE_COUNT ? face_roles[face] : "unknown";
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
	if (cp < 128)
		return cv_fontset_present(fs, face) && (fs->faces[face].ascii[cp >> 6] >> (cp & 63) & 1);
	return cv_fontset_present(fs, face) && hb_font_get_nominal_glyph(fs->faces[face].font, cp, &g) != 0;
}

void cv_fontset_metrics(const cv_fontset *fs, int face, float *ascender, float *descender)
{
	*ascender = fs->faces[face].ascender;
	*descender = fs->faces[face].descender;
}

/* The subset of face to cps[0..n); for the PDF writer (glyphs given) without the tables it never
 * reads, else as a font file a program can use on its own (cv_font_subset). */
static unsigned char *subset(const cv_fontset *fs, int face, const uint32_t *cps, size_t n, size_t *len,
			     uint16_t *glyphs)
{
	const cv_face *f = &fs->faces[face];
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	if (!in)
		return NULL;
	hb_set_t *unicodes = hb_subset_input_unicode_set(in);
	for (size_t i = 0; i < n; i++)
		hb_set_add(unicodes, cps[i]);
	/* A PDF needs outlines and metrics only: positions are already computed (so no layout tables),
	 * and hinting is useless at print resolution. cv2pdf's writer also addresses glyphs by number
	 * (so no cmap) and writes horizontally (so no vertical metrics). */
	hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	static const hb_tag_t dropped[] = {
		HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
		HB_TAG('k', 'e', 'r', 'n'), HB_TAG('f', 'p', 'g', 'm'), HB_TAG('p', 'r', 'e', 'p'),
		HB_TAG('c', 'v', 't', ' '), HB_TAG('g', 'a', 's', 'p'), HB_TAG('D', 'S', 'I', 'G'),
		HB_TAG('h', 'd', 'm', 'x'), HB_TAG('V', 'D', 'M', 'X'), HB_TAG('L', 'T', 'S', 'H'),
	};
	static const hb_tag_t unread[] = {
		HB_TAG('c', 'm', 'a', 'p'), HB_TAG('v', 'h', 'e', 'a'), HB_TAG('v', 'm', 't', 'x'), HB_TAG('V', 'O', 'R', 'G'),
	};
	for (size_t i = 0; i < sizeof dropped / sizeof dropped[0]; i++)
		hb_set_add(drop, dropped[i]);
	for (size_t i = 0; glyphs && i < sizeof unread / sizeof unread[0]; i++)
		hb_set_add(drop, unread[i]);
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
	/* Through a plan rather than hb_subset_or_fail, for its map from the face's glyphs to the
	 * subset's (glyphs are renumbered densely). */
	hb_subset_plan_t *plan = hb_subset_plan_create_or_fail(f->face, in);
	hb_subset_input_destroy(in);
	if (!plan)
		return NULL;
	hb_face_t *sub = hb_subset_plan_execute_or_fail(plan);
	unsigned char *out = NULL;
	if (sub) {
		hb_blob_t *blob = hb_face_reference_blob(sub);
		unsigned blen = 0;
		const char *data = hb_blob_get_data(blob, &blen);
		if (data && blen) {
			out = cv_xmalloc(blen);
			memcpy(out, data, blen);
			*len = blen;
		}
		hb_blob_destroy(blob);
		hb_face_destroy(sub);
	}
	const hb_map_t *to_new = hb_subset_plan_old_to_new_glyph_mapping(plan);
	for (size_t i = 0; out && glyphs && i < n; i++) {
		hb_codepoint_t g = 0;
		hb_codepoint_t ng = hb_font_get_nominal_glyph(f->font, cps[i], &g) ? hb_map_get(to_new, g) : 0;
		glyphs[i] = ng <= 0xFFFF ? (uint16_t)ng : 0; /* HB_MAP_VALUE_INVALID: not kept, .notdef */
	}
	hb_subset_plan_destroy(plan);
	return out;
}

unsigned char *cv_font_subset_glyphs(const cv_fontset *fs, int face, const uint32_t *cps, size_t n, size_t *len,
				     uint16_t *glyphs)
{
	return subset(fs, face, cps, n, len, glyphs);
}

unsigned char *cv_font_subset(const cv_fontset *fs, int face, const uint32_t *cps, size_t n, size_t *len)
{
	return subset(fs, face, cps, n, len, NULL);
}

float cv_text_measure(const cv_fontset *fs, int face, float size, const char *text, size_t len)
{
	const cv_shaped *g;
	unsigned n = cv_shape(fs, face, text, len, &g);
	long total = 0;
	for (unsigned i = 0; i < n; i++)
		total += g[i].advance;
	return (float)total * size / (float)fs->faces[face].upem;
}
