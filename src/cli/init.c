/* --init: writes a commented starter résumé, in English or in Chinese, that renders as it is and
 * shows every feature a new user needs first (sections, dates, highlights, tags and variants). It
 * never overwrites an existing file.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char starter_en[] =
	"# A résumé for cv2pdf. Render it with:   cv2pdf resume.yaml -o resume.pdf\n"
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
	"#   cv2pdf resume.yaml --variant backend        or   cv2pdf resume.yaml --all-variants -o 'out/{variant}.pdf'\n"
	"variants:\n"
	"  backend:\n"
	"    tags: [backend]\n"
	"  frontend:\n"
	"    tags: [frontend]\n"
	"    set:\n"
	"      cv.headline: Frontend Engineer\n";

static const char starter_zh[] =
	"# cv2pdf 简历模板。生成 PDF：   cv2pdf resume.yaml -o resume.pdf\n"
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
	"#   cv2pdf resume.yaml --variant backend    或   cv2pdf resume.yaml --all-variants -o 'out/{variant}.pdf'\n"
	"variants:\n"
	"  backend:\n"
	"    tags: [backend]\n"
	"  frontend:\n"
	"    tags: [frontend]\n"
	"    set:\n"
	"      cv.headline: 前端工程师\n";

int cv_cli_init(const cv_cli *o)
{
	bool zh = o->lang && strncmp(o->lang, "zh", 2) == 0;
	const char *text = zh ? starter_zh : starter_en;
	size_t len = strlen(text);
	if (strcmp(o->input, "-") == 0) {
		if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
			cv_cli_error("cannot write to standard output: %s", strerror(errno));
			return CV_EXIT_IO;
		}
		return CV_EXIT_OK;
	}
	int fd = open(o->input, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0) {
		if (errno == EEXIST)
			cv_cli_error("%s already exists; --init never overwrites a file", o->input);
		else
			cv_cli_error("cannot create '%s': %s", o->input, strerror(errno));
		return CV_EXIT_IO;
	}
	int wrote = cv_cli_write_fd(fd, text, len);
	if (close(fd) != 0 || wrote != 0) {
		cv_cli_error("cannot write '%s': %s", o->input, strerror(errno));
		unlink(o->input);
		return CV_EXIT_IO;
	}
	if (!o->quiet)
		cv_cli_note("wrote %s; render it with: cv2pdf %s", o->input, o->input);
	return CV_EXIT_OK;
}
