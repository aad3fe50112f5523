/* --init: writes a commented starter résumé, in English or in Chinese, that renders as it is and
 * shows every feature a new user needs first (sections, dates, highlights, tags and variants). It
 * never overwrites an existing file.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cv2pdf/arena.h"
#include "cv2pdf/load.h"

static const char starter_en[] =
	"# A résumé for cv2pdf. Render it with:   cv2pdf @FILE@ -o @PDF@\n"
	"# Every key is optional except cv.name (or some sections). Text may use **bold**, *italic*,\n"
	"# `code` and [links](https://example.com). See cv2pdf(1) for the command line.\n"
	"cv:\n"
	"  name: Jane Doe\n"
	"  headline: Software Engineer\n"
	"  location: Berlin, Germany\n"
	"  email: jane@example.com\n"
	"  phone: \"+49 30 1234567\"          # quoted, so YAML keeps it as written\n"
	"  website: https://example.com\n"
	"  social_networks:\n"
	"    - network: GitHub\n"
	"      username: janedoe\n"
	"  summary: >\n"
	"    Engineer with eight years of experience building reliable backend systems.\n"
	"  # Sections keep their order. The keys of an entry decide its kind: company and position make\n"
	"  # an experience entry, institution an education entry, name a project, label a one-line entry.\n"
	"  sections:\n"
	"    Experience:\n"
	"      - id: acme                     # an id lets an overlay file replace or remove the entry\n"
	"        company: Acme Corp\n"
	"        position: Senior Engineer\n"
	"        location: Berlin\n"
	"        start_date: 2021-03          # YYYY, YYYY-MM or YYYY-MM-DD\n"
	"        end_date: present\n"
	"        highlights:\n"
	"          - Cut the build time of the main service by **40%**\n"
	"          - text: Led the move of the billing system to PostgreSQL\n"
	"            tags: [backend]          # kept by --tags backend, dropped by --exclude-tags backend\n"
	"          - text: Rebuilt the customer dashboard in TypeScript\n"
	"            tags: [frontend]\n"
	"      - id: initech\n"
	"        company: Initech\n"
	"        position: Engineer\n"
	"        start_date: 2017-09\n"
	"        end_date: 2021-02\n"
	"        highlights:\n"
	"          - Wrote the reporting pipeline that replaced nightly spreadsheets\n"
	"    Education:\n"
	"      - institution: Technical University of Munich\n"
	"        area: Computer Science\n"
	"        degree: MSc\n"
	"        start_date: 2015-10\n"
	"        end_date: 2017-09\n"
	"    Skills:\n"
	"      - label: Languages\n"
	"        details: Go, Python, TypeScript, SQL\n"
	"      - label: Tools\n"
	"        details: PostgreSQL, Kubernetes, Terraform\n"
	"design:\n"
	"  page_size: a4                      # or us-letter\n"
	"  margin: 1.8cm\n"
	"  font_size: 10pt\n"
	"  color: \"#1F3A5F\"\n"
	"locale:\n"
	"  language: en\n"
	"# Variants: one résumé, a tailored PDF per application.\n"
	"#   cv2pdf @FILE@ --variant backend        or   cv2pdf @FILE@ --all-variants -o 'out/{variant}.pdf'\n"
	"variants:\n"
	"  backend:\n"
	"    tags: [backend]\n"
	"  frontend:\n"
	"    tags: [frontend]\n"
	"    set:\n"
	"      cv.headline: Frontend Engineer\n";

static const char starter_zh[] =
	"# cv2pdf 简历模板。生成 PDF：   cv2pdf @FILE@ -o @PDF@\n"
	"# 除 cv.name（或若干板块）外，所有字段都可省略。文字中可用 **加粗**、*斜体*、`代码` 和\n"
	"# [链接](https://example.com)。命令行用法见 cv2pdf(1)。\n"
	"cv:\n"
	"  name: 张三\n"
	"  headline: 软件工程师\n"
	"  location: 北京\n"
	"  email: zhangsan@example.com\n"
	"  phone: \"138-0000-0000\"           # 加引号，保持原样\n"
	"  summary: >\n"
	"    五年后端开发经验，熟悉 Go 与 PostgreSQL，主导过支付系统的重构。\n"
	"  # 板块按书写顺序排列。条目的字段决定其类型：company 与 position 为工作经历，\n"
	"  # institution 为教育经历，name 为项目，label 为单行条目。\n"
	"  sections:\n"
	"    工作经历:\n"
	"      - id: acme                     # 有 id 的条目可由覆盖文件替换或删除\n"
	"        company: 某某科技有限公司\n"
	"        position: 高级工程师\n"
	"        location: 北京\n"
	"        start_date: 2021-03          # 格式：YYYY、YYYY-MM 或 YYYY-MM-DD\n"
	"        end_date: present\n"
	"        highlights:\n"
	"          - 将核心服务的构建时间缩短 **40%**\n"
	"          - text: 主导计费系统迁移至 PostgreSQL\n"
	"            tags: [backend]          # --tags backend 保留，--exclude-tags backend 删除\n"
	"          - text: 用 TypeScript 重写客户控制台\n"
	"            tags: [frontend]\n"
	"    教育背景:\n"
	"      - institution: 清华大学\n"
	"        area: 计算机科学与技术\n"
	"        degree: 硕士\n"
	"        start_date: 2016-09\n"
	"        end_date: 2019-06\n"
	"    专业技能:\n"
	"      - bullet: 熟悉 Go、Python 与 SQL，了解 Kubernetes 与 Terraform。\n"
	"design:\n"
	"  page_size: a4\n"
	"  margin: 1.8cm\n"
	"  font_size: 10pt\n"
	"locale:\n"
	"  language: zh\n"
	"# 变体：同一份简历，为每个职位生成一份定制的 PDF。\n"
	"#   cv2pdf @FILE@ --variant backend    或   cv2pdf @FILE@ --all-variants -o 'out/{variant}.pdf'\n"
	"variants:\n"
	"  backend:\n"
	"    tags: [backend]\n"
	"  frontend:\n"
	"    tags: [frontend]\n"
	"    set:\n"
	"      cv.headline: 前端工程师\n";

/* How the starter's comments name a file: as given, in single quotes when the shell needs them;
 * "resume.yaml" for a name no comment can hold (a quote or a control character in it). */
