#!/usr/bin/env python3
"""Renders the résumés other tools' repositories hold (JSON Resume, YAMLResume, RenderCV) with cv2pdf
and reports, per file: the exit status, errors and warnings, pages, whether every field of the input
is in the PDF's text (fieldcheck) and the order of the sections. A developer's tool for checking
cv2pdf against files it has never seen, not a test: the suite must not depend on other projects.

Usage:
  scripts/check_dialects.py [options] REPO[@REV] ...

REPO is a git directory (bare, as the fetch tool leaves it, or a checkout) or a plain folder. Every
.json, .yaml and .yml file whose top-level keys make it a résumé of one of the three dialects is
taken; RenderCV's examples have their design, locale and settings blocks as written. @REV reads the
files of that revision; @tags reads every tag (RenderCV's releases).

Options:
  --cv2pdf PATH      the program (default: build/cv2pdf)
  --fieldcheck PATH  the field checker (default: build/tests/fieldcheck); "" to skip the check
  --args ARGS        extra arguments for every render, e.g. "--theme sidebar --set design.page_size=us-letter"
  --out DIR          where PDFs and texts go (default: a temporary folder, removed)
  --only PATTERN     only files whose path contains PATTERN
  --strip KEYS       comma-separated top-level keys to take out of each file before rendering (e.g.
                     "design" to check the content alone); the file is then rewritten by PyYAML
  -v                 print each file's messages
"""
import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

DIALECT_KEYS = {
    "rendercv": {"cv"},
    "yamlresume": {"content"},
    "jsonresume": {"basics", "work", "education", "skills", "projects", "volunteer", "awards",
                   "publications", "languages", "interests", "references", "certificates"},
}


def git(gitdir, *args):
    return subprocess.run(["git", "--git-dir", gitdir, *args], check=True, capture_output=True).stdout


def git_dir(path):
    if os.path.isdir(os.path.join(path, ".git")):
        return os.path.join(path, ".git")
    if os.path.exists(os.path.join(path, "HEAD")) and os.path.isdir(os.path.join(path, "objects")):
        return path
    return None


def top_keys(text, name):
    """The top-level keys of a YAML or JSON text, by a light reading: JSON is parsed; for YAML the
    unindented 'key:' lines are enough to tell a dialect."""
    if name.endswith(".json"):
        try:
            data = json.loads(text)
        except ValueError:
            return set()
        return set(data) if isinstance(data, dict) else set()
    return set(re.findall(r"^([A-Za-z_$][\w$-]*):", text, re.M))


JSON_RESUME_KEYS = DIALECT_KEYS["jsonresume"] | {"$schema", "meta"}


def dialect_of(keys, text):
    """The dialect as cv2pdf tells it, made stricter so that other JSON files (a tsconfig.json has
    "references") are left out: JSON Resume needs basics, or only its own keys."""
    if "cv" in keys:
        return "rendercv"
    if "content" in keys and re.search(r'^content:\s*\n\s+\w|"content"\s*:\s*\{', text, re.M):
        return "yamlresume"
    if "basics" in keys or (keys & DIALECT_KEYS["jsonresume"] and keys <= JSON_RESUME_KEYS):
        return "jsonresume"
    return None


