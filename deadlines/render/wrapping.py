"""Line breaking that keeps French typography whole: no break at a no-break space.

French puts a no-break space (U+00A0) before ":" and inside « », and a narrow one (U+202F) before ";",
"?", "!" and "%", precisely so that a line never starts with the punctuation. rich 15 splits words at any
Unicode whitespace, these included, and printed "; OIMF-FINMA" at the start of a line. Its word pattern
(``rich._wrap.re_word``) is replaced once, when rich first draws our text, by the same pattern with those
two characters counted as part of a word. (A table squeezed below its columns' widest words still folds
them, there as anywhere.) ``tests/test_table_lines.py`` checks the result on rich's own wrapping, so a rich
release that moves the pattern fails there rather than wrapping wrongly.
"""

from __future__ import annotations

import re

import rich._wrap

NO_BREAK = "\u00a0\u202f"  # no-break space, narrow no-break space
# Breakable white space, then a word (no-break spaces inside it), then breakable white space: rich's
# "\s*\S+\s*" with the no-break spaces moved from the first class to the second.
WORD = re.compile(rf"[^\S{NO_BREAK}]*[\S{NO_BREAK}]+[^\S{NO_BREAK}]*")

rich._wrap.re_word = WORD
