/* Loading: input bytes (YAML or JSON, in the native/RenderCV, JSON Resume or YAMLResume dialect)
 * become a cv_doc. The only stage that knows libyaml.
 * SPDX-License-Identifier: MIT */
#ifndef CV2PDF_LOAD_H
#define CV2PDF_LOAD_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "model.h"

/* Parses text[0..len) read from the file called name. The text is registered with d so diagnostics
 * can quote it. Returns a new document (free with cv_doc_free()) or NULL when the input has errors,
 * which are in d. Warnings may be added either way. */
cv_doc *cv_load(const char *name, const char *text, size_t len, cv_diags *d);

/* Reads a whole file ("-" for standard input) into a new malloc'd NUL-terminated buffer (caller
 * frees). Returns CV_OK, CV_EIO with an error in d, or CV_ELIMIT when over CV_MAX_INPUT_BYTES. */
int cv_read_file(const char *path, char **text, size_t *len, cv_diags *d);

/* Writes the JSON Schema of the native format (draft 2020-12) to out, for editors. */
void cv_schema_print(FILE *out);

/* A résumé is a few kilobytes; 8 MiB leaves room for huge portfolios while refusing to load a disk
 * image by mistake. */
#define CV_MAX_INPUT_BYTES (8u << 20)

#endif
