#!/usr/bin/env python3
"""Every YAML example of the documentation is one cv2pdf accepts: each ```yaml block of docs/*.md
and README.md goes through `cv2pdf --check` and must pass without an error.

    examples.py CV2PDF SOURCE_DIR [CLI_BATCH]

With CLI_BATCH (tests/schema/cli_batch.c) the checks run in one process, as `cv2pdf --check` would.

A block that is a fragment is completed the way the text around it means it: one that starts with an
indented section ("    Experience:") or with an entry's "highlights:" is put inside a résumé; a
document without `cv` gets a name. Two markers, an HTML comment on the line before the block, change
what is checked:
  <!-- check: messages -->   the block is a mistake shown on purpose, and the ``` block right after
                             it holds the first lines of what cv2pdf says, which must match
                             (the file is called resume.yaml)
  <!-- check: skip (why) --> the block is not a résumé (an outline of the keys); the reason is required
"""
import glob
import os
import re
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ of cli_batch.py in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "schema"))
import cli_batch  # noqa: E402  (tests/schema/cli_batch.py)

BLOCK = re.compile(r"^```(\w*)\n(.*?)^```\n", re.S | re.M)
MARKER = re.compile(r"<!-- check: (messages|skip \(.+\)) -->\s*$")


def complete(yaml_text):
    """A fragment made into a résumé."""
    first = next((l for l in yaml_text.splitlines() if l.strip() and not l.lstrip().startswith("#")), "")
    indent = len(first) - len(first.lstrip())
    if first.strip().startswith("highlights:"):
        body = "\n".join(l[indent - 8:] if len(l) >= indent - 8 else l for l in yaml_text.splitlines())
        return "cv:\n  name: Jane Doe\n  sections:\n    S:\n      - company: Example Corp\n" + body + "\n"
    if indent:
        body = "\n".join(l[indent - 4:] if l.strip() else l for l in yaml_text.splitlines())
        return "cv:\n  name: Jane Doe\n  sections:\n" + body + "\n"
    if not re.search(r"^cv:", yaml_text, re.M):
        return "cv:\n  name: Jane Doe\n" + yaml_text
    return yaml_text


def diagnostics(stderr):
    return [l for l in stderr.splitlines() if l and not re.match(r"^ *[0-9]* \| ", l)]


def blocks_to_check(src):
    """Every yaml block to check: (where, text to check, whether it is a mistake on purpose, the messages
    it must give: None when the block after it is missing)."""
    docs = sorted(glob.glob(os.path.join(src, "docs/*.md"))) + [os.path.join(src, "README.md")]
    for doc in docs:
        text = open(doc, encoding="utf-8").read()
        blocks = list(BLOCK.finditer(text))
        for i, m in enumerate(blocks):
            if m.group(1) != "yaml":
                continue
            line = text.count("\n", 0, m.start()) + 1
            where = f"{os.path.relpath(doc, src)}:{line}"
            before = text[:m.start()].rstrip("\n").rsplit("\n", 1)[-1]
            marker = MARKER.search(before)
            if marker and marker.group(1).startswith("skip"):
                continue
            want = None
            if marker:  # a mistake on purpose: the next block holds what cv2pdf says
                nxt = blocks[i + 1] if i + 1 < len(blocks) else None
                want = nxt.group(2).splitlines() if nxt and nxt.start() - m.end() < 4 else None
            yield where, m.group(2) if marker else complete(m.group(2)), bool(marker), want


def main():
    cv2pdf, src = os.path.abspath(sys.argv[1]), sys.argv[2]
    batch = sys.argv[3] if len(sys.argv) > 3 else None
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        # Each block in a folder of its own as resume.yaml, checked there: the messages name it so.
        todo = list(blocks_to_check(src))
        for n, (_, body, _, _) in enumerate(todo):
            os.mkdir(os.path.join(tmp, str(n)))
            with open(os.path.join(tmp, str(n), "resume.yaml"), "w", encoding="utf-8") as f:
                f.write(body)
        runs = [(os.path.join(tmp, str(n)), ["--check", "resume.yaml"]) for n in range(len(todo))]
        if batch:
            results = cli_batch.runs(batch, runs)
        else:
            results = [(r.returncode, r.stdout, r.stderr) for r in
                       (subprocess.run([cv2pdf, *args], cwd=folder, capture_output=True, text=True, timeout=30)
                        for folder, args in runs)]
        for (where, _, marked, want), (status, _, stderr) in zip(todo, results):
            got = diagnostics(stderr)
            if marked and want is None:
                failures.append(f"{where}: a 'check: messages' block needs the messages right after it")
            elif marked and got[:len(want)] != want:
                failures.append(f"{where}: cv2pdf says\n    " + "\n    ".join(got) +
                                "\n  the documentation says\n    " + "\n    ".join(want))
            elif not marked and status != 0:
                failures.append(f"{where}: cv2pdf --check exits {status}:\n    " + "\n    ".join(got))
    checked = len(todo)
    for f in failures:
        print("FAIL", f)
    print(f"{checked} examples checked, {len(failures)} failed")
    return 1 if failures or checked < 10 else 0


if __name__ == "__main__":
    sys.exit(main())
