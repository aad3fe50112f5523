/* The benchmark's ideal program: the least work any program must do to write a résumé's PDF once the
 * layout is known. It reads the runs of `cv2pdf --dump=layout`, shapes each distinct (face, text) once
 * with HarfBuzz, subsets each face with hb-subset to exactly the glyphs shaped, deflates the font
 * programs, ToUnicode maps and content streams with zlib at level 6, and writes the same pages (every
 * run at its place, size, horizontal scale and character spacing; rules, links, bookmarks) with its
 * own PDF writer: CID-keyed fonts whose codes are the subset's glyph ids (no CIDToGIDMap), one TJ per
 * run with the shaper's kerning. No YAML, no line breaking, no libharu: cv2pdf's instructions above
 * this program's are the price of typesetting and of its PDF library. It links HarfBuzz and zlib only.
 * Usage: ideal LAYOUT.txt OUT.pdf   (fonts: FONT_DIR/NAME.ttf or NAME.ttc for each face NAME of the
 * dump, FONT_DIR from $CV2PDF_FONT_DIR)
 * SPDX-License-Identifier: MIT */
#define _GNU_SOURCE
#include <hb-subset.h>
#include <hb.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* Faces a dump may name (cv2pdf has at most nine). */
#define MAX_FACES 16
/* Scripts of one face's runs (Latin, Han, Common...). */
#define MAX_SCRIPTS 8
/* Distinct run texts of a document: the table doubles when half full. */
#define SHAPES_START 1024
/* ToUnicode entries per beginbfchar block (PDF 32000 §9.10.3 allows at most 100). */
#define BFCHAR_BLOCK 100
/* PDF object numbers of a document: fonts (5 each), pages (2 each), links and bookmarks. */
#define MAX_OBJECTS 65536

static void die(const char *msg)
{
	fprintf(stderr, "ideal: %s\n", msg);
	exit(1);
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("out of memory");
	return p;
}

/* ---- A growing byte buffer, and numbers written without printf -------------------------------- */

typedef struct buf {
	char *p;
	size_t n, cap;
} buf;

static char *room(buf *b, size_t more)
{
	if (b->n + more > b->cap) {
		b->cap = (b->n + more) * 2;
		b->p = xrealloc(b->p, b->cap);
	}
	return b->p + b->n;
}

static void put(buf *b, const char *s, size_t n)
{
	memcpy(room(b, n), s, n);
	b->n += n;
}

static void puts_(buf *b, const char *s)
{
	put(b, s, strlen(s));
}

