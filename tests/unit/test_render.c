/* Unit tests of the PDF renderer: a hand-built two-page display list with Latin, Chinese, fake bold,
 * character spacing, rules, links and bookmarks must give a valid, deterministic PDF whose text,
 * fonts and metadata the poppler and qpdf tools read back.
 * SPDX-License-Identifier: MIT */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* mkstemps, memmem */
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cv2pdf/layout.h"
#include "cv2pdf/render.h"
#include "cv2pdf/util.h"
#include "harness.h"

#ifndef CV2PDF_TEST_FONT_DIR
#error "define CV2PDF_TEST_FONT_DIR as the directory of the shipped fonts"
#endif

/* Captured output of the tools is small: a few pages of text or a font table. */
#define CMD_OUTPUT_MAX (1 << 20)

static const char chinese[] = "清华大学计算机科学与技术，";

static void add_run(cv_dlist *dl, size_t page, const char *text, float x, float y, float size, int face,
		    bool fake_bold, float spacing, cv_color color)
{
	cv_page *pg = &dl->pages[page];
	cv_run *r = CV_PUSH(pg->runs, pg->n_runs, pg->cap_runs);
	/* Not NUL-terminated on purpose: the renderer must honour len. */
	size_t len = strlen(text);
	char *copy = cv_arena_alloc(dl->arena, len + 1);
	memcpy(copy, text, len);
	copy[len] = 'X';
	*r = (cv_run){.text = copy, .len = (uint32_t)len, .x = x, .y = y, .size = size, .char_spacing = spacing,
		      .face = (uint8_t)face, .fake_bold = fake_bold, .color = color};
}

static void add_page(cv_dlist *dl)
{
	cv_page *pg = CV_PUSH(dl->pages, dl->n_pages, dl->cap_pages);
	memset(pg, 0, sizeof *pg);
}

static void add_bookmark(cv_dlist *dl, const char *title, int level, size_t page, float y)
{
	*CV_PUSH(dl->bookmarks, dl->n_bookmarks, dl->cap_bookmarks) =
		(cv_bookmark){.title = cv_arena_strdup(dl->arena, title), .level = level, .page = page, .y = y};
}

static void add_link(cv_dlist *dl, size_t page, const char *uri, float x0, float y0, float x1, float y1)
{
	cv_page *pg = &dl->pages[page];
	*CV_PUSH(pg->links, pg->n_links, pg->cap_links) =
		(cv_link){x0, y0, x1, y1, cv_arena_strdup(dl->arena, uri)};
}

static void add_rule(cv_dlist *dl, size_t page, float x0, float y0, float x1, float y1, float t, cv_color c)
{
	cv_page *pg = &dl->pages[page];
	*CV_PUSH(pg->rules, pg->n_rules, pg->cap_rules) = (cv_rule){x0, y0, x1, y1, t, c};
}

static cv_dlist *new_dlist(void)
{
	cv_dlist *dl = cv_xcalloc(1, sizeof *dl);
	dl->arena = cv_arena_new();
	dl->width = 595.28f; /* A4 */
	dl->height = 841.89f;
	return dl;
}

static void free_dlist(cv_dlist *dl)
{
	for (size_t i = 0; i < dl->n_pages; i++) {
		free(dl->pages[i].runs);
		free(dl->pages[i].rules);
		free(dl->pages[i].links);
		free(dl->pages[i].images);
	}
	free(dl->pages);
	free(dl->bookmarks);
	cv_arena_free(dl->arena);
	free(dl);
}

