/* libFuzzer target for the loader: arbitrary bytes go through cv_load (every input dialect: native/
 * RenderCV, JSON Resume, YAMLResume, as YAML or JSON) and cv_tailor, then everything is freed. No
 * fonts or PDF, and no file but /dev/null, where the diagnostics are printed (exercising the excerpts
 * and their cleaning) and the model is dumped (walking every node it holds). The input's length picks
 * one of a few tailoring options so language choice and tag filtering are exercised as well as the
 * defaults.
 * SPDX-License-Identifier: MIT */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "cv2pdf/load.h"
#include "cv2pdf/tailor.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const tags[] = {"ai", "research", "backend"};
	static const char *const drop[] = {"old", "ai"};
	/* A language for the loader (--lang) and tailoring options for each choice. */
	static const char *const langs[] = {NULL, "zh", "en", "fr"};
	cv_tailor_opts opts[] = {
		{0},
		{0},
		{.tags = tags, .n_tags = 3, .exclude_tags = drop, .n_exclude_tags = 1},
		{.exclude_tags = drop, .n_exclude_tags = 2},
	};
	static FILE *sink;
	if (!sink && !(sink = fopen("/dev/null", "w")))
		abort();
	cv_diags *d = cv_diags_new();
	size_t k = size % (sizeof opts / sizeof opts[0]);
	cv_source src = {"fuzz.yaml", (const char *)data, size};
	cv_load_opts lo = {.lang = langs[k]};
	cv_doc *doc = cv_load_ex(&src, &lo, d);
	if (doc && cv_tailor(doc, &opts[k], d) == CV_OK)
		cv_model_dump(doc, sink);
	cv_diags_print(d, sink, size & 1, false);
	cv_doc_free(doc);
	cv_diags_free(d);
	return 0;
}
