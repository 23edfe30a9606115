"""Find and run ESA SNAP's ``gpt``: progress, cancel, readable errors, atomic output.

gpt is started as an argument list (never through a shell) in its own
process group, so a cancel kills it and every Java child it started. Its
console output is read in a thread as it comes (gpt prints progress as
``....10%....20%`` without line breaks) and the percentages are forwarded.
The graph's ``${output}`` is pointed at a temporary name beside the final
file and renamed only when gpt succeeded.
"""
from __future__ import annotations

import glob
import math
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from typing import Dict, List, Mapping, Optional

from ..errors import Cancelled, MissingDependencyError, ParameterError, SnapError
from ..output import _temp_name, check_output_path
from ..output_checks import verify_file
from ..progress import Monitor, ensure_monitor
from .graph import Graph

PERCENT = re.compile(r"(\d{1,3})\s*%")
ERROR_LINE = re.compile(r"^(?:Error|SEVERE|ERROR)\s*:?\s*(.+)$|(?:Exception|Error):\s*(.+)$")

INSTALL_HINT = ("Install ESA SNAP (https://step.esa.int), then set its gpt in Processing > Options > Providers > "
                "SenseTrack > 'SNAP gpt executable', or the SNAP_GPT environment variable, or put gpt on PATH.")


def standard_locations() -> List[str]:
    home = os.path.expanduser("~")
    return [os.path.join(home, "snap", "bin", "gpt"), os.path.join(home, "esa-snap", "bin", "gpt"),
            "/opt/snap/bin/gpt", "/opt/esa-snap/bin/gpt", "/usr/local/snap/bin/gpt", "/usr/local/esa-snap/bin/gpt",
            r"C:\Program Files\snap\bin\gpt.exe", r"C:\Program Files\esa-snap\bin\gpt.exe",
            "/Applications/snap/bin/gpt", "/Applications/esa-snap/bin/gpt"]


def find_gpt(setting: Optional[str] = None) -> str:
    """The gpt executable: the setting, then ``SNAP_GPT``, then ``PATH``, then standard install folders.

    Raises
    ------
    MissingDependencyError
        None found (the message says what to install and set).
    """
    for candidate in (setting, os.environ.get("SNAP_GPT")):
        if candidate:
            if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
                return candidate
            raise MissingDependencyError(f"The SNAP gpt '{candidate}' does not exist or is not executable. "
                                         + INSTALL_HINT)
    found = shutil.which("gpt") or shutil.which("gpt.exe")
    if found:
        return found
    for path in standard_locations():
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    raise MissingDependencyError("ESA SNAP's gpt was not found. " + INSTALL_HINT)


def gpt_error(text: str) -> str:
    """The most useful lines of gpt's error output (the error, its cause), without the Java stack."""
    picked: List[str] = []
    for line in text.splitlines():
        s = line.strip()
        if not s or s.startswith("at ") or s.startswith("..."):
            continue
        m = ERROR_LINE.search(s)
        if m or s.startswith("Caused by:"):
            msg = s.split("Caused by:", 1)[-1].strip()
            msg = re.sub(r"^[\w.$]+(?:Exception|Error):\s*", "", msg)
            msg = re.sub(r"^(?:Error|SEVERE|ERROR)\s*:?\s*", "", msg)
            if msg and msg not in picked:
                picked.append(msg)
    if not picked:
        tail = [l.strip() for l in text.splitlines() if l.strip()][-3:]
        picked = tail or ["gpt gave no error message"]
    return " / ".join(picked[:3])


def _kill(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    try:
        if os.name == "nt":  # pragma: no cover - Windows only
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(proc.pid)], capture_output=True)
        else:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()


MEMORY_SIZE = re.compile(r"^\d+[KMG]$")
CACHE_SIZE = re.compile(r"^\d+[KMG]?$")  # gpt -c also takes plain bytes


def check_gpt_options(threads: object = 0, cache: object = "", memory: object = "") -> tuple:
    """Validated (threads, cache, memory) for gpt; ParameterError for anything else.

    ``memory`` goes into ``_JAVA_OPTIONS``, so only a plain size is accepted:
    ``8G -XX:OnOutOfMemoryError=...`` would let a shared model or batch file
    run commands through the JVM.
    """
    try:
        number = float(threads if threads not in (None, "") else 0)
    except (TypeError, ValueError):
        number = float("nan")
    if not math.isfinite(number) or number < 0 or number != int(number) or number > 4096:
        raise ParameterError(f"THREADS = {str(threads)[:40]} is not a valid number of gpt threads; give a whole "
                             "number from 1 to 4096, or 0 for SNAP's default.")
    sizes = {}
    for name, value, pattern in (("CACHE", cache, CACHE_SIZE), ("MEMORY", memory, MEMORY_SIZE)):
        text = str(value or "").strip().upper()
        if text and not pattern.match(text):
            raise ParameterError(f"{name} = {str(value)[:40]!r} is not a memory size; give a whole number followed "
                                 "by K, M or G (e.g. 2048M or 8G), or leave it empty for SNAP's default.")
        if text and int(text.rstrip("KMG")) == 0:
            raise ParameterError(f"{name} = {text} is zero; give a positive size such as 2048M or 8G.")
        sizes[name] = text
    return int(number), sizes["CACHE"], sizes["MEMORY"]