__attribute__((format(printf, 2, 3))) static void putf(buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	va_start(ap, fmt);
	vsnprintf(room(b, (size_t)n + 1), (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->n += (size_t)n;
}

static void put_uint(buf *b, unsigned long long v)
{
	char t[24];
	size_t n = 0;
	do
		t[n++] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	char *w = room(b, n);
	for (size_t i = 0; i < n; i++)
		w[i] = t[n - 1 - i];
	b->n += n;
}

/* A number with up to three decimals and a trailing space, as content streams want it. */
static void put_num(buf *b, double v)
{
	if (v < 0) {
		put(b, "-", 1);
		v = -v;
	}
	unsigned long long m = (unsigned long long)(v * 1000 + 0.5);
	put_uint(b, m / 1000);
	unsigned frac = (unsigned)(m % 1000);
	if (frac) {
		char t[4] = {'.', (char)('0' + frac / 100), (char)('0' + frac / 10 % 10), (char)('0' + frac % 10)};
		size_t n = 4;
		while (t[n - 1] == '0')
			n--;
		put(b, t, n);
	}
	put(b, " ", 1);
}

static void put_hex4(buf *b, unsigned v)
{
	static const char hex[] = "0123456789ABCDEF";
	char *w = room(b, 4);
	w[0] = hex[v >> 12 & 15], w[1] = hex[v >> 8 & 15], w[2] = hex[v >> 4 & 15], w[3] = hex[v & 15];
	b->n += 4;
}

/* ---- The dump ------------------------------------------------------------------------------- */

typedef struct run {
	int face;
	float size, x, y, tc, hs;
	bool fake_bold;
	size_t page;
	char *text;
	size_t len;
	size_t shape; /* index into the shaped texts */
} run;

typedef struct mark { /* a rule or a link */
	size_t page;
	float x0, y0, x1, y1;
	char *uri; /* NULL for a rule */
} mark;

typedef struct bookmark {
	size_t page;
	char *title;
} bookmark;

typedef struct face_t {
	char name[64];
	hb_blob_t *blob;
	hb_face_t *face;
	hb_font_t *font;
	unsigned upem;
	hb_set_t *glyphs;       /* glyph ids shaped in the original face */
	uint32_t *uni;          /* first character of each original glyph id's cluster (for ToUnicode) */
	unsigned n_glyphs;      /* of the original face */
	const hb_map_t *to_new; /* old → new glyph id, from the subset plan */
	hb_subset_plan_t *plan;
	/* Shape plans made once per script: hb_shape looks its cached plan up again on every call. */
	hb_shape_plan_t *plans[MAX_SCRIPTS];
	hb_script_t scripts[MAX_SCRIPTS];
	int n_plans;
	hb_set_t *unicodes;     /* characters shaped: the subset is made from them */
	int obj;                /* the Type0 font's object number */
} face_t;

typedef struct doc {
	float width, height;
	size_t n_pages;
	run *runs;
	size_t n_runs, cap_runs;
	mark *marks;
	size_t n_marks, cap_marks;
	bookmark *bms;
	size_t n_bms, cap_bms;
	face_t faces[MAX_FACES];
	int n_faces;
	const char *font_dir;
} doc;

static void *push(void **v, size_t *n, size_t *cap, size_t size)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*v = xrealloc(*v, *cap * size);
	}
	return (char *)*v + (*n)++ * size;
}

static int face_of(doc *d, const char *name)
{
	for (int i = 0; i < d->n_faces; i++)
		if (strcmp(d->faces[i].name, name) == 0)
			return i;
	if (d->n_faces == MAX_FACES)
		die("too many faces");
	face_t *f = &d->faces[d->n_faces];
	snprintf(f->name, sizeof f->name, "%s", name);
	char path[4096];
	snprintf(path, sizeof path, "%s/%s.ttf", d->font_dir, name);
	FILE *probe = fopen(path, "rb");
	if (!probe)
		snprintf(path, sizeof path, "%s/%s.ttc", d->font_dir, name);
	else
		fclose(probe);
	f->blob = hb_blob_create_from_file_or_fail(path);
	if (!f->blob)
		die("a face of the dump is not in the font directory");
	f->face = hb_face_create(f->blob, 0);
	f->font = hb_font_create(f->face);
	f->upem = hb_face_get_upem(f->face);
	f->n_glyphs = hb_face_get_glyph_count(f->face);
	f->glyphs = hb_set_create();
	f->unicodes = hb_set_create();
	hb_set_add(f->glyphs, 0);
	f->uni = calloc(f->n_glyphs ? f->n_glyphs : 1, sizeof *f->uni);
	return d->n_faces++;
}

/* "  run NAME SIZE at X, Y w W [fakebold] [tc T] [hs H] "TEXT"", "  rule X0,Y0 - X1,Y1",
 * "  link X0,Y0 - X1,Y1 URI", "page N", "bookmark L page N "TITLE"". */
