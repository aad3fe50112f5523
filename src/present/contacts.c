/* How contact items are shown and linked: social networks by RenderCV's URL patterns (all seventeen
 * of its networks, and Twitter of its first releases), and phone numbers as RenderCV shows them
 * (North American numbers in their national form, others in the international one). No phone library:
 * a table of country calling codes is all the international form needs.
 * SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "cv2pdf/present.h"
#include "cv2pdf/util.h"

/* ---- Social networks ------------------------------------------------------------------------- */

/* RenderCV's networks and the address of a profile, the username appended (RenderCV's
 * url_dictionary, schema/models/cv/social_network.py). Mastodon's is built from its handle. */
static const struct {
	const char *network, *prefix;
} networks[] = {
	{"LinkedIn", "https://linkedin.com/in/"},
	{"GitHub", "https://github.com/"},
	{"GitLab", "https://gitlab.com/"},
	{"IMDB", "https://imdb.com/name/"},
	{"Instagram", "https://instagram.com/"},
	{"ORCID", "https://orcid.org/"},
	{"Mastodon", NULL},
	{"StackOverflow", "https://stackoverflow.com/users/"},
	{"ResearchGate", "https://researchgate.net/profile/"},
	{"YouTube", "https://youtube.com/@"},
	{"Google Scholar", "https://scholar.google.com/citations?user="},
	{"Telegram", "https://t.me/"},
	{"WhatsApp", "https://wa.me/"},
	{"Leetcode", "https://leetcode.com/u/"},
	{"X", "https://x.com/"},
	{"Bluesky", "https://bsky.app/profile/"},
	{"Reddit", "https://reddit.com/user/"},
	{"Twitter", "https://twitter.com/"}, /* RenderCV 1 */
};

/* Whether a and b name the same network: case, spaces, '-' and '_' aside ("Stack Overflow",
 * "stackoverflow", "google_scholar"). */
static bool same_network(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ' || *a == '-' || *a == '_')
			a++;
		while (*b == ' ' || *b == '-' || *b == '_')
			b++;
		if (!*a || !*b)
			return !*a && !*b;
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return false;
		a++, b++;
	}
}

/* The address without its scheme and final '/', as RenderCV shows URLs. Arena-owned. */
static const char *clean_url(const char *url, cv_arena *arena)
{
	const char *p = strstr(url, "://");
	p = p ? p + 3 : url;
	size_t n = strlen(p);
	return cv_arena_strndup(arena, p, n && p[n - 1] == '/' ? n - 1 : n);
}

const char *cv_social_link(const cv_social *s, cv_arena *arena, const char **shown)
{
	const char *user = s->username.s;
	for (size_t i = 0; i < sizeof networks / sizeof networks[0]; i++) {
		if (!same_network(s->network.s, networks[i].network))
			continue;
		const char *url;
		if (!networks[i].prefix) {
			/* Mastodon: "@name@server" (RenderCV 1.10 on) is https://server/@name; a bare name
			 * was on mastodon.social (RenderCV 1.0). */
			const char *name = user[0] == '@' ? user + 1 : user, *at = strchr(name, '@');
			url = at ? cv_arena_printf(arena, "https://%s/@%.*s", at + 1, (int)(at - name), name)
				 : cv_arena_printf(arena, "https://mastodon.social/@%s", name);
		} else if (!strcmp(networks[i].network, "WhatsApp")) {
			/* wa.me takes the number's digits only, with the country code and no "+". */
			char digits[64];
			size_t n = 0;
			for (const char *c = user; *c && n + 1 < sizeof digits; c++)
				if (isdigit((unsigned char)*c))
					digits[n++] = *c;
			digits[n] = '\0';
			url = cv_arena_printf(arena, "%s%s", networks[i].prefix, digits);
		} else {
			/* YouTube's handle is written without its "@" (RenderCV 2); RenderCV 1 took it with. */
			if (!strcmp(networks[i].network, "YouTube") && user[0] == '@')
				user++;
			url = cv_arena_printf(arena, "%s%s", networks[i].prefix, user);
		}
		/* Without icons, RenderCV's themes show the address; Google Scholar's is a long query, and
		 * RenderCV names it instead; a Mastodon handle names its server and is how people write one. */
		if (!strcmp(networks[i].network, "Google Scholar"))
			*shown = "Google Scholar";
		else if (!networks[i].prefix && strchr(user + 1, '@'))
			*shown = user[0] == '@' ? user : cv_arena_printf(arena, "@%s", user);
		else
			*shown = clean_url(url, arena);
		return url;
	}
	*shown = cv_arena_printf(arena, "%s: %s", s->network.s, user);
	return NULL;
}

/* ---- Phone numbers --------------------------------------------------------------------------- */

/* Country calling codes of one and two digits (ITU-T E.164); every other code has three. */
static const char *const short_codes[] = {
	"1",  "7",  "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47",
	"48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66", "81",
	"82", "84", "86", "90", "91", "92", "93", "94", "95", "98", NULL};

/* The longest phone number shown: E.164 numbers have at most 15 digits; this leaves room for any
 * way of writing them. */
#define PHONE_MAX 64

const char *cv_phone_shown(const char *phone, cv_phone_format format, cv_arena *arena)
{
	char digits[PHONE_MAX];
	size_t n = 0;
	const char *c = phone;
	while (*c == ' ')
		c++;
	/* RenderCV 2.0 to 2.3 saved numbers as links ("tel:+1-609-999-9995") and showed them without. */
	if (!strncasecmp(c, "tel:", 4))
		phone = c = c + 4;
	bool plus = *c == '+';
	for (; *c && n + 1 < sizeof digits; c++)
		if (isdigit((unsigned char)*c))
			digits[n++] = *c;
		else if (isalpha((unsigned char)*c))
			return phone; /* "ext. 12", "+1 555 CALL ME": not a number to reformat */
	digits[n] = '\0';
	if (!plus)
		return phone; /* a number without its country code: as written */
	if (format == CV_PHONE_E164)
		return cv_arena_printf(arena, "+%s", digits);
	/* North America (+1 and ten digits): "(703) 480-0500" in the national form, as RenderCV shows it. */
	if (n == 11 && digits[0] == '1')
		return format == CV_PHONE_NATIONAL
			       ? cv_arena_printf(arena, "(%.3s) %.3s-%.4s", digits + 1, digits + 4, digits + 7)
			       : cv_arena_printf(arena, "+1 %.3s-%.3s-%.4s", digits + 1, digits + 4, digits + 7);
	/* Elsewhere the international form. Written with spaces, the author's grouping is kept; written
	 * solid, or with dashes, dots or slashes, the country code is set apart and the rest grouped as
	 * written. */
	if (strchr(phone, ' ') || digits[0] == '1') /* spaced by the author, or not a North American number */
		return phone;
	size_t cc = 3;
	for (size_t i = 0; short_codes[i]; i++)
		if (!strncmp(digits, short_codes[i], strlen(short_codes[i])))
			cc = strlen(short_codes[i]);
	if (n <= cc + 2)
		return phone;
	char out[2 * PHONE_MAX];
	size_t w = (size_t)snprintf(out, sizeof out, "+%.*s", (int)cc, digits);
	size_t seen = 0; /* digits of phone copied so far */
	bool gap = true;
	for (c = phone; *c && w + 2 < sizeof out; c++) {
		if (!isdigit((unsigned char)*c)) {
			gap = gap || seen > cc;
			continue;
		}
		if (seen++ < cc)
			continue;
		if (gap)
			out[w++] = ' ';
		gap = false;
		out[w++] = *c;
	}
	out[w] = '\0';
	return cv_arena_strdup(arena, out);
}
