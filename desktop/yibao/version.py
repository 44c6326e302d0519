"""The app's version, defined once in ``pyproject.toml`` (``[project] version``), and the bundled policy data's date.

From a source tree the version is read from ``pyproject.toml`` itself (so an editable install never shows a stale
one); an installed wheel and the frozen app read the package metadata (the spec bundles it).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

APP_TITLE = "山东职工医保测算"
_PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


@cache
def app_version() -> str:
    if _PYPROJECT.is_file():
        import tomllib

        project = tomllib.loads(_PYPROJECT.read_text(encoding="utf-8")).get("project", {})
        if project.get("name") == "yibao":
            return str(project["version"])
    from importlib.metadata import version

    return version("yibao")


def newest_bundled_figure() -> date:
    """The start date of the newest dated value in the bundled policy files (raises PolicyError if they are damaged)."""
    from yibao.rules import bundled_policy

    return bundled_policy().newest_start()


def figures_text() -> str:
    """How recent the bundled policy figures are, in one Chinese phrase (or why that cannot be said)."""
    from yibao.rules import PolicyError
    from yibao.wording import cn_date

    try:
        return f"内置政策参数最新一项自{cn_date(newest_bundled_figure())}起施行"
    except PolicyError as exc:
        return f"内置政策数据无法读取：{exc}"


def about_text() -> str:
    """One line naming the version and how recent the bundled policy figures are: for --version and the log."""
    return f"{APP_TITLE} {app_version()}（{figures_text()}）"
