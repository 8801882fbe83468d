"""Throughput and peak memory of `hrkit lint` on large plain text, with alex beside it.

    .venv/bin/python bench/language_speed.py [--sizes 5,20,50] [--alex-mb 1,5,50]
        [--under-load SECONDS [--attackers N]]

Two kinds of text, each with one stigmatizing corpus sentence in every
twenty sentences (a finding every kilobyte or so, denser than most real
documents):

- "prose": paragraphs of the project's own README and docs, the kind of text
  people check;
- "hard": paragraphs of the corpus's acceptable sentences, nearly every one a
  near miss (clean syringes, user accounts, child abuse, agency names) that
  the checker must look at closely: the worst case.

Each run is a fresh process on one core; its peak resident memory comes
from the kernel (wait4). Figures include start-up (Django, loading rules).
"""

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from language_quality import read_corpus  # noqa: E402


def prose_sentences() -> list[str]:
    text = " ".join(
        p.read_text(encoding="utf-8") for p in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")]
    )
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.strip()) > 20]


def write_text(path: Path, megabytes: float, kind: str) -> None:
    rows = read_corpus()
    acceptable = [s for y, s in rows if not y] if kind == "hard" else prose_sentences()
    stigmatizing = [s for y, s in rows if y]
    chooser = random.Random(5)
    target = int(megabytes * 1_000_000)
    written = 0
    with path.open("w", encoding="utf-8") as out:
        while written < target:
            sentences = chooser.sample(acceptable, 19) + [chooser.choice(stigmatizing)]
            chooser.shuffle(sentences)
            paragraph = " ".join(sentences) + "\n\n"
            out.write(paragraph)
            written += len(paragraph.encode())


def measure(command: list[str], timeout: float | None = None) -> tuple[float, float, int] | None:
    """Seconds, peak memory (MB) and exit status of one run, or None on timeout."""
    started = time.perf_counter()
    child = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
        preexec_fn=lambda: os.sched_setaffinity(0, {min(os.sched_getaffinity(0))}),
    )  # fmt: skip
    deadline = None if timeout is None else started + timeout
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if deadline and time.perf_counter() > deadline:
            child.kill()
            os.wait4(child.pid, 0)
            return None
        time.sleep(0.05)
    return time.perf_counter() - started, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5,20,50", help="MB of text for hrkit, comma-separated")
    parser.add_argument("--alex-mb", default="1,5,50", help="MB of text for alex ('' to skip)")
    parser.add_argument("--alex-timeout", type=float, default=300.0)
    parser.add_argument(
        "--under-load",
        type=float,
        default=0,
        metavar="SECONDS",
        help="also attack the served checker at its rate limit for SECONDS, timing /find/",
    )
    parser.add_argument("--attackers", type=int, default=1, help="clients at the rate limit")
    args = parser.parse_args()
    if args.under_load:
        from checker_under_load import run

        run(args.under_load, args.attackers)
    folder = Path(tempfile.mkdtemp(prefix="hrkit-speed-"))
    hrkit = [str(ROOT / ".venv" / "bin" / "hrkit"), "lint"]
    try:
        for kind in ("prose", "hard"):
            for size in [float(s) for s in args.sizes.split(",") if s]:
                path = folder / f"{kind}-{size:g}mb.txt"
                write_text(path, size, kind)
                result = measure([*hrkit, str(path)])
                assert result is not None
                seconds, peak, status = result
                rate = size / seconds
                print(f"hrkit lint  {kind:5} {size:5g} MB  {seconds:6.2f} s  {rate:6.1f} MB/s  "
                      f"peak {peak:6.1f} MB  exit {status}")  # fmt: skip
        sizes = [float(s) for s in args.alex_mb.split(",") if s]
        if not sizes:
            return
        subprocess.run(
            ["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix",
             str(folder / "npm"), "alex"],
            check=True,
        )  # fmt: skip
        alex = [str(folder / "npm" / "node_modules" / ".bin" / "alex"), "--text", "--quiet"]
        for size in sizes:
            path = folder / f"prose-{size:g}mb.txt"
            if not path.exists():
                write_text(path, size, "prose")
            result = measure([*alex, str(path)], timeout=args.alex_timeout)
            if result is None:
                print(f"alex        prose {size:5g} MB  did not finish in {args.alex_timeout:g} s")
                continue
            seconds, peak, status = result
            print(f"alex        prose {size:5g} MB  {seconds:6.2f} s  {size / seconds:6.1f} MB/s  "
                  f"peak {peak:6.1f} MB  exit {status}")  # fmt: skip
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
