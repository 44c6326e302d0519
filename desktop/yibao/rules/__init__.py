"""The rules core: pure Python and pydantic, no Qt. Everything the front ends show comes from here."""

from yibao.rules.engine import bundled_policy, calculate
from yibao.rules.errors import InputError
from yibao.rules.models import Request, Result
from yibao.rules.policy import LocalFigure, Policy, PolicyError, load_policy

__all__ = ["InputError", "LocalFigure", "Policy", "PolicyError", "Request", "Result", "bundled_policy", "calculate",
           "load_policy"]
