"""Word knowledge shared by the components: jieba's dictionary (loaded once per process)
and a compact regex for large word lists."""

from __future__ import annotations

import logging
import re
from functools import cache, lru_cache
from typing import Iterable


@cache
def _tokenizer():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


@cache
def _jieba_freq() -> dict[str, int]:
    return _tokenizer().FREQ


def word_freq(word: str) -> int:
    """How common a word is in jieba's dictionary (0 when it is no word there)."""
    return _jieba_freq().get(word, 0)


@cache
def _tags() -> dict[str, str]:
    import jieba.posseg

    return jieba.posseg.dt.word_tag_tab


def tag_table() -> dict[str, str]:
    """jieba's word -> part-of-speech tag table."""
    return _tags()


def word_tag(word: str) -> str:
    """jieba's part-of-speech tag of a dictionary word (ns: place name, n: noun …; "" if none)."""
    return _tags().get(word, "")


@lru_cache(maxsize=16384)
def words_of(text: str) -> list[str]:
    """jieba's segmentation of a short text (its dictionary, no HMM guesses); cached, so
    callers must not change the list."""
    return _tokenizer().lcut(text, HMM=False)


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


def word_crosses_ends(text: str, start: int, end: int, open_end: bool = False) -> bool:
    """Does a dictionary word cross either end of text[start:end] (国投 in 全国投资, 钢铁 in
    钢铁厂)? open_end: the span ends in a head and may be followed by anything."""
    for a in range(max(0, start - 2), start):
        for b in range(start + 1, min(end, a + 4) + 1):
            if word_freq(text[a:b]) >= MIN_WORD_FREQ:
                return True
    if open_end:
        return False
    for a in range(max(start, end - 2), end):
        for b in range(end + 1, min(len(text), a + 4) + 1):
            if word_freq(text[a:b]) >= MIN_WORD_FREQ:
                return True
    return False


# A common word of another class than a name: names are tagged ns/nr/nz/nt by jieba.
_COMMON_WORD_FREQ = 300
NAME_TAGS = ("ns", "nr", "nz", "nt")


@lru_cache(maxsize=1 << 16)  # bounded: a corpus has millions of distinct 2-4 character strings
def common_word(word: str) -> bool:
    return word_freq(word) >= _COMMON_WORD_FREQ and word_tag(word) not in NAME_TAGS


# A word that crosses a name's edge needs less evidence (医保|定点: 医保 273): any dictionary
# word of some use that is not itself a place or person name.
_CROSSING_WORD_FREQ = 100


@lru_cache(maxsize=1 << 16)
def _crossing_word(word: str) -> bool:
    return word_freq(word) >= _CROSSING_WORD_FREQ and word_tag(word) not in ("ns", "nr")


def crosses_edge(text: str, start: int, end: int, keep_suffix: str = "") -> bool:
    """Does a common word cross an edge of text[start:end]? 提高|县域 crosses 高县's left edge,
    隐患和|田间 和田's right edge; not where a word that ends (starts) at the edge covers it
    (打造|成渝: 造成 loses to 打造). A last character in keep_suffix may open a word of its
    own (衡阳市|委), so the right edge is not checked then."""
    for a in range(max(0, start - 2), start):  # words starting before, ending inside
        if any(_crossing_word(text[x:start]) for x in range(max(0, start - 3), a)):
            continue
        if any(_crossing_word(text[a:b]) for b in range(start + 1, min(end, a + 4) + 1)):
            return True
    if text[end - 1] in keep_suffix:
        return False
    for a in range(start + 1, end):  # words starting inside, running past the end
        for b in range(end + 1, min(len(text), a + 4) + 1):
            if _crossing_word(text[a:b]) and not any(
                    _crossing_word(text[end:y]) for y in range(b + 1, min(len(text), end + 3) + 1)):
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
