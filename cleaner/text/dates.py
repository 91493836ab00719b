"""Parse the date expressions found in datelines into ISO 8601, keeping the source's precision.

"Posted November. 25, 2002 23:02," -> ``2002-11-25T23:02``: no seconds invented, no timezone
invented (a zone is written only when the source names one, as an offset or a known
abbreviation; a zone that follows daylight saving time, "ET", maps to its region in the pack and
gets that region's offset on that date and time). Month names and zone abbreviations come from the rule pack (``months``,
``timezones`` in ``packs/metadata.toml``), so other languages are data, not code.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Mapping


@dataclass(frozen=True)
class DateParser:
    """A compiled parser for one set of month names, prefixes and zones."""

    pattern: re.Pattern[str]
    months: Mapping[str, int]
    zones: Mapping[str, str]

    @classmethod
    def build(cls, months: Mapping[str, int], prefixes: list[str], zones: Mapping[str, str], weekdays: list[str]) -> "DateParser":
        month_alt = "|".join(re.escape(m) for m in sorted(months, key=len, reverse=True))
        prefix_alt = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
        zone_alt = "|".join(re.escape(z) for z in sorted(zones, key=len, reverse=True))
        weekday_alt = "|".join(re.escape(w) for w in sorted(weekdays, key=len, reverse=True))
        time = (
            r"(?:(?:at|@|às|um|à|alle|pukul|om|a\s+las|,)\s*)?"
            r"(?P<hh>\d{1,2})[:.h](?P<mi>\d{2})(?::(?P<ss>\d{2}))?"
            r"\s*(?P<ampm>[ap]\.?\s?m\.?)?(?:\s*(?:Uhr|uur))?"
            rf"(?:\s*(?:(?P<zone>{zone_alt})|(?P<off>[+-]\d{{2}}:?\d{{2}})|\((?P<zone2>{zone_alt})\)))?"
            # a zone we cannot map ("PT", "AMT") is dropped, not invented; so is the same time
            # given again in another zone ("04:05 pm PT (07:05 pm ET)")
            r"(?:\s*(?-i:[A-Z]{2,5})\b)?(?:\s*\([^()]{1,30}\))?"
        ) if zone_alt else (
            r"(?:(?:at|@|às|um|à|alle|pukul|om|a\s+las|,)\s*)?"
            r"(?P<hh>\d{1,2})[:.h](?P<mi>\d{2})(?::(?P<ss>\d{2}))?\s*(?P<ampm>[ap]\.?\s?m\.?)?(?:\s*(?:Uhr|uur))?(?:\s*(?P<off>[+-]\d{2}:?\d{2}))?"
        )
        day = r"(?P<d>\d{1,2})(?:st|nd|rd|th|\.)?"
        date_forms = [
            rf"(?P<mon>{month_alt})\.?\s*{day},?\s+(?P<y>\d{{4}})",  # November 25, 2002
            rf"(?P<d2>\d{{1,2}})(?:st|nd|rd|th|\.)?\s+(?:de\s+|of\s+)?(?P<mon2>{month_alt})\.?,?\s+(?:de\s+)?(?P<y2>\d{{4}})",  # 25 November 2002
            r"(?P<y3>\d{4})[-./](?P<m3>\d{1,2})[-./](?P<d3>\d{1,2})\.?",  # 2002-11-25, 2019.11.19
            r"(?P<y4>\d{4})\s*년\s*(?P<m4>\d{1,2})\s*월\s*(?P<d4>\d{1,2})\s*일",  # 2002년 11월 25일
            r"(?P<y5>\d{4})\s*年\s*(?P<m5>\d{1,2})\s*月\s*(?P<d5>\d{1,2})\s*日",  # 2002年11月25日
            r"(?P<d6>\d{1,2})\.(?P<m6>\d{1,2})\.(?P<y6>\d{4})",  # 25.11.2002
        ]
        prefix = rf"(?:(?:{prefix_alt})\s*[:：]?\s*[\[(]?\s*)?" if prefix_alt else ""
        weekday = rf"(?:(?:{weekday_alt})\.?,?\s+)?" if weekday_alt else ""
        # The time may also come first ("Published 10:02 am EST Nov 19, 2019"): the same
        # pattern with its groups renamed (``hh`` -> ``hh_f``...).
        time_first = re.sub(r"\(\?P<(\w+)>", r"(?P<\1_f>", time)
        body = (
            rf"^[\s|·•\-–—]*{prefix}(?:{time_first}\s*(?:,|\||·|-|–|—|on)?\s*)?{weekday}(?:{'|'.join(date_forms)})"
            rf"(?:\s*(?:,|-|–|—|\||·|/)?\s*(?:T)?{time})?[\s,.;|·•\-–—\])]*$"
        )
        return cls(re.compile(body, re.IGNORECASE), {k.casefold(): v for k, v in months.items()}, {k.casefold(): v for k, v in zones.items()})

    def parse(self, line: str) -> str | None:
        """The ISO date of a line that is a dateline and nothing else, or ``None``.

        >>> p = DateParser.build({"November": 11, "Nov": 11}, ["Posted"], {"GMT": "Z"}, ["Monday"])
        >>> p.parse("Posted November. 25, 2002 23:02,\\u00a0\\u00a0")
        '2002-11-25T23:02'
        >>> p.parse("Monday, 25 Nov 2002 at 11:02 pm GMT")
        '2002-11-25T23:02Z'
        >>> p.parse("November 25, 2002 was the day it happened") is None
        True
        """
        m = self.pattern.match(line.strip())
        if m is None:
            return self._parse_pieces(line)
        g = m.groupdict()
        if g.get("mon"):
            year, month, day = int(g["y"]), self.months[g["mon"].casefold()], int(g["d"])
        elif g.get("mon2"):
            year, month, day = int(g["y2"]), self.months[g["mon2"].casefold()], int(g["d2"])
        else:
            for k in "3456":
                if g.get("y" + k):
                    year, month, day = int(g["y" + k]), int(g["m" + k]), int(g["d" + k])
                    break
            else:  # pragma: no cover - the pattern guarantees one form matched
                return None
        if not (1800 <= year <= 2200 and 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]):
            return None
        out = f"{year:04d}-{month:02d}-{day:02d}"
        if g.get("hh") is None and g.get("hh_f") is not None:
            g = {k[:-2]: v for k, v in g.items() if k.endswith("_f")}
        if g.get("hh") is None:
            return out
        hour, minute = int(g["hh"]), int(g["mi"])
        ampm = (g.get("ampm") or "").replace(".", "").replace(" ", "").lower()
        if ampm:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if ampm == "pm" else 0)
        if hour > 23 or minute > 59:
            return None
        out += f"T{hour:02d}:{minute:02d}"
        if g.get("ss") is not None:
            if int(g["ss"]) > 59:
                return None
            out += f":{int(g['ss']):02d}"
        zone = g.get("zone") or g.get("zone2")
        if zone:
            offset = self.zones[zone.casefold()]
            out += _offset_in(offset, year, month, day, hour, minute) if "/" in offset else offset
        elif g.get("off"):
            off = g["off"].replace(":", "")
            out += "Z" if off in ("+0000", "-0000") else f"{off[:3]}:{off[3:]}"
        return out

    def _parse_pieces(self, line: str) -> str | None:
        """A line of several datelines ("Posted : 2024-03-05 14:22 | Updated : 2024-03-05
        18:40"): the first one's date, when every piece is a dateline and nothing else.

        >>> p = DateParser.build({}, ["Posted", "Updated"], {"KST": "+09:00"}, [])
        >>> p.parse("Posted : 2024-03-05 14:22 | Updated : 2024-03-05 18:40 KST")
        '2024-03-05T14:22'
        >>> p.parse("Posted : 2024-03-05 14:22 | Seoul") is None
        True
        """
        pieces = [piece for piece in _PIECE_SEPARATOR.split(line) if piece.strip()]
        if len(pieces) < 2 or len(pieces) > 3:
            return None
        found = [self.pattern.match(piece.strip()) is not None and self.parse(piece) for piece in pieces]
        return found[0] if all(found) else None


#: Between the datelines of one line: a bar, a middle dot or a bullet with spaces around.
_PIECE_SEPARATOR = re.compile(r"\s+[|·•]\s+")


def _offset_in(region: str, year: int, month: int, day: int, hour: int, minute: int) -> str:
    """The UTC offset (``-04:00``) of an IANA region (``America/New_York``) at that local time;
    empty when the system has no time-zone data for it (then no zone is written).

    >>> _offset_in("America/New_York", 2024, 3, 5, 9, 30), _offset_in("America/New_York", 2024, 7, 5, 9, 30)
    ('-05:00', '-04:00')
    """
    from datetime import datetime
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        offset = datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(region)).utcoffset()
    except (ZoneInfoNotFoundError, ValueError):
        return ""
    if offset is None:  # pragma: no cover - a ZoneInfo always answers
        return ""
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return "Z" if minutes == 0 else f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
