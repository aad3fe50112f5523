/* Rendering: a display list becomes PDF bytes. The only stage that knows libharu. It never measures
 * or wraps text; every position comes from the display list.
 * SPDX-License-Identifier: MIT */
#ifndef CV2PDF_RENDER_H
#define CV2PDF_RENDER_H

#include <stddef.h>

#include "diag.h"
#include "env.h"
#include "layout.h"
#include "text.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Renders dl into a new malloc'd buffer *out of *len bytes (caller frees), with the Creator and dates
 * of env (NULL: no Creator, no dates). Fonts are subset to the characters
 * used, streams are compressed, and identical input gives identical bytes. Reads no global state:
 * threads may render at once (sharing a font set) with different envs.
 * Returns CV_OK; CV_EINPUT when a font the input named cannot be embedded (the error points at its
 * setting); or CV_EPDF / CV_EFONT with an error in d. */
int cv_render_pdf(const cv_dlist *dl, const cv_fontset *fs, const cv_env *env,
		  unsigned char **out, size_t *len, cv_diags *d);

/* Makes the font file of each face the input named (cv_fontset_span) for exactly the characters dl
 * draws with it, as cv_render_pdf does before it writes anything, and drops it: a damaged font is
 * refused at its setting, CV_EINPUT with an error in d, by --check, which lays out but does not
 * render. (A run that renders needs no check: cv_render_pdf fails the same way.) The shipped faces
 * are not checked. */
int cv_render_font_check(const cv_dlist *dl, const cv_fontset *fs, cv_diags *d);

#ifdef __cplusplus
}
#endif

#endif
