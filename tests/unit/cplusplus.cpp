// The public headers compiled as C++ (their extern "C" guards), and a few calls through them linked
// against the C library, as cmark's api_test/cplusplus.cpp does.
// SPDX-License-Identifier: MIT
#include <cstdio>
#include <cstring>

#include "cv2pdf/arena.h"
#include "cv2pdf/diag.h"
#include "cv2pdf/env.h"
#include "cv2pdf/export.h"
#include "cv2pdf/lang.h"
#include "cv2pdf/layout.h"
#include "cv2pdf/load.h"
#include "cv2pdf/model.h"
#include "cv2pdf/present.h"
#include "cv2pdf/render.h"
#include "cv2pdf/tailor.h"
#include "cv2pdf/text.h"
#include "cv2pdf/util.h"
#include "cv2pdf/version.h"

int main()
{
	int failed = 0;
	cv_arena *a = cv_arena_new();
	const char *s = cv_arena_strdup(a, "C++");
	failed += std::strcmp(s, "C++") != 0;
	cv_arena_free(a);

	static const char yaml[] = "cv:\n  name: Ada Lovelace\n";
	cv_diags *d = cv_diags_new();
	cv_doc *doc = cv_load("cplusplus.yaml", yaml, sizeof yaml - 1, d);
	failed += doc == NULL || doc->name.s == NULL || std::strcmp(doc->name.s, "Ada Lovelace") != 0;
	cv_tailor_opts t = cv_tailor_opts();
	failed += doc && cv_tailor(doc, &t, d) != CV_OK;
	cv_doc_free(doc);
	failed += cv_diags_errors(d) != 0;
	cv_diags_free(d);
	std::printf("cv2pdf %s from C++: %s\n", CV2PDF_VERSION, failed ? "failed" : "ok");
	return failed ? 1 : 0;
}
