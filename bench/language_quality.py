"""Sentence-level precision and recall of the language checker, with alex beside it.

    .venv/bin/python bench/language_quality.py [--no-alex]

The corpus (bench/language_corpus.tsv) holds sentences written for hrkit,
labelled 1 (stigmatizing language about drug use) or 0 (acceptable), with
the hard cases well represented: clean syringes, user accounts, child abuse,
agency names. A sentence counts as flagged when a checker reports anything
in it. alex (https://alexjs.com) is installed from the npm registry into a
temporary folder and run on the same sentences, one file per sentence.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "language_corpus.tsv"


def read_corpus() -> list[tuple[int, str]]:
    rows = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, sentence = line.split("\t", 1)
            rows.append((int(label), sentence))
    return rows


def scores(labels: list[int], flagged: list[bool]) -> tuple[float, float, int, int]:
    true_pos = sum(1 for y, f in zip(labels, flagged, strict=True) if y and f)
    false_pos = sum(1 for y, f in zip(labels, flagged, strict=True) if not y and f)
    false_neg = sum(1 for y, f in zip(labels, flagged, strict=True) if y and not f)
    precision = true_pos / (true_pos + false_pos) if true_pos + false_pos else 0.0
    recall = true_pos / (true_pos + false_neg) if true_pos + false_neg else 0.0
    return precision, recall, false_pos, false_neg


def hrkit_flags(sentences: list[str]) -> list[bool]:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hrkit.settings")
    from hrkit.language.services import check_text

    return [bool(check_text(s)) for s in sentences]


ALEX_MESSAGE = re.compile(r"^\s+\d+:\d+(?:-\d+:\d+)?\s+warning\s+.*\s(\S+)\s+(\S+)\s*$")
# alex also warns about gendered pronouns and words it deems profane ("drug");
# the second alex figure leaves those out to compare like with like.
ALEX_OFF_TOPIC = re.compile(r"^(?:he-she|her-him|hers-his|herself-himself|gals-men|boy-girl)$")


def alex_flags(sentences: list[str]) -> tuple[list[bool], list[bool], Counter]:
    """alex on each sentence: any warning, warnings on topic, and rules that fired."""
    folder = Path(tempfile.mkdtemp(prefix="hrkit-alex-"))
    try:
        subprocess.run(
            ["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(folder),
             "alex"],
            check=True,
        )  # fmt: skip
        texts = folder / "sentences"
        texts.mkdir()
        for number, sentence in enumerate(sentences):
            (texts / f"{number:04d}.txt").write_text(sentence + "\n", encoding="utf-8")
        result = subprocess.run(
            [str(folder / "node_modules" / ".bin" / "alex"), "--text", "sentences"],
            capture_output=True, text=True, check=False, cwd=folder,
        )  # fmt: skip
        anything: set[int] = set()
        on_topic: set[int] = set()
        fired: Counter = Counter()
        current = -1
        for line in (result.stderr + result.stdout).splitlines():
            header = re.match(r"^sentences/(\d+)\.txt", line)
            if header:
                current = int(header.group(1))
                continue
            message = ALEX_MESSAGE.match(line)
            if message and current >= 0:
                rule, source = message.groups()
                fired[f"{source}:{rule}"] += 1
                anything.add(current)
                if source == "retext-equality" and not ALEX_OFF_TOPIC.match(rule):
                    on_topic.add(current)
        count = len(sentences)
        return [n in anything for n in range(count)], [n in on_topic for n in range(count)], fired
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-alex", action="store_true", help="skip the npm install and alex")
    parser.add_argument("--show", action="store_true", help="list hrkit's misses and mistakes")
    args = parser.parse_args()
    rows = read_corpus()
    labels = [y for y, _ in rows]
    sentences = [s for _, s in rows]
    print(f"corpus: {len(rows)} sentences, {sum(labels)} stigmatizing, "
          f"{len(rows) - sum(labels)} acceptable")  # fmt: skip
    ours = hrkit_flags(sentences)
    precision, recall, false_pos, false_neg = scores(labels, ours)
    print(f"{'hrkit':22} precision {precision:.3f}  recall {recall:.3f}  "
          f"(false positives {false_pos}, misses {false_neg})")  # fmt: skip
    if args.show:
        for y, s, f in zip(labels, sentences, ours, strict=True):
            if bool(y) != f:
                print(f"  {'miss' if y else 'false positive'}: {s}")
    if args.no_alex:
        return
    anything, on_topic, fired = alex_flags(sentences)
    for name, flagged in (("alex (any warning)", anything), ("alex (equality rules)", on_topic)):
        precision, recall, false_pos, false_neg = scores(labels, flagged)
        print(f"{name:22} precision {precision:.3f}  recall {recall:.3f}  "
              f"(false positives {false_pos}, misses {false_neg})")  # fmt: skip
    print("alex rules that fired most:", ", ".join(f"{r} {n}" for r, n in fired.most_common(8)))


if __name__ == "__main__":
    main()
