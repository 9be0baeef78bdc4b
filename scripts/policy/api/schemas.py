"""The JSON Schemas of api/v2, as kept in this package and published beside the files they describe."""

from __future__ import annotations

import copy
import functools
import json
from importlib.resources import files
from typing import Any

from jsonschema import Draft202012Validator


def schema_bytes(name: str) -> bytes:
    """A schema as it is in the package, and as it is published."""
    return files("policy.api").joinpath(name).read_bytes()


@functools.cache  # one per schema, whatever the number of files it validates
def closed_validator(name: str) -> Draft202012Validator:
    """A validator of the schema with every object closed: the build publishes nothing undocumented.
    Formats (date-time, uri) are checked too."""
    return Draft202012Validator(
        closed(json.loads(schema_bytes(name))), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def schema_errors(validator: Draft202012Validator, document: Any) -> str:
    """Every place where the document breaks the schema, `$.path: what` joined by `; `; empty when none."""
    errors = sorted(validator.iter_errors(document), key=lambda error: error.json_path)
    return "; ".join(f"{error.json_path}: {error.message}" for error in errors)


def closed(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with every object that names its properties closed to any other."""
    closed_schema = copy.deepcopy(schema)

    def close(node: Any) -> None:
        if isinstance(node, dict):
            if "properties" in node:
                node.setdefault("additionalProperties", False)
            for value in node.values():
                close(value)
        elif isinstance(node, list):
            for item in node:
                close(item)

    close(closed_schema)
    return closed_schema
