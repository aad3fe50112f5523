/* Unit tests of the libharu fence (src/render/haru_private.c): what each hack exists for, read back
 * from the bytes libharu saves, so that a libharu whose private records still compile but behave
 * differently fails here. Like pdf_haru.c, this file sees only libharu's public view.
 * SPDX-License-Identifier: MIT */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem, mkstemps */
#endif
#define HPDF_SHARED /* the public view, as pdf_haru.c has it */

#include <hpdf.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include "harness.h"
#include "haru_private.h"

/* Inflated test streams are small: a few lines of text. */
#define INFLATED_MAX 4096

typedef struct errors {
	int count;
	HPDF_STATUS first;
} errors;

static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
	(void)detail_no;
	errors *e = user;
	if (!e->count++)
		e->first = error_no;
}

typedef struct saved {
	char *p; /* NUL-terminated after len bytes, so that strstr stops at the end */
	size_t len;
} saved;

static saved save(HPDF_Doc pdf)
{
	saved s = {0};
	if (HPDF_SaveToStream(pdf) != HPDF_OK)
		return s;
	HPDF_UINT32 size = HPDF_GetStreamSize(pdf), got = size;
	s.p = calloc(1, (size_t)size + 1);
	HPDF_ResetStream(pdf);
	if (!s.p || HPDF_ReadFromStream(pdf, (HPDF_BYTE *)s.p, &got) != HPDF_OK || got != size) {
		free(s.p);
		return (saved){0};
	}
	s.len = size;
	return s;
}

/* The text of indirect object n ("n 0 obj" up to "endobj"), NUL-terminated in a copy the caller
 * frees; NULL when there is none. The bytes of a stream may hold NULs, so the search uses memmem. */
static char *object(const saved *s, int n)
{
	char head[32];
	int hn = snprintf(head, sizeof head, "\n%d 0 obj", n);
	const char *a = memmem(s->p, s->len, head, (size_t)hn);
	if (!a)
		return NULL;
	a++;
	const char *b = memmem(a, s->len - (size_t)(a - s->p), "endobj", 6);
	if (!b)
		return NULL;
	char *copy = malloc((size_t)(b - a) + 1);
	memcpy(copy, a, (size_t)(b - a));
	copy[b - a] = '\0';
	return copy;
}

/* The number n of "n 0 R" after key in text, or -1. */
static int ref_after(const char *text, const char *key)
{
	const char *k = text ? strstr(text, key) : NULL;
	int n;
	return k && sscanf(k + strlen(key), " %d 0 R", &n) == 1 ? n : -1;
}

static int count(const char *text, size_t len, const char *needle)
{
	int n = 0;
	size_t nl = strlen(needle);
	for (const char *p = text; (p = memmem(p, len - (size_t)(p - text), needle, nl)) != NULL; p += nl)
		n++;
	return n;
}

/* Whether the saved bytes hold needle (they hold NULs: strstr would stop early). */
static bool has(const saved *s, const char *needle)
{
	return memmem(s->p, s->len, needle, strlen(needle)) != NULL;
}

static size_t deflated(const char *in, unsigned char *out, size_t cap)
{
	uLongf n = (uLongf)cap;
	return compress2(out, &n, (const Bytef *)in, (uLong)strlen(in), 6) == Z_OK ? (size_t)n : 0;
}

/* Checks stream object n: exactly one /Filter, /FlateDecode and no array of filters, a /Length that
 * is the data's, and data that inflate to want. */