static cv_dlist *sample_dlist(void)
{
	cv_dlist *dl = new_dlist();
	add_page(dl);
	add_page(dl);
	add_run(dl, 0, "Jane Doe", 56, 80, 22, CV_FACE_LATIN_BOLD, false, 0, 0x000000);
	add_run(dl, 0, "张三", 160, 80, 22, CV_FACE_CJK, true, 0, 0x000000);
	add_run(dl, 0, "Software Engineer", 56, 104, 11, CV_FACE_LATIN_ITALIC, false, 0, 0x444444);
	add_rule(dl, 0, 56, 112, 539, 112, 0.8f, 0x1F4E79);
	add_rule(dl, 0, 56, 118, 60, 122, 0, 0x1F4E79); /* a filled 4 x 4 square */
	add_run(dl, 0, "Education", 56, 140, 13, CV_FACE_LATIN_BOLD_ITALIC, false, 0, 0x1F4E79);
	add_run(dl, 0, chinese, 56, 160, 10.5f, CV_FACE_CJK, false, 0.5f, 0x000000);
	add_run(dl, 0, "B.Eng. in Computer Science, 2019–2023", 56, 176, 10.5f, CV_FACE_LATIN_REGULAR, false, 0,
		0x000000);
	add_run(dl, 0, "example.com", 56, 192, 10.5f, CV_FACE_LATIN_REGULAR, false, 0, 0x1F4E79);
	add_run(dl, 0, "a@b.c", 150, 192, 10.5f, CV_FACE_LATIN_REGULAR, false, 0, 0x1F4E79);
	add_link(dl, 0, "https://example.com", 56, 182, 120, 195);
	add_link(dl, 0, "mailto:a@b.c", 150, 182, 180, 195);
	add_run(dl, 1, "Projects", 56, 80, 13, CV_FACE_LATIN_BOLD, false, 0, 0x1F4E79);
	add_run(dl, 1, "项目经历：", 56, 100, 10.5f, CV_FACE_CJK, true, 0, 0x000000);
	add_run(dl, 1, "分布式系统", 120, 100, 10.5f, CV_FACE_CJK, false, 1.0f, 0x000000);
	/* Above U+FFFF, in a face without it: drawn as .notdef through a private-use code that ToUnicode
	 * maps back, so the text still extracts (the text stage warns about the missing glyph). */
	add_run(dl, 1, "Hello \xF0\x9F\x98\x80 world", 56, 120, 10.5f, CV_FACE_LATIN_REGULAR, false, 0, 0);
	add_bookmark(dl, "Education", 0, 0, 130);
	add_bookmark(dl, "清华大学", 1, 0, 150);
	add_bookmark(dl, "项目经历", 0, 1, 70);
	dl->info = (cv_docinfo){.title = "Jane Doe — Résumé", .author = "张三 (Jane Doe)", .subject = "简历",
				.keywords = "C, PDF, 排版", .language = "zh-CN"};
	return dl;
}

/* Runs cmd through the shell; returns its exit status and its stdout in *out (caller frees). */
static int run_cmd(const char *cmd, char **out)
{
	FILE *p = popen(cmd, "r");
	char *buf = cv_xmalloc(CMD_OUTPUT_MAX + 1);
	size_t n = 0;
	if (p) {
		size_t got;
		while (n < CMD_OUTPUT_MAX && (got = fread(buf + n, 1, CMD_OUTPUT_MAX - n, p)) > 0)
			n += got;
	}
	buf[n] = '\0';
	int status = p ? pclose(p) : -1;
	if (out)
		*out = buf;
	else
		free(buf);
	return status >= 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Writes bytes to a new temporary .pdf; fills path (caller unlinks). */
static int write_temp(const unsigned char *pdf, size_t len, char *path, size_t cap)
{
	snprintf(path, cap, "/tmp/cv2pdf-test-render-XXXXXX.pdf");
	int fd = mkstemps(path, 4);
	if (fd < 0)
		return -1;
	FILE *f = fdopen(fd, "wb");
	int ok = f && fwrite(pdf, 1, len, f) == len;
	if (f)
		ok = (fclose(f) == 0) && ok;
	return ok ? 0 : -1;
}

static int count_lines_with(const char *text, const char *needle)
{
	int n = 0;
	for (const char *s = text; (s = strstr(s, needle)) != NULL; s += strlen(needle))
		n++;
	return n;
}

/* qpdf exits 3 on warnings, so 0 means neither errors nor warnings. */
static void qpdf_ok(const char *path)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "qpdf --check %s >/dev/null 2>&1", path);
	INT_EQ(run_cmd(cmd, NULL), 0, "qpdf --check exit status");
}

/* Checks every font line of pdffonts: embedded, subset, ToUnicode ("yes yes yes"). Returns the
 * number of fonts. */
