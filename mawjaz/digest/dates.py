"""Dates, times and counts as a reader reads them, in Arabic and English, in the reader's time zone.

Month names: the Gregorian names of the Gulf and Egyptian press (يناير، فبراير، مارس …، مايو …) —
what Al Jazeera, Al Arabiya, Asharq Al-Awsat and most Gulf papers print — rather than the Levantine
Syriac names (كانون الثاني، شباط، آذار …), which read as regional to a Gulf or North African reader.
Digits are Western (0–9), as those papers print them.

Counted nouns follow Arabic number agreement: one and two are said with the noun alone
(«مصدر واحد»، «مصدران»), 3–10 take the plural («3 مصادر»), 11–99 the accusative singular
(«11 مصدراً»), and hundreds the genitive singular («100 مصدر»).
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_ZONE = "Asia/Riyadh"

MONTHS_AR = (
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
)
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DAYS_AR = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")  # Monday first, as weekday()
DAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def zone_of(name: str | None) -> tzinfo:
    try:
        return ZoneInfo(name or DEFAULT_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def local(moment: datetime, zone: str | None) -> datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone_of(zone))


def long_date(moment: datetime, zone: str | None, lang: str) -> str:
    """«الأحد 14 مايو 2018» / "Sunday 14 May 2018": the day the reader is in."""
    day = local(moment, zone)
    if lang == "en":
        return f"{DAYS_EN[day.weekday()]} {day.day} {MONTHS_EN[day.month - 1]} {day.year}"
    return f"{DAYS_AR[day.weekday()]} {day.day} {MONTHS_AR[day.month - 1]} {day.year}"


def count_ar(n: int, one: str, two: str, plural: str, accusative: str, singular: str) -> str:
    """An Arabic counted noun: (1) ``one``, (2) ``two``, 3–10 ``plural``, 11–99 ``accusative``, 100… ``singular``."""
    if n == 1:
        return one
    if n == 2:
        return two
    rest = n % 100
    if 3 <= rest <= 10:
        return f"{n} {plural}"
    if 11 <= rest <= 99:
        return f"{n} {accusative}"
    return f"{n} {singular}"


def sources(n: int, lang: str) -> str:
    """«مصدر واحد»، «مصدران»، «3 مصادر»، «11 مصدراً» / "1 source", "3 sources"."""
    if lang == "en":
        return f"{n} source" if n == 1 else f"{n} sources"
    return count_ar(n, "مصدر واحد", "مصدران", "مصادر", "مصدراً", "مصدر")


def _ago_ar(n: int, one: str, two: str, plural: str, singular: str) -> str:
    # After منذ the noun is genitive: منذ ساعة، منذ ساعتين، منذ 3 ساعات، منذ 11 ساعة.
    return "منذ " + count_ar(n, one, two, plural, singular, singular)


def relative(moment: datetime, now: datetime, zone: str | None, lang: str) -> str:
    """When ``moment`` was, seen from ``now``: «منذ 3 ساعات»، «أمس 18:40»، «12 مايو 18:40» / "3 hours ago"."""
    then, today = local(moment, zone), local(now, zone)
    seconds = (today - then).total_seconds()
    clock = f"{then:%H:%M}"
    en = lang == "en"
    if seconds < 60:
        return "just now" if en else "الآن"
    if seconds < 3600:
        minutes = int(seconds // 60)
        if en:
            return "1 minute ago" if minutes == 1 else f"{minutes} minutes ago"
        return _ago_ar(minutes, "دقيقة", "دقيقتين", "دقائق", "دقيقة")
    days = (today.date() - then.date()).days
    if days == 0 or seconds < 6 * 3600:
        hours = int(seconds // 3600)
        if en:
            return "1 hour ago" if hours == 1 else f"{hours} hours ago"
        return _ago_ar(hours, "ساعة", "ساعتين", "ساعات", "ساعة")
    if days == 1:
        return f"yesterday {clock}" if en else f"أمس {clock}"
    if en:
        return f"{then.day} {MONTHS_EN[then.month - 1]} {clock}"
    return f"{then.day} {MONTHS_AR[then.month - 1]} {clock}"


def other_reports(n: int, lang: str) -> str:
    """Stories of the same event a digest folded into one: «تقرير آخر عن الحدث»، «3 تقارير أخرى عن الحدث».

    >>> other_reports(1, "ar"), other_reports(3, "ar"), other_reports(11, "ar"), other_reports(1, "en")
    ('تقرير آخر عن الحدث', '3 تقارير أخرى عن الحدث', '11 تقريراً آخر عن الحدث', '1 more report of this event')
    """
    if lang == "en":
        return f"{n} more report of this event" if n == 1 else f"{n} more reports of this event"
    return count_ar(n, "تقرير آخر", "تقريران آخران", "تقارير أخرى", "تقريراً آخر", "تقرير آخر") + " عن الحدث"


def more_outlets(n: int, lang: str) -> str:
    """The outlets not named: «ومصدر آخر»، «ومصدران آخران»، «و3 مصادر أخرى» / "and 3 more"."""
    if lang == "en":
        return f"and {n} more"
    return "و" + count_ar(n, "مصدر آخر", "مصدران آخران", "مصادر أخرى", "مصدراً آخر", "مصدر آخر")
