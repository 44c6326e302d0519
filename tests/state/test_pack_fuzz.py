"""Issue 22 (proof): packs with huge numbers, lone surrogates, keys given twice and loose dates, mixed at random.
``figures check``, ``figures import`` and ``calc --figures`` each either accept the pack or refuse it in one Chinese
line (exit 2, 数据包有误：…, no English sentence); never a traceback or decimal.InvalidOperation, and a refused
import writes nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from chinese_messages import english_in
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pack_helpers import YANTAI_YEAR, cli, example

from yibao.state.local_figures import local_figures_path, save_local_figures

Mutation = Callable[[dict[str, Any]], None]

huge = st.one_of(st.integers(10**8, 10**40).map(str), st.integers(29, 6000).map(lambda n: "9" * n),
                 st.integers(-400, 400).map(lambda e: f"1e{e:+d}"), st.sampled_from(["-0", "0.000000000000000000001"]))
loose_dates = st.one_of(st.integers(-10**12, 10**12), st.booleans(), st.none(), st.sampled_from(
    ["0", "", "1970-01-01T00:00:00", "2024-01-01 00:00", "20240101", "2024-1-1", "1899-12-31", "2101-01-01",
     "0001-01-01", "9999-12-31", "２０２４-01-01", "2024-02-30", "2024-01-01\ud800"]))
surrogate_texts = st.text(min_size=0, max_size=3).map(lambda t: t + "\udcff")
STRING_FIELDS = ["clause", "document", "note", "parameter", "region"]


def _figure(data: dict[str, Any], index: int) -> dict[str, Any]:
    figures: list[dict[str, Any]] = data["figures"]
    return figures[index % len(figures)]


@st.composite
def mutations(draw: st.DrawFn) -> Mutation:
    kind = draw(st.sampled_from(["huge", "date", "surrogate", "version", "header-date", "odd-key"]))
    index = draw(st.integers(0, 50))
    if kind == "huge":
        number = draw(huge)
        return lambda d: _figure(d, index).update(value=number)
    if kind == "date":
        field, value = draw(st.sampled_from(["start", "end"])), draw(loose_dates)
        return lambda d: _figure(d, index).update({field: value})
    if kind == "surrogate":
        field, text = draw(st.sampled_from(STRING_FIELDS)), draw(surrogate_texts)
        return lambda d: _figure(d, index).update({field: text})
    if kind == "odd-key":  # 22.14: a key str.isdigit() takes for a number (², ①) gave int()'s English message
        key, where = draw(st.sampled_from(["²", "①", "٣", "0", "1", "x"])), draw(st.sampled_from(["value", "figure"]))
        odd = {"0": "0.9", key: "0.95"}
        return (lambda d: _figure(d, index).update(value=odd)) if where == "value" else (
            lambda d: _figure(d, index).update({key: "1"}))
    if kind == "version":
        version = draw(st.one_of(st.booleans(), st.integers(-2, 3), st.text(max_size=3), st.none()))
        return lambda d: d.update(version=version)
    field, value = draw(st.sampled_from(["prepared", "issued"])), draw(loose_dates)
    return (lambda d: d.update(prepared=value)) if field == "prepared" else (
        lambda d: d["documents"][index % len(d["documents"])].update(issued=value))


@st.composite
def pack_texts(draw: st.DrawFn) -> str:
    data = example()
    for mutation in draw(st.lists(mutations(), min_size=1, max_size=3)):
        mutation(data)
    text = json.dumps(data)  # ASCII: a lone surrogate is written \udcff, as a hand-made file can hold it
    if draw(st.booleans()):  # a key given twice, somewhere
        key = draw(st.sampled_from(['"clause": ', '"value": ', '"issuer": ', '"start": ', '"id": ']))
        text = text.replace(key, f'{key}"1", {key}', 1)
    return text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=pack_texts())
def test_a_mangled_pack_is_accepted_or_refused_in_one_line(text: str, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    pack = tmp_path / "pack.json"
    pack.write_text(text, encoding="utf-8")
    request = tmp_path / "year.json"
    request.write_text(json.dumps(YANTAI_YEAR), encoding="utf-8")
    save_local_figures([])
    saved = local_figures_path().read_bytes()
    answers = []
    for args in (("figures", "check", str(pack)), ("calc", str(request), "--figures", str(pack)),
                 ("figures", "import", str(pack))):
        code, out, err = cli(capsys, *args)
        assert code in (0, 2), (args, err)
        if code == 2:
            assert out == "" and err.startswith("数据包有误：") and err.count("\n") == 1 and err.endswith("\n"), err
            assert english_in(err) is None, err
        answers.append((code, err))
    assert len({code for code, _ in answers}) == 1, answers  # the three read a pack the same way
    if answers[-1][0] == 2:
        assert local_figures_path().read_bytes() == saved