static void read_dump(doc *d, const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		die("cannot open the layout dump");
	char *line = NULL;
	size_t cap = 0, at = 0; /* the page being read */
	while (getline(&line, &cap, f) > 0) {
		char name[64];
		float a, b, c, e, w;
		size_t page;
		if (sscanf(line, "document %f x %f pt, %zu", &a, &b, &page) == 3) {
			d->width = a, d->height = b, d->n_pages = page;
		} else if (strncmp(line, "page ", 5) == 0) {
			at = strtoul(line + 5, NULL, 10) - 1;
		} else if (sscanf(line, "  run %63s %f at %f, %f w %f", name, &a, &b, &c, &w) == 5) {
			char *q0 = strchr(line, '"'), *q1 = strrchr(line, '"');
			run *r = push((void **)&d->runs, &d->n_runs, &d->cap_runs, sizeof *r);
			*r = (run){.face = face_of(d, name), .size = a, .x = b, .y = c, .hs = 1, .page = at};
			const char *opt;
			if ((opt = strstr(line, " tc ")) && opt < q0)
				r->tc = strtof(opt + 4, NULL);
			if ((opt = strstr(line, " hs ")) && opt < q0)
				r->hs = strtof(opt + 4, NULL);
			r->fake_bold = strstr(line, " fakebold ") && strstr(line, " fakebold ") < q0;
			r->len = (size_t)(q1 - q0 - 1);
			r->text = malloc(r->len + 1);
			memcpy(r->text, q0 + 1, r->len);
			r->text[r->len] = '\0';
		} else if (sscanf(line, "  rule %f,%f - %f,%f", &a, &b, &c, &e) == 4) {
			*(mark *)push((void **)&d->marks, &d->n_marks, &d->cap_marks, sizeof(mark)) = (mark){at, a, b, c, e, NULL};
		} else if (sscanf(line, "  link %f,%f - %f,%f %*s", &a, &b, &c, &e) == 4) {
			char *uri = strrchr(line, ' ') + 1;
			uri[strcspn(uri, "\n")] = '\0';
			*(mark *)push((void **)&d->marks, &d->n_marks, &d->cap_marks, sizeof(mark)) =
				(mark){at, a, b, c, e, strdup(uri)};
		} else if (sscanf(line, "bookmark %*d page %zu", &page) == 1) {
			char *q0 = strchr(line, '"'), *q1 = strrchr(line, '"');
			bookmark *bm = push((void **)&d->bms, &d->n_bms, &d->cap_bms, sizeof *bm);
			bm->page = page - 1;
			bm->title = strndup(q0 + 1, (size_t)(q1 - q0 - 1));
		}
	}
	free(line);
	fclose(f);
}

/* ---- Shaping each distinct text once --------------------------------------------------------- */

typedef struct shaped {
	int face;
	const char *text;
	size_t len;
	unsigned n;           /* glyphs */
	hb_codepoint_t *gid;  /* original glyph ids */
	int32_t *adjust;      /* TJ adjustment after each glyph, 1/1000 em (kerning) */
} shaped;

typedef struct shapes {
	shaped *v;
	size_t n, cap;
	size_t *slots; /* open addressing: index + 1, 0 empty */
	size_t n_slots;
} shapes;

