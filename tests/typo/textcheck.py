#!/usr/bin/env python3
"""Checks that a PDF's text layer reads whole in the text extractors applicant-tracking systems use.

  textcheck.py MODEL_DUMP PDF [--no-layout] [--allow FILE] [--stext FILE] [--text FILE] [--layout-text FILE]
  textcheck.py --jobs FILE...   each FILE holds the arguments above of one check, one a line: one
                                Python (pdfminer's import costs more than most checks) checks them all

MODEL_DUMP is `cv2pdf --dump=model` of the document: every line of every quoted text value in it
(markup removed; addresses, numbers and links left out) must be found intact in the text of each
extractor: poppler's pdftotext (raw, and with -layout unless --no-layout: a two-column page's
layout mode puts the columns side by side by design), MuPDF and pdfminer. Comparison is
space-sensitive except next to Chinese characters (a ¼ em Han-Latin gap is not a space, and a
wrapped Chinese line joins without one), with typographic quotes and dashes folded and a line end
read as a space, as an applicant-tracking system reads it. An --allow file lists, one per line,
the starts of strings that may be missing, with the reason in a comment.
Each PDF is extracted once by each tool: --stext FILE is MuPDF's structured text of the PDF
(`mutool draw -F stext`, which the end-to-end and typo scripts make for pdfcheck), whose characters
are MuPDF's text (its text output, `-F txt`, prints the same lines and blocks: byte for byte the same,
checked on every PDF of the suite); --text FILE is `pdftotext -q PDF FILE`'s output (run_example.sh
and typo/run.sh make it), --layout-text FILE `pdftotext -q -layout PDF FILE`'s (typo/run.sh). Without
them, the tools are run here.
Exits 1 and lists what is missing; prints one summary line per extractor."""
import logging
import re
import subprocess
import sys
import unicodedata
import xml.parsers.expat

CJK = '\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef'
FOLD = {'\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"', '\u2013': '-', '\u2014': '--', '\u00a0': ' '}
# Values that are not prose: they are checked elsewhere (links) or not shown as written (dates).
SKIP_KEYS = {'email', 'phone', 'website', 'url', 'doi', 'username', 'language', 'start_date', 'end_date', 'date',
             'photo', 'social'}
MIN_LEN = 6


def norm(s):
    s = ' '.join(s.split())
    s = re.sub(f'\\s*([{CJK}])\\s*', r'\1', s)
    s = unicodedata.normalize('NFKC', s)
    for a, b in FOLD.items():
        s = s.replace(a, b)
    return s


def strip_markup(s):
    s = re.sub(r'\[([^\]]+)\]\([^)]*\)', r'\1', s)
    s = re.sub(r'(\*\*\*|\*\*|\*|`)(.+?)\1', r'\2', s)
    return re.sub(r'\\([\\*_`\[\]()#])', r'\1', s)


def source_lines(dump):
    """Every line of every quoted value of the model dump, with its key."""
    out, key, buf = [], None, None
    for line in dump.splitlines():
        if buf is None:
            m = re.match(r'\s*([\w-]+): "(.*)$', line)
            if not m:
                continue
            key, rest = m.group(1), m.group(2)
        else:
            rest = line
        end = re.search(r'" @\d+:\d+$', rest)
        text = rest[:end.start()] if end else rest
        buf = (buf + '\n' if buf is not None else '') + text
        if end:
            if key not in SKIP_KEYS:
                for piece in buf.split('\n'):
                    piece = strip_markup(piece).strip()
                    if len(norm(piece)) >= MIN_LEN and not re.fullmatch(r'(https?://|www\.)\S+', piece):
                        out.append(piece)
            buf = None
    return out


def run(cmd, text=True):
    r = subprocess.run(cmd, capture_output=True, text=text)
    if r.returncode != 0:
        err = r.stderr if text else r.stderr.decode(errors='replace')
        sys.exit(f'textcheck: {cmd[0]} failed: {err.strip()}')
    return r.stdout


def mupdf_text(stext):
    """MuPDF's text from its structured text (the XML file stext), as `mutool draw -F txt` writes it:
    each line's characters and a line end, a blank line after each block, a form feed and a line end
    after each page. Read as a stream of elements (expat, as ElementTree's parser), not built into a
    tree: the files of the suite's fifteen PDFs hold 20 MB of XML, a character an element, and the
    tree took 0.9 s of CPU and most of the process's fresh pages; the stream, 0.3 s."""
    out, line = [], []

    def start(name, attrs):
        if name == 'char':
            line.append(attrs.get('c', ''))

    def end(name):
        if name == 'line':
            out.append(''.join(line) + '\n')
            line.clear()
        elif name == 'block':
            out.append('\n')
        elif name == 'page':
            out.append('\f\n')

    parser = xml.parsers.expat.ParserCreate()
    parser.StartElementHandler, parser.EndElementHandler = start, end
    if isinstance(stext, bytes):
        parser.Parse(stext, True)
    else:
        with open(stext, 'rb') as f:
            parser.ParseFile(f)
    return ''.join(out)


def read(path):
    with open(path, encoding='utf-8') as f:
        return f.read()


def option(args, name):
    return args[args.index(name) + 1] if name in args else None


def pdfminer_text(pdf):
    # pdfminer calls logging's debug() for every token and character it reads; with logging
    # disabled (this script logs nothing) each call returns at once: a third of its time.
    logging.disable(logging.CRITICAL)
    from pdfminer.high_level import extract_text
    return extract_text(pdf)


def main():
    if sys.argv[1:2] != ['--jobs']:
        sys.exit(0 if check(sys.argv[1:]) else 1)
    failed = [f for f in sys.argv[2:] if not check(read(f).splitlines(), f)]
    for f in failed:
        print(f'textcheck: FAIL {f}')
    sys.exit(1 if failed or len(sys.argv) < 3 else 0)


def check(args, job=None):
    """One check: True when every line is whole in every extractor."""
    if job:
        print(f'textcheck {job}:')
    dump, pdf = read(args[0]), args[1]
    allow = []
    if '--allow' in args:
        for line in open(args[args.index('--allow') + 1], encoding='utf-8'):
            line = line.split('#')[0].strip()
            if line:
                allow.append(norm(line))
    text, stext, layout = option(args, '--text'), option(args, '--stext'), option(args, '--layout-text')
    extractors = {'poppler': lambda: read(text) if text else run(['pdftotext', '-q', pdf, '-'])}
    if '--no-layout' not in args:
        extractors['poppler-layout'] = lambda: read(layout) if layout else run(['pdftotext', '-q', '-layout', pdf, '-'])
    extractors['mupdf'] = lambda: mupdf_text(stext if stext else
                                             run(['mutool', 'draw', '-q', '-F', 'stext', '-o', '-', pdf], text=False))
    extractors['pdfminer'] = lambda: pdfminer_text(pdf)
    want = source_lines(dump)
    if not want:
        sys.exit('textcheck: no text found in the model dump')
    # Each line normalised once, not once an extractor.
    wanted = [(w, norm(w)) for w in want]
    failed = False
    for name, extract in extractors.items():
        body = norm(extract())
        missing = [w for w, n in wanted if n not in body and not any(n.startswith(a) for a in allow)]
        print(f'textcheck {name}: {len(want) - len(missing)}/{len(want)} lines whole')
        for m in missing:
            print(f'  missing: {m[:120]!r}')
            failed = True
    return not failed


if __name__ == '__main__':
    main()
