/* Which links a reader may follow, the header's contact items in their order and as shown, and the
 * phrases entries are shown with: knowledge the PDF and the text outputs share. It never lays out
 * and never prints; refused links are warnings in the caller's diagnostics.
 * SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cv2pdf/lang.h"
#include "cv2pdf/present.h"
#include "cv2pdf/util.h"

/* A mailto: link carries one address and nothing else: no second address, no ?subject= or &bcc=
 * header that a reader's mail program would fill in for the sender. */
static bool one_address(const char *s)
{
	const char *at = strchr(s, '@');
	if (!at || at == s || !at[1] || strchr(at + 1, '@') || !strchr(at + 1, '.'))
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p <= 0x20 || *p == 0x7F || strchr("?,;:<>()[]\\\"%/", *p))
			return false;
	return true;
}

/* A tel: link carries a phone number (RFC 3966): an optional +, digits with the visual separators
 * - . ( ), and an optional ;ext=digits. */
static bool phone_number(const char *s)
{
	size_t digits = 0;
	if (*s == '+')
		s++;
	for (; *s && *s != ';'; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (!strchr("-.()", *s))
			return false;
	}
	if (*s == ';') {
		if (strncmp(s, ";ext=", 5) != 0 || !s[5])
			return false;
		for (s += 5; *s; s++)
			if (*s < '0' || *s > '9')
				return false;
	}
	return digits >= 3;
}

/* Whether uri starts with a scheme ("javascript:", "mailto:"), as opposed to a host and port
 * ("example.com:8080", "localhost:3000"), which has a dot before the colon or digits after it. */
static bool has_scheme(const char *uri)
{
	size_t n = 0;
	if (!((uri[0] >= 'a' && uri[0] <= 'z') || (uri[0] >= 'A' && uri[0] <= 'Z')))
		return false;
	while (uri[n] && (strchr("+-", uri[n]) || (uri[n] >= 'a' && uri[n] <= 'z') || (uri[n] >= 'A' && uri[n] <= 'Z') ||
			  (uri[n] >= '0' && uri[n] <= '9')))
		n++;
	return uri[n] == ':' && !(uri[n + 1] >= '0' && uri[n + 1] <= '9');
}

/* Only these schemes become links (TYPESETTING and the PDF features issue): anything else, such as
 * javascript: or file:, is shown as text without a link, and so is a mailto: that is not one address
 * or a tel: that is not a phone number. A host without a scheme ("example.com/x", "www.example.com")
 * gets https://; nothing else does. */
const char *cv_link_check(const char *uri, cv_arena *arena, const char **why)
{
	static const char *const ok[] = {"http://", "https://", "mailto:", "tel:"};
	*why = "is not http, https, mailto or tel";
	if (strlen(uri) > CV_MAX_URL_BYTES) {
		*why = "is longer than any web address";
		return NULL;
	}
	if (!has_scheme(uri)) {
		size_t host = strcspn(uri, "/?#:");
		const char *dot = memchr(uri, '.', host);
		if (dot && dot != uri && !strpbrk(uri, " \t\n") && strncmp(uri, "..", 2) != 0)
			return cv_arena_printf(arena, "https://%s", uri);
		*why = "is not a web address";
		return NULL;
	}
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		size_t n = strlen(ok[i]);
		if (strncasecmp(uri, ok[i], n) != 0)
			continue;
		if (i == 2 && !one_address(uri + n))
			*why = "is not one e-mail address";
		else if (i == 3 && !phone_number(uri + n))
			*why = "is not a phone number";
		else
			return cv_arena_strdup(arena, uri);
		break;
	}
	return NULL;
}

const char *cv_present_link(const char *uri, cv_span span, cv_arena *arena, cv_diags *d)
{
	if (!uri)
		return NULL;
	const char *why;
	const char *link = cv_link_check(uri, arena, &why);
	if (!link && d) {
		if (strlen(uri) > CV_MAX_URL_BYTES)
			cv_diag_add(d, CV_WARNING, "unsafe-link", span,
				    "a link of %zu bytes is longer than any web address (%d); it is shown without a link",
				    strlen(uri), CV_MAX_URL_BYTES);
		else
			cv_diag_add(d, CV_WARNING, "unsafe-link", span, "link \"%s\" %s; it is shown without a link", uri, why);
	}
	return link;
}

