#!/usr/bin/env python3
"""Every key of the JSON Schema says what it does, and docs/keys.md is made from those sentences.

Adding a key to the format is one edit of the loader's key table and one of the schema, where the
key gets its description; tests/unit/test_formats.c checks that the two agree on the keys. This test
fails when a key of the schema (any "properties" map: cv, design, locale, the entries of $defs ...,
a bare {"$ref": ...} too) has no description that is a sentence, and when docs/keys.md is not what
scripts/schema_docs.py makes of the current schema.

Usage: keys.py PROJECT_DIR
"""
import json
import os
import re
import sys

root = sys.argv[1]
sys.path.insert(0, os.path.join(root, "scripts"))
import schema_docs  # noqa: E402  (the one walk of the schema, shared with the generator)

# Words that stand in for a description not written yet.
PLACEHOLDERS = re.compile(r"\b(todo|tbd|fixme|xxx|to be written)\b|^renderCV setting\b", re.I)


def sentence_problem(key, d):
    """Why d is not a sentence saying what key does, or None."""
    if not isinstance(d, str) or not d.strip():
        return "no description"
    d = d.strip()
    if len(d.split()) < 2:
        return "a description of one word is a label, not a sentence: %r" % d
    if not re.search(r"[.!?]['\")]*$", d):
        return "the description does not end as a sentence (with a full stop): %r" % d
    if d.lower().startswith("default"):
        return "the description gives the default, not what the key does: %r" % d
    if PLACEHOLDERS.search(d):
        return "the description is a placeholder: %r" % d
    if d.rstrip(".").strip().lower() == key.rsplit(".", 1)[-1].replace("_", " ").lower():
        return "the description only repeats the key's name: %r" % d
    return None


with open(os.path.join(root, schema_docs.SCHEMA), encoding="utf-8") as f:
    schema = json.load(f)

failures = []
props = schema_docs.properties(schema)
for path, node in props:
    why = sentence_problem(path, node.get("description") if isinstance(node, dict) else None)
    if why:
        failures.append("%s: %s %s" % (schema_docs.SCHEMA, path, why))
if failures:
    failures.append("each key's description is one short sentence saying what the key does (what the "
                    "loader does with it: honoured, or accepted with a warning)")

with open(os.path.join(root, schema_docs.OUTPUT), encoding="utf-8") as f:
    committed = f.read()
if committed != schema_docs.render(schema):
    failures.append("%s is not what scripts/schema_docs.py makes of %s: run python3 scripts/schema_docs.py "
                    "and commit docs/keys.md" % (schema_docs.OUTPUT, schema_docs.SCHEMA))

for line in failures:
    print("FAIL:", line)
if not failures:
    print("ok: %d keys, each with its sentence, and %s up to date" % (len(props), schema_docs.OUTPUT))
sys.exit(1 if failures else 0)
