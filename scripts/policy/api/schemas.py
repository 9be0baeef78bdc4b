"""The JSON Schemas of api/v2, published beside the files they describe, and the build's checks against them.

They are the contract the Python client (clients/python) validates against, and live in its package:
the build reads them as files, found where the client is installed, and never runs the client's code.
"""

from __future__ import annotations

import copy
import functools
import json
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from ..errors import PolicyError
from ..verdicts import CleanVerdicts

CLIENT_PACKAGE = "qlever_policy_client"


@cache  # validating 200 version files reads their schema once
def schema_bytes(name: str) -> bytes:
    """A schema (or openapi.json) of api/v2, as it is kept and published."""
    return (contract_folder() / name).read_bytes()


@cache
def contract_folder() -> Path:
    """The client's schemas/ folder, located without importing the client (find_spec runs none of its code)."""
    spec = find_spec(CLIENT_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise PolicyError(
            f"the Python client's package {CLIENT_PACKAGE}, which holds api/v2's schemas, is not installed: run "
            "`make site`, which installs clients/python"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "schemas"


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


def new_schema_errors(
    validator: Draft202012Validator, schema: bytes, document: Any, encoded: bytes, clean: CleanVerdicts
) -> str:
    """schema_errors, but none for a document that, encoded as published, was found valid against the same
    schema before (policy/verdicts.py)."""
    digest = clean.digest(schema, encoded)
    if clean.found_clean_before(digest):
        return ""
    errors = schema_errors(validator, document)
    if not errors:
        clean.found_clean(digest)
    return errors


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