const char *cv_link_shown(const char *uri, cv_arena *arena)
{
	const char *p = strstr(uri, "://");
	if (p)
		p += 3;
	else if (strncasecmp(uri, "mailto:", 7) == 0)
		p = uri + 7;
	else if (strncasecmp(uri, "tel:", 4) == 0)
		p = uri + 4;
	else
		p = uri;
	size_t n = strlen(p);
	return n > 1 && p[n - 1] == '/' ? cv_arena_strndup(arena, p, n - 1) : p;
}

/* "tel:" wants digits and a leading plus only. */
static const char *tel_uri(const char *phone, cv_arena *arena)
{
	size_t n = strlen(phone);
	char *t = cv_arena_alloc(arena, n + 5), *w = t;
	w += sprintf(w, "tel:");
	for (size_t i = 0; i < n; i++)
		if ((phone[i] >= '0' && phone[i] <= '9') || (phone[i] == '+' && w == t + 4))
			*w++ = phone[i];
	*w = '\0';
	return w > t + 4 ? t : NULL;
}

cv_contact *cv_present_contacts(const cv_doc *doc, cv_arena *arena, cv_diags *d, size_t *n)
{
	size_t cap = 1 + doc->email.n + doc->phone.n + doc->website.n + doc->n_social + doc->n_connections;
	cv_contact *out = cv_arena_calloc(arena, cap, sizeof *out);
	*n = 0;
	if (doc->location.s)
		out[(*n)++] = (cv_contact){CV_CONTACT_LOCATION, doc->location.s, NULL, doc->location.span};
	for (size_t i = 0; i < doc->email.n; i++) {
		const cv_str *e = &doc->email.items[i];
		out[(*n)++] = (cv_contact){CV_CONTACT_EMAIL, e->s,
					   cv_present_link(cv_arena_printf(arena, "mailto:%s", e->s), e->span, arena, d), e->span};
	}
	for (size_t i = 0; i < doc->phone.n; i++) {
		const cv_str *p = &doc->phone.items[i];
		out[(*n)++] = (cv_contact){CV_CONTACT_PHONE, cv_phone_shown(p->s, doc->design.phone_format, arena),
					   tel_uri(p->s, arena), p->span};
	}
	for (size_t i = 0; i < doc->website.n; i++) {
		const cv_str *w = &doc->website.items[i];
		out[(*n)++] = (cv_contact){CV_CONTACT_WEBSITE, cv_link_shown(w->s, arena),
					   cv_present_link(w->s, w->span, arena, d), w->span};
	}
	for (size_t i = 0; i < doc->n_social; i++) {
		const cv_social *s = &doc->social[i];
		const char *shown;
		const char *url = cv_social_link(s, arena, &shown);
		/* design.header.connections.display_urls_instead_of_usernames off: the user name alone (RenderCV
		 * shows it beside the network's icon). */
		if (!doc->design.header.show_urls && url)
			shown = s->username.s;
		if (s->url.s) /* the profile's own link wins over one built from the username */
			url = cv_present_link(s->url.s, s->url.span, arena, d);
		out[(*n)++] = (cv_contact){CV_CONTACT_SOCIAL, shown, url, s->span};
	}
	for (size_t i = 0; i < doc->n_connections; i++) {
		const cv_connection *k = &doc->connections[i];
		out[(*n)++] = (cv_contact){CV_CONTACT_OTHER, k->text.s, cv_present_link(k->url.s, k->url.span, arena, d),
					   k->span};
	}
	return out;
}

const char *cv_present_authors(const cv_doc *doc, const cv_strlist *a, cv_arena *arena)
{
	if (!a->n)
		return NULL;
	size_t total = 0;
	const char *sep = doc->locale.lang->list_sep;
	for (size_t i = 0; i < a->n; i++)
		total += strlen(a->items[i].s) + strlen(sep);
	char *s = cv_arena_alloc(arena, total + 1), *w = s;
	for (size_t i = 0; i < a->n; i++)
		w += sprintf(w, "%s%s", i ? sep : "", a->items[i].s);
	return s;
}
