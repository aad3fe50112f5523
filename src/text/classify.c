/* Character classes for spacing and font choice: Han and other CJK, full-width opening and closing
 * punctuation, Latin letters and digits, and the marks whose font depends on context.
 * Pure functions of the code point; no font or layout knowledge.
 * SPDX-License-Identifier: MIT */
#include "cv2pdf/util.h"
#include "text_internal.h"

bool cv_is_han(uint32_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0x3040 && c <= 0x30FF && c != 0x30FB) || (c >= 0x20000 && c <= 0x3FFFF) || c == 0x3007;
}

bool cv_is_cjk_open(uint32_t c)
{
	switch (c) {
	case 0xFF08: case 0x300A: case 0x300C: case 0x300E: case 0x3010: case 0x3014: case 0x3008:
	case 0xFF3B: case 0xFF5B: case 0x3016: case 0x3018: case 0x301A:
		return true;
	default:
		return false;
	}
}

bool cv_is_cjk_close(uint32_t c)
{
	switch (c) {
	case 0xFF0C: case 0x3002: case 0x3001: case 0xFF1B: case 0xFF1A: case 0xFF1F: case 0xFF01:
	case 0xFF09: case 0x300B: case 0x300D: case 0x300F: case 0x3011: case 0x3015: case 0x3009:
	case 0xFF3D: case 0xFF5D: case 0x3017: case 0x3019: case 0x301B: case 0xFF0E:
		return true;
	default:
		return false;
	}
}

/* Full-width forms and CJK symbols that are not brackets: always set from the Chinese face. */
bool cv_is_cjk_symbol(uint32_t c)
{
	return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) ||
	       c == 0x30FB;
}

/* Marks shared by both scripts: they take the Chinese face inside Chinese text and the Latin face
 * inside English text (TYPESETTING.md rule 12). */
bool cv_is_ambiguous(uint32_t c)
{
	switch (c) {
	case 0x201C: case 0x201D: case 0x2018: case 0x2019: /* quotes */
	case 0x00B7:                                        /* middle dot */
	case 0x2014: case 0x2026:                           /* em dash, ellipsis */
		return true;
	default:
		return false;
	}
}

bool cv_is_latin_alnum(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x370 && c <= 0x3FF) ||
	       (c >= 0x400 && c <= 0x4FF);
}

bool cv_text_has_han(const char *s, size_t len)
{
	for (size_t i = 0; i < len;)
		if (cv_is_han(cv_utf8_next(s, len, &i)))
			return true;
	return false;
}