static int check_fonts(const char *path)
{
	char cmd[512], *out;
	snprintf(cmd, sizeof cmd, "pdffonts %s", path);
	INT_EQ(run_cmd(cmd, &out), 0, "pdffonts exit status");
	int fonts = 0;
	const char *line = strstr(out, "\n---");
	line = line ? strchr(line + 1, '\n') : NULL;
	while (line && line[1]) {
		line++;
		const char *end = strchr(line, '\n');
		size_t n = end ? (size_t)(end - line) : strlen(line);
		char buf[256];
		snprintf(buf, sizeof buf, "%.*s", (int)n, line);
		OK(strstr(buf, "yes yes yes") != NULL, "font not embedded+subset+ToUnicode: %s", buf);
		OK(strstr(buf, "CID TrueType") != NULL, "font not CID TrueType: %s", buf);
		fonts++;
		line = end;
	}
	free(out);
	return fonts;
}

static void test_sample(const cv_fontset *fs)
{
	cv_dlist *dl = sample_dlist();
	cv_diags *d = cv_diags_new();
	cv_env o = {.creator = "cv2pdf 0.1.0", .epoch = 1700000000};
	unsigned char *pdf = NULL, *again = NULL;
	size_t len = 0, len2 = 0;
	INT_EQ(cv_render_pdf(dl, fs, &o, &pdf, &len, d), CV_OK, "render");
	INT_EQ(cv_diags_count(d), 0, "diagnostics");
	cv_diags_print(d, stderr, false, false);
	OK(pdf && len > 5 && memcmp(pdf, "%PDF-", 5) == 0, "output does not start with %%PDF-");
	INT_EQ(cv_render_pdf(dl, fs, &o, &again, &len2, d), CV_OK, "second render");
	OK(pdf && again && len == len2 && memcmp(pdf, again, len) == 0, "renders differ (%zu vs %zu bytes)", len,
	   len2);
	if (!pdf)
		goto done;
	OK(memmem(pdf, len, "/CreationDate (D:20231114221320Z00'00')", 39) != NULL, "CreationDate missing");
	OK(memmem(pdf, len, "/Lang (zh-CN)", 13) != NULL, "/Lang missing");
	OK(memmem(pdf, len, "/ID", 3) == NULL, "unexpected /ID");
	/* libharu escapes every '/' in strings as \057, which readers decode. */
	OK(memmem(pdf, len, "/URI (https:\\057\\057example.com)", 30) != NULL, "https link missing");
	OK(memmem(pdf, len, "/URI (mailto:a@b.c)", 19) != NULL, "mailto link missing");
	OK(memmem(pdf, len, "/Border [ 0 0 0 ]", 17) != NULL, "link border not zero");
	OK(memmem(pdf, len, "/XYZ 0 711.89001 null ]", 23) != NULL, "bookmark destination");

	char path[64], cmd[512], *out;
	OK(write_temp(pdf, len, path, sizeof path) == 0, "cannot write %s", path);
	if (getenv("CV2PDF_KEEP_PDF"))
		fprintf(stderr, "kept %s (%zu bytes)\n", path, len);
	qpdf_ok(path);

	snprintf(cmd, sizeof cmd, "pdftotext -q %s -", path);
	INT_EQ(run_cmd(cmd, &out), 0, "pdftotext exit status");
	static const char *const want[] = {"Jane Doe", "张三", "Software Engineer", "Education", chinese,
					   "B.Eng. in Computer Science, 2019–2023", "example.com", "a@b.c",
					   "Projects", "项目经历：", "分布式系统", "Hello", "world"};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		OK(strstr(out, want[i]) != NULL, "\"%s\" not in extracted text:\n%s", want[i], out);
	OK(strstr(out, "Hello \xF0\x9F\x98\x80 world") != NULL, "the emoji extracts as itself:\n%s", out);
	OK(count_lines_with(out, "\f") == 2, "expected 2 pages:\n%s", out);
	free(out);
	/* libharu's own /ToUnicode is an encoding CMap that poppler rejects; ours must parse cleanly. */
	snprintf(cmd, sizeof cmd, "pdftotext %s - 2>&1 >/dev/null", path);
	run_cmd(cmd, &out);
	STR_EQ(out, "", "pdftotext warnings");
	free(out);

	snprintf(cmd, sizeof cmd, "pdfinfo %s", path);
	INT_EQ(run_cmd(cmd, &out), 0, "pdfinfo exit status");
	OK(strstr(out, "Author:          张三 (Jane Doe)") != NULL, "author:\n%s", out);
	OK(strstr(out, "Title:           Jane Doe — Résumé") != NULL, "title:\n%s", out);
	OK(strstr(out, "Keywords:        C, PDF, 排版") != NULL, "keywords:\n%s", out);
	OK(strstr(out, "Creator:         cv2pdf 0.1.0") != NULL, "creator:\n%s", out);
	OK(strstr(out, "Pages:           2") != NULL, "pages:\n%s", out);
	OK(strstr(out, "Page size:       595.28 x 841.89") != NULL, "page size:\n%s", out);
	free(out);

	INT_EQ(check_fonts(path), 5, "number of fonts");

	/* Bookmarks: mutool lists them with their nesting. */
	snprintf(cmd, sizeof cmd, "mutool show %s outline", path);
	INT_EQ(run_cmd(cmd, &out), 0, "mutool show outline exit status");
	OK(strstr(out, "Education") && strstr(out, "清华大学") && strstr(out, "项目经历"), "outline:\n%s", out);
	free(out);
	if (!getenv("CV2PDF_KEEP_PDF"))
		unlink(path);
done:
	free(pdf);
	free(again);
	cv_diags_free(d);
	free_dlist(dl);
}

