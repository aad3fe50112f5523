#!/usr/bin/env python3
"""Writes the `design` part of schema/cv2pdf.schema.json from the key tables of src/load/design.c.

    scripts/design_schema.py [SOURCE_DIR]

design.c holds one table per design map (the reader of each key, its field, its range); this script
turns each table into the schema's properties at the same place, with a type per reader, and the
theme names from themes/. The rest of the schema is left as it is. tests/unit/test_formats.c checks
that the two agree (every key both ways) and tests/schema/agree.py that they give the same verdicts,
so run this after adding a design key, then look at the diff.
SPDX-License-Identifier: MIT
"""
import json
import os
import re
import sys

src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
design_c = open(os.path.join(src, "src/load/design.c"), encoding="utf-8").read()
schema_path = os.path.join(src, "schema/cv2pdf.schema.json")
schema = json.load(open(schema_path, encoding="utf-8"))
themes = sorted(f[:-5] for f in os.listdir(os.path.join(src, "themes")) if f.endswith(".yaml"))

# The tables: "static const dkey NAME[] = { ... };"
tables = {}
for m in re.finditer(r"static const dkey (\w+)\[\] = \{(.*?)\};", design_c, re.S):
    rows = []
    body = re.sub(r"/\*.*?\*/", "", m.group(2), flags=re.S)
    for e in re.finditer(r"(LEN|PTS|BOOL|COLOR|SIZE|MAP|NOTE|TPL)\(\s*\"(\w+)\"\s*,\s*([^)]*)\)|\{\s*\"(\w+)\"\s*,\s*(\w+)\s*,([^}]*)\}",
                         body):
        if e.group(1):
            macro, name, args = e.group(1), e.group(2), [a.strip() for a in e.group(3).split(",")]
            reader = {"LEN": "rd_len", "PTS": "rd_points", "BOOL": "rd_bool", "COLOR": "rd_color",
                      "SIZE": "rd_size", "MAP": "rd_map", "NOTE": args[0], "TPL": "rd_template"}[macro]
            rows.append({"name": name, "reader": reader, "args": args, "sub": args[0] if macro == "MAP" else None})
        else:
            name, reader, rest = e.group(4), e.group(5), [a.strip() for a in e.group(6).split(",")]
            sub = rest[3] if len(rest) > 3 and rest[3] != "NULL" else None
            rows.append({"name": name, "reader": reader, "args": rest, "sub": sub})
    tables[m.group(1)] = rows

LENGTH = {"$ref": "#/$defs/length"}
BOOL = {"$ref": "#/$defs/bool"}
COLOR = {"$ref": "#/$defs/color"}
TEXT = {"type": "string"}
BULLET = {"type": "string", "minLength": 1, "maxLength": 8}


def choice(words):
    return {"enum": words}


def size_def(field):
    return {"font_size": {"$ref": "#/$defs/font_size"}, "name_size": {"$ref": "#/$defs/name_size"},
            "heading_size": {"$ref": "#/$defs/heading_size"}}.get(field, {"$ref": "#/$defs/size"})


def margin_like(field):
    return {"$ref": "#/$defs/margin"} if field.startswith("margin_") else LENGTH


