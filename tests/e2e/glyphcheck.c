/* glyphcheck: checks that a rendered PDF page draws each character with the outline of the original
 * font. Positions and sizes come from `mutool draw -F stext` (an independent reader), the page's
 * pixels from `pdftoppm -gray`; each character's glyph is rendered from the original font file with
 * FreeType at the same place and compared with the page there.
 * Usage: glyphcheck PAGE.pgm DPI STEXT.xml PAGE SIZE NAME=FILE:INDEX [NAME=FILE:INDEX ...]
 *   Checks the characters of page PAGE (from 1) set at SIZE points in a font whose PDF name (subset
 *   prefix removed) is one of the NAMEs, drawn from face INDEX of FILE. The image may be the top-left
 *   part of the page (pdftoppm -W -H); characters outside it are not checked.
 * Prints a summary line and each glyph that differs; exits 1 when one does or nothing was checked.
 * SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
#include <ft2build.h>
#include FT_FREETYPE_H
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The largest difference allowed between the page and the original glyph, as a share of the glyph's
 * ink (sum |page - glyph| / sum max(page, glyph), both as coverage). poppler places glyphs on a
 * quarter-pixel grid and anti-aliases its own way, which costs up to about 6 % on a 44-pixel Han
 * character at 300 dpi; another character in the same place differs by 50 % or more. */
#define MAX_DIFFERENCE 0.12

typedef struct font_map {
	const char *name; /* PDF font name without the subset prefix */
	FT_Face face;
} font_map;

typedef struct page_img {
	int w, h;
	unsigned char *px; /* 0 = black, 255 = white */
} page_img;

static void die(const char *msg)
{
	fprintf(stderr, "glyphcheck: %s\n", msg);
	exit(2);
}