static void test_no_dates(const cv_fontset *fs)
{
	cv_dlist *dl = new_dlist();
	add_page(dl);
	add_run(dl, 0, "Plain", 56, 80, 11, CV_FACE_LATIN_REGULAR, false, 0, 0);
	cv_diags *d = cv_diags_new();
	cv_env o = {.creator = "cv2pdf", .epoch = -1};
	unsigned char *pdf = NULL;
	size_t len = 0;
	INT_EQ(cv_render_pdf(dl, fs, &o, &pdf, &len, d), CV_OK, "render without dates");
	OK(pdf && !memmem(pdf, len, "CreationDate", 12) && !memmem(pdf, len, "ModDate", 7), "dates written");
	OK(pdf && !memmem(pdf, len, "/Outlines", 9) && !memmem(pdf, len, "UseOutlines", 11),
	   "outline without bookmarks");
	free(pdf);
	cv_diags_free(d);
	free_dlist(dl);
}

/* A libharu error (font size 0) becomes a "pdf-write" diagnostic and CV_EPDF, with nothing leaked. */
static void test_error(const cv_fontset *fs)
{
	cv_dlist *dl = new_dlist();
	add_page(dl);
	add_run(dl, 0, "Fine", 56, 80, 11, CV_FACE_LATIN_REGULAR, false, 0, 0);
	add_run(dl, 0, "Broken", 56, 100, 0, CV_FACE_LATIN_BOLD, false, 0, 0);
	cv_diags *d = cv_diags_new();
	unsigned char *pdf = (unsigned char *)"untouched";
	size_t len = 1;
	INT_EQ(cv_render_pdf(dl, fs, &(cv_env){.creator = "t", .epoch = -1}, &pdf, &len, d), CV_EPDF,
	       "render with size 0");
	OK(pdf == NULL && len == 0, "output set on error");
	INT_EQ(cv_diags_errors(d), 1, "errors");
	if (cv_diags_count(d) == 1) {
		const cv_diag *e = cv_diags_at(d, 0);
		STR_EQ(e->code, "pdf-write", "error code");
		OK(strncmp(e->message, "PDF writer error 0x1050 (detail 0): font size out of range", 58) == 0, "%s",
		   e->message);
	}
	cv_diags_free(d);
	free_dlist(dl);

	/* A bookmark to a page that does not exist is a layout bug, reported before libharu starts. */
	dl = new_dlist();
	add_page(dl);
	add_bookmark(dl, "Lost", 0, 3, 0);
	d = cv_diags_new();
	INT_EQ(cv_render_pdf(dl, fs, &(cv_env){.epoch = -1}, &pdf, &len, d), CV_EINTERNAL, "bad bookmark");
	cv_diags_free(d);
	free_dlist(dl);
}

