/* What one run writes for each document: its products (the résumé or its cover letter, each as PDF,
 * plain text, Markdown or HTML), from --to, --letter, -o's extension or a variant's `outputs`, and
 * the file name each product goes to.
 * SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cv2pdf/util.h"

/* The field of an output template a product's extension fills: "out/{variant}.{ext}". */
#define EXT_FIELD "{ext}"

/* One `outputs` name: "pdf", "txt", "md", "html" (or another of a format's names), "letter" (its
 * PDF), or "letter." and a format. False for anything else. */
static bool product_find(const char *name, cv_product *p)
{
	const char *f = name;
	p->letter = false;
	if (strncmp(name, "letter", 6) == 0 && (name[6] == '\0' || name[6] == '.')) {
		p->letter = true;
		if (!name[6]) {
			p->format = CV_FORMAT_PDF;
			return true;
		}
		f = name + 7;
	}
	return cv_format_find(f, &p->format);
}

static void add(cv_product *out, size_t *n, cv_product p)
{
	for (size_t i = 0; i < *n; i++)
		if (out[i].format == p.format && out[i].letter == p.letter)
			return;
	out[(*n)++] = p;
}

int cv_cli_products(const cv_cli *o, const cv_variant *v, cv_product out[CV_PRODUCTS_MAX], size_t *n, cv_diags *d)
{
	*n = 0;
	if (o->to || o->letter || !v || !v->outputs) {
		/* The command line: --to's formats, else the one -o's extension names, else PDF. */
		cv_format f = CV_FORMAT_PDF;
		if (!o->to && o->output)
			(void)cv_format_of_path(o->output, &f);
		for (int k = 0; k < CV_FORMAT_COUNT; k++)
			if (o->to ? (o->to & (1u << k)) : k == (int)f)
				add(out, n, (cv_product){(cv_format)k, o->letter});
		return CV_OK;
	}
	for (size_t i = 0; i < v->n_outputs; i++) {
		cv_product p;
		if (!product_find(v->outputs[i], &p)) {
			cv_diag_add(d, CV_ERROR, "unknown-output", v->outputs_spans ? v->outputs_spans[i] : v->span,
				    "variants.%s.outputs: unknown output \"%s\"; expected pdf, txt, md, html, letter, or "
				    "letter.pdf, letter.txt, letter.md, letter.html",
				    v->name, v->outputs[i]);
			return CV_EINPUT;
		}
		add(out, n, p);
	}
	if (!*n)
		add(out, n, (cv_product){CV_FORMAT_PDF, false});
	return CV_OK;
}

char *cv_cli_product_path(const char *base, bool as_given, cv_product p, bool several)
{
	const char *ext = cv_format_ext(p.format);
	if (strstr(base, EXT_FIELD)) {
		/* Every {ext}: the format's extension, "letter.pdf" for the letter. */
		size_t n = 0, elen = strlen(ext) + (p.letter ? 7 : 0);
		for (const char *s = base; (s = strstr(s, EXT_FIELD)); s += strlen(EXT_FIELD))
			n++;
		char *out = cv_xmalloc(strlen(base) + n * elen + 1), *w = out;
		for (const char *s = base;;) {
			const char *at = strstr(s, EXT_FIELD);
			if (!at) {
				strcpy(w, s);
				break;
			}
			memcpy(w, s, (size_t)(at - s));
			w += at - s;
			w += sprintf(w, "%s%s", p.letter ? "letter." : "", ext);
			s = at + strlen(EXT_FIELD);
		}
		return out;
	}
	if (strcmp(base, "-") == 0 || (as_given && !several))
		return cv_xstrdup(base);
	/* The base's own extension, when it is one of the formats', gives way to the product's. */
	size_t n = strlen(base);
	cv_format f;
	if (cv_format_of_path(base, &f))
		n = (size_t)(strrchr(base, '.') - base);
	char *out = cv_xmalloc(n + strlen(ext) + 9);
	snprintf(out, n + strlen(ext) + 9, "%.*s%s.%s", (int)n, base, p.letter ? "-letter" : "", ext);
	return out;
}
