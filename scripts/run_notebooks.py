#!/usr/bin/python3
"""Execute TypeScript notebooks with the project-local tslab kernel and report failures readably.

Usage: /usr/bin/python3 scripts/run_notebooks.py [--out-dir DIR] [--timeout S] [NOTEBOOK ...]
(default: every notebooks/*.ipynb, executed copies written to notebooks/.executed/).

Why not `jupyter nbconvert --execute`: tslab writes compile and runtime errors to its own stderr, so a
failing cell there ends with an empty error message. This runner executes each notebook with nbclient,
keeps going after a failure, and for every failing notebook prints the cell number, its source, the
error outputs of the cell and whatever the kernel wrote to stderr while it ran. Exit status 1 on any failure.
Executed notebooks (which embed the Plotly bundle) are written even when a cell fails; they are build output.
"""
import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

ROOT = Path(__file__).resolve().parent.parent
KERNEL_NAME = "vecbt-ts"


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line for line in text.splitlines()) or prefix


def _cell_report(cell) -> str:
    """Everything a cell printed that explains its failure: error outputs and stderr streams."""
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            parts.append(f"{out.get('ename', '')}: {out.get('evalue', '')}".strip(": "))
            tb = "\n".join(out.get("traceback", []))
            if tb:
                parts.append(tb)
        elif out.get("output_type") == "stream" and out.get("name") == "stderr":
            parts.append(out.get("text", "").rstrip())
    return "\n".join(p for p in parts if p)


async def run_one(path: Path, out_dir: Path, timeout: int, slots: asyncio.Semaphore) -> bool:
    async with slots:
        return await _run_one(path, out_dir, timeout)


async def _run_one(path: Path, out_dir: Path, timeout: int) -> bool:
    nb = nbformat.read(path, as_version=4)
    stderr_log = Path(tempfile.mkstemp(prefix="vecbt-kernel-", suffix=".log")[1])
    env = dict(os.environ, VECBT_KERNEL_STDERR=str(stderr_log))
    client = NotebookClient(
        nb,
        kernel_name=KERNEL_NAME,
        timeout=timeout,
        allow_errors=False,
        resources={"metadata": {"path": str(ROOT)}},
    )
    started = time.monotonic()
    ok = True
    failure = None
    try:
        await client.async_execute(env=env)
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
        ok = False
        failure = exc
    finally:
        out_dir.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, out_dir / path.name)
    elapsed = time.monotonic() - started
    if ok:
        print(f"ok   {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} ({elapsed:.1f}s)", flush=True)
        stderr_log.unlink(missing_ok=True)
        return True

    code_cells = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    # The failing cell is the last code cell that got an execution count.
    failing = None
    for i, c in code_cells:
        if c.get("execution_count") is not None:
            failing = (i, c)
    for i, c in code_cells:  # prefer a cell that actually holds an error output
        if any(o.get("output_type") == "error" for o in c.get("outputs", [])):
            failing = (i, c)
            break
    kernel_stderr = stderr_log.read_text(errors="replace").strip() if stderr_log.exists() else ""
    stderr_log.unlink(missing_ok=True)

    print(f"FAIL {path} ({elapsed:.1f}s): {type(failure).__name__}", file=sys.stderr)
    if failing is not None:
        idx, cell = failing
        number = [i for i, _ in code_cells].index(idx) + 1
        print(f"  failing cell: code cell {number} (cell index {idx}, execution_count {cell.get('execution_count')})", file=sys.stderr)
        print("  source:", file=sys.stderr)
        print(_indent(cell.source), file=sys.stderr)
        report = _cell_report(cell)
        print("  error:", file=sys.stderr)
        print(_indent(report or str(failure).strip() or "(the kernel gave no message)"), file=sys.stderr)
    else:
        print(_indent(str(failure)), file=sys.stderr)
    if kernel_stderr:
        print("  tslab stderr:", file=sys.stderr)
        print(_indent(kernel_stderr), file=sys.stderr)
    sys.stderr.flush()
    return False


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--out-dir", type=Path, default=ROOT / "notebooks" / ".executed")
    parser.add_argument("--timeout", type=int, default=300, help="seconds per cell")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="notebooks run at once (default: CPUs)")
    args = parser.parse_args(argv)

    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        [str(ROOT / ".jupyter")] + ([os.environ["JUPYTER_PATH"]] if os.environ.get("JUPYTER_PATH") else [])
    )
    os.environ.setdefault("TZ", "UTC")
    notebooks = [p.resolve() for p in args.notebooks] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    if not notebooks:
        print("no notebooks to run", file=sys.stderr)
        return 1
    async def run_all():
        slots = asyncio.Semaphore(max(1, args.jobs))
        return await asyncio.gather(*(run_one(p, args.out_dir.resolve(), args.timeout, slots) for p in notebooks))

    results = asyncio.run(run_all())
    failed = results.count(False)
    print(f"{len(results) - failed}/{len(results)} notebooks ran without error", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
