"""Reading command arguments people type: times in any digits, time zones by name or city.

Pure functions; each raises :class:`CommandError` with a bilingual,
user-facing message when the argument is wrong.
"""

from __future__ import annotations

import re
import zoneinfo
from functools import lru_cache

from mawjaz.errors import CommandError
from mawjaz.text import normalise
from mawjaz.text.invisible import drop_invisible

# Arabic-Indic (٠-٩) and Eastern Arabic-Indic / Persian (۰-۹) digits read as 0-9.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_TIME = re.compile(r"^(\d{1,2})\s*[:٫.،,]\s*(\d{2})$")
_HOUR = re.compile(r"^(\d{1,2})$")

# The zones offered as buttons, with the city people know them by.
COMMON_ZONES: tuple[tuple[str, str, str], ...] = (
    ("Asia/Riyadh", "الرياض", "Riyadh"),
    ("Africa/Cairo", "القاهرة", "Cairo"),
    ("Asia/Dubai", "دبي", "Dubai"),
    ("Asia/Qatar", "الدوحة", "Doha"),
    ("Asia/Kuwait", "الكويت", "Kuwait"),
    ("Asia/Bahrain", "المنامة", "Manama"),
    ("Asia/Muscat", "مسقط", "Muscat"),
    ("Asia/Baghdad", "بغداد", "Baghdad"),
    ("Asia/Amman", "عمّان", "Amman"),
    ("Asia/Beirut", "بيروت", "Beirut"),
    ("Asia/Damascus", "دمشق", "Damascus"),
    ("Asia/Gaza", "غزة", "Gaza"),
    ("Asia/Aden", "عدن", "Aden"),
    ("Africa/Khartoum", "الخرطوم", "Khartoum"),
    ("Africa/Tripoli", "طرابلس", "Tripoli"),
    ("Africa/Tunis", "تونس", "Tunis"),
    ("Africa/Algiers", "الجزائر", "Algiers"),
    ("Africa/Casablanca", "الدار البيضاء", "Casablanca"),
    ("Africa/Nouakchott", "نواكشوط", "Nouakchott"),
    ("Europe/London", "لندن", "London"),
)
_CITY_NAMES = {
    **{ar: zone for zone, ar, _en in COMMON_ZONES},
    **{en.casefold(): zone for zone, _ar, en in COMMON_ZONES},
    "مكة": "Asia/Riyadh",
    "جدة": "Asia/Riyadh",
    "الاسكندرية": "Africa/Cairo",
    "الإسكندرية": "Africa/Cairo",
    "ابوظبي": "Asia/Dubai",
    "أبوظبي": "Asia/Dubai",
    "أبو ظبي": "Asia/Dubai",
    "ابو ظبي": "Asia/Dubai",
    "عمان": "Asia/Amman",
    "الرباط": "Africa/Casablanca",
    "القدس": "Asia/Jerusalem",
    "صنعاء": "Asia/Aden",
    "الدار البيضاء": "Africa/Casablanca",
    "بنغازي": "Africa/Tripoli",
    "الموصل": "Asia/Baghdad",
}


def western_digits(text: str) -> str:
    """``٠٧:٣٠`` → ``07:30``: Arabic-Indic and Persian digits become ASCII."""
    return text.translate(_DIGITS)


def parse_time(text: str) -> str:
    """``07:30``, ``7:30``, ``٠٧:٣٠``, ``7.30`` or ``7`` → ``'07:30'`` (24-hour clock)."""
    cleaned = drop_invisible(western_digits(text or "")).strip()
    match = _TIME.match(cleaned) or _HOUR.match(cleaned)
    if match is None:
        raise CommandError("اكتب الوقت بنظام 24 ساعة، مثل: /time 07:30\nGive a 24-hour time, e.g. /time 07:30")
    hour = int(match.group(1))
    minute = int(match.group(2)) if match.lastindex and match.lastindex >= 2 else 0
    if hour > 23 or minute > 59:
        raise CommandError(f"الوقت {cleaned} غير صحيح: الساعة 0–23 والدقيقة 0–59\n{cleaned} is not a time of day")
    return f"{hour:02d}:{minute:02d}"