static void check_stream(const saved *s, int n, const char *want, const char *what)
{
	char head[32];
	int hn = snprintf(head, sizeof head, "\n%d 0 obj", n);
	const char *a = memmem(s->p, s->len, head, (size_t)hn);
	OK(a != NULL, "%s: object %d not found", what, n);
	if (!a)
		return;
	const char *dict_end = memmem(a, s->len - (size_t)(a - s->p), ">>\012stream\015\012", 11);
	OK(dict_end != NULL, "%s: not a stream object", what);
	if (!dict_end)
		return;
	INT_EQ(count(a, (size_t)(dict_end - a), "/Filter"), 1, what);
	INT_EQ(count(a, (size_t)(dict_end - a), "/Filter /FlateDecode\012"), 1, what);
	INT_EQ(count(a, (size_t)(dict_end - a), "[/FlateDecode"), 0, what);
	int length_obj = -1, length = -1;
	const char *l = memmem(a, (size_t)(dict_end - a), "/Length ", 8);
	if (l && sscanf(l + 8, "%d 0 R", &length_obj) == 1) {
		char *lo = object(s, length_obj);
		if (lo)
			sscanf(lo, "%*d 0 obj %d", &length);
		free(lo);
	}
	const unsigned char *data = (const unsigned char *)dict_end + 11;
	const char *end = memmem(data, s->len - (size_t)((const char *)data - s->p), "\012endstream", 10);
	OK(end != NULL, "%s: no endstream", what);
	if (!end)
		return;
	INT_EQ(length, (const unsigned char *)end - data, "the stream's /Length");
	unsigned char out[INFLATED_MAX];
	uLongf n_out = sizeof out - 1;
	int zrc = uncompress(out, &n_out, data, (uLong)((const unsigned char *)end - data));
	INT_EQ(zrc, Z_OK, "inflating the stream");
	out[zrc == Z_OK ? n_out : 0] = '\0';
	STR_EQ((const char *)out, want, what);
}

/* qpdf exits 3 on warnings, so 0 means neither errors nor warnings. */
static void qpdf_ok(const saved *s)
{
	char path[] = "/tmp/cv2pdf-test-haru-XXXXXX.pdf";
	int fd = mkstemps(path, 4);
	OK(fd >= 0, "temporary file");
	if (fd < 0)
		return;
	OK(write(fd, s->p, s->len) == (ssize_t)s->len, "writing %s", path);
	close(fd);
	char cmd[256];
	snprintf(cmd, sizeof cmd, "qpdf --check %s >/dev/null 2>&1", path);
	int st = system(cmd);
	INT_EQ(st != -1 && WIFEXITED(st) ? WEXITSTATUS(st) : -1, 0, "qpdf --check exit status");
	unlink(path);
}

static const char content[] = "0.5 g\n10 10 100 50 re f\n";
static const char payload[] = "a stream the caller deflated, any bytes: \x01\x02 ()\\ end";

