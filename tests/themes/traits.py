#!/usr/bin/env python3
"""Every built-in theme draws its defining traits, and the themes directory is the one list of them.

    traits.py CV2PDF SOURCE_DIR WORK_DIR [CLI_BATCH]

For each preset of themes/ (the directory is the registry), tests/themes/corpus.yaml is rendered with
--theme NAME: it must render with no diagnostic at all (a shipped preset never warns), and its layout
(--dump=layout) and PDF (mutool's per-character colours) must show the theme's traits as TRAITS lists
them: serif or sans, the name centred or flush left and its colour, the dates at the right of the
title or in a margin at the left, the section titles' rules, one column or two. A theme in themes/
without an entry in TRAITS, or one listed without its file, fails: so does a theme missing from
docs/themes.md, from --help or from the shell completions (they are checked against the directory;
the schema's enum is checked by the unit tests). With CLI_BATCH (tests/schema/cli_batch.c) the renders
and layouts are made in one process, as cv2pdf would make them one by one.
SPDX-License-Identifier: MIT
"""
import os
import re
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ of cli_batch.py in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "schema"))
import cli_batch  # noqa: E402  (tests/schema/cli_batch.py)

# What each theme must look like: RenderCV's themes as its own PDFs of its examples show them.
#   font: serif or sans; name: centre or left, and its colour; dates: right or left of the title;
#   rule: the section title's rules (partial: after the title on its baseline; full: under it across
#   the column; between, between-mid: either side of a centred title, on its baseline or at half its
#   height; margin: in the margin before the title;
#   none); centred: the section title centred; columns: 1 or 2.
TRAITS = {
    "classic": dict(font="sans", name="centre", color="004f90", dates="right", rule="partial", centred=False, columns=1),
    "compact": dict(font="sans", name="left", color="1f3a5f", dates="right", rule="partial", centred=False, columns=1),
    "sidebar": dict(font="sans", name="left", color="1f3a5f", dates="right", rule="full", centred=False, columns=2),
    "ember": dict(font="sans", name="centre", color="9b2319", dates="right", rule="none", centred=True, columns=1),
    "engineeringclassic": dict(font="sans", name="left", color="004f90", dates="right", rule="full", centred=False,
                               columns=1),
    "engineeringresumes": dict(font="serif", name="centre", color="000000", dates="right", rule="full",
                               centred=False, columns=1),
    "harvard": dict(font="serif", name="centre", color="000000", dates="right", rule="between-mid", centred=True,
                    columns=1),
    "ink": dict(font="serif", name="left", color="2a1852", dates="right", rule="none", centred=False, columns=1),
    "moderncv": dict(font="serif", name="left", color="004f90", dates="left", rule="margin", centred=False, columns=1),
    "opal": dict(font="sans", name="centre", color="00645a", dates="right", rule="none", centred=True, columns=1),
    "sb2nov": dict(font="serif", name="centre", color="000000", dates="right", rule="full", centred=False, columns=1),
}

cv2pdf, src, work = sys.argv[1:4]
batch = sys.argv[4] if len(sys.argv) > 4 else None
os.makedirs(work, exist_ok=True)
env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", CV2PDF_FONT_DIR=os.path.join(src, "fonts"))
corpus = os.path.join(src, "tests/themes/corpus.yaml")
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


themes = sorted(f[:-5] for f in os.listdir(os.path.join(src, "themes")) if f.endswith(".yaml"))
for t in set(themes) ^ set(TRAITS):
    fail(f"theme {t!r}: in themes/ but not in TRAITS, or the reverse")

# The one list: docs and completions name exactly the themes of the directory.
docs = open(os.path.join(src, "docs/themes.md"), encoding="utf-8").read()
table = re.search(r"^\| theme \| arrangement \|\n((?:\|.*\n)+)", docs, re.M)
listed = set(re.findall(r"^\| `(\w+)` \|", table.group(1) if table else "", re.M))
if listed != set(themes):
    fail(f"docs/themes.md's table of themes {sorted(listed)} is not themes/ {themes}")
# The completions are the build's, made beside the program from src/cli/options.def.
for comp, pattern in (("completions/cv2pdf.bash", r'--theme\)[^"]*"([^"]*)"'),
                      ("completions/_cv2pdf", r"--theme=\[[^\]]*\]:[^:]*:\(([^)]*)\)")):
    m = re.search(pattern, open(os.path.join(os.path.dirname(cv2pdf), comp), encoding="utf-8").read())
    if not m or sorted(m.group(1).split()) != themes:
        fail(f"{comp} does not complete --theme with the themes of themes/ ({m.group(1) if m else 'none'})")

