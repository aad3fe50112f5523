/* Decimal numbers read the same in every locale: strtod follows LC_NUMERIC, so a library user in a
 * decimal-comma locale would have "10.5pt" read as 10. No stage-specific knowledge.
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdint.h>

#include "cv2pdf/util.h"

/* Significant digits kept: 19 fit a uint64_t; a double has 17, so the rest cannot change it. */
#define NUMBER_DIGITS 19
/* The exponent is clamped here: far beyond a double's range (1e308) either way, without overflow. */
#define NUMBER_EXP_MAX 9999

/* 10^0 to 10^22, each exactly a double: a number of up to 15 digits scaled by one of these is
 * correctly rounded (one rounding, of an exact product or quotient). */
static const double powers[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
				1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
#define N_POWERS (sizeof powers / sizeof powers[0])

static bool digit(char c)
{
	return c >= '0' && c <= '9';
}

double cv_strtod(const char *s, char **end)
{
	const char *p = s;
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v')
		p++;
	bool neg = *p == '-';
	if (*p == '-' || *p == '+')
		p++;
	uint64_t mant = 0;
	int digits = 0, exp = 0;
	bool any = false;
	for (; digit(*p); p++, any = true) {
		if (digits < NUMBER_DIGITS) {
			mant = mant * 10 + (uint64_t)(*p - '0');
			digits += mant != 0;
		} else {
			exp++; /* a digit past the kept ones only scales */
		}
	}
	if (*p == '.') {
		const char *q = p + 1;
		for (; digit(*q); q++, any = true)
			if (digits < NUMBER_DIGITS) {
				mant = mant * 10 + (uint64_t)(*q - '0');
				digits += mant != 0;
				exp--;
			}
		if (any)
			p = q;
	}
	if (!any) {
		if (end)
			*end = (char *)s;
		return 0;
	}
	if (*p == 'e' || *p == 'E') {
		const char *q = p + 1;
		bool eneg = *q == '-';
		if (*q == '-' || *q == '+')
			q++;
		if (digit(*q)) {
			int e = 0;
			for (; digit(*q); q++)
				if (e < NUMBER_EXP_MAX)
					e = e * 10 + (*q - '0');
			exp += eneg ? -e : e;
			p = q;
		}
	}
	if (end)
		*end = (char *)p;
	double v = (double)mant;
	if (mant == 0)
		v = 0;
	else if (exp >= 0 && (size_t)exp < N_POWERS)
		v *= powers[exp];
	else if (exp < 0 && (size_t)-exp < N_POWERS)
		v /= powers[-exp];
	else
		v *= pow(10, exp); /* beyond any length or size; inf or 0 at the extremes */
	return neg ? -v : v;
}
