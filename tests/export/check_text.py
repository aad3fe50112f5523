#!/usr/bin/env python3
"""The plain text's content equals the PDF's up to layout: every word of the text output is in the
PDF's extracted text (in the order its content stream gives), in the same order (spaces and line breaks aside), and the text output leaves
out none of the PDF's words. The plain text's own marks (bullets "- ", rules under titles, link
addresses after their text) are not in the PDF and are left out first. With --wrapped N, no line is
wider than N columns (a wide character counts two) and no line starts with a CLREQ line-start mark.
Several checks in one run (one Python start, and pdftotext once for each PDF): each [--wrapped N] TEXT PDF
is checked on its own and its failures name its TEXT.
Usage: check_text.py [--wrapped N] TEXT PDF [[--wrapped N] TEXT PDF...]"""
import re
import subprocess
import sys
import unicodedata



def cols(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in s)


pdf_texts = {}


def pdf_text(pdf_path):
    """The PDF's text in the order cv2pdf wrote it (-raw: the content stream's order, which is its text
    layer's reading order). poppler's default mode regroups text by its own layout analysis: it takes
    classic's date column, whose entries stand less than 2.5 em apart in a Chinese education section, for
    one block and reads it after the entries (noted in docs/outputs.md)."""
    if pdf_path not in pdf_texts:
        pdf_texts[pdf_path] = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", pdf_path, "-"], check=True,
                                             capture_output=True, text=True).stdout
    return pdf_texts[pdf_path]


def check(text_path, pdf, width):
    """Prints each failure of TEXT against the PDF's text; True when there was none."""
    text = open(text_path, encoding="utf-8").read()
    fail = False

    if width:
        for n, line in enumerate(text.splitlines(), 1):
            if cols(line) > width and " " in line.strip():
                print(f"FAIL: {text_path}:{n}: {cols(line)} columns, wider than {width}: {line!r}")
                fail = True
            if line[:1] and line[0] in "，。、；：？！）》」』】〕”’·…—":
                print(f"FAIL: {text_path}:{n}: starts with a closing mark: {line!r}")
                fail = True

    # The text output's blocks (separated by blank lines), each a list of lines without white space.
    blocks = [[]]
    # A link's address after its text, which a wrapped line may have broken, or moved whole to the next
    # line (a URL never breaks in the text output).
    text = re.sub(r"(?: |\n\s*)<(?:https?|mailto|tel):[^<>\s]+(?:\n\s*[^<>\s]+)*>", "", text)
    for line in text.splitlines():
        if not line.strip():
            blocks.append([])
            continue
        if re.fullmatch(r"[=-]+", line):  # the rule under a title
            continue
        line = re.sub(r"^\s*(- )?", "", line)  # a bullet
        # "Dates | place": the PDF sets the two apart, without the bar.
        blocks[-1] += [re.sub(r"\s+", "", part) for part in line.split(" | ")]

    # The PDF's text without white space and bullets, ligatures undone.
    flat = pdf.replace("\ufb01", "fi").replace("\ufb02", "fl").replace("\ufb00", "ff")
    flat = re.sub(r"\s+", "", flat)
    flat = re.sub(r"[•◦]", "", flat)
    covered = [False] * len(flat)
    # Blocks in the PDF's order; inside a block (an entry), each line after the block's start: a title
    # line's dates stand at its right in the PDF and on a line of their own in the text.
    pos = 0
    for block in blocks:
        start, end = pos, pos
        for line in block:
            at = flat.find(line, start)
            while at >= 0 and all(covered[at:at + len(line)]) and len(line):
                at = flat.find(line, at + 1)
            if at < 0:
                where = "anywhere" if flat.find(line) < 0 else "in order"
                print(f"FAIL: {text_path}: {line!r} is not in the PDF's text {where}")
                print("  PDF text here:", flat[start:start + 100])
                fail = True
                continue
            for i in range(at, at + len(line)):
                covered[i] = True
            end = max(end, at + len(line))
        pos = end
    # Nothing of the PDF left out: what no line covered holds no words (page numbers, separators).
    left, run = [], []
    for c, cov in zip(flat, covered):
        if cov:
            if run:
                left.append("".join(run))
            run = []
        else:
            run.append(c)
    left.append("".join(run))
    for r in left:
        if re.search(r"[^\W\d_]{2,}", r):
            print(f"FAIL: {text_path}: the text output leaves out {r[:80]!r} of the PDF")
            fail = True
    return not fail


args = sys.argv[1:]
ok = True
while args:
    width = 0
    if args[0] == "--wrapped":
        width = int(args[1])
        args = args[2:]
    if len(args) < 2:
        sys.exit(__doc__)
    ok &= check(args[0], pdf_text(args[1]), width)
    args = args[2:]
sys.exit(0 if ok else 1)