static uint64_t hash(int face, const char *s, size_t n)
{
	uint64_t h = 14695981039346656037u ^ (uint64_t)face;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

static void rehash(shapes *s)
{
	size_t n = s->n_slots ? s->n_slots * 2 : SHAPES_START;
	free(s->slots);
	s->slots = calloc(n, sizeof *s->slots);
	s->n_slots = n;
	for (size_t i = 0; i < s->n; i++) {
		size_t k = hash(s->v[i].face, s->v[i].text, s->v[i].len) & (n - 1);
		while (s->slots[k])
			k = (k + 1) & (n - 1);
		s->slots[k] = i + 1;
	}
}

static size_t shape(doc *d, shapes *s, hb_buffer_t *hb, const hb_feature_t *feat, unsigned n_feat, const run *r)
{
	if (2 * (s->n + 1) > s->n_slots)
		rehash(s);
	size_t k = hash(r->face, r->text, r->len) & (s->n_slots - 1);
	for (; s->slots[k]; k = (k + 1) & (s->n_slots - 1)) {
		const shaped *x = &s->v[s->slots[k] - 1];
		if (x->face == r->face && x->len == r->len && memcmp(x->text, r->text, r->len) == 0)
			return s->slots[k] - 1;
	}
	face_t *f = &d->faces[r->face];
	hb_buffer_clear_contents(hb);
	hb_buffer_add_utf8(hb, r->text, (int)r->len, 0, (int)r->len);
	hb_buffer_guess_segment_properties(hb);
	hb_script_t script = hb_buffer_get_script(hb);
	int pk = 0;
	while (pk < f->n_plans && f->scripts[pk] != script)
		pk++;
	if (pk == f->n_plans) {
		if (pk == MAX_SCRIPTS)
			die("too many scripts in one face");
		hb_segment_properties_t props;
		hb_buffer_get_segment_properties(hb, &props);
		f->plans[pk] = hb_shape_plan_create_cached(f->face, &props, feat, n_feat, NULL);
		f->scripts[pk] = script;
		f->n_plans++;
	}
	hb_shape_plan_execute(f->plans[pk], f->font, hb, feat, n_feat);
	unsigned n;
	hb_glyph_info_t *info = hb_buffer_get_glyph_infos(hb, &n);
	hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(hb, NULL);
	for (size_t i = 0; i < r->len;) {
		uint32_t cp = (unsigned char)r->text[i++];
		int more = cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : cp >= 0xC0 ? 1 : 0;
		cp &= more == 3 ? 7u : more == 2 ? 15u : more == 1 ? 31u : 127u;
		while (more-- > 0 && i < r->len)
			cp = cp << 6 | ((unsigned char)r->text[i++] & 63u);
		hb_set_add(f->unicodes, cp);
	}
	shaped *x = push((void **)&s->v, &s->n, &s->cap, sizeof *x);
	*x = (shaped){r->face, r->text, r->len, n, malloc((n ? n : 1) * sizeof(hb_codepoint_t)),
		      malloc((n ? n : 1) * sizeof(int32_t))};
	for (unsigned i = 0; i < n; i++) {
		hb_codepoint_t g = info[i].codepoint;
		x->gid[i] = g;
		hb_set_add(f->glyphs, g);
		if (g < f->n_glyphs && !f->uni[g]) {
			size_t at = info[i].cluster;
			uint32_t cp = (unsigned char)r->text[at];
			if (cp >= 0xF0)
				cp = (cp & 7) << 18 | ((unsigned char)r->text[at + 1] & 63u) << 12 | ((unsigned char)r->text[at + 2] & 63u) << 6 | ((unsigned char)r->text[at + 3] & 63u);
			else if (cp >= 0xE0)
				cp = (cp & 15) << 12 | ((unsigned char)r->text[at + 1] & 63u) << 6 | ((unsigned char)r->text[at + 2] & 63u);
			else if (cp >= 0xC0)
				cp = (cp & 31) << 6 | ((unsigned char)r->text[at + 1] & 63u);
			f->uni[g] = cp;
		}
		int32_t nominal = hb_font_get_glyph_h_advance(f->font, g);
		x->adjust[i] = (int32_t)((int64_t)(nominal - pos[i].x_advance) * 1000 / (int32_t)f->upem);
	}
	s->slots[k] = s->n;
	return s->n - 1;
}

/* ---- PDF ------------------------------------------------------------------------------------ */

typedef struct pdf {
	buf out;
	size_t off[MAX_OBJECTS];
	int n_obj;
} pdf;

static int new_obj(pdf *p)
{
	if (p->n_obj + 1 >= MAX_OBJECTS)
		die("too many objects");
	return ++p->n_obj;
}

static void begin(pdf *p, int obj)
{
	p->off[obj] = p->out.n;
	put_uint(&p->out, (unsigned)obj);
	puts_(&p->out, " 0 obj\n");
}

/* A stream object of data deflated at level 6, with extra dictionary entries. */
static void put_stream(pdf *p, int obj, const void *data, size_t len, const char *extra)
{
	uLongf zlen = compressBound((uLong)len);
	unsigned char *z = malloc(zlen);
	if (compress2(z, &zlen, data, (uLong)len, 6) != Z_OK)
		die("zlib failed");
	begin(p, obj);
	putf(&p->out, "<< /Length %lu /Filter /FlateDecode%s >>\nstream\n", (unsigned long)zlen, extra ? extra : "");
	put(&p->out, (const char *)z, zlen);
	puts_(&p->out, "\nendstream\nendobj\n");
	free(z);
}

static void put_utf16_text(buf *b, const char *s)
{
	put(b, "<FEFF", 5);
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t cp = (unsigned char)s[i++];
		int more = cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : cp >= 0xC0 ? 1 : 0;
		cp &= more == 3 ? 7u : more == 2 ? 15u : more == 1 ? 31u : 127u;
		while (more-- > 0 && i < n)
			cp = cp << 6 | ((unsigned char)s[i++] & 63u);
		if (cp > 0xFFFF) {
			cp -= 0x10000;
			put_hex4(b, 0xD800 + (cp >> 10));
			put_hex4(b, 0xDC00 + (cp & 0x3FF));
		} else {
			put_hex4(b, cp);
		}
	}
	put(b, ">", 1);
}