@lru_cache(maxsize=1)
def _zones() -> dict[str, str]:
    """Every IANA zone name, keyed case-insensitively."""
    return {name.casefold(): name for name in zoneinfo.available_timezones()}


def parse_zone(text: str) -> str:
    """An IANA zone (``Asia/Riyadh``, any case) or a known city (``الرياض``, ``Cairo``) → the canonical name."""
    cleaned = drop_invisible(text or "").strip()
    if "/" in cleaned:
        cleaned = re.sub(r"\s+", "_", cleaned)
    if not cleaned:
        raise CommandError("اكتب المنطقة الزمنية، مثل: /tz Asia/Riyadh\nGive a time zone, e.g. /tz Asia/Riyadh")
    by_city = _CITY_NAMES.get(cleaned) or _CITY_NAMES.get(cleaned.casefold())
    if by_city:
        return by_city
    found = _zones().get(cleaned.casefold())
    if found is None:
        raise CommandError(
            f"لا أعرف المنطقة الزمنية «{cleaned[:64]}»؛ استعمل اسماً مثل Asia/Riyadh أو Africa/Cairo\n"
            f"Unknown time zone {cleaned[:64]!r}: use a name like Asia/Riyadh or Africa/Cairo"
        )
    return found


def zone_label(zone: str, lang: str) -> str:
    """The city people know a common zone by, else the zone name itself."""
    for name, ar, en in COMMON_ZONES:
        if name == zone:
            return ar if lang == "ar" else en
    return zone


def split_command(text: str) -> tuple[str, str]:
    """``'/topic@MawjazBot داعش'`` → ``('topic', 'داعش')``; a leading slash and a bot mention are dropped."""
    text = drop_invisible(text or "").strip()
    if not text:
        return "", ""
    head, _, rest = text.partition(" ")
    if "\n" in head:
        head, _, more = head.partition("\n")
        rest = f"{more}\n{rest}".strip()
    return head.lstrip("/").split("@", 1)[0].casefold(), rest.strip()


_INTERVAL = re.compile(r"^\s*(\d+)\s*([smhd]?)\s*$", re.IGNORECASE)
_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
MAX_INTERVAL_S = 30 * 86400


def parse_interval(text: str) -> int:
    """A feed's polling interval in seconds: ``900``, ``15m``, ``1h`` (any digits); a minute to 30 days.

    The upper bound keeps the next fetch time a date the database and Python
    can hold (``99999999d`` would overflow both), and a feed polled less than
    monthly is a feed nobody reads.
    """
    match = _INTERVAL.match(text.translate(_DIGITS))
    if match is None:
        raise CommandError(f"cannot read {text[:40]!r} as an interval: use e.g. 900, 15m, 1h")
    seconds = int(match.group(1)) * _SECONDS[match.group(2).lower()]
    if seconds < 60:
        raise CommandError("poll a feed at most once a minute (interval >= 60 s)")
    if seconds > MAX_INTERVAL_S:
        raise CommandError(f"poll a feed at least every 30 days (interval <= {MAX_INTERVAL_S} s)")
    return seconds


# --- schedules a reader picks and Telegram channels -------------------------------

#: The most digests a reader may have a day (``/time 07:00 13:00 19:30``).
MAX_TIMES = 3

#: Weekday names as shown (Monday 0, as ``date.weekday()`` counts).
WEEKDAYS: tuple[tuple[str, str], ...] = (
    ("monday", "الاثنين"),
    ("tuesday", "الثلاثاء"),
    ("wednesday", "الأربعاء"),
    ("thursday", "الخميس"),
    ("friday", "الجمعة"),
    ("saturday", "السبت"),
    ("sunday", "الأحد"),
)
_DAILY = frozenset({"day", "daily", "days", "يوم", "يوميا", "يومياً", "اليوم"})
_WEEKLY = frozenset({"week", "weekly", "اسبوع", "أسبوع", "الاسبوع", "الأسبوع", "اسبوعيا", "أسبوعياً", "أسبوعيا"})
_AND = frozenset({"و", "and", "&", "،", ","})
_CHANNEL = re.compile(r"^(?:@|(?:https?://)?t\.me/)([A-Za-z][A-Za-z0-9_]{3,31})/?$", re.IGNORECASE)
_CHANNEL_ID = re.compile(r"^-100\d{5,15}$")


