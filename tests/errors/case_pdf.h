/* case_pdf: what the case runner reads from a PDF's QDF form (qpdf --qdf, uncompressed and one
 * dictionary entry a line) and from a text report, for a catalogue case's 'fonts:', 'colours:',
 * 'page:', 'layout:' and 'lines:' fields (tests/errors/run_case.c): checks that once were shell lines
 * (pdffonts, pdfinfo, qpdf | grep, cv2pdf --dump=layout | grep), each a program's start.
 * SPDX-License-Identifier: MIT */
#ifndef CASE_PDF_H
#define CASE_PDF_H
#include <stddef.h>

/* The fonts of the QDF text QDF: the names of its /BaseFont entries without their subset tags (what
 * comes before a '+'), sorted (strcmp) and each once, separated by spaces, as pdffonts' first column
 * read so. Caller frees. */
char *qdf_fonts(const char *qdf);

/* The fill colours of QDF: its lines that end in " rg" (the operator of a content stream), without
 * it, sorted (strcmp) and each once, separated by "; ". Caller frees. */
char *qdf_fills(const char *qdf);

/* The size of QDF's first page, from its first /MediaBox [x1 y1 x2 y2], as pdfinfo prints it:
 * "W x H", each %g. NULL when there is none. Caller frees. */
char *qdf_page_size(const char *qdf);

/* Whether a line of TEXT matches the basic regular expression RE (as grep -q RE reads it); 1, 0, or
 * -1 when RE is not one. */
int some_line_matches(const char *text, const char *re);

/* Whether some N consecutive lines of TEXT match the N basic regular expressions RES in order; 1, 0,
 * or -1 when one is not a regular expression. */
int lines_match_in_order(const char *text, char *const *res, size_t n);

#endif