static void add_image(cv_dlist *dl, size_t page, cv_picture pic)
{
	cv_page *pg = &dl->pages[page];
	*CV_PUSH(pg->images, pg->n_images, pg->cap_images) =
		(cv_image){.x0 = 400, .y0 = 60, .x1 = 472, .y1 = 132, .pic = pic, .path = "me.jpg"};
}

/* Pictures as layout hands them over: pixels with a soft mask are embedded; a JPEG libharu refuses
 * (here with a lost marker, which layout's own check never lets through) is a warning naming the
 * error in words, and the PDF is still whole. */
static void test_pictures(const cv_fontset *fs)
{
	static const unsigned char rgb[2 * 2 * 3] = {255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255};
	static const unsigned char alpha[2 * 2] = {255, 128, 0, 255};
	static const unsigned char bad_jpeg[] = {0xFF, 0xD8, 0x12, 0x34, 0x00, 0x04, 0xFF, 0xD9};
	cv_dlist *dl = new_dlist();
	add_page(dl);
	add_run(dl, 0, "Photo", 56, 80, 11, CV_FACE_LATIN_REGULAR, false, 0, 0);
	add_image(dl, 0, (cv_picture){.kind = CV_PICTURE_PIXELS, .data = rgb, .len = sizeof rgb, .w = 2, .h = 2,
				      .channels = 3, .alpha = alpha});
	add_image(dl, 0, (cv_picture){.kind = CV_PICTURE_JPEG, .data = bad_jpeg, .len = sizeof bad_jpeg, .w = 16,
				      .h = 16, .channels = 3});
	cv_diags *d = cv_diags_new();
	unsigned char *pdf = NULL;
	size_t len = 0;
	INT_EQ(cv_render_pdf(dl, fs, &(cv_env){.epoch = -1}, &pdf, &len, d), CV_OK, "render with pictures");
	OK(cv_diags_count(d) == 1 && strstr(cv_diags_at(d, 0)->message,
					    "PDF writer error 0x1063: a JPEG of a kind the PDF writer cannot embed"),
	   "the refused JPEG is named: %s", cv_diags_count(d) ? cv_diags_at(d, 0)->message : "no diagnostic");
	char path[64], cmd[512], *out;
	if (pdf && write_temp(pdf, len, path, sizeof path) == 0) {
		qpdf_ok(path);
		snprintf(cmd, sizeof cmd, "pdfimages -list %s", path);
		INT_EQ(run_cmd(cmd, &out), 0, "pdfimages exit status");
		OK(count_lines_with(out, " rgb ") == 1 && count_lines_with(out, " smask ") == 1,
		   "one image with its soft mask:\n%s", out);
		free(out);
		unlink(path);
	}
	free(pdf);
	cv_diags_free(d);
	free_dlist(dl);
}

/* Faces that are one font (a family without styles, one font for Latin and Chinese) share one
 * embedded subset holding the characters of all of them. */
static void test_shared_file(void)
{
	cv_diags *d = cv_diags_new();
	cv_fontset *fs = cv_fontset_new(&(cv_font_request){.font_dir = CV2PDF_TEST_FONT_DIR,
							    .latin = CV2PDF_TEST_FONT_DIR "/wqy-microhei.ttc"},
					d);
	OK(fs != NULL, "font set with a shared file");
	if (!fs) {
		cv_diags_print(d, stderr, false, false);
		cv_diags_free(d);
		return;
	}
	cv_dlist *dl = new_dlist();
	add_page(dl);
	add_run(dl, 0, "Alpha", 56, 80, 11, CV_FACE_LATIN_REGULAR, false, 0, 0);
	add_run(dl, 0, "Omega", 56, 100, 11, CV_FACE_LATIN_BOLD, true, 0, 0);
	add_run(dl, 0, "汉字", 56, 120, 11, CV_FACE_CJK, false, 0, 0);
	unsigned char *pdf = NULL;
	size_t len = 0;
	INT_EQ(cv_render_pdf(dl, fs, &(cv_env){.epoch = -1}, &pdf, &len, d), CV_OK, "render");
	char path[64], cmd[512], *out;
	if (pdf && write_temp(pdf, len, path, sizeof path) == 0) {
		qpdf_ok(path);
		snprintf(cmd, sizeof cmd, "pdftotext -q %s -", path);
		INT_EQ(run_cmd(cmd, &out), 0, "pdftotext exit status");
		OK(strstr(out, "Alpha") && strstr(out, "Omega") && strstr(out, "汉字"), "text:\n%s", out);
		free(out);
		INT_EQ(check_fonts(path), 1, "one font for the three faces");
		snprintf(cmd, sizeof cmd, "pdffonts %s", path);
		run_cmd(cmd, &out);
		OK(strstr(out, "+wqy-microhei ") != NULL, "font names:\n%s", out);
		free(out);
		unlink(path);
	}
	free(pdf);
	free_dlist(dl);
	cv_fontset_free(fs);
	cv_diags_free(d);
}

