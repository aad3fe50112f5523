/* The JSON Schema of the native format (cv2pdf --schema), for editors' completion and validation
 * (yaml-language-server, VS Code). It is schema/cv2pdf.schema.json, compiled in at build time
 * (cmake/Embed.cmake). It describes what native.c reads, and tests/schema/ checks that it agrees with
 * the program on every file of the test suite; it must not be used to validate at run time: the
 * loader's own checks give better messages, with line and column.
 * Checklist: a key added to native.c's key tables is added to the schema and to docs/format.md.
 * SPDX-License-Identifier: MIT */
#include <stdio.h>

#include "cv2pdf/load.h"

extern const unsigned char cv_schema_json[];
extern const size_t cv_schema_json_len;

void cv_schema_print(FILE *out)
{
	fwrite(cv_schema_json, 1, cv_schema_json_len, out);
}
