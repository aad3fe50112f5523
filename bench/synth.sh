#!/usr/bin/env bash
# Writes a synthetic résumé of ENTRIES experience entries to standard output, for the scaling
# benchmark: each entry has a company, a position, dates and three highlights of 20 to 40 words drawn
# pseudo-randomly (fixed seed) from a vocabulary, with some Chinese, so that text is not one repeated
# string and the layout does real line breaking. About five entries fill an A4 page.
# Usage: bash bench/synth.sh ENTRIES [zh]
# SPDX-License-Identifier: MIT
set -euo pipefail
entries=${1:?usage: synth.sh ENTRIES [zh]}
lang=${2:-en}
awk -v n="$entries" -v lang="$lang" 'BEGIN {
	srand(42);
	split("design build ship measure reduce improve latency throughput service pipeline model training " \
	      "inference cluster kernel cache database query index storage network protocol compiler runtime " \
	      "team customers product platform reliability incident migration Kubernetes PostgreSQL Rust " \
	      "Python C++ GPU CUDA 40% 3x 12k requests/s p99 TensorFlow PyTorch distributed streaming batch " \
	      "evaluation benchmark regression release roadmap mentoring hiring architecture review security", en, " ");
	split("设计 构建 上线 优化 延迟 吞吐 服务 管线 模型 训练 推理 集群 缓存 数据库 索引 存储 网络 团队 " \
	      "客户 产品 平台 可靠性 迁移 评测 发布 规划 招聘 架构 安全 性能 提升 降低 成本", zh, " ");
	ne = length(en); nz = length(zh);
	print "cv:";
	print "  name: Synthetic Person";
	print "  email: synthetic@example.com";
	print "  sections:";
	print "    Experience:";
	for (i = 1; i <= n; i++) {
		printf "      - company: Company %d\n", i;
		printf "        position: Engineer %d\n", i;
		printf "        start_date: %d-%02d\n", 2000 + i % 20, 1 + i % 12;
		printf "        end_date: %d-%02d\n", 2001 + i % 20, 1 + (i * 7) % 12;
		print  "        highlights:";
		for (h = 0; h < 3; h++) {
			words = 20 + int(rand() * 21);
			line = "";
			for (w = 0; w < words; w++) {
				if (lang == "zh")
					token = (rand() < 0.8) ? zh[1 + int(rand() * nz)] zh[1 + int(rand() * nz)] : " " en[1 + int(rand() * ne)] " ";
				else
					token = (w ? " " : "") en[1 + int(rand() * ne)];
				line = line token;
			}
			gsub(/"/, "", line);
			printf "          - \"%s.\"\n", line;
		}
	}
	print "locale:";
	printf "  language: %s\n", lang;
}'
