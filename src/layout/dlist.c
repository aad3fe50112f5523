/* The display list's destructor and its text dump (--dump=layout), the oracle for layout tests:
 * one line per run with page, face, size, position and text, so a diff shows what moved.
 * SPDX-License-Identifier: MIT */
#include <stdlib.h>

#include "cv2pdf/layout.h"

void cv_dlist_free(cv_dlist *dl)
{
	if (!dl)
		return;
	for (size_t i = 0; i < dl->n_pages; i++) {
		free(dl->pages[i].runs);
		free(dl->pages[i].rules);
		free(dl->pages[i].links);
		free(dl->pages[i].images);
	}
	free(dl->pages);
	free(dl->bookmarks);
	cv_arena_free(dl->arena);
	cv_arena_free(dl->texts);
	free(dl);
}

void cv_dlist_dump(const cv_dlist *dl, const cv_fontset *fs, FILE *out)
{
	fprintf(out, "document %.2f x %.2f pt, %zu page%s\n", (double)dl->width, (double)dl->height, dl->n_pages,
		dl->n_pages == 1 ? "" : "s");
	for (size_t p = 0; p < dl->n_pages; p++) {
		const cv_page *pg = &dl->pages[p];
		fprintf(out, "page %zu\n", p + 1);
		for (size_t i = 0; i < pg->n_runs; i++) {
			const cv_run *r = &pg->runs[i];
			fprintf(out, "  run %-22s %5.2f at %7.2f,%7.2f w %7.2f%s", cv_fontset_name(fs, r->face), (double)r->size,
				(double)r->x, (double)r->y, (double)r->width, r->fake_bold ? " fakebold" : "");
			if (r->char_spacing != 0)
				fprintf(out, " tc %.2f", (double)r->char_spacing);
			if (r->hscale > 0 && r->hscale != 1)
				fprintf(out, " hs %.3f", (double)r->hscale);
			if (r->draw != CV_DRAW_TEXT)
				fprintf(out, r->draw == CV_DRAW_HIDDEN ? " hidden" : " outline");
			fprintf(out, " \"%.*s\"\n", (int)r->len, r->text);
		}
		for (size_t i = 0; i < pg->n_rules; i++)
			fprintf(out, "  rule %.2f,%.2f - %.2f,%.2f\n", (double)pg->rules[i].x0, (double)pg->rules[i].y0,
				(double)pg->rules[i].x1, (double)pg->rules[i].y1);
		for (size_t i = 0; i < pg->n_links; i++)
			fprintf(out, "  link %.2f,%.2f - %.2f,%.2f %s\n", (double)pg->links[i].x0, (double)pg->links[i].y0,
				(double)pg->links[i].x1, (double)pg->links[i].y1, pg->links[i].uri);
		for (size_t i = 0; i < pg->n_images; i++)
			fprintf(out, "  image %.2f,%.2f - %.2f,%.2f %s %ux%u\n", (double)pg->images[i].x0,
				(double)pg->images[i].y0, (double)pg->images[i].x1, (double)pg->images[i].y1,
				pg->images[i].pic.kind == CV_PICTURE_JPEG ? "jpeg" : pg->images[i].pic.alpha ? "pixels+alpha" : "pixels",
				pg->images[i].pic.w, pg->images[i].pic.h);
	}
	for (size_t i = 0; i < dl->n_bookmarks; i++)
		fprintf(out, "bookmark %d page %zu \"%s\"\n", dl->bookmarks[i].level, dl->bookmarks[i].page + 1,
			dl->bookmarks[i].title);
}
