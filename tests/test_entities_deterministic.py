"""Entities do not depend on the process's string-hash seed: a re-index finds the same names."""

from __future__ import annotations

import os
import subprocess
import sys

# Two organisations that start alike, and a person-shaped mention of their common start: which one
# "E.F. Hutton" is must not depend on the order of a set (that varies with PYTHONHASHSEED).
SCRIPT = """
from index.entities.extract import _one_kind_per_name
from index.entities.shapes import Mention
mentions = [
    Mention(0, 19, "org", "E.F. Hutton LBO", "E.F. Hutton LBO Inc"),
    Mention(40, 61, "org", "E.F. Hutton Group", "E.F. Hutton Group Inc"),
    Mention(80, 91, "person", "E.F. Hutton", "E.F. Hutton"),
]
print(_one_kind_per_name(mentions)[2])
"""


def test_entities_same_whatever_the_hash_seed():
    outputs = set()
    for seed in ("0", "1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True
        )
        outputs.add(run.stdout)
    assert outputs == {
        "Mention(start=80, end=91, kind='org', name='E.F. Hutton LBO', surface='E.F. Hutton')\n"
    }
