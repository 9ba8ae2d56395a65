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


def literals(annotation: Any) -> str:
    return ", ".join(f"``{value}``" for value in typing.get_args(annotation))


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
        return "one of " + literals(annotation)
    if origin is list:
        if isinstance(arguments[0], type) and issubclass(arguments[0], BaseModel):
            return "list of groups of keys (below)"
        if typing.get_origin(arguments[0]) is typing.Literal:
            return "list of any of " + literals(arguments[0])
        return "list of " + describe(arguments[0])
    if origin is dict:
        key, value = arguments
        if typing.get_origin(key) is typing.Literal:
            return f"one {describe(value)} for each of {literals(key)}"
        return f"mapping of {describe(key)} to {describe(value)}"
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


# Defaults given in words (translated); any other default is a JSON value (kept as is).
DEFAULT_WORDS = {"required", "not set"}


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
            result.append(self._paragraph(" ".join(model.__doc__.split())))
        result.append(self._table(rows))
        for inner, key in nested:
            self._walk(inner, key, result)

    def _paragraph(self, text: str, translatable: bool = True) -> nodes.paragraph:
        """A paragraph the docs' catalogs translate, like any text of the page.

        Sphinx only extracts text that has a source, so the generated reference gets the
        directive's; literal values (JSON defaults) stay out of the catalogs. Double
        backquotes mark literals, as in the reST a translation is parsed from.
        """
        paragraph = nodes.paragraph(text)
        for index, part in enumerate(text.split("``")):
            paragraph += nodes.literal(part, part) if index % 2 else nodes.Text(part)
        if translatable:
            self.set_source_info(paragraph)
        else:
            paragraph["translatable"] = False
        return paragraph

    def _table(self, rows: list[tuple[str, str, str, str]]) -> nodes.table:
        table = nodes.table(classes=["va-config-reference"])
        group = nodes.tgroup(cols=4)
        table += group
        for width in (30, 25, 15, 30):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        header = nodes.row()
        for label in ("Key", "Type", "Default", "Meaning"):
            header += nodes.entry("", self._paragraph(label))
        head += header
        group += head
        body = nodes.tbody()
        for key, kind, default, meaning in rows:
            row = nodes.row()
            row += nodes.entry("", nodes.paragraph("", "", nodes.literal(key, key)))
            row += nodes.entry("", self._paragraph(kind))
            row += nodes.entry("", self._paragraph(default, translatable=default in DEFAULT_WORDS))
            row += nodes.entry("", self._paragraph(meaning))
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