def parse_times(text: str) -> tuple[str, ...]:
    """``07:30 19:30`` (any digits, «و» between them allowed) → ``('07:30', '19:30')``: sorted, at most three."""
    words = [w for w in western_digits(drop_invisible(text or "")).split() if w.casefold() not in _AND]
    words = [w[1:] if w.startswith("و") and w[1:2].isdigit() else w for w in words]
    if not words:
        raise CommandError(
            "اكتب وقتاً أو أكثر بنظام 24 ساعة، مثل: /time 07:30 19:30\nGive one to three times, e.g. /time 07:30 19:30"
        )
    times = sorted({parse_time(word) for word in words})
    if len(times) > MAX_TIMES:
        raise CommandError(
            f"ثلاثة مواجيز في اليوم على الأكثر، مثل: /time 07:00 13:00 19:30\nAt most {MAX_TIMES} briefs a day, "
            "e.g. /time 07:00 13:00 19:30"
        )
    return tuple(times)


@lru_cache(maxsize=1)
def _weekday_forms() -> dict[str, int]:
    forms: dict[str, int] = {}
    for number, (en, ar) in enumerate(WEEKDAYS):
        forms[en] = forms[en[:3]] = number
        bare = normalise(ar)
        forms[bare] = forms[bare.removeprefix("ال")] = number
    return forms


def parse_weekday(text: str) -> int:
    """``friday``, ``fri``, ``الجمعة``, ``جمعة`` → 4 (Monday 0)."""
    found = _weekday_forms().get(normalise(drop_invisible(text or "").strip()))
    if found is None:
        raise CommandError(
            f"لا أعرف اليوم «{text[:20]}»؛ اكتب مثلاً: الجمعة أو friday\nUnknown weekday {text[:20]!r}: e.g. friday"
        )
    return found


def parse_every(text: str, today: int) -> int | None:
    """``day`` → None (every day); ``week [weekday]`` or a weekday alone → that weekday (``today`` when none)."""
    words = drop_invisible(text or "").casefold().split()
    if words[:1] == ["كل"]:
        words = words[1:]
    if len(words) == 1 and words[0] in _DAILY:
        return None
    if words and words[0] in _WEEKLY and len(words) <= 2:
        return parse_weekday(words[1]) if len(words) == 2 else today
    if len(words) == 1 and normalise(words[0]) in _weekday_forms():
        return parse_weekday(words[0])
    raise CommandError(
        "اكتب: /every day لموجز كل يوم، أو /every week friday لموجز أسبوعي\n"
        "Use /every day for a daily brief, or /every week friday for a weekly one"
    )


def weekday_name(weekday: int, lang: str) -> str:
    en, ar = WEEKDAYS[weekday]
    return ar if lang == "ar" else en.capitalize()


def each_weekday(weekday: int, lang: str) -> str:
    """The weekday as it follows «كل» / "every": «جمعة» (كل جمعة, not كل الجمعة), ``Friday``."""
    return weekday_name(weekday, lang).removeprefix("ال") if lang == "ar" else weekday_name(weekday, lang)


def parse_channel(text: str) -> str:
    """A Telegram channel as the Bot API takes it: ``@name`` (lower case) or a ``-100…`` id; ``t.me/name`` too."""
    cleaned = drop_invisible(text or "").strip()
    if _CHANNEL_ID.match(cleaned):
        return cleaned
    match = _CHANNEL.match(cleaned)
    if match is None:
        raise CommandError(
            f"«{cleaned[:40]}» ليست قناة تيليغرام: اكتب @اسم_القناة أو معرّفها -100…\n"
            f"{cleaned[:40]!r} is not a Telegram channel: give @channelname or its -100… id"
        )
    return "@" + match.group(1).lower()
