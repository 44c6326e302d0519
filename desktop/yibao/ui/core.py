"""The rules core as the window uses it: loaded after the first paint, with the user's local figures.

This module imports pydantic and the rules core, so the window imports it only once it is on screen.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from yibao.rules import LocalFigure, Policy, Request, Result, bundled_policy, calculate
from yibao.rules.errors import from_validation_error
from yibao.state.local_figures import load_local_figures, save_local_figures


class Core:
    """The loaded policy plus the local figures; ``compute`` is the one way the window gets figures."""

    def __init__(self, policy: Policy, local: Sequence[LocalFigure]) -> None:
        self.policy = policy
        self.local = list(local)

    @classmethod
    def load(cls) -> tuple[Core, str | None]:
        """Load the bundled policy (PolicyError if damaged) and the local figures (a message if set aside)."""
        policy = bundled_policy()
        local, message = load_local_figures(policy)
        return cls(policy, local), message

    def compute(self, request: Request) -> Result:
        return calculate(request, self.policy, self.local)

    def set_local(self, figures: Sequence[LocalFigure]) -> None:
        save_local_figures(figures)
        self.local = list(figures)

    def city_name(self, code: str) -> str:
        region = self.policy.regions.get(code)
        return region.name if region is not None else code


def build_request(data: dict[str, Any]) -> Request:
    """The window's form data as a request; InputError (field path, Chinese problem) when the model refuses it."""
    try:
        return Request.model_validate(data)
    except ValidationError as exc:
        raise from_validation_error(exc) from None


def request_from_json(text: str) -> Request:
    """A request saved in the history; InputError if the saved text no longer validates."""
    return build_request(json.loads(text))
