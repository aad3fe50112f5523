/* What a run takes from outside its input: the time and the PDF's Creator. The caller decides them (the command line reads the environment and the clock once, in
 * src/cli/env.c) and passes them to the stages; nothing below the command line reads the
 * environment, the clock or the locale, so one process may render documents on several threads with
 * different settings.
 * SPDX-License-Identifier: MIT */
#ifndef CV2PDF_ENV_H
#define CV2PDF_ENV_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cv_env {
	const char *creator; /* the PDF's Creator ("cv2pdf 0.1.0"); NULL: none */
	/* SOURCE_DATE_EPOCH, seconds since 1970 (UTC), 0 to CV_MAX_EPOCH: the PDF's CreationDate and
	 * ModDate, and the "last updated" date. -1: the PDF carries no dates (so that it is the same
	 * bytes tomorrow) and "last updated" shows now. */
	long long epoch;
	/* The clock, seconds since 1970 (UTC): the "last updated" date when epoch is -1. The caller reads
	 * it (time(NULL)); 0 is 1 January 1970. */
	long long now;
} cv_env;

/* The last second whose year has four digits, 9999-12-31T23:59:59Z: PDF dates and the "last updated"
 * line have room for no more, and gmtime fails far beyond it. */
#define CV_MAX_EPOCH 253402300799LL

#ifdef __cplusplus
}
#endif

#endif