def candidates(repo):
    """(label, file name, text) of every résumé in repo, which may end in @REV or @tags."""
    path, _, rev = repo.partition("@")
    gd = git_dir(path)
    files = []
    if gd:
        revs = [rev or "HEAD"]
        if rev == "tags":
            revs = sorted(git(gd, "tag").decode().split(),
                          key=lambda t: [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", t)])
        for r in revs:
            for f in git(gd, "ls-tree", "-r", "--name-only", r).decode().splitlines():
                if not f.endswith((".json", ".yaml", ".yml")) or "node_modules" in f or "invalid" in f:
                    continue
                base = os.path.basename(path.rstrip("/"))
                if base in ("repo", ".git"):  # the fetch tool's owner+name/repo, or a checkout
                    base = os.path.basename(os.path.dirname(path.rstrip("/")))
                files.append((f"{base}@{r}:{f}", f, lambda r=r, f=f: git(gd, "show", f"{r}:{f}")))
    else:
        for root, _, names in os.walk(path):
            for n in names:
                if n.endswith((".json", ".yaml", ".yml")) and "node_modules" not in root:
                    full = os.path.join(root, n)
                    files.append((full, n, lambda full=full: open(full, "rb").read()))
    for label, name, read in files:
        try:
            text = read().decode("utf-8")
        except (UnicodeDecodeError, subprocess.CalledProcessError):
            continue
        d = dialect_of(top_keys(text, name), text)
        if d:
            yield label, name, d, text


def pages(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(m.group(1)) if m else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("repos", nargs="+")
    ap.add_argument("--cv2pdf", default="build/cv2pdf")
    ap.add_argument("--fieldcheck", default="build/tests/fieldcheck")
    ap.add_argument("--args", default="")
    ap.add_argument("--out")
    ap.add_argument("--only")
    ap.add_argument("--strip", default="")
    ap.add_argument("-v", action="store_true")
    o = ap.parse_args()
    out = o.out or tempfile.mkdtemp(prefix="check-dialects-")
    os.makedirs(out, exist_ok=True)
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    rows, failed = [], 0
    for repo in o.repos:
        for i, (label, name, dialect, text) in enumerate(candidates(repo)):
            if o.only and o.only not in label:
                continue
            stem = re.sub(r"[^\w.-]+", "_", label)[-120:]
            src = os.path.join(out, stem + os.path.splitext(name)[1])
            if o.strip:
                import yaml  # python3-yaml: only for --strip
                class Loader(yaml.SafeLoader):  # dates stay text, so they come back as written
                    pass
                Loader.yaml_implicit_resolvers = {
                    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
                    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
                try:
                    data = yaml.load(text, Loader=Loader)
                except yaml.YAMLError:
                    data = None
                if isinstance(data, dict):
                    for key in o.strip.split(","):
                        data.pop(key, None)
                    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
            with open(src, "w", encoding="utf-8") as f:
                f.write(text)
            pdf = os.path.join(out, stem + ".pdf")
            if os.path.exists(pdf):
                os.remove(pdf)
            run = subprocess.run([o.cv2pdf, src, "-o", pdf, "--json", *shlex.split(o.args)], capture_output=True,
                                 text=True, env=env)
            msgs = [json.loads(line) for line in run.stderr.splitlines() if line.startswith("{")]
            errors = [m for m in msgs if m.get("severity") == "error"]
            warnings = [m for m in msgs if m.get("severity") == "warning"]
            fields, order = "-", ""
            n_pages = 0
            if run.returncode == 0 and os.path.exists(pdf):
                n_pages = pages(pdf)
                txt = pdf[:-4] + ".txt"
                subprocess.run(["pdftotext", "-q", pdf, txt], check=False)
                uris = pdf[:-4] + ".uris"
                qdf = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, "-"], capture_output=True).stdout
                with open(uris, "w") as f:
                    for u in re.findall(rb"/URI \(((?:[^)\\]|\\.)*)\)", qdf):
                        f.write(re.sub(rb"\\(.)", rb"\1", u).decode("latin-1") + "\n")
                if o.fieldcheck:
                    fc = subprocess.run([o.fieldcheck, src, txt, uris], capture_output=True, text=True)
                    m = re.search(r"(\d+) fields checked, (\d+) missing", fc.stdout + fc.stderr)
                    if not m:  # fieldcheck loads the input without --args: it may refuse it
                        fields = "unchecked"
                    else:
                        fields = "all" if m.group(2) == "0" else f"{m.group(2)} of {m.group(1)} missing"
                        if m.group(2) != "0":
                            fc_lines = [l for l in fc.stderr.splitlines() if "not in the PDF" in l or "neither" in l]
                            msgs.extend({"severity": "missing", "message": l} for l in fc_lines)
                dump = subprocess.run([o.cv2pdf, src, "--dump=model", *shlex.split(o.args)], capture_output=True,
                                      text=True, env=env).stdout
                order = ", ".join(re.findall(r'^section: "([^"]*)"', dump, re.M))
            ok = run.returncode == 0 and fields in ("all", "-", "unchecked")
            failed += not ok
            rows.append((label, dialect, run.returncode, len(errors), len(warnings), n_pages, fields, order))
            print(f"{'ok  ' if ok else 'FAIL'} {label}  [{dialect}] exit {run.returncode}, {len(errors)} errors, "
                  f"{len(warnings)} warnings, {n_pages} pages, fields: {fields}")
            if order:
                print(f"     sections: {order}")
            if o.v or not ok:
                for m in msgs:
                    print(f"     {m.get('severity')}: {m.get('line', '')}:{m.get('col', '')} {m.get('message')}")
    print(f"{len(rows)} files, {failed} with a problem; output in {out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
