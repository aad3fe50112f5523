# bash completion for cv2pdf(1). Installed as share/bash-completion/completions/cv2pdf.
# The option list must match `cv2pdf --help` (tests/cli/run.sh checks it).

# Variant names of the first YAML file on the command line: the keys indented by two spaces under a
# top-level "variants:" line. A heuristic, but the common way of writing that map.
_cv2pdf_variants()
{
	local f w
	for w in "${COMP_WORDS[@]:1}"; do
		case $w in -*) ;; *.yaml|*.yml|*.json) f=$w; break ;; esac
	done
	[ -n "$f" ] && [ -r "$f" ] || return
	awk '/^variants:/ { in_v = 1; next } /^[^ #]/ { in_v = 0 }
	     in_v && /^  [A-Za-z0-9._-]+:/ { sub(/^  /, ""); sub(/:.*/, ""); print }' "$f"
}

_cv2pdf()
{
	local cur prev
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	local opts="-o --output --to --letter --text-width --allow-output-dir --check --dump --schema --list --lang --theme --set --tags --exclude-tags
		--max-pages --variant --all-variants -j --jobs -q --quiet -v --verbose --timings --json
		--stdin-filename --watch --init --font-dir --version -h --help"
	case $prev in
	-o|--output) COMPREPLY=($(compgen -f -X '!*.@(pdf|txt|md|html)' -- "$cur") $(compgen -d -- "$cur")); return ;;
	--to) COMPREPLY=($(compgen -W "pdf txt md html" -- "$cur")); return ;;
	--dump) COMPREPLY=($(compgen -W "model layout" -- "$cur")); return ;;
	--lang) COMPREPLY=($(compgen -W "en zh" -- "$cur")); return ;;
	--font-dir|--allow-output-dir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
	--variant) COMPREPLY=($(compgen -W "$(_cv2pdf_variants)" -- "$cur")); return ;;
	--set) COMPREPLY=($(compgen -W "cv.name= cv.headline= cv.email= cv.phone= cv.location= cv.website=
		design.page_size= design.margin= design.font_size= design.theme= locale.language=" -- "$cur"))
		compopt -o nospace 2>/dev/null; return ;;
	--theme) COMPREPLY=($(compgen -W "classic sidebar compact" -- "$cur")); return ;;
	--tags|--exclude-tags|--max-pages|--text-width|-j|--jobs|--stdin-filename) return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
	else
		COMPREPLY=($(compgen -f -X '!*.@(yaml|yml|json)' -- "$cur") $(compgen -d -- "$cur"))
	fi
}
complete -F _cv2pdf cv2pdf
