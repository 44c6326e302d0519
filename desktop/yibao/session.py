"""One session of the app, the window's or a command's: the policy, the local figures in play, the history and the
settings, and the figures computed from them, so that ``yibao calc`` gives what the window gives.

The local figures in play are the hall's saved ones (the window always; the command line unless told otherwise), a
figures pack for one run (``--figures PACK``), or none (``--no-local``). Every result says which
(``Result.local_figures``), and a result that does not use the saved ones says so in its notes, which the window,
the sheet and the command line show alike.

Qt-free. It loads the rules core, so the window makes its session only after the first paint.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from yibao.rules import LocalFigure, Policy, Request, Result, bundled_policy, calculate
from yibao.rules.compare import Comparison, compare
from yibao.rules.engine import rests_on_local
from yibao.rules.models import LocalFiguresUse, LocalOrigin
from yibao.rules.requests import request_from_text
from yibao.state.history import History, HistoryEntry, open_history
from yibao.state.local_figures import load_local_figures
from yibao.state.packs import read_pack
from yibao.state.settings import Settings, load_settings, save_settings
from yibao.wording import LEFT_OUT_NOTE, pack_note


class Session:
    """The policy and the local figures in play; ``compute`` and ``compare`` are the one way to get figures."""

    def __init__(self, policy: Policy, local: Sequence[LocalFigure], origin: LocalOrigin = "saved",
                 note: str | None = None, settings: Settings | None = None) -> None:
        self.policy = policy
        self.local = list(local)  # the window's 本地录入参数 dialog saves the hall's (under their lock) and sets these
        self.origin: LocalOrigin = origin
        self.note = note  # what each result says about its local figures, when they are not the saved ones
        self.messages: list[str] = []  # problems met on the way (a damaged file set aside), Chinese, said once
        self.history: History | None = None
        self._settings = settings

    @classmethod
    def open(cls, *, pack: Path | None = None, saved: bool = True, settings: Settings | None = None) -> Session:
        """The bundled policy (PolicyError if damaged) with the saved local figures, ``pack``'s, or none."""
        policy = bundled_policy()
        if pack is not None:
            read = read_pack(policy, pack)
            return cls(policy, read.figures, "pack", pack_note(read.issuer, pack.name), settings)
        if not saved:
            return cls(policy, [], "left_out", LEFT_OUT_NOTE, settings)
        local, message = load_local_figures(policy)
        session = cls(policy, local, "saved", None, settings)
        if message:
            session.messages.append(message)
        return session

    # ------------------------------------------------------------ figures

    def compute(self, request: Request) -> Result:
        return self._marked(calculate(request, self.policy, self.local))

    def compare(self, request: Request, other: date) -> Comparison:
        """The request on its own date and on ``other`` (``yibao calc --compare-on``, the 政策前后对比 tab)."""
        comparison = compare(request, other, self.policy, self.local)
        self._marked(comparison.before)
        self._marked(comparison.after)
        return comparison

    def _marked(self, result: Result) -> Result:
        result.local_figures = LocalFiguresUse(origin=self.origin, available=len(self.local),
                                               used=rests_on_local(result))
        if self.note is not None and self.note not in result.notes:
            result.notes.append(self.note)
        return result

    # ------------------------------------------------------------ the hall's state

    def open_history(self) -> None:
        """Open the history (in memory if the file cannot be used; a message says so)."""
        self.history, message = open_history()
        if message:
            self.messages.append(message)

    @staticmethod
    def reopen(entry: HistoryEntry) -> Request:
        """The request of a history entry, as the version that saved it wrote it, read as today's (InputError if it
        no longer validates)."""
        return request_from_text(entry.request_json, entry.app_version)

    @property
    def settings(self) -> Settings:
        """The settings the session was opened with, or the saved ones (a message if the file was set aside)."""
        if self._settings is None:
            self._settings, message = load_settings()
            if message:
                self.messages.append(message)
        return self._settings

    def save_settings(self) -> None:
        save_settings(self.settings)

    def city_name(self, code: str) -> str:
        region = self.policy.regions.get(code)
        return region.name if region is not None else code