static const char *shell_word(cv_arena *a, const char *name)
{
	static const char plain[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/+-,:@%";
	if (strspn(name, plain) == strlen(name))
		return name;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p == 0x7F || *p == '\'')
			return NULL;
	return cv_arena_printf(a, "'%s'", name);
}

/* The starter with the file's own name in its comments and, with --theme, design.theme set. */
static char *starter(const cv_cli *o, cv_arena *a)
{
	bool zh = o->lang && strncmp(o->lang, "zh", 2) == 0;
	const char *file = strcmp(o->input, "-") ? o->input : "resume.yaml";
	char *path = cv_cli_output_path(NULL, file, NULL);
	const char *pdf = cv_arena_strdup(a, path);
	free(path);
	const char *file_w = shell_word(a, file), *pdf_w = shell_word(a, pdf);
	if (!file_w || !pdf_w)
		file_w = "resume.yaml", pdf_w = "resume.pdf";
	const char *text = zh ? starter_zh : starter_en;
	size_t cap = strlen(text) + 8 * (strlen(file_w) + strlen(pdf_w)) + (o->theme ? strlen(o->theme) : 0) + 64;
	char *out = cv_arena_alloc(a, cap), *w = out;
	for (const char *p = text; *p;) {
		const char *sub = !strncmp(p, "@FILE@", 6) ? file_w : !strncmp(p, "@PDF@", 5) ? pdf_w : NULL;
		if (sub) {
			w += snprintf(w, cap - (size_t)(w - out), "%s", sub);
			p += sub == file_w ? 6 : 5;
			continue;
		}
		*w++ = *p;
		if (*p++ == '\n' && o->theme && w - out > 8 && !strncmp(w - 9, "\ndesign:\n", 9))
			w += snprintf(w, cap - (size_t)(w - out), "  theme: %s\n", o->theme);
	}
	*w = '\0';
	return out;
}

int cv_cli_init(const cv_cli *o)
{
	const cv_span none = {0};
	cv_arena *a = cv_arena_new();
	const char *text = starter(o, a);
	size_t len = strlen(text);
	int status = CV_EXIT_OK;
	/* Whatever the name and theme, the starter must render: load it as a render would (an unknown
	 * theme is reported with the loader's own did-you-mean, pointing into the starter). */
	cv_diags *d = cv_diags_new();
	cv_doc *doc = cv_load(strcmp(o->input, "-") ? o->input : "<stdin>", text, len, d);
	status = doc ? CV_EXIT_OK : cv_cli_status(d, true);
	cv_doc_free(doc);
	if (status != CV_EXIT_OK || !o->quiet)
		cv_cli_report(d, o, NULL);
	cv_diags_free(d);
	if (status != CV_EXIT_OK)
		goto done;
	if (strcmp(o->input, "-") == 0) {
		if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
			cv_cli_say(o, CV_ERROR, "io", none, "cannot write to standard output: %s", strerror(errno));
			status = CV_EXIT_IO;
		}
		goto done;
	}
	int fd = open(o->input, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0) {
		if (errno == EEXIST)
			cv_cli_say(o, CV_ERROR, "io", none, "%s already exists; --init never overwrites a file", o->input);
		else
			cv_cli_say(o, CV_ERROR, "io", none, "cannot create '%s': %s", o->input, strerror(errno));
		status = CV_EXIT_IO;
		goto done;
	}
	int wrote = cv_cli_write_fd(fd, text, len);
	if (close(fd) != 0 || wrote != 0) {
		cv_cli_say(o, CV_ERROR, "io", none, "cannot write '%s': %s", o->input, strerror(errno));
		unlink(o->input);
		status = CV_EXIT_IO;
		goto done;
	}
	if (!o->quiet)
		cv_cli_say(o, CV_NOTE, "wrote", none, "wrote %s; render it with: cv2pdf %s", o->input,
			   shell_word(a, o->input) ? shell_word(a, o->input) : o->input);
done:
	cv_arena_free(a);
	return status;
}
