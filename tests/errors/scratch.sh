# Sourced by the dialect corpus's runner (dialects/run_case.sh; errors/run_case.c does the same in C): scratch_dir DIR sets TMP to
# DIR when that is an empty folder (CTest's setup test errors_scratch makes one per case; the next
# run's setup removes it, so a failed case's files stay there to look at), else to a new temporary
# folder, and own_tmp to 1 then: the caller removes that one at exit.
# SPDX-License-Identifier: MIT
scratch_dir() {
	TMP=$1 own_tmp=0
	if [ -n "$TMP" ] && [ -d "$TMP" ] && [ -w "$TMP" ]; then
		local in_tmp
		shopt -s nullglob dotglob
		in_tmp=("$TMP"/*)
		shopt -u nullglob dotglob
		[ ${#in_tmp[@]} -eq 0 ] || TMP=""
	else
		TMP=""
	fi
	[ -n "$TMP" ] || { TMP=$(mktemp -d) && own_tmp=1; }
}