/* One document exercising every hack of the fence, then its saved bytes read back. */
static void test_document(void)
{
	errors e = {0};
	HPDF_Doc pdf = HPDF_New(on_error, &e);
	OK(pdf != NULL, "HPDF_New");
	if (!pdf)
		return;
	/* With compression on, libharu would deflate a stream again and write its own /Filter. */
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	HPDF_Page page = HPDF_AddPage(pdf);
	unsigned char z[256];
	size_t zn = deflated(content, z, sizeof z);
	OK(zn > 0, "deflating the content");
	INT_EQ(cv_haru_stream_put_deflated(cv_haru_page_contents(page), z, zn), HPDF_OK, "page contents");

	/* A raw /W beside ordinary entries, on an indirect dictionary kept alive by a reference. */
	cv_haru_obj cid = cv_haru_dict_new(pdf, 1);
	OK(cid != NULL, "cv_haru_dict_new");
	cv_haru_put_name(cid, "Type", "Font");
	cv_haru_put_name(cid, "Subtype", "CIDFontType2");
	INT_EQ(cv_haru_put_raw(cid, "/W [1 [500 600 700]]\n"), HPDF_OK, "cv_haru_put_raw");
	INT_EQ(e.count, 0, "errors before the refused second raw entry");
	OK(cv_haru_put_raw(cid, "/W [2 [1]]\n") != HPDF_OK, "a second raw entry is refused");
	INT_EQ(e.count, 1, "the refusal reaches the error handler");
	e = (errors){0};
	HPDF_ResetError(pdf);

	cv_haru_obj s = cv_haru_stream_new(pdf);
	OK(s != NULL, "cv_haru_stream_new");
	zn = deflated(payload, z, sizeof z);
	INT_EQ(cv_haru_stream_put_deflated(s, z, zn), HPDF_OK, "a deflated stream");
	cv_haru_put_int(s, "Length1", (HPDF_INT32)strlen(payload));
	OK(cv_haru_put_raw(s, "/X 1\n") != HPDF_OK, "no raw entry on a deflated stream");
	e = (errors){0};
	HPDF_ResetError(pdf);

	/* Direct objects: an array with a reference and numbers, a nested dictionary with strings. */
	cv_haru_obj font = cv_haru_dict_new(pdf, 1), kids = cv_haru_array_new(pdf), info = cv_haru_dict_new(pdf, 0);
	OK(font && kids && info, "objects");
	cv_haru_put_name(font, "Type", "Font");
	cv_haru_put_name(font, "Subtype", "Type0");
	cv_haru_put_name(font, "BaseFont", "ABCDEF+Test");
	cv_haru_put_name(font, "Encoding", "Identity-H");
	cv_haru_put(font, "DescendantFonts", kids);
	cv_haru_push(kids, cid);
	cv_haru_push_int(kids, -7);
	cv_haru_put(cid, "CIDSystemInfo", info);
	cv_haru_put_ascii(pdf, info, "Registry", "Adobe (x)");
	cv_haru_put_real(info, "Supplement", 0.5f);
	cv_haru_put(font, "ToUnicode", s);
	const char *f1 = cv_haru_page_font_name(page, font);
	OK(f1 != NULL, "cv_haru_page_font_name");
	STR_EQ(cv_haru_page_font_name(page, font), f1, "the same name on the second use");

	/* Information and catalog: a UTF-16BE title (zero bytes inside) and /Lang. */
	HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, "");
	OK(cv_haru_info(pdf) != NULL, "cv_haru_info after HPDF_SetInfoAttr");
	static const unsigned char title[] = {0xFE, 0xFF, 0x00, 0x41, 0xD8, 0x42, 0xDF, 0xB7};
	cv_haru_put_bytes(pdf, cv_haru_info(pdf), "Title", title, sizeof title);
	cv_haru_put_ascii(pdf, cv_haru_catalog(pdf), "Lang", "zh-Hans");

	/* A bookmark whose destination keeps the reader's zoom. */
	HPDF_Outline o = HPDF_CreateOutline(pdf, NULL, "x", NULL);
	HPDF_Destination dst = HPDF_Page_CreateDestination(page);
	INT_EQ(cv_haru_destination_xyz(pdf, dst, page, 0, 700.5f), HPDF_OK, "cv_haru_destination_xyz");
	HPDF_Outline_SetDestination(o, dst);

	INT_EQ(e.count, 0, "libharu errors while building");
	saved out = save(pdf);
	OK(out.p != NULL, "saving");
	if (!out.p) {
		HPDF_Free(pdf);
		return;
	}

	/* The page's content stream, deflated once, marked once. */
	int contents = -1;
	for (int n = 1; n < 64 && contents < 0; n++) {
		char *obj = object(&out, n);
		if (obj && strstr(obj, "/Type /Page\012"))
			contents = ref_after(obj, "/Contents");
		free(obj);
	}
	OK(contents > 0, "the page's /Contents");
	check_stream(&out, contents, content, "the page's content stream");

	/* The Type0 font: its references, and through them the raw /W and the deflated stream. */
	int font_n = -1;
	for (int n = 1; n < 64 && font_n < 0; n++) {
		char *obj = object(&out, n);
		if (obj && strstr(obj, "/Subtype /Type0"))
			font_n = n;
		free(obj);
	}
	char *font_obj = font_n > 0 ? object(&out, font_n) : NULL;
	OK(font_obj != NULL, "the Type0 font object");
	const char *d = font_obj ? strstr(font_obj, "/DescendantFonts [") : NULL;
	int cid_n = -1;
	OK(d && sscanf(d, "/DescendantFonts [%d 0 R -7]", &cid_n) == 1, "the descendants array: %s", font_obj);
	char *cid_obj = object(&out, cid_n);
	OK(cid_obj != NULL, "the CIDFont object");
	if (cid_obj) {
		INT_EQ(count(cid_obj, strlen(cid_obj), "/W ["), 1, "one /W");
		OK(strstr(cid_obj, "/Subtype /CIDFontType2\012") != NULL, "the CIDFont's own entries: %s", cid_obj);
		OK(strstr(cid_obj, "/W [1 [500 600 700]]\n>>") != NULL, "/W after the entries, before >>: %s", cid_obj);
		OK(strstr(cid_obj, "/Registry (Adobe \\050x\\051)") != NULL, "an escaped literal string: %s", cid_obj);
		OK(strstr(cid_obj, "/Supplement 0.5") != NULL, "a real number: %s", cid_obj);
	}
	check_stream(&out, ref_after(font_obj, "/ToUnicode"), payload, "a deflated stream");
	OK(has(&out, "/Length1 "), "an ordinary entry of a deflated stream");
	char want_font[64];
	snprintf(want_font, sizeof want_font, "/%s %d 0 R", f1 ? f1 : "?", font_n);
	OK(has(&out, want_font), "the page's font resource %s", want_font);

	OK(has(&out, "/Title <FEFF0041D842DFB7>"), "the UTF-16BE title as a hex string");
	OK(has(&out, "/Lang (zh-Hans)"), "the catalog's /Lang");
	char *catalog = NULL;
	for (int n = 1; n < 64 && !catalog; n++) {
		char *obj = object(&out, n);
		if (obj && strstr(obj, "/Type /Catalog"))
			catalog = obj;
		else
			free(obj);
	}
	OK(catalog && strstr(catalog, "/Lang (zh-Hans)"), "/Lang in the catalog itself");
	free(catalog);
	OK(has(&out, "R /XYZ 0 700.5 null ]"), "a destination with a null zoom");
	qpdf_ok(&out);
	free(cid_obj);
	free(font_obj);
	free(out.p);
	HPDF_Free(pdf);
}

