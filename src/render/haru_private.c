/* The libharu fence: the only code that uses libharu's private structures (the records of
 * hpdf_doc.h, hpdf_objects.h and hpdf_pages.h) and its undocumented object functions. Each function
 * says what libharu lacks and what it does instead. It knows nothing of cv2pdf: it builds no
 * font and draws nothing, so that the configure probe (cmake/CheckHaruFence.cmake) can compile and
 * link this very file against the libharu found, and stop there when a libharu's layout differs.
 *
 * Checked against: libharu 2.3.0 (Debian 12; built and tested) and the sources of 2.4.0 to 2.4.6,
 * in which every record field, object function declaration and HPDF_Dict_Write step used here is
 * the same. 2.4 only adds: record fields (the document's PDF/A settings, a page's shadings), and the
 * HPDF_Direct object and HPDF_Array_AddNull, which this file could use once 2.3 is not supported.
 * SPDX-License-Identifier: MIT */
#include <hpdf.h>
#include <stddef.h>
#include <stdint.h>

#include "haru_private.h"

/* The object layer (HPDF_Dict_New, HPDF_Dict_Add, HPDF_DictStream_New, the page records) is
 * declared in headers that a Windows DLL build of libharu neither exposes nor exports. */
#ifdef HPDF_SHARED
#error "cv2pdf needs libharu's object functions (hpdf_objects.h), which a libharu DLL does not export"
#endif

/* ---- Building objects ------------------------------------------------------------------------
 * libharu's documented API builds only the objects it knows (pages, fonts it embeds itself,
 * outlines, annotations). The renderer embeds its own fonts (a Type0 font with its CIDFont,
 * descriptor, CIDToGIDMap and ToUnicode CMap), so it needs the object layer beneath: functions
 * declared in the installed hpdf_objects.h, unchanged from 2.3.0 to 2.4.6, and fields of the
 * records: the document's mmgr (memory manager), xref (the table that numbers indirect objects) and
 * error, and each object's error. */

/* libharu's object functions record most failures in the document's error record without calling
 * its error handler (HPDF_SetError, not HPDF_RaiseError), which would leave a font silently
 * incomplete; these two report them. The renderer's handler keeps only the first report. */
static HPDF_STATUS reported(HPDF_Error e, HPDF_STATUS rc)
{
	if (rc != HPDF_OK)
		HPDF_RaiseError(e, rc, HPDF_Error_GetDetailCode(e));
	return rc;
}

static void *made(HPDF_Doc doc, void *obj)
{
	if (!obj) {
		HPDF_STATUS rc = HPDF_Error_GetCode(&doc->error);
		reported(&doc->error, rc ? rc : HPDF_FAILD_TO_ALLOC_MEM);
	}
	return obj;
}

cv_haru_obj cv_haru_dict_new(cv_haru_obj pdf, int indirect)
{
	HPDF_Doc doc = pdf;
	HPDF_Dict d = made(doc, HPDF_Dict_New(doc->mmgr));
	if (d && indirect && reported(&doc->error, HPDF_Xref_Add(doc->xref, d)) != HPDF_OK)
		return NULL; /* HPDF_Xref_Add frees d when it fails */
	return d;
}

cv_haru_obj cv_haru_array_new(cv_haru_obj pdf)
{
	return made(pdf, HPDF_Array_New(((HPDF_Doc)pdf)->mmgr));
}

cv_haru_obj cv_haru_stream_new(cv_haru_obj pdf)
{
	HPDF_Doc doc = pdf;
	return made(doc, HPDF_DictStream_New(doc->mmgr, doc->xref));
}

HPDF_STATUS cv_haru_put(cv_haru_obj dict, const char *key, cv_haru_obj value)
{
	HPDF_Dict d = dict;
	return reported(d->error, HPDF_Dict_Add(d, key, value));
}

HPDF_STATUS cv_haru_put_name(cv_haru_obj dict, const char *key, const char *name)
{
	HPDF_Dict d = dict;
	return reported(d->error, HPDF_Dict_AddName(d, key, name));
}

HPDF_STATUS cv_haru_put_int(cv_haru_obj dict, const char *key, HPDF_INT32 value)
{
	HPDF_Dict d = dict;
	return reported(d->error, HPDF_Dict_AddNumber(d, key, value));
}

HPDF_STATUS cv_haru_put_real(cv_haru_obj dict, const char *key, HPDF_REAL value)
{
	HPDF_Dict d = dict;
	return reported(d->error, HPDF_Dict_AddReal(d, key, value));
}

/* No encoder: libharu writes the bytes as a literal string, escaping what needs it. */
HPDF_STATUS cv_haru_put_ascii(cv_haru_obj pdf, cv_haru_obj dict, const char *key, const char *s)
{
	HPDF_Doc doc = pdf;
	return reported(&doc->error, HPDF_Dict_Add(dict, key, HPDF_String_New(doc->mmgr, s, NULL)));
}

/* HPDF_SetInfoAttr and HPDF_CreateOutline take C strings through an encoder, so a title cannot be
 * UTF-16BE (which holds zero bytes); a binary object is written as <hex> with any bytes. */
HPDF_STATUS cv_haru_put_bytes(cv_haru_obj pdf, cv_haru_obj dict, const char *key, const unsigned char *bytes,
			      size_t len)
{
	HPDF_Doc doc = pdf;
	/* HPDF_Binary_New copies the bytes, and refuses more than HPDF_LIMIT_MAX_STRING_LEN. */
	HPDF_UINT n = len > HPDF_LIMIT_MAX_STRING_LEN ? HPDF_LIMIT_MAX_STRING_LEN + 1 : (HPDF_UINT)len;
	HPDF_Binary b = HPDF_Binary_New(doc->mmgr, (HPDF_BYTE *)(uintptr_t)bytes, n);
	return reported(&doc->error, HPDF_Dict_Add(dict, key, b));
}

