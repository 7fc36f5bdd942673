"""Word knowledge shared by the components: jieba's dictionary (loaded once per process)
and a compact regex for large word lists."""

from __future__ import annotations

import logging
import re
from functools import cache
from typing import Iterable


@cache
def _tokenizer():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def _jieba_freq() -> dict[str, int]:
    return _tokenizer().FREQ


def word_freq(word: str) -> int:
    """How common a word is in jieba's dictionary (0 when it is no word there)."""
    return _jieba_freq().get(word) or 0


def is_word(word: str) -> bool:
    return len(word) > 1 and bool(_jieba_freq().get(word))


# jieba's dictionary also holds rare strings (由宝钛: 6) that are no words of the language; a
# cue inside one of those is still a boundary (由宝钛集团 -> 宝钛集团; 有色: 291 stays a word).
MIN_WORD_FREQ = 20


def crosses_word(text: str, start: int, end: int, lo: int, hi: int) -> bool:
    """True when text[start:end] sits inside a longer dictionary word within [lo, hi):
    有 in 有色, 以 in 可以. Such a cue is no boundary."""
    freq = _jieba_freq()
    for a in range(max(lo, start - 2), start + 1):
        for b in range(max(end, a + 2), min(hi, end + 2, a + 3) + 1):
            if freq.get(text[a:b], 0) >= MIN_WORD_FREQ:
                return True
    return False


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of words as a prefix trie (fast for thousands of words);
    longer words win over their prefixes."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True
    return _trie_regex(trie)


def _trie_regex(node: dict) -> str:
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body
