#!/usr/bin/env python3
"""Renders every example file of every RenderCV release with cv2pdf, its design, locale and settings
blocks switched on, and compares each with RenderCV's own PDF of it (a developer's check, not a test:
it reads a clone of RenderCV's repository, which the suite must not depend on).

  scripts/rendercv_examples.py CV2PDF RENDERCV_GIT_DIR [--out DIR] [--from v1.0] [--to v2.8] [-v]
                               [--png]

For each release tag in the range and each examples/*.yaml of it (files identical to one already
seen are skipped): the commented-out lines of the top-level design, locale and settings blocks are
uncommented (RenderCV's examples from v2.4 on list every setting that way), the file is rendered, and
the script reports the exit status, the warnings, the page count beside RenderCV's committed PDF of
the same example, and the words of the file's cv block that cv2pdf's PDF does not contain (its
committed PDF is not compared word by word: in some releases it was made from an older example). --png renders the
first page of both PDFs at 80 dpi into DIR for looking at them side by side. The exit status is 1
when any file fails the bar: exit 0, at most MAX_WARNINGS warnings, pages within one of RenderCV's,
no word missing.
SPDX-License-Identifier: MIT
"""
import argparse
import os
import re
import subprocess
import sys

try:
    import yaml
except ImportError:  # the words of the file are then not checked
    yaml = None

# "A handful" of warnings: each one a setting cv2pdf cannot reproduce, said once.
MAX_WARNINGS = 6
BLOCKS = ("design", "locale", "locale_catalog", "settings", "rendercv_settings")
# Fields whose words are not printed as written: dates are formatted, phone numbers reformatted,
# addresses shortened, icon names and photos not text at all.
NOT_AS_WRITTEN = {"start_date", "end_date", "date", "phone", "url", "doi", "photo", "fontawesome_icon", "website",
                  "network", "sort_entries"}


def git(gitdir, *args, binary=False):
    r = subprocess.run(["git", "--git-dir", gitdir, *args], capture_output=True, check=True)
    return r.stdout if binary else r.stdout.decode()


def version(tag):
    return tuple(int(x) for x in tag.lstrip("v").split("."))


def switch_on(text):
    """Uncomments the commented lines inside the top-level blocks named in BLOCKS."""
    out, inside = [], False
    for line in text.split("\n"):
        top = re.match(r"^([A-Za-z_]+):", line)
        if top:
            inside = top.group(1) in BLOCKS
        elif inside:
            # "  #   size: a4" is "    size: a4" commented out: the hash and one space go.
            m = re.match(r"^(\s*)# ?(.*\S.*)$", line)
            if m:
                line = m.group(1) + m.group(2)
        out.append(line)
    return "\n".join(out)


def source_words(text):
    """The words of the cv block's texts, markup and link targets removed."""
    if yaml is None:
        return set()
    try:
        cv = (yaml.safe_load(text) or {}).get("cv") or {}
    except yaml.YAMLError:
        return set()
    out = set()

    def walk(v, key=None):
        if isinstance(v, dict):
            for k, x in v.items():
                if key == "sections":
                    out.update(w.lower() for w in re.findall(r"\w+", str(k).replace("_", " ")))
                walk(x, k)
        elif isinstance(v, list):
            for x in v:
                walk(x, key)
        elif isinstance(v, str) and key not in NOT_AS_WRITTEN:
            v = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", v)  # [text](url): the text
            v = re.sub(r"https?://\S+", "", v)
            # Math ($\mathcal{O}(n^2)$, $$x_1$$) is drawn converted (n²), not as written.
            v = re.sub(r"\$\$?[^$]*[\\^_{][^$]*\$\$?", "", v)
            out.update(w.lower() for w in re.findall(r"\w+", v))

    walk(cv)
    return out


def words(pdf):
    txt = subprocess.run(["pdftotext", "-q", pdf, "-"], capture_output=True).stdout.decode("utf-8", "replace")
    # Lines broken with a hyphen are joined, as a reader would.
    txt = re.sub(r"(\w)[-\u2010\u00ad]\n(\w)", r"\1\2", txt)
    return {w.lower() for w in re.findall(r"\w+", txt)}


def pages(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True).stdout.decode("utf-8", "replace")
    m = re.search(r"^Pages:\s+(\d+)", info, re.M)
    return int(m.group(1)) if m else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("cv2pdf")
    ap.add_argument("gitdir")
    ap.add_argument("--out", default="out/rendercv-examples")
    ap.add_argument("--from", dest="first", default="v1.0")
    ap.add_argument("--to", dest="last", default="v2.8")
    ap.add_argument("--png", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    tags = sorted((t for t in git(a.gitdir, "tag").split() if re.match(r"^v\d+(\.\d+)*$", t)
                   and version(a.first) <= version(t) <= version(a.last)), key=version)
    seen, bad, total = set(), 0, 0
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    for tag in tags:
        listing = git(a.gitdir, "ls-tree", tag, "examples/").split("\n")
        for row in listing:
            if not row.strip():
                continue
            meta, path = row.split("\t")
            blob = meta.split()[2]
            if not path.endswith(".yaml") or blob in seen:
                continue
            seen.add(blob)
            total += 1
            stem = os.path.basename(path)[:-5]
            base = os.path.join(a.out, f"{tag}_{stem}")
            text = switch_on(git(a.gitdir, "show", f"{tag}:{path}"))
            with open(base + ".yaml", "w") as f:
                f.write(text)
            theirs = base + ".rendercv.pdf"
            with open(theirs, "wb") as f:
                f.write(git(a.gitdir, "show", f"{tag}:{path[:-5]}.pdf", binary=True))
            ours = base + ".pdf"
            r = subprocess.run([a.cv2pdf, base + ".yaml", "-o", ours], capture_output=True, env=env)
            err = r.stderr.decode("utf-8", "replace")
            diags = [l for l in err.split("\n") if re.search(r": (warning|error|note): ", l)]
            warnings = [l for l in diags if ": warning: " in l]
            p_ours = pages(ours) if r.returncode == 0 else 0
            p_theirs = pages(theirs)
            missing = sorted(source_words(text) - words(ours)) if r.returncode == 0 else []
            ok = (r.returncode == 0 and len(warnings) <= MAX_WARNINGS and abs(p_ours - p_theirs) <= 1 and not missing)
            bad += not ok
            print(f"{'ok ' if ok else 'BAD'} {tag:6} {stem:40} exit {r.returncode} warnings {len(warnings)} "
                  f"pages {p_ours}/{p_theirs} missing {len(missing)}")
            if a.verbose or not ok:
                for l in diags:
                    print("      " + l.split(": ", 1)[-1] if l.startswith(base) else "      " + l)
                if missing:
                    print("      missing: " + " ".join(missing[:40]))
            if a.png and r.returncode == 0:
                for pdf, tag_ in ((ours, "cv2pdf"), (theirs, "rendercv")):
                    subprocess.run(["pdftoppm", "-q", "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile", pdf,
                                    f"{base}.{tag_}"], check=False)
    print(f"{total - bad} of {total} distinct example files pass")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