/* Subsets face f to its shaped glyphs and writes its five objects: Type0, CIDFontType2, descriptor,
 * font file and ToUnicode. */
static void write_font(pdf *p, face_t *f, int k)
{
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	/* The characters, not the glyphs: given glyphs, hb-subset walks the face's whole cmap to find
	 * their characters. Glyphs the shaper chose that no character maps to are added after all. */
	hb_set_union(hb_subset_input_unicode_set(in), f->unicodes);
	hb_map_t *nominal = hb_map_create();
	hb_codepoint_t cp = HB_SET_VALUE_INVALID;
	while (hb_set_next(f->unicodes, &cp)) {
		hb_codepoint_t g;
		if (hb_font_get_nominal_glyph(f->font, cp, &g))
			hb_map_set(nominal, g, 1);
	}
	hb_codepoint_t gl = HB_SET_VALUE_INVALID;
	while (hb_set_next(f->glyphs, &gl))
		if (gl && !hb_map_has(nominal, gl))
			hb_set_add(hb_subset_input_glyph_set(in), gl);
	hb_map_destroy(nominal);
	static const hb_tag_t dropped[] = {
		HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
		HB_TAG('k', 'e', 'r', 'n'), HB_TAG('f', 'p', 'g', 'm'), HB_TAG('p', 'r', 'e', 'p'),
		HB_TAG('c', 'v', 't', ' '), HB_TAG('g', 'a', 's', 'p'), HB_TAG('D', 'S', 'I', 'G'),
		HB_TAG('h', 'd', 'm', 'x'), HB_TAG('V', 'D', 'M', 'X'), HB_TAG('L', 'T', 'S', 'H'),
		HB_TAG('c', 'm', 'a', 'p'),
	};
	for (size_t i = 0; i < sizeof dropped / sizeof dropped[0]; i++)
		hb_set_add(hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG), dropped[i]);
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
	f->plan = hb_subset_plan_create_or_fail(f->face, in);
	hb_subset_input_destroy(in);
	if (!f->plan)
		die("hb-subset failed");
	f->to_new = hb_subset_plan_old_to_new_glyph_mapping(f->plan);
	hb_face_t *sub = hb_subset_plan_execute_or_fail(f->plan);
	if (!sub)
		die("hb-subset failed");
	hb_blob_t *blob = hb_face_reference_blob(sub);
	unsigned len;
	const char *data = hb_blob_get_data(blob, &len);

	int t0 = f->obj, cid = new_obj(p), desc = new_obj(p), file = new_obj(p), tu = new_obj(p);
	char tag[8];
	snprintf(tag, sizeof tag, "AAAA%c%c", 'A' + k / 26 % 26, 'A' + k % 26);
	buf *o = &p->out;
	begin(p, t0);
	putf(o, "<< /Type /Font /Subtype /Type0 /BaseFont /%s+%s /Encoding /Identity-H /DescendantFonts [%d 0 R] "
		"/ToUnicode %d 0 R >>\nendobj\n", tag, f->name, cid, tu);
	begin(p, cid);
	putf(o, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s+%s /CIDSystemInfo << /Registry (Adobe) "
		"/Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /CIDToGIDMap /Identity /W [", tag, f->name, desc);
	/* Widths and ToUnicode entries in new glyph order: the plan's mapping, inverted. */
	unsigned n_new = hb_face_get_glyph_count(sub);
	uint32_t *old_of = calloc(n_new ? n_new : 1, sizeof *old_of);
	hb_codepoint_t old = HB_SET_VALUE_INVALID;
	while (hb_set_next(f->glyphs, &old)) {
		hb_codepoint_t nw = hb_map_get(f->to_new, old);
		if (nw < n_new)
			old_of[nw] = old;
	}
	for (unsigned g = 0; g < n_new; g++) {
		put_uint(o, g);
		put(o, " [", 2);
		put_uint(o, (unsigned long long)hb_font_get_glyph_h_advance(f->font, old_of[g]) * 1000 / f->upem);
		put(o, "] ", 2);
	}
	puts_(o, "] >>\nendobj\n");
	hb_font_extents_t ext;
	hb_font_get_h_extents(f->font, &ext);
	begin(p, desc);
	putf(o, "<< /Type /FontDescriptor /FontName /%s+%s /Flags 4 /FontBBox [0 %d 1000 %d] /ItalicAngle 0 "
		"/Ascent %d /Descent %d /CapHeight %d /StemV 80 /FontFile2 %d 0 R >>\nendobj\n", tag, f->name,
	     (int)(ext.descender * 1000 / (int)f->upem), (int)(ext.ascender * 1000 / (int)f->upem),
	     (int)(ext.ascender * 1000 / (int)f->upem), (int)(ext.descender * 1000 / (int)f->upem),
	     (int)(ext.ascender * 700 / (int)f->upem), file);
	char extra[64];
	snprintf(extra, sizeof extra, " /Length1 %u", len);
	put_stream(p, file, data, len, extra);
	buf cmap = {0};
	puts_(&cmap, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry "
		     "(Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
		     "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	unsigned mapped = 0;
	for (unsigned g = 1; g < n_new; g++)
		mapped += f->uni[old_of[g]] != 0;
	for (unsigned g = 1, done = 0; g < n_new;) {
		unsigned block = mapped - done < BFCHAR_BLOCK ? mapped - done : BFCHAR_BLOCK;
		if (!block)
			break;
		put_uint(&cmap, block);
		puts_(&cmap, " beginbfchar\n");
		for (unsigned m = 0; m < block; g++) {
			uint32_t u = f->uni[old_of[g]];
			if (!u)
				continue;
			put(&cmap, "<", 1);
			put_hex4(&cmap, g);
			put(&cmap, "> <", 3);
			if (u > 0xFFFF) {
				put_hex4(&cmap, 0xD800 + ((u - 0x10000) >> 10));
				put_hex4(&cmap, 0xDC00 + ((u - 0x10000) & 0x3FF));
			} else {
				put_hex4(&cmap, u);
			}
			put(&cmap, ">\n", 2);
			m++;
		}
		done += block;
		puts_(&cmap, "endbfchar\n");
	}
	puts_(&cmap, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
	put_stream(p, tu, cmap.p, cmap.n, NULL);
	free(cmap.p);
	free(old_of);
	hb_blob_destroy(blob);
	hb_face_destroy(sub);
}

/* One page's content: its rules, then its runs in one text object. */
static void page_content(const doc *d, const shapes *s, size_t page, buf *c)
{
	puts_(c, "0.6 w\n");
	for (size_t i = 0; i < d->n_marks; i++) {
		const mark *m = &d->marks[i];
		if (m->page != page || m->uri)
			continue;
		put_num(c, m->x0), put_num(c, d->height - m->y0), puts_(c, "m ");
		put_num(c, m->x1), put_num(c, d->height - m->y1), puts_(c, "l S\n");
	}
	puts_(c, "BT\n");
	int font = -1;
	float size = 0, tc = 0, hs = 1, lx = 0, ly = 0;
	bool bold = false;
	for (size_t i = 0; i < d->n_runs; i++) {
		const run *r = &d->runs[i];
		if (r->page != page)
			continue;
		if (r->face != font || r->size != size) {
			puts_(c, "/F");
			put_uint(c, (unsigned)r->face);
			put(c, " ", 1);
			put_num(c, r->size);
			puts_(c, "Tf\n");
			font = r->face, size = r->size;
		}
		if (r->tc != tc)
			put_num(c, r->tc), puts_(c, "Tc\n"), tc = r->tc;
		if (r->hs != hs)
			put_num(c, r->hs * 100), puts_(c, "Tz\n"), hs = r->hs;
		if (r->fake_bold != bold)
			puts_(c, r->fake_bold ? "2 Tr\n" : "0 Tr\n"), bold = r->fake_bold;
		float y = d->height - r->y;
		put_num(c, r->x - lx), put_num(c, y - ly), puts_(c, "Td\n");
		lx = r->x, ly = y;
		const shaped *x = &s->v[r->shape];
		const face_t *f = &d->faces[r->face];
		put(c, "[<", 2);
		for (unsigned g = 0; g < x->n; g++) {
			put_hex4(c, hb_map_get(f->to_new, x->gid[g]));
			if (x->adjust[g] && g + 1 < x->n) {
				put(c, "> ", 2);
				put_num(c, x->adjust[g]);
				put(c, "<", 1);
			}
		}
		puts_(c, ">] TJ\n");
	}
	puts_(c, "ET\n");
}

static void write_pdf(doc *d, shapes *s, const char *path)
{
	pdf *p = calloc(1, sizeof *p);
	puts_(&p->out, "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n");
	int catalog = new_obj(p), pages = new_obj(p), outlines = d->n_bms ? new_obj(p) : 0;
	for (int k = 0; k < d->n_faces; k++)
		d->faces[k].obj = new_obj(p);
	int *page_obj = calloc(d->n_pages, sizeof *page_obj);
	for (size_t i = 0; i < d->n_pages; i++)
		page_obj[i] = new_obj(p);
	for (int k = 0; k < d->n_faces; k++)
		write_font(p, &d->faces[k], k);
	buf c = {0}, t = {0};
	for (size_t pg = 0; pg < d->n_pages; pg++) {
		c.n = 0;
		page_content(d, s, pg, &c);
		int content = new_obj(p);
		put_stream(p, content, c.p, c.n, NULL);
		t.n = 0;
		for (size_t i = 0; i < d->n_marks; i++) {
			const mark *m = &d->marks[i];
			if (m->page != pg || !m->uri)
				continue;
			int a = new_obj(p);
			begin(p, a);
			putf(&p->out, "<< /Type /Annot /Subtype /Link /Border [0 0 0] /Rect [%.2f %.2f %.2f %.2f] /A << /S /URI "
				      "/URI (%s) >> >>\nendobj\n", (double)m->x0, (double)(d->height - m->y1), (double)m->x1,
			     (double)(d->height - m->y0), m->uri);
			putf(&t, "%d 0 R ", a);
		}
		begin(p, page_obj[pg]);
		putf(&p->out, "<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] /Contents %d 0 R /Resources << /Font <<",
		     pages, (double)d->width, (double)d->height, content);
		for (int k = 0; k < d->n_faces; k++)
			putf(&p->out, " /F%d %d 0 R", k, d->faces[k].obj);
		putf(&p->out, " >> >> /Annots [%.*s] >>\nendobj\n", (int)t.n, t.p ? t.p : "");
	}
	begin(p, pages);
	putf(&p->out, "<< /Type /Pages /Count %zu /Kids [", d->n_pages);
	for (size_t i = 0; i < d->n_pages; i++)
		putf(&p->out, "%d 0 R ", page_obj[i]);
	puts_(&p->out, "] >>\nendobj\n");
	if (outlines) {
		int first = p->n_obj + 1;
		for (size_t i = 0; i < d->n_bms; i++) {
			int o = new_obj(p);
			begin(p, o);
			puts_(&p->out, "<< /Title ");
			put_utf16_text(&p->out, d->bms[i].title);
			putf(&p->out, " /Parent %d 0 R /Dest [%d 0 R /XYZ 0 %.2f null]", outlines,
			     page_obj[d->bms[i].page < d->n_pages ? d->bms[i].page : 0], (double)d->height);
			if (i)
				putf(&p->out, " /Prev %d 0 R", o - 1);
			if (i + 1 < d->n_bms)
				putf(&p->out, " /Next %d 0 R", o + 1);
			puts_(&p->out, " >>\nendobj\n");
		}
		begin(p, outlines);
		putf(&p->out, "<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %zu >>\nendobj\n", first,
		     first + (int)d->n_bms - 1, d->n_bms);
	}
	begin(p, catalog);
	putf(&p->out, "<< /Type /Catalog /Pages %d 0 R", pages);
	if (outlines)
		putf(&p->out, " /Outlines %d 0 R", outlines);
	puts_(&p->out, " >>\nendobj\n");
	size_t xref = p->out.n;
	putf(&p->out, "xref\n0 %d\n0000000000 65535 f \n", p->n_obj + 1);
	for (int i = 1; i <= p->n_obj; i++)
		putf(&p->out, "%010zu 00000 n \n", p->off[i]);
	putf(&p->out, "trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%zu\n%%%%EOF\n", p->n_obj + 1, catalog, xref);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(p->out.p, 1, p->out.n, f) != p->out.n || fclose(f) != 0)
		die("cannot write the PDF");
	free(c.p);
	free(t.p);
	free(page_obj);
	free(p->out.p);
	free(p);
}

