"""Hypothesis strategies for texts that reach the rules (shared by the equivalence and the
prefilter tests)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from cleaner.packs import load_packs


def _strings(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value}
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return set().union(*map(_strings, items)) if items else set()


#: Every phrase, label and word of the built-in packs (patterns too: odd lines, but lines).
PACK_STRINGS = sorted(_strings([dict(load_packs().rule_data(key)) for key in load_packs().keys()]))

#: Pieces that reach the rules: chrome-like lines (labels, share rows, counters, bylines, dates,
#: page furniture), prose of several scripts, quotes, punctuation runs, odd spaces, hyphenation.
CHROME_LINES = [
    "Share", "Facebook", "Twitter", "Email", "Print", "Home", "Menu", "Share on Facebook", "Facebook | Twitter | Email",
    "Advertisement", "ADVERTISEMENT", "Related", "Related Articles", "Read more", "12 Comments", "Leave a comment",
    "Sign up for our newsletter", "Subscribe", "We use cookies to improve your experience.", "Accept", "Back to top",
    "Skip to content", "Home > News > World", "Page 2 of 5", "1 2 3 4 Next", "Tags: politics, economy",
    "By Jane Roe", "By JANE ROE and John Doe", "Photo: Reuters", "(AP Photo/John Doe)", "© 2019 Example News",
    "Copyright 2020 Example Media. All rights reserved.", "Posted November 25, 2002 23:02", "Nov 18, 2019 at 9:24 pm ET",
    "WASHINGTON (Reuters) -", "jane.roe@example.com", "[1]: https://example.com/a", "<div class=\"x\">", "&nbsp;",
    "English | Español | Français", "Continued on page 4", "12", "THE DAILY EXAMPLE", "Monday, March 3, 1997",
    "Watch the video", "Download our app", "#news #world", "Follow us on Twitter", "Loading...", "Close",
    "China, NATO to Enter into Strategic Talks | Example News", "정덕현 기자", "记者 王小明", "Por Ana Silva",
]
PROSE = [
    "China will hold a strategic dialogue with the North Atlantic Treaty Organization next year, officials said.",
    "The two sides reportedly discussed the plan on the sidelines of the summit held in Prague on Nov. 22.",
    "He said: \"We are ready,\" and left -- without a word . . . to anyone.",
    "It`s the media`s view , they said ; and ``quoted'' words ˝here˝ follow.",
    "The commit- tee met on Mon- day to dis-\ncuss the budget for the coming year in detail.",
    "중국이 내년부터 북대서양조약기구와 전략 대화를 정례화하기로 했다고 25일 중국 언론이 보도했다.",
    "中国将于明年与北约举行战略对话，这是双方军事关系的重大转变。",
    "日本語のテキストと English words と混在した文章です。",
    "Правительство одобрило новый закон о бюджете после долгого обсуждения.",
    "Il governo ha approvato ieri la nuova legge di bilancio dopo una lunga discussione.",
    "ﬁnal ofﬁce e\u0301tude caf\u00e9 Ã©tÃ© \u200bzero\u00adwidth",
]
PIECES = st.sampled_from(CHROME_LINES + PROSE + [
    "", "", "  ", "\t", "...", "!!!", "???", "-- --", "***", "• • •", "|", "«»", "“", "”", "‘", "’", "'", "\"", "`",
    "\u00a0", "\u3000", "\x00", "\x07", "—", "–", "…", ". .", " ,", "(", ")", "[", "]", ":", "ǅ", "ß", "İ", "ſ",
])
LINE = st.one_of(
    PIECES,
    st.sampled_from(PACK_STRINGS),
    st.lists(st.sampled_from(PACK_STRINGS), min_size=2, max_size=4).map(" | ".join),
    st.lists(PIECES, min_size=1, max_size=5).map(" ".join),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30),
)
DOCUMENTS = st.lists(LINE, min_size=1, max_size=25).map("\n".join)
