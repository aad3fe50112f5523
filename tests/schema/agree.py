#!/usr/bin/env python3
"""The JSON Schema (cv2pdf --schema) and the program agree: every native-dialect YAML file of the
test suite gets the same verdict from a JSON Schema validator as from cv2pdf.

    agree.py CV2PDF SOURCE_DIR [CLI_BATCH]

Each file is read the way an editor's YAML language server reads it (YAML 1.2 core schema: no
dates, no yes/no booleans) and validated against the schema; cv2pdf loads it (--dump model, which
runs the loader and tailoring, where every schema check lives). Files whose only errors are not a
matter of the schema (YAML syntax, encoding, limits, duplicate keys: see NOT_SCHEMA) are left out;
so are the command-line and setup cases of the catalogue, whose verdict depends on more than the
file. Where the program only warns and the schema rejects (the schema is stricter, so that editors
flag what cv2pdf warns about), the file is listed in WARNED with the reason; the list must be exact.
CLI_BATCH (tests/schema/cli_batch.c) runs the program's command line on all the files in one process,
as `cv2pdf --dump model --json FILE` would one by one (without it, cv2pdf is run for each file).
"""
import glob
import json
import os
import re
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ of cli_batch.py in the source tree
import jsonschema
import yaml

import cli_batch

# Error codes that no JSON Schema can express: the file is not YAML a validator can read as the
# program does, or a limit, or a fact outside the file (fonts, photos).
NOT_SCHEMA = {
    "yaml-syntax", "yaml-tab", "yaml-merge", "unknown-alias", "duplicate-key", "complex-key", "multiple-documents",
    "bad-utf8", "binary", "bad-char", "empty", "too-deep", "too-long", "too-large", "alias-bomb",
    "too-many-entries", "font-missing", "font-invalid", "font-not-found", "font-not-truetype", "io",
}
# Errors the schema cannot express but that the program reports: (file, code) pairs, each with why.
PROGRAM_ONLY = {
    ("tests/errors/margin_no_room.yaml", "out-of-range"): "margins against the page size: arithmetic",
    ("tests/errors/date_order.yaml", "date-order"): "an end before its start: a comparison of two values",
    ("tests/errors/date_feb_30.yaml", "bad-date"): "handled by the pattern, listed should it not be",
}
# Files the program accepts with a warning and the schema rejects, with the warning's reason.
WARNED = {
    "tests/errors/unknown_key.yaml": "an unknown key (the schema lists every key)",
    "tests/errors/yaml_comment_in_text.yaml": "an empty highlight and colour, left by a comment",
    "tests/schema/cases/warned_misspelt_key.yaml": "a misspelt key",
}


# libyaml's parser where PyYAML has it (five times faster; the same documents and errors on every file
# here), with PyYAML's resolvers and constructors.
class CoreLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """YAML 1.2's core schema, as yaml-language-server reads a file: ints, floats, true/false and
    null; no timestamps (2021-03-01 stays text) and no yes/no/on/off."""


CoreLoader.yaml_implicit_resolvers = {}
# A tag that is not a core tag ("!important stuff") changes nothing for a language server: the
# node is read as what it looks like.
CoreLoader.add_multi_constructor("!", lambda loader, suffix, node: (
    loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode)
    else loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode)
    else loader.construct_mapping(node)))
for tag, pattern, first in [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     "-+0123456789."),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    CoreLoader.add_implicit_resolver(tag, re.compile(pattern), list(first))
# YAML merge keys ("<<: *base"): cv2pdf applies them, as yaml-language-server does.
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:merge", re.compile(r"^(?:<<)$"), ["<"])


def case_header(path):
    lines = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if not line.startswith("#"):
                break
            lines.append(line)
    return "".join(lines)


def files(src):
    out = []
    for path in sorted(glob.glob(os.path.join(src, "tests/errors/*.yaml"))):
        head = case_header(path)
        if "# args:" in head or "# setup:" in head or "# stdin:" in head:
            continue  # the verdict depends on the command line or on generated files
        out.append(path)
    out += sorted(glob.glob(os.path.join(src, "tests/schema/cases/*.yaml")))
    out += sorted(glob.glob(os.path.join(src, "examples/*.yaml")))
    out.append(os.path.join(src, "tests/formats/rendercv_all.yaml"))
    return out


