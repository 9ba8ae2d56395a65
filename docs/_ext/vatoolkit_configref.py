"""``vatoolkit-config-reference``: the config reference, generated from the model.

Also writes the model's JSON Schema as ``vatoolkit.schema.json`` next to the HTML pages.
"""

from __future__ import annotations

import json
import types
import typing
from pathlib import Path
from typing import Any

from docutils import nodes
from pydantic import BaseModel
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from sphinx_vatoolkit.config import ORGANIZATION_TEXT, VaToolkitConfig, json_schema, nested_model

SCHEMA_NAME = "vatoolkit.schema.json"
NAMED_TYPES = {
    "_validate_localized_url": "URL, or URL per language",
    "normalize_url": "URL",
    "_validate_color": "colour (#rrggbb)",
    "_validate_email": "e-mail address",
    "_validate_phone": "phone number",
    "_validate_path": "file path in the project",
    "_validate_font": "font family name",
    "_validate_text": "text, or text per language",
}


def describe(annotation: Any) -> str:
    """A type in plain words."""
    for meta in getattr(annotation, "__metadata__", ()):
        if meta is ORGANIZATION_TEXT:
            return "text, or text per language"
        name = getattr(getattr(meta, "func", None), "__name__", "")
        if name in NAMED_TYPES:
            return NAMED_TYPES[name]
    origin = typing.get_origin(annotation)
    arguments = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin in (typing.Union, types.UnionType):
        return " or ".join(describe(a) for a in arguments)
    if origin is typing.Literal:
        return "one of " + ", ".join(f"``{a}``" for a in typing.get_args(annotation))
    if origin is list:
        return "list of " + describe(arguments[0])
    if origin is dict:
        return f"mapping of {describe(arguments[0])} to {describe(arguments[1])}"
    if origin is typing.Annotated:
        return describe(arguments[0])
    if annotation is bool:
        return "yes/no (True or False)"
    if annotation is int:
        return "whole number"
    if annotation is str:
        return "text"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "group of keys (below)"
    return "value"


def default_text(field: Any) -> str:
    if field.default_factory is not None:
        value = field.default_factory()
        return "" if isinstance(value, BaseModel) else json.dumps(value, ensure_ascii=False)
    if field.is_required():
        return "required"
    if field.default is None:
        return "not set"
    return json.dumps(field.default, ensure_ascii=False)


class ConfigReference(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        result: list[nodes.Node] = []
        self._walk(VaToolkitConfig, "vatoolkit", result)
        return result

    def _walk(self, model: type[BaseModel], prefix: str, result: list[nodes.Node]) -> None:
        rows = []
        nested: list[tuple[type[BaseModel], str]] = []
        for name, field in model.model_fields.items():
            key = f"{prefix}.{name}"
            annotation = field.annotation
            if field.metadata:
                annotation = typing.Annotated[annotation, *field.metadata]
            rows.append((key, describe(annotation), default_text(field), field.description or ""))
            inner = nested_model(field.annotation)
            if inner is not None:
                nested.append((inner, key + ("[]" if "list[" in str(field.annotation) else "")))
        rubric = nodes.rubric("", prefix, ids=[nodes.make_id(prefix)], translatable=False)
        self.set_source_info(rubric)
        result.append(rubric)
        if model.__doc__ and prefix != "vatoolkit":
            result.append(nodes.paragraph("", " ".join(model.__doc__.split())))
            result[-1]["translatable"] = False
        result.append(self._table(rows))
        for inner, key in nested:
            self._walk(inner, key, result)

    def _table(self, rows: list[tuple[str, str, str, str]]) -> nodes.table:
        table = nodes.table(classes=["va-config-reference"])
        group = nodes.tgroup(cols=4)
        table += group
        for width in (30, 25, 15, 30):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        header = nodes.row()
        for label in ("Key", "Type", "Default", "Meaning"):
            header += nodes.entry("", nodes.paragraph("", label))
        head += header
        group += head
        body = nodes.tbody()
        for key, kind, default, meaning in rows:
            row = nodes.row()
            row += nodes.entry("", nodes.paragraph("", "", nodes.literal(key, key)))
            # Generated from the model: not page text for translators.
            row += nodes.entry("", nodes.paragraph("", kind))
            row += nodes.entry("", nodes.paragraph("", default))
            row += nodes.entry("", nodes.paragraph("", meaning))
            body += row
        group += body
        return table


def write_schema(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        target = Path(app.outdir, SCHEMA_NAME)
        target.write_text(json.dumps(json_schema(), indent=2) + "\n", encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("vatoolkit-config-reference", ConfigReference)
    app.connect("build-finished", write_schema)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