helped = subprocess.run([cv2pdf, "--help"], capture_output=True, text=True, env=env).stdout
m = re.search(r"^Themes \(--theme NAME[^\n]*\n((?:  ?\S[^\n]*\n)+?)  or a preset", helped, re.M)
if not m or sorted(m.group(1).split()) != themes:
    fail(f"--help does not name the themes of themes/ ({m.group(1).split() if m else 'none'})")


class Run:
    def __init__(self, font, size, x, y, w, text):
        self.font, self.size, self.x, self.y, self.w, self.text = font, size, x, y, w, text


# Every run of cv2pdf this test makes, (theme, extra arguments), made up front: in one process with
# CLI_BATCH. Each gives a CompletedProcess-like (returncode, stdout, stderr).
STYLES = {
    "with_full_line": ("full", False), "with_partial_line": ("partial", False), "without_line": ("none", False),
    "moderncv": ("margin", False), "centered_without_line": ("none", True),
    "centered_with_partial_line": ("between", True), "centered_with_centered_partial_line": ("between-mid", True),
    "centered_with_full_line": ("full", True),
}


class Out:
    def __init__(self, returncode, stdout, stderr):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def pdf_of(theme):
    return os.path.join(work, theme + ".pdf")


todo = []
for theme in themes:
    if theme in TRAITS:
        todo += [(theme, ("--dump=layout",)), (theme, ("-o", pdf_of(theme)))]
todo += [("classic", ("--dump=layout", "--set", f"design.section_titles.type={style}")) for style in STYLES]
if batch:
    made = [Out(*r) for r in cli_batch.runs(batch, [(src, [corpus, "--theme", t, *a]) for t, a in todo], env=env)]
else:
    made = [subprocess.run([cv2pdf, corpus, "--theme", t, *a], capture_output=True, env=env, text=True)
            for t, a in todo]
made = dict(zip(todo, made))


def layout(theme, *args):
    out = made[(theme, ("--dump=layout", *args))]
    runs, rules, width = [], [], 0.0
    page = 0
    for line in out.stdout.splitlines():
        m = re.match(r"document ([\d.]+) x", line)
        if m:
            width = float(m.group(1))
        if line.startswith("page "):
            page += 1
        m = re.match(r'\s+run (\S+)\s+([\d.]+) at\s+([\d.]+),\s*([\d.]+) w\s+([\d.]+).*?"(.*)"$', line)
        if m and page == 1:
            runs.append(Run(m.group(1), float(m.group(2)), float(m.group(3)), float(m.group(4)), float(m.group(5)),
                            m.group(6)))
        m = re.match(r"\s+rule ([\d.]+),([\d.]+) - ([\d.]+),([\d.]+)", line)
        if m and page == 1:
            rules.append(tuple(float(v) for v in m.groups()))
    return out, runs, rules, width


def find(runs, text):
    return next((r for r in runs if r.text.startswith(text)), None)


def find_title(runs, text):
    """A section title, whose small capitals may be several runs abutting on one baseline."""
    for i, r in enumerate(runs):
        joined, last = r.text, r
        for n in runs[i + 1:]:
            if abs(n.y - r.y) > 0.01 or abs(n.x - (last.x + last.w)) > 0.5:
                break
            joined, last = joined + n.text, n
        if joined.lower().startswith(text.lower()):
            return Run(r.font, max(r.size, last.size), r.x, r.y, last.x + last.w - r.x, joined)
    return None


def rule_kind(rules, title):
    """What the rules near a section title are: partial (after the title, on its baseline), full (under
    it, across the column), between (either side of it: on the baseline, or mid: at half its height),
    margin (in the margin before it, above its baseline), none; "other" for anything else. Bands (a
    sidebar's) and another column's rules are not looked at."""
    near = [r for r in rules if abs(r[1] - title.y) < title.size * 1.2 and r[1] == r[3] and r[2] > title.x - 20]
    end = title.x + title.w
    if not near:
        return "none"
    left = [r for r in near if r[2] < title.x]
    right = [r for r in near if r[0] > end]
    if left and right and len(near) == 2:
        return "between" if abs(left[0][1] - title.y) < 1 else "between-mid" if left[0][1] < title.y - 2 else "other"
    if right and len(near) == 1 and abs(right[0][1] - title.y) < 1:
        return "partial"
    if len(near) == 1 and near[0][0] <= title.x + 0.5 and near[0][2] > end + 100 and near[0][1] > title.y:
        return "full"
    if left and len(near) == 1 and left[0][1] < title.y:
        return "margin"
    return "other"