def verdict(status, stderr):
    """(exit status, error codes, warning codes) from the exit status and the JSON lines of stderr."""
    errors, warnings = set(), set()
    for line in stderr.splitlines():
        d = json.loads(line)
        (errors if d["severity"] == "error" else warnings).add(d["code"])
    return status, errors, warnings


# One file in this many is also checked by cv2pdf itself when cli_batch gives the verdicts.
SAMPLE_EVERY = 15


def program(cv2pdf, src, paths, batch=None):
    """cv2pdf's verdict on each path, in order."""
    todo = [(src, ["--dump", "model", "--json", os.path.relpath(p, src)]) for p in paths]
    if batch:
        got = cli_batch.runs(batch, todo)
        # cli_batch stands for the program only while it answers as the program does: every
        # SAMPLE_EVERY-th file (the valid, the refused and the warned among them) is also run by
        # cv2pdf itself, and its status and messages must be the same, byte for byte.
        for (folder, args), (status, _, err) in list(zip(todo, got))[::SAMPLE_EVERY]:
            r = subprocess.run([cv2pdf, *args], cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True, timeout=30)
            if (r.returncode, r.stderr) != (status, err):
                sys.exit(f"cli_batch answers {args[-1]} otherwise than cv2pdf: exit {status} against "
                         f"{r.returncode}, stderr {err!r} against {r.stderr!r}")
        return [verdict(status, err) for status, _, err in got]
    return [verdict(r.returncode, r.stderr) for r in
            (subprocess.run([cv2pdf, *args], cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, timeout=30) for folder, args in todo)]


def main():
    cv2pdf, src = sys.argv[1], sys.argv[2]
    schema = json.loads(subprocess.run([cv2pdf, "--schema"], capture_output=True, check=True).stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    paths = files(src)
    verdicts = program(cv2pdf, src, paths, sys.argv[3] if len(sys.argv) > 3 else None)
    failures, compared, warned_seen = [], 0, set()
    for path, (status, errors, warnings) in zip(paths, verdicts):
        rel = os.path.relpath(path, src)
        # A case written for this test says which verdict both must give.
        want = re.search(r"^# verdict: (valid|invalid)$", case_header(path), re.M)
        if want and (status == 0) != (want.group(1) == "valid"):
            failures.append(f"{rel}: cv2pdf exits {status}, but the case is {want.group(1)}")
        if errors & NOT_SCHEMA:
            continue
        try:
            with open(path, encoding="utf-8") as f:
                data = yaml.load(f, Loader=CoreLoader)
        except yaml.YAMLError as e:
            failures.append(f"{rel}: cv2pdf reads it (exit {status}) but PyYAML does not: {e}")
            continue
        if isinstance(data, dict) and "cv" not in data and {"basics", "content"} & set(data):
            continue  # JSON Resume and YAMLResume keep their own schemas
        problems = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
        compared += 1
        program_ok, schema_ok = status == 0, not problems
        if not program_ok and schema_ok and errors and all((rel, c) in PROGRAM_ONLY for c in errors):
            continue
        if program_ok and not schema_ok and rel in WARNED:
            warned_seen.add(rel)
            continue
        if program_ok != schema_ok:
            why = "; ".join(f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in problems[:3])
            failures.append(f"{rel}: cv2pdf {'accepts' if program_ok else 'rejects (' + ', '.join(sorted(errors)) + ')'}"
                            f" (warnings: {', '.join(sorted(warnings)) or 'none'}), the schema "
                            f"{'rejects: ' + why if problems else 'accepts'}")
    for rel in sorted(set(WARNED) - warned_seen):
        failures.append(f"{rel}: listed in WARNED, but the schema and the program agree on it now")
    for f in failures:
        print("FAIL", f)
    print(f"{compared} files compared, {len(failures)} disagreements")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
