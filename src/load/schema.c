/* placeholder */
#include <stdio.h>
void cv_schema_print(FILE *out);
void cv_schema_print(FILE *out) { (void)out; }
