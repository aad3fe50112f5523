/* Shaping with HarfBuzz: advances and GPOS kerning, with ligatures off so that every glyph maps to
 * exactly the characters of the source and extracted text equals it.
 * SPDX-License-Identifier: MIT */
#include <hb.h>

#include "cv2pdf/util.h"
#include "text_internal.h"

/* One buffer per thread, reused: creating a buffer per word is the cost shaping would otherwise add. */
static _Thread_local hb_buffer_t *shape_buffer;

void cv_shape_release(void)
{
	hb_buffer_destroy(shape_buffer);
	shape_buffer = NULL;
}

unsigned cv_shape(const cv_fontset *fs, int face, const char *text, size_t len, hb_glyph_info_t **info,
		  hb_glyph_position_t **pos)
{
	static const hb_feature_t features[] = {
		{HB_TAG('l', 'i', 'g', 'a'), 0, 0, (unsigned)-1},
		{HB_TAG('c', 'l', 'i', 'g'), 0, 0, (unsigned)-1},
		{HB_TAG('d', 'l', 'i', 'g'), 0, 0, (unsigned)-1},
		{HB_TAG('k', 'e', 'r', 'n'), 1, 0, (unsigned)-1},
	};
	if (!shape_buffer)
		shape_buffer = hb_buffer_create();
	hb_buffer_t *buf = shape_buffer;
	hb_buffer_clear_contents(buf);
	hb_buffer_add_utf8(buf, text, (int)len, 0, (int)len);
	hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
	hb_buffer_guess_segment_properties(buf);
	hb_shape(fs->faces[face].font, buf, features, sizeof features / sizeof features[0]);
	unsigned n = 0;
	if (info)
		*info = hb_buffer_get_glyph_infos(buf, &n);
	*pos = hb_buffer_get_glyph_positions(buf, &n);
	return n;
}