static page_img read_pgm(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		die("cannot open the page image");
	page_img im = {0};
	int maxval;
	if (fscanf(f, "P5 %d %d %d", &im.w, &im.h, &maxval) != 3 || maxval != 255 || fgetc(f) == EOF)
		die("not an 8-bit PGM (pdftoppm -gray)");
	im.px = malloc((size_t)im.w * (size_t)im.h);
	if (!im.px || fread(im.px, 1, (size_t)im.w * (size_t)im.h, f) != (size_t)im.w * (size_t)im.h)
		die("short PGM");
	fclose(f);
	return im;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		die("cannot open the stext file");
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
		die("cannot read the stext file");
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* The value of attribute name="..." in the tag starting at tag (which ends at the next '>'). */
static bool attr(const char *tag, const char *name, char *out, size_t cap)
{
	const char *end = strchr(tag, '>');
	char key[32];
	snprintf(key, sizeof key, " %s=\"", name);
	const char *p = strstr(tag, key);
	if (!p || (end && p > end))
		return false;
	p += strlen(key);
	size_t n = strcspn(p, "\"");
	if (n >= cap)
		return false;
	memcpy(out, p, n);
	out[n] = '\0';
	return true;
}

/* The character of c="...": one UTF-8 character or an &#xHEX; reference. */
static unsigned decode_char(const char *s)
{
	if (s[0] == '&' && s[1] == '#' && s[2] == 'x')
		return (unsigned)strtoul(s + 3, NULL, 16);
	if (s[0] == '&')
		return strncmp(s, "&amp;", 5) == 0 ? '&' : strncmp(s, "&lt;", 4) == 0 ? '<' : strncmp(s, "&gt;", 4) == 0 ? '>' : '"';
	const unsigned char *u = (const unsigned char *)s;
	if (u[0] < 0x80)
		return u[0];
	if (u[0] < 0xE0)
		return (u[0] & 0x1Fu) << 6 | (u[1] & 0x3Fu);
	if (u[0] < 0xF0)
		return (u[0] & 0x0Fu) << 12 | (u[1] & 0x3Fu) << 6 | (u[2] & 0x3Fu);
	return (u[0] & 0x07u) << 18 | (u[1] & 0x3Fu) << 12 | (u[2] & 0x3Fu) << 6 | (u[3] & 0x3Fu);
}

/* The difference between the page and glyph g rendered with its origin at page pixel (ox, oy), or -1
 * when the glyph has no ink. */
static double compare_at(const page_img *im, FT_Face face, unsigned g, double ox, double oy, double text_grey)
{
	double fx = floor(ox), fy = floor(oy);
	FT_Vector delta = {(FT_Pos)lround((ox - fx) * 64), (FT_Pos)lround(-(oy - fy) * 64)};
	FT_Set_Transform(face, NULL, &delta);
	if (FT_Load_Glyph(face, g, FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP | FT_LOAD_RENDER) != 0)
		return 1;
	FT_Bitmap *b = &face->glyph->bitmap;
	double diff = 0, ink = 0;
	for (unsigned r = 0; r < b->rows; r++)
		for (unsigned c = 0; c < b->width; c++) {
			int px = (int)fx + face->glyph->bitmap_left + (int)c, py = (int)fy - face->glyph->bitmap_top + (int)r;
			double want = b->buffer[r * (unsigned)abs(b->pitch) + c] / 255.0, got = 0;
			if (px >= 0 && px < im->w && py >= 0 && py < im->h)
				got = (255.0 - im->px[(size_t)py * (size_t)im->w + (size_t)px]) / (255.0 - text_grey);
			got = got < 0 ? 0 : got > 1 ? 1 : got;
			diff += fabs(got - want);
			ink += got > want ? got : want;
		}
	return ink > 0 ? diff / ink : -1;
}

/* Compares the character at (x, y) points with the page: the smallest difference over the origins
 * poppler may have used. Its glyph cache puts origins on a quarter-pixel grid across and on whole
 * pixels down, and a baseline that falls on a pixel boundary may round either way; a shift of a
 * quarter pixel across or one pixel down cannot make another character, or a distorted one, match. */
static double compare(const page_img *im, FT_Face face, unsigned cp, double x, double y, double size, double dpi,
		      double text_grey)
{
	unsigned g = FT_Get_Char_Index(face, cp);
	if (!g)
		return 1;
	FT_Set_Char_Size(face, 0, (FT_F26Dot6)lround(size * 64), (FT_UInt)dpi, (FT_UInt)dpi);
	double ox = x * dpi / 72.0, oy = y * dpi / 72.0;
	ox = floor(ox * 4) / 4;
	oy = floor(oy);
	double best = 2;
	for (int dy = -1; dy <= 1; dy++)
		for (int dx = -1; dx <= 1; dx++) {
			double d = compare_at(im, face, g, ox + dx / 4.0, oy + dy, text_grey);
			if (d < 0)
				return -1;
			best = d < best ? d : best;
		}
	return best;
}

int main(int argc, char **argv)
{
	if (argc < 7)
		die("usage: glyphcheck PAGE.pgm DPI STEXT.xml PAGE SIZE NAME=FILE:INDEX...");
	page_img im = read_pgm(argv[1]);
	double dpi = atof(argv[2]), want_size = atof(argv[5]);
	int want_page = atoi(argv[4]);
	char *xml = slurp(argv[3]);
	FT_Library lib;
	if (FT_Init_FreeType(&lib))
		die("FreeType");
	int n_fonts = argc - 6;
	font_map *fonts = calloc((size_t)n_fonts, sizeof *fonts);
	for (int i = 0; i < n_fonts; i++) {
		char *spec = argv[6 + i], *eq = strchr(spec, '='), *colon = strrchr(spec, ':');
		if (!eq || !colon || colon < eq)
			die("fonts are NAME=FILE:INDEX");
		*eq = *colon = '\0';
		fonts[i].name = spec;
		if (FT_New_Face(lib, eq + 1, atol(colon + 1), &fonts[i].face))
			die("cannot open a font file");
	}
	int page = 0, checked = 0, bad = 0;
	double worst = 0;
	FT_Face face = NULL;
	double size = 0;
	char buf[256];
	for (const char *p = strchr(xml, '<'); p; p = strchr(p + 1, '<')) {
		if (strncmp(p, "<page ", 6) == 0) {
			page++;
		} else if (strncmp(p, "<font ", 6) == 0 && page == want_page) {
			face = NULL;
			if (attr(p, "name", buf, sizeof buf)) {
				const char *plus = strchr(buf, '+'), *name = plus ? plus + 1 : buf;
				for (int i = 0; i < n_fonts; i++)
					if (strcmp(fonts[i].name, name) == 0)
						face = fonts[i].face;
			}
			size = attr(p, "size", buf, sizeof buf) ? atof(buf) : 0;
		} else if (strncmp(p, "<char ", 6) == 0 && page == want_page && face && fabs(size - want_size) < 0.01) {
			char xs[32], ys[32], cs[32], col[16] = "#000000";
			if (!attr(p, "x", xs, sizeof xs) || !attr(p, "y", ys, sizeof ys) || !attr(p, "c", cs, sizeof cs))
				continue;
			attr(p, "color", col, sizeof col);
			unsigned rgb = (unsigned)strtoul(col + 1, NULL, 16);
			/* poppler's grey: 0.3 R + 0.59 G + 0.11 B */
			double grey = 0.3 * (rgb >> 16) + 0.59 * ((rgb >> 8) & 0xFF) + 0.11 * (rgb & 0xFF);
			/* Characters beyond the image (pdftoppm -W/-H renders part of a page) are not checked. */
			double em = size * dpi / 72.0;
			if (atof(xs) * dpi / 72.0 + em >= im.w || atof(ys) * dpi / 72.0 + em / 2 >= im.h)
				continue;
			unsigned cp = decode_char(cs);
			double d = compare(&im, face, cp, atof(xs), atof(ys), size, dpi, grey);
			if (d < 0)
				continue; /* a space */
			checked++;
			worst = d > worst ? d : worst;
			if (d > MAX_DIFFERENCE) {
				bad++;
				printf("U+%04X at %s, %s: differs from the original glyph by %.1f%%\n", cp, xs, ys, 100 * d);
			}
		}
	}
	printf("glyphcheck: %d glyphs compared, %d differ, worst %.1f%%\n", checked, bad, 100 * worst);
	for (int i = 0; i < n_fonts; i++)
		FT_Done_Face(fonts[i].face);
	FT_Done_FreeType(lib);
	free(fonts);
	free(xml);
	free(im.px);
	return bad || checked == 0 ? 1 : 0;
}
