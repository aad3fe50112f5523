/* libFuzzer target for the photo path: bytes as the file cv.photo names go through the check the
 * command line uses (cv_picture_decode: a PNG through libpng, a JPEG through libjpeg, each under its
 * error handler, within every limit), and a picture that passes is embedded by the renderer into a
 * one-page PDF, as a résumé's would be. Findings: a crash, libpng aborting, a leak, a picture
 * accepted that the renderer then cannot embed, or one whose pixels do not match its size.
 * SPDX-License-Identifier: MIT */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/render.h"
#include "cv2pdf/util.h"
#include "layout_internal.h"

#ifndef CV2PDF_FUZZ_FONT_DIR
#error "CV2PDF_FUZZ_FONT_DIR must name the shipped fonts directory"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static cv_fontset *fonts(void)
{
	static cv_fontset *fs; /* loaded once and shared by every execution, as cv2pdf does per process */
	if (!fs) {
		cv_diags *d = cv_diags_new();
		fs = cv_fontset_new(&(cv_font_request){.font_dir = CV2PDF_FUZZ_FONT_DIR}, d);
		cv_diags_free(d);
		if (!fs)
			abort();
	}
	return fs;
}

static void embed(const cv_picture *pic)
{
	cv_dlist *dl = cv_xcalloc(1, sizeof *dl);
	dl->arena = cv_arena_new();
	dl->width = 595.28f;
	dl->height = 841.89f;
	cv_page *pg = CV_PUSH(dl->pages, dl->n_pages, dl->cap_pages);
	memset(pg, 0, sizeof *pg);
	*CV_PUSH(pg->images, pg->n_images, pg->cap_images) =
		(cv_image){.x0 = 400, .y0 = 60, .x1 = 472, .y1 = 132, .pic = *pic, .path = "photo"};
	cv_diags *d = cv_diags_new();
	unsigned char *pdf = NULL;
	size_t len = 0;
	int rc = cv_render_pdf(dl, fonts(), &(cv_env){.epoch = -1}, &pdf, &len, d);
	/* What the check accepts, the renderer must embed: no error, no "could not be embedded". */
	if (rc != CV_OK || cv_diags_count(d) != 0 || !pdf || len < 5 || memcmp(pdf, "%PDF-", 5) != 0)
		abort();
	free(pdf);
	cv_diags_free(d);
	cv_dlist_free(dl);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cv_arena *a = cv_arena_new();
	cv_picture pic;
	const char *why = cv_picture_decode(data, size, a, &pic);
	if (why) {
		(void)strlen(why); /* the reason is a readable string */
	} else {
		if (!pic.w || !pic.h || !pic.data)
			abort();
		if (pic.kind == CV_PICTURE_PIXELS &&
		    (pic.len != (size_t)pic.w * pic.h * pic.channels || (pic.channels != 1 && pic.channels != 3)))
			abort();
		if (pic.kind == CV_PICTURE_JPEG && pic.len != size)
			abort();
		if (pic.alpha)
			(void)memchr(pic.alpha, 0x5A, (size_t)pic.w * pic.h); /* every byte readable (ASan checks) */
		(void)memchr(pic.data, 0x5A, pic.len);
		embed(&pic);
	}
	cv_arena_free(a);
	return 0;
}
