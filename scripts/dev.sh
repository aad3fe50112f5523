#!/usr/bin/env bash
# One entry point for newcomers and CI on Debian 12:
#   bash scripts/dev.sh install    install what is missing, build a release binary and install it
#                                  (cmake --install) into /usr/local, or $PREFIX: program, fonts,
#                                  man page, bash and zsh completion; prints what it put where
#   bash scripts/dev.sh examples   install what is missing, build, render examples/*.yaml into out/
#   bash scripts/dev.sh test       install what is missing, build, run the whole test suite
#   bash scripts/dev.sh sanitize   the same tests in a build with AddressSanitizer and UBSan
#   bash scripts/dev.sh clang      build with clang and clang++, warnings as errors (as with gcc), and run the
#                                  unit tests
#   bash scripts/dev.sh tsan       the command-line tests (parallel batches) and two renders on two
#                                  threads (tests/unit/test_threads.c) under ThreadSanitizer
#   bash scripts/dev.sh valgrind   the same tests with every program under valgrind's memcheck:
#                                  any error or leak fails the test (reports in build-valgrind/vg/)
# Installs Debian packages with apt-get (as root, or through sudo when not root).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake pkg-config libhpdf-dev libyaml-dev libfontconfig-dev libfreetype-dev
	libunistring-dev libharfbuzz-dev libhyphen-dev hyphen-en-us libpng-dev libjpeg-dev zlib1g-dev qpdf poppler-utils
	mupdf-tools fonts-dejavu-core groff-base bsdutils valgrind python3-pdfminer fontconfig fonts-noto-cjk
	fonts-hanazono fonts-inter-variable)
# The JSON Schema agreement and docs-examples tests (tests/schema/, tests/docs/).
packages+=(python3-jsonschema python3-yaml)
# The HTML output's validation (tests/export/).
packages+=(tidy)
# The second compiler CI builds with (warnings differ between compilers), and the C++ compiler that
# compiles the public headers once (unit_cplusplus).
packages+=(clang g++)
# qpdf's and pdftotext's own code linked into the test runners (tests/tools/pdf_tools.cc): a start of
# either program costs more than its work on a small PDF.
packages+=(libqpdf-dev libpoppler-private-dev)

install_missing() {
	local missing=()
	for p in "${packages[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	local sudo=()
	[ "$(id -u)" -eq 0 ] || sudo=(sudo)
	echo "Installing: ${missing[*]}"
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build() { # build DIR [cmake options...]
	local dir=$1
	shift
	# The tests' tools are required here: a machine without them fails rather than skips.
	cmake -S . -B "$dir" -DCV2PDF_WERROR=ON -DCV2PDF_TESTS_REQUIRE_TOOLS=ON "$@" >/dev/null
	cmake --build "$dir" -j "$(nproc)"
}

case "${1:-}" in
install)
	install_missing
	prefix=${PREFIX:-/usr/local}
	build build-release -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF "-DCMAKE_INSTALL_PREFIX=$prefix"
	sudo=()
	mkdir -p "$prefix" 2>/dev/null || true
	[ -w "$prefix" ] || sudo=(sudo)
	"${sudo[@]}" cmake --install build-release >/dev/null
	echo "Installed into $prefix:"
	sed "s|^|  |" build-release/install_manifest.txt | grep -v '/fonts/' || true
	echo "  $prefix/share/cv2pdf/fonts/ (the shipped fonts)"
	if [ "$(command -v cv2pdf)" != "$prefix/bin/cv2pdf" ]; then
		echo "$prefix/bin is not first on your PATH: run $prefix/bin/cv2pdf, or add it to PATH."
	fi
	echo "Try: cv2pdf --init my.yaml && cv2pdf my.yaml"
	;;
examples)
	install_missing
	build build
	mkdir -p out
	for f in examples/*.yaml; do
		name=$(basename "$f" .yaml)
		./build/cv2pdf "$f" -o "out/$name.pdf"
		echo "out/$name.pdf"
	done
	;;
test)
	install_missing
	build build
	ctest --test-dir build --output-on-failure -j "$(nproc)"
	;;
clang)
	install_missing
	CC=clang CXX=clang++ build build-clang
	ctest --test-dir build-clang --output-on-failure -j "$(nproc)" -R '^(unit|source)_'
	;;
sanitize)
	install_missing
	build build-asan -DCMAKE_BUILD_TYPE=Debug -DCV2PDF_SANITIZE=ON
	ctest --test-dir build-asan --output-on-failure -j "$(nproc)"
	;;
tsan)
	install_missing
	build build-tsan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS=-fsanitize=thread -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread
	ctest --test-dir build-tsan --output-on-failure -R '^cli|^unit_threads'
	;;
valgrind)
	install_missing
	rm -rf build-valgrind/vg
	mkdir -p build-valgrind/vg
	# --child-silent-after-fork: a unit test forks to watch a limit abort (test_util); the child's
	# memory at abort() is not a leak of the program.
	vg="valgrind;-q;--error-exitcode=99;--child-silent-after-fork=yes;--leak-check=full;--show-leak-kinds=definite,indirect,possible"
	vg+=";--errors-for-leak-kinds=definite,indirect,possible;--log-file=$PWD/build-valgrind/vg/%p.log"
	build build-valgrind -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCV2PDF_TEST_WRAPPER=$vg"
	status=0
	ctest --test-dir build-valgrind --output-on-failure -j "$(nproc)" || status=$?
	# Valgrind writes only what it found; print it.
	find build-valgrind/vg -name '*.log' -size +0 -exec cat {} +
	exit $status
	;;
*)
	echo "usage: bash scripts/dev.sh install|examples|test|clang|sanitize|tsan|valgrind" >&2
	exit 2
	;;
esac