def schema_of(row, old):
    r, a = row["reader"], row["args"]
    field = a[1] if row["reader"] in ("rd_size", "rd_points") and len(a) > 1 and not a[0].startswith("OFF") else None
    if a and a[0].startswith("OFF("):
        field = a[0][4:-1]
    elif r in ("rd_size", "rd_points", "rd_len", "rd_bool", "rd_color") and len(a) >= 1:
        field = a[0]
    s = {
        "rd_len": LENGTH,
        "rd_points": margin_like(field or ""),
        "rd_margins": {"$ref": "#/$defs/margin"},
        "rd_size": size_def(field or ""),
        "rd_bool": BOOL, "rd_not": BOOL, "rd_icons": BOOL, "rd_icons_off": BOOL, "rd_connection_icons": BOOL,
        "rd_caps_note": BOOL, "rd_only_years": BOOL,
        "rd_color": COLOR, "rd_colors_notes": COLOR,
        "rd_text": TEXT, "rd_str": TEXT, "rd_family": TEXT, "rd_cjk_family": TEXT, "rd_family_other": TEXT,
        "rd_page_style": TEXT, "rd_updated_style": TEXT, "rd_note_template": TEXT, "rd_single_date": TEXT,
        "rd_date_range": TEXT,
        "rd_template": {"type": ["string", "null"]}, "rd_template_row2": TEXT,
        "rd_list": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
        "rd_time_spans": {"type": "array", "items": {"type": "string"}},
        "rd_halign": choice(["left", "center", "right", "centre"]),
        "rd_align": choice(["justified", "left", "justify", "ragged", "left-aligned", "justified-with-no-hyphenation"]),
        "rd_title": choice(["with_full_line", "with_partial_line", "without_line", "moderncv", "centered_without_line",
                            "centered_with_partial_line", "centered_with_centered_partial_line",
                            "centered_with_full_line", "with-full-line", "with-partial-line", "with-parial-line",
                            "without-line"]),
        "rd_phone": choice(["national", "international", "E164"]),
        "rd_photo_side": choice(["left", "right"]),
        "rd_bullet": BULLET,
        "rd_page_size": {"$ref": "#/$defs/page_size"},
        "rd_leading": {"anyOf": [{"type": "number", "minimum": 0, "maximum": 2.3},
                                 {"type": "string", "pattern": r"^[0-9]*\.?[0-9]+ *(em|pt)?$"}],
                       "description": "The leading (Typst's): the gap between lines, in em, e.g. 0.6em."},
        "rd_content_scale": {"type": "number", "minimum": 0.3, "maximum": 1},
        "rd_max_pages": {"type": "integer", "minimum": 0, "maximum": 100},
        "rd_number": {"type": "number", "minimum": float(a[1].rstrip("f")), "maximum": float(a[2].rstrip("f"))}
        if len(a) > 2 else {"type": "number"},
        "rd_share": {"anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^[0-9]*\.?[0-9]+%$"}]},
        "rd_int": {"type": "integer", "minimum": int(float(a[1].rstrip("f"))), "maximum": int(float(a[2].rstrip("f")))}
        if len(a) > 2 else {"type": "integer"},
        "rd_theme": {"anyOf": [{"enum": themes}, {"type": "string", "pattern": r"(/|\.ya?ml$)"}],
                     "description": "A built-in theme (the files of themes/) or a theme file: a path ending in .yaml."},
        "rd_family_map": None,
        "rd_map": None,
    }[r]
    if r == "rd_map":
        s = map_schema(row["sub"], old.get("properties", {}) if isinstance(old, dict) else {})
    elif r == "rd_family_map":
        inner = map_schema(row["sub"] if row["sub"] else "family_keys", {})
        s = {"oneOf": [TEXT, inner]}
    s = dict(s)
    if isinstance(old, dict) and "description" in old and "description" not in s:
        s["description"] = old["description"]
    return s


def map_schema(table, old_props):
    props = {}
    for row in tables[table]:
        props[row["name"]] = schema_of(row, old_props.get(row["name"], {}))
    return {"type": "object", "properties": props, "additionalProperties": False}


old = schema["properties"]["design"]
new = map_schema("design_keys", old.get("properties", {}))
new["description"] = old.get("description", "How the résumé looks.")
schema["properties"]["design"] = new
defs = schema["$defs"]
defs["length"] = {
    "description": "A length: 0.3cm, 18mm, 0.7in, 10pt, 1.2em (of the body size), 1ex, or a number of points.",
    "anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^-?[0-9]*\.?[0-9]+ *(pt|cm|mm|in|em|ex)?$"}],
}
defs["size"] = {
    "description": "A text size: 10pt, 1.2em of the body size, or a number of points.",
    "anyOf": [{"type": "number", "minimum": 5, "maximum": 36},
              {"type": "string", "pattern": r"^[0-9]*\.?[0-9]+ *(pt|cm|mm|in|em|ex)?$"}],
}
json.dump(schema, open(schema_path, "w", encoding="utf-8"), indent=2, ensure_ascii=False)
open(schema_path, "a").write("\n")