/* How runs are drawn (cv_run.draw): a word broken at a line end has its pieces drawn as glyph
 * outlines, which are seen but not read, and its text hidden (rendering mode 3), read but not seen.
 * MuPDF's trace device says what was drawn how: fill_text, a filled path per outlined glyph,
 * ignore_text for the hidden text; pdftotext reads the text and the hidden text, not the outlines. */
static void test_draw_modes(const cv_fontset *fs)
{
	cv_dlist *dl = new_dlist();
	add_page(dl);
	add_run(dl, 0, "Seen", 50, 100, 20, CV_FACE_LATIN_REGULAR, false, 0, 0);
	add_run(dl, 0, "Drawn", 50, 200, 20, CV_FACE_LATIN_REGULAR, false, 0, 0x1F4E79);
	dl->pages[0].runs[1].draw = CV_DRAW_OUTLINE;
	add_run(dl, 0, "Readx", 50, 300, 20, CV_FACE_LATIN_REGULAR, false, 0, 0);
	dl->pages[0].runs[2].draw = CV_DRAW_HIDDEN;
	dl->pages[0].runs[2].hscale = 0.5f;
	cv_diags *d = cv_diags_new();
	cv_env o = {.creator = "cv2pdf 0.1.0", .epoch = 1700000000};
	unsigned char *pdf = NULL;
	size_t len = 0;
	INT_EQ(cv_render_pdf(dl, fs, &o, &pdf, &len, d), CV_OK, "render");
	char path[64], cmd[512], *out = NULL;
	if (pdf && write_temp(pdf, len, path, sizeof path) == 0) {
		qpdf_ok(path);
		snprintf(cmd, sizeof cmd, "pdftotext -q %s -", path);
		INT_EQ(run_cmd(cmd, &out), 0, "pdftotext exit status");
		OK(strstr(out, "Seen") && strstr(out, "Readx") && !strstr(out, "Drawn"),
		   "text read: the text and the hidden text, not the outlines: \"%s\"", out);
		free(out);
		snprintf(cmd, sizeof cmd, "mutool draw -F trace -o - %s 2>/dev/null", path);
		INT_EQ(run_cmd(cmd, &out), 0, "mutool draw -F trace exit status");
		INT_EQ(count_lines_with(out, "<fill_path"), 5, "a filled path for each outlined glyph of \"Drawn\"");
		INT_EQ(count_lines_with(out, "<fill_text"), 1, "one visible text");
		INT_EQ(count_lines_with(out, "<ignore_text"), 1, "one hidden text");
		OK(strstr(out, "<fill_path winding=\"nonzero\" colorspace=\"DeviceRGB\" color=\".122 .306 .475\"") != NULL,
		   "the outlines filled in the run's colour");
		free(out);
		unlink(path);
	}
	free(pdf);
	cv_diags_free(d);
	free_dlist(dl);
}

int main(void)
{
	cv_diags *d = cv_diags_new();
	cv_fontset *fs = cv_fontset_new(&(cv_font_request){.font_dir = CV2PDF_TEST_FONT_DIR}, d);
	OK(fs != NULL, "font set from %s", CV2PDF_TEST_FONT_DIR);
	if (fs) {
		test_sample(fs);
		test_no_dates(fs);
		test_error(fs);
		test_pictures(fs);
		test_draw_modes(fs);
		cv_fontset_free(fs);
	} else {
		cv_diags_print(d, stderr, false, false);
	}
	cv_diags_free(d);
	test_shared_file();
	cv_text_thread_fini(); /* this thread's shaping cache, which freeing the font sets leaves */
	return harness_summary();
}