def same_colour(a, b):
    """mutool rounds a colour through its own conversion: a channel may differ by one or two."""
    return all(abs(int(a[i:i + 2], 16) - int(b[i:i + 2], 16)) <= 2 for i in (0, 2, 4))


for theme in themes:
    t = TRAITS.get(theme)
    if not t:
        continue
    before = len(failures)
    out, runs, rules, width = layout(theme)
    if out.returncode != 0 or out.stderr.strip():
        fail(f"{theme}: exit {out.returncode}, diagnostics: {out.stderr.strip()[:300]}")
        continue
    fonts = {r.font.split("-")[0] for r in runs if r.text.strip()}
    want = "NotoSerif" if t["font"] == "serif" else "NotoSans"
    if fonts - {want, "wqy"} or want not in fonts:
        fail(f"{theme}: fonts {sorted(fonts)}, want {want}")
    name, title = find(runs, "Marta"), find_title(runs, "Experience")
    company = find(runs, "Acme Robotics") or find(runs, "Staff Engineer")
    date = find(runs, "Mar 2021")
    if not (name and title and company and date):
        fail(f"{theme}: the name, a title, the company or the dates not found")
        continue
    centre = abs(name.x + name.w / 2 - width / 2) < 3
    if centre != (t["name"] == "centre"):
        fail(f"{theme}: the name is {'centred' if centre else 'not centred'} (x {name.x:.1f}, width {name.w:.1f})")
    if t["dates"] == "right" and not date.x > company.x + 150:
        fail(f"{theme}: the dates (x {date.x:.1f}) are not at the right of the title (x {company.x:.1f})")
    if t["dates"] == "left" and not (date.x + date.w <= company.x and abs(date.y - company.y) < 0.5):
        fail(f"{theme}: the dates (x {date.x:.1f}) are not in a margin left of the title (x {company.x:.1f})")
    tcentre = abs(title.x + title.w / 2 - (width / 2 if t["columns"] == 1 else title.x + title.w / 2)) < 3
    if t["columns"] == 1 and tcentre != t["centred"]:
        fail(f"{theme}: the section title is {'centred' if tcentre else 'not centred'}")
    kind = rule_kind(rules, title)
    if kind != t["rule"]:
        fail(f"{theme}: the section title's rules are '{kind}', not '{t['rule']}' (title x {title.x:.1f}-"
             f"{title.x + title.w:.1f}, baseline {title.y:.1f})")
    two = any(r.text.startswith("Contact") for r in runs)
    if two != (t["columns"] == 2):
        fail(f"{theme}: {'two columns' if two else 'one column'}, want {t['columns']}")
    # The name's colour, from the PDF as MuPDF reads it.
    pdf = pdf_of(theme)
    r = made[(theme, ("-o", pdf))]
    if r.returncode != 0:
        fail(f"{theme}: the render exits {r.returncode}: {r.stderr.strip()[:300]}")
        continue
    stext = subprocess.run(["mutool", "draw", "-F", "stext", "-o", "-", pdf, "1"], capture_output=True,
                           text=True).stdout
    m = re.search(r'color="#([0-9a-f]{6})" c="M"', stext)
    if not m or not same_colour(m.group(1), t["color"]):
        fail(f"{theme}: the name's colour is {m.group(1) if m else 'unknown'}, want {t['color']}")
    if len(failures) == before:
        print(f"ok: {theme}")

# Every section title style of RenderCV (STYLES), drawn as it is named (in the classic theme).
for style, (want, centred) in STYLES.items():
    out, runs, rules, width = layout("classic", "--set", f"design.section_titles.type={style}")
    title = find_title(runs, "Experience")
    if out.returncode != 0 or out.stderr.strip() or not title:
        fail(f"title style {style}: exit {out.returncode}, {out.stderr.strip()[:200]}")
        continue
    kind = rule_kind(rules, title)
    is_centred = abs(title.x + title.w / 2 - width / 2) < 3
    if kind != want or is_centred != centred:
        fail(f"title style {style}: rules '{kind}', {'centred' if is_centred else 'not centred'}; want '{want}'"
             f"{', centred' if centred else ''}")
    else:
        print(f"ok: section titles {style}")

print(f"{len(themes)} themes, {len(STYLES)} title styles, {len(failures)} failures")
sys.exit(1 if failures else 0)
