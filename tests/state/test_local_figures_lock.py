"""Issue 22.1: two programs changing the local figures at once (two ``figures import``, the window's 本地录入参数 and
an import) never lose each other's figures: every read-modify-write holds a lock file beside the figures."""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from pack_helpers import example

from yibao.cli import main
from yibao.rules import bundled_policy
from yibao.state.local_figures import load_local_figures, local_figures_path

RUNS = 40


def _city_pack(folder: Path, city: str) -> Path:
    """The example pack cut down to one city's figures."""
    data: dict[str, Any] = example()
    data["figures"] = [f for f in data["figures"] if f["region"] == city]
    path = folder / f"{city}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _import_after(barrier: Any, pack: str) -> None:
    barrier.wait()
    with open(os.devnull, "w") as sink:
        sys.stdout = sys.stderr = sink
        os._exit(main(["figures", "import", pack]))


@pytest.mark.skipif(sys.platform == "win32", reason="forks two importers at once")
def test_two_imports_at_once_keep_both_packs(tmp_path: Path) -> None:
    """Yantai's and Weifang's figures imported by two processes at the same moment, 40 times over: both exit 0 and
    every run ends with all 11 figures (without the lock up to 28 of 40 runs lost one pack's)."""
    policy = bundled_policy()
    packs = [str(_city_pack(tmp_path, city)) for city in ("yantai", "weifang")]
    expected = {(f["region"], f["parameter"]) for f in example()["figures"]}
    context = multiprocessing.get_context("fork")
    lost = []
    for run in range(RUNS):
        local_figures_path().unlink(missing_ok=True)
        barrier = context.Barrier(2)
        workers = [context.Process(target=_import_after, args=(barrier, pack)) for pack in packs]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(60)
        assert [w.exitcode for w in workers] == [0, 0]
        figures, message = load_local_figures(policy)
        assert message is None
        if {(f.region, f.parameter) for f in figures} != expected:
            lost.append(run)
    assert lost == []
