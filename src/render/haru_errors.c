/* libharu's error codes in words. libharu has error numbers and no string function (STYLE.md §4).
 * Built with libharu's full view of <hpdf.h>, whose hpdf_error.h the public view leaves out; uses
 * none of its private structures.
 * SPDX-License-Identifier: MIT */
#include <hpdf.h>
#include <stddef.h>

#include "haru_private.h"

/* The renderer raises these itself from the public view, which has no hpdf_error.h. */
_Static_assert(CV_HARU_ZLIB_ERROR == HPDF_ZLIB_ERROR, "CV_HARU_ZLIB_ERROR differs from libharu's");
_Static_assert(CV_HARU_INVALID_ANNOTATION == HPDF_INVALID_ANNOTATION, "CV_HARU_INVALID_ANNOTATION differs from libharu's");
_Static_assert(CV_HARU_PAGE_INVALID_FONT_SIZE == HPDF_PAGE_INVALID_FONT_SIZE,
	       "CV_HARU_PAGE_INVALID_FONT_SIZE differs from libharu's");

/* Every code of libharu 2.3.0's hpdf_error.h (2.4 adds two that a résumé cannot meet), in its
 * order. Checklist: keep in step with hpdf_error.h when supporting a new libharu. */
static const struct haru_error {
	HPDF_STATUS code;
	const char *text;
} haru_errors[] = {
	{HPDF_ARRAY_COUNT_ERR, "an internal array is full"},
	{HPDF_ARRAY_ITEM_NOT_FOUND, "an internal array item is missing"},
	{HPDF_ARRAY_ITEM_UNEXPECTED_TYPE, "an internal array item has the wrong type"},
	{HPDF_BINARY_LENGTH_ERR, "binary data too long"},
	{HPDF_CANNOT_GET_PALLET, "cannot read the picture's palette"},
	{HPDF_DICT_COUNT_ERR, "an internal dictionary is full"},
	{HPDF_DICT_ITEM_NOT_FOUND, "an internal dictionary item is missing"},
	{HPDF_DICT_ITEM_UNEXPECTED_TYPE, "an internal dictionary item has the wrong type"},
	{HPDF_DICT_STREAM_LENGTH_NOT_FOUND, "a stream has no length"},
	{HPDF_DOC_ENCRYPTDICT_NOT_FOUND, "encryption was asked for without its settings"},
	{HPDF_DOC_INVALID_OBJECT, "invalid object in the document"},
	{HPDF_DUPLICATE_REGISTRATION, "a font or encoding was registered twice"},
	{HPDF_EXCEED_JWW_CODE_NUM_LIMIT, "too many Japanese word-wrap codes"},
	{HPDF_ENCRYPT_INVALID_PASSWORD, "invalid password"},
	{HPDF_ERR_UNKNOWN_CLASS, "unknown object class"},
	{HPDF_EXCEED_GSTATE_LIMIT, "graphics states nested too deeply"},
	{HPDF_FAILD_TO_ALLOC_MEM, "out of memory"},
	{HPDF_FILE_IO_ERROR, "a file could not be read or written"},
	{HPDF_FILE_OPEN_ERROR, "a file could not be opened"},
	{HPDF_FONT_EXISTS, "a font of that name is already loaded"},
	{HPDF_FONT_INVALID_WIDTHS_TABLE, "the font's width table is invalid"},
	{HPDF_INVALID_AFM_HEADER, "invalid AFM font metrics"},
	{HPDF_INVALID_ANNOTATION, "invalid link annotation"},
	{HPDF_INVALID_BIT_PER_COMPONENT, "a picture's bits per component are not supported"},
	{HPDF_INVALID_CHAR_MATRICS_DATA, "invalid character metrics"},
	{HPDF_INVALID_COLOR_SPACE, "a picture's colour space is not supported"},
	{HPDF_INVALID_COMPRESSION_MODE, "invalid compression mode"},
	{HPDF_INVALID_DATE_TIME, "invalid date"},
	{HPDF_INVALID_DESTINATION, "invalid bookmark destination"},
	{HPDF_INVALID_DOCUMENT, "invalid document"},
	{HPDF_INVALID_DOCUMENT_STATE, "operation not allowed in the document's current state"},
	{HPDF_INVALID_ENCODER, "invalid text encoder"},
	{HPDF_INVALID_ENCODER_TYPE, "text encoder of the wrong kind"},
	{HPDF_INVALID_ENCODING_NAME, "unknown text encoding"},
	{HPDF_INVALID_ENCRYPT_KEY_LEN, "invalid encryption key length"},
	{HPDF_INVALID_FONTDEF_DATA, "invalid font data"},
	{HPDF_INVALID_FONTDEF_TYPE, "font of an unsupported kind"},
	{HPDF_INVALID_FONT_NAME, "unknown font name"},
	{HPDF_INVALID_IMAGE, "invalid picture"},
	{HPDF_INVALID_JPEG_DATA, "invalid JPEG data"},
	{HPDF_INVALID_N_DATA, "invalid number"},
	{HPDF_INVALID_OBJECT, "invalid object"},
	{HPDF_INVALID_OBJ_ID, "invalid object number"},
	{HPDF_INVALID_OPERATION, "operation not allowed"},
	{HPDF_INVALID_OUTLINE, "invalid bookmark"},
	{HPDF_INVALID_PAGE, "invalid page"},
	{HPDF_INVALID_PAGES, "invalid page tree"},
	{HPDF_INVALID_PARAMETER, "invalid parameter"},
	{HPDF_INVALID_PNG_IMAGE, "invalid PNG picture"},
	{HPDF_INVALID_STREAM, "invalid stream"},
	{HPDF_MISSING_FILE_NAME_ENTRY, "a file name is missing"},
	{HPDF_INVALID_TTC_FILE, "invalid TrueType collection"},
	{HPDF_INVALID_TTC_INDEX, "face index out of range in a TrueType collection"},
	{HPDF_INVALID_WX_DATA, "invalid character width"},
	{HPDF_ITEM_NOT_FOUND, "item not found"},
	{HPDF_LIBPNG_ERROR, "libpng could not read the PNG picture"},
	{HPDF_NAME_INVALID_VALUE, "invalid PDF name"},
	{HPDF_NAME_OUT_OF_RANGE, "PDF name too long (over 127 bytes)"},
	{HPDF_PAGE_INVALID_PARAM_COUNT, "wrong number of parameters for a page operator"},
	{HPDF_PAGES_MISSING_KIDS_ENTRY, "the page tree has no pages"},
	{HPDF_PAGE_CANNOT_FIND_OBJECT, "a page's object is missing"},
	{HPDF_PAGE_CANNOT_GET_ROOT_PAGES, "the page tree's root is missing"},
	{HPDF_PAGE_CANNOT_RESTORE_GSTATE, "graphics state restored more often than saved"},
	{HPDF_PAGE_CANNOT_SET_PARENT, "a page cannot be attached to the page tree"},
	{HPDF_PAGE_FONT_NOT_FOUND, "text drawn before a font was set"},
	{HPDF_PAGE_INVALID_FONT, "invalid font"},
	{HPDF_PAGE_INVALID_FONT_SIZE, "font size out of range (above 0, at most 600 pt)"},
	{HPDF_PAGE_INVALID_GMODE, "drawing operator not allowed in the current graphics mode"},
	{HPDF_PAGE_INVALID_INDEX, "page index out of range"},
	{HPDF_PAGE_INVALID_ROTATE_VALUE, "page rotation not a multiple of 90"},
	{HPDF_PAGE_INVALID_SIZE, "page size out of range (3 to 14400 pt)"},
	{HPDF_PAGE_INVALID_XOBJECT, "invalid picture or form"},
	{HPDF_PAGE_OUT_OF_RANGE, "value out of range (line width, character spacing or colour)"},
	{HPDF_REAL_OUT_OF_RANGE, "number out of range"},
	{HPDF_STREAM_EOF, "a file or stream ended early"},
	{HPDF_STREAM_READLN_CONTINUE, "a line of a stream is longer than the buffer"},
	{HPDF_STRING_OUT_OF_RANGE, "string too long (over 65535 bytes)"},
	{HPDF_THIS_FUNC_WAS_SKIPPED, "an earlier error stopped this operation"},
	{HPDF_TTF_CANNOT_EMBEDDING_FONT, "the font's licence does not allow embedding"},
	{HPDF_TTF_INVALID_CMAP, "the font's cmap table is invalid or unsupported"},
	{HPDF_TTF_INVALID_FOMAT, "invalid TrueType font"},
	{HPDF_TTF_MISSING_TABLE, "a required TrueType table is missing or damaged"},
	{HPDF_UNSUPPORTED_FONT_TYPE, "unsupported font type"},
	{HPDF_UNSUPPORTED_FUNC, "function not supported by this libharu"},
	{HPDF_UNSUPPORTED_JPEG_FORMAT, "a JPEG of a kind the PDF writer cannot embed"},
	{HPDF_UNSUPPORTED_TYPE1_FONT, "unsupported Type 1 font"},
	{HPDF_XREF_COUNT_ERR, "too many objects in the document"},
	{HPDF_ZLIB_ERROR, "compression (zlib) failed"},
	{HPDF_INVALID_PAGE_INDEX, "invalid page index"},
	{HPDF_INVALID_URI, "invalid link URI"},
	{HPDF_PAGE_LAYOUT_OUT_OF_RANGE, "page layout out of range"},
	{HPDF_PAGE_MODE_OUT_OF_RANGE, "page mode out of range"},
	{HPDF_PAGE_NUM_STYLE_OUT_OF_RANGE, "page number style out of range"},
	{HPDF_ANNOT_INVALID_ICON, "invalid annotation icon"},
	{HPDF_ANNOT_INVALID_BORDER_STYLE, "invalid link border style"},
	{HPDF_PAGE_INVALID_DIRECTION, "invalid page direction"},
	{HPDF_INVALID_FONT, "invalid font"},
	{HPDF_PAGE_INSUFFICIENT_SPACE, "not enough room on the page"},
	{HPDF_PAGE_INVALID_DISPLAY_TIME, "invalid page display time"},
	{HPDF_PAGE_INVALID_TRANSITION_TIME, "invalid page transition time"},
	{HPDF_INVALID_PAGE_SLIDESHOW_TYPE, "invalid slide show type"},
	{HPDF_EXT_GSTATE_OUT_OF_RANGE, "graphics state value out of range"},
	{HPDF_INVALID_EXT_GSTATE, "invalid graphics state"},
	{HPDF_EXT_GSTATE_READ_ONLY, "graphics state is read-only"},
	{HPDF_INVALID_U3D_DATA, "invalid U3D data"},
	{HPDF_NAME_CANNOT_GET_NAMES, "cannot read the document's names"},
	{HPDF_INVALID_ICC_COMPONENT_NUM, "invalid number of ICC colour components"},
};

const char *cv_haru_error_text(HPDF_STATUS code)
{
	for (size_t i = 0; i < sizeof haru_errors / sizeof haru_errors[0]; i++)
		if (haru_errors[i].code == code)
			return haru_errors[i].text;
	return "an error this libharu version added (see its hpdf_error.h)";
}
