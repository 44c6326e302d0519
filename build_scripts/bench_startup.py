"""Start-up, CPU time, size and memory of the app against a bare PySide6 window, from source and frozen, side by side.

    python build_scripts/bench_startup.py [--runs 15] [--xvfb]

Each program is launched with ``YIBAO_EXIT_AFTER_FIRST_PAINT=1``: after its main window's first Paint event
it prints ``yibao-first-paint <time.time()>`` and exits. Start-up is that time less the time just before
launch; its CPU time (user + system, ``os.wait4``) and peak memory (maximum resident set) are the child's.
The programs take turns, run after run, so a busy moment of the machine hits them all alike; CPU time moves
less than wall time with the load of a shared machine, which is printed before and after. Frozen programs are
skipped (and said so) when ``dist/`` lacks them: ``python build_scripts/build.py`` and ``python build_scripts/build.py --bare``.
Offscreen by default; ``--xvfb`` starts an Xvfb server and shows real windows on it.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field

from build import DIST, ROOT, size_bytes

MARKER = "yibao-first-paint"
TIMEOUT_S = 60
GOAL_STARTUP = 1.3
GOAL_SIZE = 1.25


@dataclass
class Program:
    label: str
    command: list[str]
    startup_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)
    rss_mib: list[float] = field(default_factory=list)


def programs() -> tuple[list[Program], list[str]]:
    """The programs to measure, and a note for each frozen one that is not built."""
    found = [
        Program("bare window, source", [sys.executable, str(ROOT / "build_scripts" / "bare_window.py")]),
        Program("app, source", [sys.executable, "-m", "yibao"]),
    ]
    skipped = []
    for label, path in (("bare window, frozen", DIST / "bare" / "bare"), ("app, frozen", DIST / "yibao" / "yibao")):
        if path.is_file():
            found.append(Program(label, [str(path)]))
        else:
            skipped.append(f"{label}: skipped, {path.relative_to(ROOT)} is not built")
    return found, skipped


def launch_once(program: Program, env: dict[str, str]) -> tuple[float, float, float]:
    """One launch: (milliseconds from launch to first paint, CPU milliseconds, peak resident memory in MiB)."""
    with tempfile.TemporaryFile() as errors:
        started = time.time()
        child = subprocess.Popen(program.command, stdout=subprocess.PIPE, stderr=errors, env=env, cwd=ROOT)
        timer = threading.Timer(TIMEOUT_S, child.kill)
        timer.start()
        assert child.stdout is not None
        output = child.stdout.read().decode()
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        timer.cancel()
        errors.seek(0)
        problems = errors.read().decode(errors="replace")
    painted = [line.split()[1] for line in output.splitlines() if line.startswith(MARKER)]
    if child.returncode != 0 or not painted:
        raise RuntimeError(f"{program.label}: exit {child.returncode}, no first-paint line\n{output}\n{problems}")
    rss_kib = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss / 1024
    return (float(painted[0]) - started) * 1000, (usage.ru_utime + usage.ru_stime) * 1000, rss_kib / 1024


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """An Xvfb server on a free display number, which it reports through a pipe."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        display = pipe.readline().strip()
    return server, f":{display}"


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    return numerator / denominator if numerator is not None and denominator else None


def verdict(value: float | None, goal: float) -> str:
    if value is None:
        return "n/a"
    return f"{value:.2f}× ({'meets' if value <= goal else 'misses'} the goal ≤ {goal}×)"


def load_average() -> str:
    return f"{os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "n/a"


def report(measured: list[Program], skipped: list[str], runs: int, where: str, loads: tuple[str, str]) -> None:
    import PyInstaller
    import PySide6

    print(
        f"\n{runs} runs each, {where}; {os.cpu_count()} cores {platform.machine()}, Python {platform.python_version()}, "
        f"PySide6 {PySide6.__version__}, PyInstaller {PyInstaller.__version__}; load average {loads[0]} before, "
        f"{loads[1]} after"
    )
    print(f"{'program':<22}{'median ms':>10}{'min':>8}{'max':>8}{'CPU ms':>8}{'peak RSS MiB':>14}")
    medians: dict[str, float] = {}
    cpu: dict[str, float] = {}
    for program in measured:
        medians[program.label] = statistics.median(program.startup_ms)
        cpu[program.label] = statistics.median(program.cpu_ms)
        print(
            f"{program.label:<22}{medians[program.label]:>10.0f}{min(program.startup_ms):>8.0f}"
            f"{max(program.startup_ms):>8.0f}{cpu[program.label]:>8.0f}{statistics.median(program.rss_mib):>14.1f}"
        )
    for note in skipped:
        print(note)
    print("\nstart-up, app / bare window:")
    for kind in ("source", "frozen"):
        app, bare = f"app, {kind}", f"bare window, {kind}"
        print(f"  {kind}: {verdict(ratio(medians.get(app), medians.get(bare)), GOAL_STARTUP)}; "
              f"CPU time {verdict(ratio(cpu.get(app), cpu.get(bare)), GOAL_STARTUP)}")
    sizes = {name: size_bytes(DIST / name) / 1e6 for name in ("yibao", "bare") if (DIST / name).is_dir()}
    for name, megabytes in sizes.items():
        print(f"dist/{name}/: {megabytes:.1f} MB")
    print(f"size, dist/yibao / dist/bare: {verdict(ratio(sizes.get('yibao'), sizes.get('bare')), GOAL_SIZE)}")


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=15, help="launches of each program (default 15)")
    options.add_argument("--xvfb", action="store_true", help="real windows on an Xvfb server instead of offscreen")
    args = options.parse_args(argv)
    measured, skipped = programs()
    env = dict(os.environ, YIBAO_EXIT_AFTER_FIRST_PAINT="1")
    env.pop("YIBAO_SMOKE", None)
    # A Python run from source keeps its bytecode cache (the frozen app carries it): with
    # PYTHONDONTWRITEBYTECODE set, as on some build machines, every launch would compile the app's modules
    # again (~25 ms here) and the source figure would measure the compiler, not the start-up.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    compileall.compile_dir(str(ROOT / "desktop" / "yibao"), quiet=1)
    server = None
    load_before = load_average()
    if args.xvfb:
        server, env["DISPLAY"] = start_xvfb()
        env.pop("QT_QPA_PLATFORM", None)
        env.pop("WAYLAND_DISPLAY", None)
    else:
        env["QT_QPA_PLATFORM"] = "offscreen"
    try:
        with tempfile.TemporaryDirectory() as home:
            env["YIBAO_HOME"] = home
            for program in measured:  # one unmeasured launch each: file caches, first settings file
                launch_once(program, env)
            for _ in range(args.runs):
                for program in measured:
                    startup, cpu, rss = launch_once(program, env)
                    program.startup_ms.append(startup)
                    program.cpu_ms.append(cpu)
                    program.rss_mib.append(rss)
    finally:
        if server is not None:
            server.terminate()
            server.wait()
    report(measured, skipped, args.runs, "Xvfb" if args.xvfb else "offscreen", (load_before, load_average()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