HPDF_STATUS cv_haru_push(cv_haru_obj array, cv_haru_obj value)
{
	HPDF_Array a = array;
	return reported(a->error, HPDF_Array_Add(a, value));
}

HPDF_STATUS cv_haru_push_int(cv_haru_obj array, HPDF_INT32 value)
{
	HPDF_Array a = array;
	return reported(a->error, HPDF_Array_AddNumber(a, value));
}

/* ---- What libharu has no function for -------------------------------------------------------- */

/* A dictionary's write_fn is called by HPDF_Dict_Write after its entries and before ">>" (2.3.0
 * and 2.4.x alike); attr, unused by a plain dictionary or a stream object, holds the text. */
static HPDF_STATUS write_raw(HPDF_Dict dict, HPDF_Stream out)
{
	return HPDF_Stream_WriteStr(out, (const char *)dict->attr);
}

/* libharu makes one object per number, whose list the /W array of a Chinese font (thousands of
 * widths) makes slower to build and to write than the rest of the font; it has no object for
 * text written as it is until 2.4's HPDF_Direct. So the text rides on the dictionary's write_fn
 * and attr fields (HPDF_Dict_Rec). */
HPDF_STATUS cv_haru_put_raw(cv_haru_obj dict, const char *entries)
{
	HPDF_Dict d = dict;
	if (d->write_fn || d->attr) /* the one slot is taken */
		return HPDF_RaiseError(d->error, HPDF_INVALID_OPERATION, 0);
	d->attr = (void *)(uintptr_t)entries;
	d->write_fn = write_raw;
	return HPDF_OK;
}

/* The /Filter entry of a stream whose bytes are already deflated. Not const: attr is void *. */
static char flate_entry[] = "/Filter /FlateDecode\012";

/* libharu has no way to store bytes that are already compressed: HPDF_Dict_Write rebuilds /Filter
 * from the stream object's filter field, deleting any /Filter entry when the field is
 * HPDF_STREAM_FILTER_NONE, and compresses the stream itself when it is FLATE_DECODE. The renderer
 * deflates each kind of stream at its own level (pdf_bytes.c), so here the field is cleared, the
 * deflated bytes go into the stream field (HPDF_Dict_Rec.stream, a memory stream), and
 * /FlateDecode is written as a raw entry. */
HPDF_STATUS cv_haru_stream_put_deflated(cv_haru_obj s, const void *data, size_t len)
{
	HPDF_Dict d = s;
	if (!d->stream || (d->write_fn && d->attr != flate_entry))
		return HPDF_RaiseError(d->error, HPDF_INVALID_STREAM, 0);
	d->filter = HPDF_STREAM_FILTER_NONE;
	d->attr = flate_entry;
	d->write_fn = write_raw;
	return reported(d->error, HPDF_Stream_Write(d->stream, data, (HPDF_UINT)len));
}

/* The renderer writes each page's content stream itself, as bytes (libharu's text operators cannot
 * show TJ arrays or choose codes); the documented API has no access to the stream object a page
 * owns, which is the contents field of the page's record (HPDF_PageAttr, hpdf_pages.h). */
cv_haru_obj cv_haru_page_contents(cv_haru_obj page)
{
	return ((HPDF_PageAttr)((HPDF_Page)page)->attr)->contents;
}

/* A content stream written as bytes names its fonts and images by their resource names, which
 * libharu assigns when its own drawing functions first use them; these two functions of
 * hpdf_pages.h, which its documentation does not list, assign and return them. */
const char *cv_haru_page_font_name(cv_haru_obj page, cv_haru_obj font)
{
	return HPDF_Page_GetLocalFontName(page, font);
}

const char *cv_haru_page_image_name(cv_haru_obj page, cv_haru_obj image)
{
	return HPDF_Page_GetXObjectName(page, image);
}

/* HPDF_SetInfoAttr can only write a string through an encoder (not UTF-16BE); the dictionary it
 * makes is the info field of the document record (hpdf_doc.h). */
cv_haru_obj cv_haru_info(cv_haru_obj pdf)
{
	return ((HPDF_Doc)pdf)->info;
}

/* libharu (2.3.0 to 2.4.6) has no function for the catalog's /Lang; the catalog is the catalog
 * field of the document record, a plain dictionary (HPDF_SetPageMode adds to it the same way). */
cv_haru_obj cv_haru_catalog(cv_haru_obj pdf)
{
	return ((HPDF_Doc)pdf)->catalog;
}

/* HPDF_Destination_SetXYZ refuses a zoom outside 0.08 to 32 (2.3.0 and 2.4.x), so it cannot write
 * null, which keeps the reader's zoom as hyperref's bookmarks do; a destination is a plain array
 * (HPDF_Destination is HPDF_Array), rewritten here. 2.4 has HPDF_Array_AddNull; 2.3 needs
 * HPDF_Null_New. */
HPDF_STATUS cv_haru_destination_xyz(cv_haru_obj pdf, cv_haru_obj dst, cv_haru_obj page, float left, float top)
{
	HPDF_Array a = dst;
	HPDF_Array_Clear(a);
	HPDF_STATUS rc = HPDF_Array_Add(a, page);
	if (rc == HPDF_OK)
		rc = HPDF_Array_AddName(a, "XYZ");
	if (rc == HPDF_OK)
		rc = HPDF_Array_AddReal(a, left);
	if (rc == HPDF_OK)
		rc = HPDF_Array_AddReal(a, top);
	if (rc == HPDF_OK)
		rc = HPDF_Array_Add(a, HPDF_Null_New(((HPDF_Doc)pdf)->mmgr));
	return reported(a->error, rc);
}
