/* A cover letter as it is set: the model's letter with the language's words where the input left a
 * part out (salutation, closing), the date written out, the signature defaulting to the name, and the
 * parts a convention shows (the Chinese one names the company in the salutation and has no address
 * block). The letter's layout (src/layout/letter.c) and its text outputs (src/export/) both read it.
 * SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "cv2pdf/lang.h"
#include "cv2pdf/present.h"

/* A salutation or closing is a line of words. */
#define WORDS_MAX 512

/* tmpl with RECIPIENT and COMPANY filled in, without spaces left over at either end. */
static const char *fill(const char *tmpl, const char *recipient, const char *company, cv_arena *a)
{
	static const char *const keys[] = {"RECIPIENT", "COMPANY"};
	const char *vals[] = {recipient ? recipient : "", company ? company : ""};
	char out[WORDS_MAX];
	cv_lang_fill(tmpl, keys, vals, 2, out, sizeof out);
	const char *s = out;
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ')
		n--;
	return cv_arena_strndup(a, s, n);
}

void cv_present_letter(const cv_doc *doc, int year, int month, int day, cv_arena *a, cv_letter_view *out)
{
	const cv_letter *l = &doc->letter;
	const cv_letter_words *lw = cv_lang_letter(doc->locale.lang);
	memset(out, 0, sizeof *out);
	out->chinese = lw->chinese;

	if (l->date.s) {
		out->date = l->date;
	} else {
		cv_date d = l->date_value.year ? l->date_value : (cv_date){.year = year, .month = month, .day = day};
		const cv_words *w = &doc->locale.words;
		char text[WORDS_MAX];
		cv_lang_date(w, d.day ? w->day : w->date, d.year, d.month, d.day, text, sizeof text);
		out->date = (cv_str){cv_arena_strdup(a, text), l->date_value.span};
		if (d.month && d.day)
			snprintf(out->date_iso, sizeof out->date_iso, "%04d-%02d-%02d", d.year, d.month, d.day);
		else if (d.month)
			snprintf(out->date_iso, sizeof out->date_iso, "%04d-%02d", d.year, d.month);
		else
			snprintf(out->date_iso, sizeof out->date_iso, "%04d", d.year);
	}

	if (!lw->chinese) {
		out->address = cv_arena_calloc(a, 2 + l->address.n, sizeof *out->address);
		if (l->recipient.s)
			out->address[out->n_address++] = l->recipient;
		if (l->company.s)
			out->address[out->n_address++] = l->company;
		for (size_t i = 0; i < l->address.n; i++)
			out->address[out->n_address++] = l->address.items[i];
	}
	out->subject = l->subject;
	if (l->salutation.s)
		out->salutation = l->salutation;
	else
		out->salutation = (cv_str){fill(l->recipient.s ? lw->dear : lw->dear_all, l->recipient.s, l->company.s, a),
					   l->span};
	out->body = l->body.items;
	out->n_body = l->body.n;
	/* A closing of several lines ("此致\n敬礼！") is set line by line. */
	cv_str closing = l->closing.s ? l->closing : (cv_str){lw->closing, l->span};
	for (const char *s = closing.s; *s && out->n_closing < CV_LETTER_CLOSING_LINES;) {
		size_t n = strcspn(s, "\n");
		if (n)
			out->closing[out->n_closing++] = (cv_str){cv_arena_strndup(a, s, n), closing.span};
		s += n;
		while (*s == '\n')
			s++;
	}
	out->signature = l->signature.s ? l->signature : doc->name;
}
