/* The one table of the characters of writing systems that put no spaces between words (Chinese,
 * Japanese): read by the loader (a source line break between two of them is no space), the line
 * breaker (they break the CJK way) and the HTML export (their runs get the document's CJK language).
 * A pure function of the code point.
 * SPDX-License-Identifier: MIT */
#include "cv2pdf/util.h"

/* Inclusive ranges, in code point order. Hangul is not here: Korean puts spaces between words, so a
 * line break in Korean source is a space (the line breaker adds Hangul to its own ideographs). */
static const struct {
	uint32_t lo, hi;
} unspaced[] = {
	{0x2E80, 0x2FDF},   /* CJK and Kangxi radicals */
	{0x3000, 0x30FF},   /* CJK symbols and punctuation, hiragana, katakana */
	{0x3100, 0x312F},   /* Bopomofo */
	{0x3190, 0x31FF},   /* kanbun, Bopomofo extended, CJK strokes, katakana phonetic extensions */
	{0x3200, 0x33FF},   /* enclosed CJK letters and months, CJK compatibility */
	{0x3400, 0x4DBF},   /* CJK unified ideographs extension A */
	{0x4E00, 0x9FFF},   /* CJK unified ideographs */
	{0xF900, 0xFAFF},   /* CJK compatibility ideographs */
	{0xFE10, 0xFE1F},   /* vertical forms */
	{0xFE30, 0xFE4F},   /* CJK compatibility forms */
	{0xFF00, 0xFFEF},   /* halfwidth and fullwidth forms */
	{0x20000, 0x3FFFF}, /* the supplementary and tertiary ideographic planes (extensions B to H) */
};

bool cv_cp_unspaced(uint32_t cp)
{
	size_t lo = 0, hi = sizeof unspaced / sizeof *unspaced;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cp < unspaced[mid].lo)
			hi = mid;
		else if (cp > unspaced[mid].hi)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}
