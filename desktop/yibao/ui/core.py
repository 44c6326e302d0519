"""The window's requests as the rules core reads them (pydantic: imported only once the window is on screen)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from yibao.rules import Request
from yibao.rules.errors import from_validation_error


def build_request(data: dict[str, Any]) -> Request:
    """The window's form data as a request; InputError (field path, Chinese problem) when the model refuses it."""
    try:
        return Request.model_validate(data)
    except ValidationError as exc:
        raise from_validation_error(exc) from None


def request_from_json(text: str) -> Request:
    """A request saved in the history; InputError if the saved text no longer validates."""
    return build_request(json.loads(text))
