"""Whether a message for people holds English: issue 22.14 (no English sentence reaches a user).

Allowed: what the message quotes (“…”, "…", '…': the user's own text or codes), file names, keys and paths
(``parameters.outpatient.share[1].start``, ``phase_in.until``, ``--compare-on``), and single words a key or format is
written in (``true 或 false``, ``YYYY-MM-DD``, ``JSON``, ``UTF-8``). Two English words in a row are a sentence:
pydantic's "Input should be a valid date", Python's "invalid literal for int()", argparse's "expected one argument".
"""

from __future__ import annotations

import re

QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|'[^']*'|《[^》]*》")
FILE_OR_KEY = re.compile(r"[\w.\-/\\:]+\.(?:json|csv|xlsx|pdf|sqlite3|png|txt)\b|[\w\-]*[._\[/][\w.\-\[\]/]*|--[\w-]+")
SENTENCE = re.compile(r"[A-Za-z]{2,}(?:[ ,;'()]+[A-Za-z]{2,})+")


def english_in(message: str) -> str | None:
    """The first English sentence in the message, or None."""
    bare = FILE_OR_KEY.sub("", QUOTED.sub("", message))
    found = SENTENCE.search(bare)
    return None if found is None else found.group()
