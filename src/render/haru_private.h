/* The libharu fence: every use of libharu's private structures and undocumented object functions,
 * each as one small function (haru_private.c says, per function, what libharu lacks). pdf_haru.c
 * sees only libharu's public view (the one a DLL user gets) plus these. Nothing outside
 * src/render/ and its unit test includes this.
 * SPDX-License-Identifier: MIT */
#ifndef CV2PDF_HARU_PRIVATE_H
#define CV2PDF_HARU_PRIVATE_H

#include <hpdf.h>
#include <stddef.h>

/* Whichever view of <hpdf.h> the including file chose (pdf_haru.c defines HPDF_SHARED first, for
 * the public one); HPDF_STATUS, HPDF_INT32 and HPDF_REAL are the same in both. */

/* A libharu object (document, page, dictionary, array, stream object, outline, destination,
 * font, image) as the public view of <hpdf.h> has it: an untyped handle. The fence's side sees
 * the same pointers as its typed records; both sides declare these functions with void *, so the
 * two views agree on every prototype. */
typedef void *cv_haru_obj;

/* Every function below returns libharu's status (0, HPDF_OK, on success) or a NULL object; on
 * failure the document's error handler has been called (where libharu only records an error, the
 * fence reports it). */

/* ---- Building objects (libharu's object layer, which its documentation does not cover) ---- */

/* A new dictionary; indirect ones get an object number of their own. */
cv_haru_obj cv_haru_dict_new(cv_haru_obj pdf, int indirect);
/* A new (direct) array. */
cv_haru_obj cv_haru_array_new(cv_haru_obj pdf);
/* A new stream object (an indirect dictionary with a stream and its /Length). */
cv_haru_obj cv_haru_stream_new(cv_haru_obj pdf);
/* dict[key] = value, which may be indirect (written as a reference) or a new direct object that
 * dict then owns. */
HPDF_STATUS cv_haru_put(cv_haru_obj dict, const char *key, cv_haru_obj value);
HPDF_STATUS cv_haru_put_name(cv_haru_obj dict, const char *key, const char *name);
HPDF_STATUS cv_haru_put_int(cv_haru_obj dict, const char *key, HPDF_INT32 value);
HPDF_STATUS cv_haru_put_real(cv_haru_obj dict, const char *key, HPDF_REAL value);
/* A text string written as it is, a literal string: s must be printable ASCII. */
HPDF_STATUS cv_haru_put_ascii(cv_haru_obj pdf, cv_haru_obj dict, const char *key, const char *s);
/* A string of any bytes, written as a hexadecimal string (UTF-16BE text, say). */
HPDF_STATUS cv_haru_put_bytes(cv_haru_obj pdf, cv_haru_obj dict, const char *key, const unsigned char *bytes,
				size_t len);
/* Appends value (as cv_haru_put does) or a number to an array. */
HPDF_STATUS cv_haru_push(cv_haru_obj array, cv_haru_obj value);
HPDF_STATUS cv_haru_push_int(cv_haru_obj array, HPDF_INT32 value);

/* ---- What libharu has no function for -------------------------------------------------------- */

/* Entries written verbatim into dict after its own, e.g. "/W [1 [500 600]]\n": for data too large
 * to be worth one libharu object per number. entries is not copied: it must stay valid until the
 * document is saved or freed. One call per dictionary (a second is refused); not for a stream
 * object that cv_haru_stream_put_deflated filled. */
HPDF_STATUS cv_haru_put_raw(cv_haru_obj dict, const char *entries);
/* Appends data[0..len), already deflated by the caller, to the stream object s, and makes s carry
 * exactly one /Filter /FlateDecode whatever the document's compression mode. */
HPDF_STATUS cv_haru_stream_put_deflated(cv_haru_obj s, const void *data, size_t len);
/* The stream object of a page's content stream (empty until something is put in it). */
cv_haru_obj cv_haru_page_contents(cv_haru_obj page);
/* The name under which the page's resources know a font or an image (an XObject), added to them
 * on first use; NULL after a failure. Valid while the document lives. */
const char *cv_haru_page_font_name(cv_haru_obj page, cv_haru_obj font);
const char *cv_haru_page_image_name(cv_haru_obj page, cv_haru_obj image);
/* The document's information dictionary (NULL until HPDF_SetInfoAttr made it) and catalog. */
cv_haru_obj cv_haru_info(cv_haru_obj pdf);
cv_haru_obj cv_haru_catalog(cv_haru_obj pdf);
/* Makes dst [page /XYZ left top null]: a null zoom keeps the reader's zoom. */
HPDF_STATUS cv_haru_destination_xyz(cv_haru_obj pdf, cv_haru_obj dst, cv_haru_obj page, float left, float top);

/* ---- libharu's error codes (its hpdf_error.h is not part of the public view) ---------------- */

/* The codes the renderer itself raises, each checked against libharu's at compile time. */
enum {
	CV_HARU_INVALID_ANNOTATION = 0x101C,
	CV_HARU_PAGE_INVALID_FONT_SIZE = 0x1050,
	CV_HARU_ZLIB_ERROR = 0x1066,
};
/* What a libharu error code means, in words; never NULL. */
const char *cv_haru_error_text(HPDF_STATUS code);

#endif