/* Failures libharu's object functions only record (HPDF_SetError) reach the error handler. */
static void test_reported(void)
{
	errors e = {0};
	HPDF_Doc pdf = HPDF_New(on_error, &e);
	OK(pdf != NULL, "HPDF_New");
	if (!pdf)
		return;
	cv_haru_obj dict = cv_haru_dict_new(pdf, 1);
	OK(cv_haru_put(dict, "Missing", NULL) != HPDF_OK, "adding nothing fails");
	INT_EQ(e.count > 0, 1, "and the handler hears of it");
	e = (errors){0};
	HPDF_ResetError(pdf);
	/* More than a PDF string may hold (65535 bytes). */
	size_t big = 70000;
	unsigned char *bytes = calloc(1, big);
	OK(cv_haru_put_bytes(pdf, dict, "Big", bytes, big) != HPDF_OK, "an over-long string fails");
	INT_EQ(e.count > 0, 1, "and the handler hears of it");
	free(bytes);
	e = (errors){0};
	HPDF_ResetError(pdf);
	cv_haru_obj plain = cv_haru_dict_new(pdf, 0);
	OK(cv_haru_stream_put_deflated(plain, "x", 1) != HPDF_OK, "a dictionary without a stream is refused");
	INT_EQ(e.count > 0, 1, "and the handler hears of it");
	cv_haru_put(dict, "Plain", plain);
	HPDF_Free(pdf);
}

static void test_error_text(void)
{
	STR_EQ(cv_haru_error_text(CV_HARU_ZLIB_ERROR), "compression (zlib) failed", "a known code");
	STR_EQ(cv_haru_error_text(0x7FFF), "an error this libharu version added (see its hpdf_error.h)",
	       "an unknown code");
}

int main(void)
{
	test_document();
	test_reported();
	test_error_text();
	return harness_summary();
}