int main(int argc, char **argv)
{
	if (argc != 3)
		die("usage: ideal LAYOUT.txt OUT.pdf");
	doc d = {.font_dir = getenv("CV2PDF_FONT_DIR")};
	if (!d.font_dir)
		die("set CV2PDF_FONT_DIR to the directory of the fonts the dump names");
	read_dump(&d, argv[1]);
	/* As cv2pdf shapes: kerning on, ligatures off (a ligature would hide letters from a search). */
	hb_feature_t feat[2];
	hb_feature_from_string("-liga", -1, &feat[0]);
	hb_feature_from_string("-clig", -1, &feat[1]);
	hb_buffer_t *hb = hb_buffer_create();
	shapes s = {0};
	for (size_t i = 0; i < d.n_runs; i++)
		d.runs[i].shape = shape(&d, &s, hb, feat, 2, &d.runs[i]);
	write_pdf(&d, &s, argv[2]);

	hb_buffer_destroy(hb);
	for (size_t i = 0; i < s.n; i++) {
		free(s.v[i].gid);
		free(s.v[i].adjust);
	}
	free(s.v);
	free(s.slots);
	for (int k = 0; k < d.n_faces; k++) {
		face_t *f = &d.faces[k];
		hb_subset_plan_destroy(f->plan);
		for (int i = 0; i < f->n_plans; i++)
			hb_shape_plan_destroy(f->plans[i]);
		hb_set_destroy(f->unicodes);
		hb_set_destroy(f->glyphs);
		free(f->uni);
		hb_font_destroy(f->font);
		hb_face_destroy(f->face);
		hb_blob_destroy(f->blob);
	}
	for (size_t i = 0; i < d.n_runs; i++)
		free(d.runs[i].text);
	for (size_t i = 0; i < d.n_marks; i++)
		free(d.marks[i].uri);
	for (size_t i = 0; i < d.n_bms; i++)
		free(d.bms[i].title);
	free(d.runs);
	free(d.marks);
	free(d.bms);
	return 0;
}