def run_graph(graph: str, values: Mapping[str, object], output: str, gpt: Optional[str] = None,
              threads: int = 0, cache: str = "", memory: str = "", monitor: Optional[Monitor] = None,
              inputs: Optional[List[str]] = None, poll: float = 0.2) -> Dict[str, object]:
    """Run a SNAP graph with ``values`` for its placeholders and write ``output``.

    Parameters
    ----------
    graph : str
        Graph XML file; its placeholders are filled from ``values`` plus
        ``output`` (the graph's Write node must use ``${output}``).
    gpt : str, optional
        gpt executable (otherwise :func:`find_gpt`).
    threads : int
        gpt ``-q`` (0 = gpt's default).
    cache : str
        gpt tile cache ``-c``, e.g. ``2048M`` ("" = gpt's default).
    memory : str
        Java heap, e.g. ``8G``: passed as ``_JAVA_OPTIONS=-Xmx8G`` (gpt has
        no command-line option for it; its default comes from gpt.vmoptions).

    Returns
    -------
    dict with ``output`` and ``log`` (gpt's console text).
    """
    mon = ensure_monitor(monitor)
    threads, cache, memory = check_gpt_options(threads, cache, memory)
    exe = gpt or find_gpt()
    g = Graph(graph)
    g.check()
    final = check_output_path(output, inputs or [])
    part = _temp_name(final)
    work = tempfile.mkdtemp(prefix="sensetrack-gpt-")
    try:  # the work folder and any partial output go on every exit: error, cancel or success
        log = _run_gpt(exe, g, values, part, work, threads, cache, memory, poll, mon)
        produced = _produced(part)
        if produced is None:
            raise SnapError("SNAP gpt failed (exit code 0): gpt finished but wrote no output file")
        verify_file(produced, final)  # gpt may exit 0 with a cut file on a full disk
        os.replace(produced, final)
    finally:
        _cleanup(part, work)
    mon.report(1.0, "gpt: done")
    return {"output": final, "log": log}


def _run_gpt(exe, g, values, part, work, threads, cache, memory, poll, mon) -> str:
    """Write the parameterised graph into ``work``, run gpt on it with progress and cancel; return its log."""
    graph_file = g.write(dict(values, output=part), work)
    cmd = [exe, graph_file, "-e"]
    if threads:
        cmd += ["-q", str(int(threads))]
    if cache:
        cmd += ["-c", str(cache)]
    env = dict(os.environ)
    if memory:
        env["_JAVA_OPTIONS"] = f"-Xmx{memory}"
    mon.log("Running: " + " ".join(cmd))
    chunks: List[str] = []
    kwargs = {"start_new_session": True} if os.name != "nt" else {
        "creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=work, **kwargs)

    def reader():
        while True:
            data = proc.stdout.read1(4096) if hasattr(proc.stdout, "read1") else proc.stdout.read(4096)
            if not data:
                break
            chunks.append(data.decode("utf-8", "replace"))

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    last = -1
    try:
        while proc.poll() is None:
            time.sleep(poll)
            found = PERCENT.findall("".join(chunks))
            if found:
                pct = min(int(found[-1]), 100)
                if pct != last:
                    last = pct
                    mon.report(pct / 100.0, f"gpt: {pct}%")
            mon.check()
    except (Cancelled, KeyboardInterrupt):
        _kill(proc)
        raise
    finally:
        thread.join(5)
    log = "".join(chunks)
    if proc.returncode != 0:
        raise SnapError(f"SNAP gpt failed (exit code {proc.returncode}): {gpt_error(log)}")
    return log


def _produced(part: str) -> Optional[str]:
    # SNAP's GeoTIFF writer adds .tif when the name has no extension; accept either
    for candidate in (part, part + ".tif"):
        if os.path.isfile(candidate):
            return candidate
    return None


def _cleanup(part: str, work: str) -> None:
    for path in glob.glob(glob.escape(part) + "*"):
        try:
            os.remove(path)
        except OSError:
            pass
    shutil.rmtree(work, ignore_errors=True)
