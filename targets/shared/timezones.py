"""Time zones as Zendesk and Freshdesk name them, and weekly hours moved between zones.

Both products take Ruby on Rails time-zone names ("Central Time (US & Canada)",
"London"), not IANA names. Several Rails names share one IANA zone; the table
keeps one of them per IANA zone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from playbook.timemath import utc_offset
from playbook.units import format_clock

RAILS_NAMES: dict[str, str] = {
    "Etc/GMT+12": "International Date Line West",
    "Pacific/Midway": "Midway Island",
    "Pacific/Pago_Pago": "American Samoa",
    "Pacific/Honolulu": "Hawaii",
    "America/Juneau": "Alaska",
    "America/Anchorage": "Alaska",
    "America/Los_Angeles": "Pacific Time (US & Canada)",
    "America/Tijuana": "Tijuana",
    "America/Denver": "Mountain Time (US & Canada)",
    "America/Phoenix": "Arizona",
    "America/Chihuahua": "Chihuahua",
    "America/Mazatlan": "Mazatlan",
    "America/Chicago": "Central Time (US & Canada)",
    "America/Regina": "Saskatchewan",
    "America/Mexico_City": "Mexico City",
    "America/Monterrey": "Monterrey",
    "America/Guatemala": "Central America",
    "America/New_York": "Eastern Time (US & Canada)",
    "America/Indiana/Indianapolis": "Indiana (East)",
    "America/Bogota": "Bogota",
    "America/Lima": "Lima",
    "America/Halifax": "Atlantic Time (Canada)",
    "America/Caracas": "Caracas",
    "America/La_Paz": "La Paz",
    "America/Santiago": "Santiago",
    "America/St_Johns": "Newfoundland",
    "America/Sao_Paulo": "Brasilia",
    "America/Argentina/Buenos_Aires": "Buenos Aires",
    "America/Montevideo": "Montevideo",
    "America/Guyana": "Georgetown",
    "America/Puerto_Rico": "Puerto Rico",
    "America/Nuuk": "Greenland",
    "America/Godthab": "Greenland",
    "Atlantic/South_Georgia": "Mid-Atlantic",
    "Atlantic/Azores": "Azores",
    "Atlantic/Cape_Verde": "Cape Verde Is.",
    "Europe/Dublin": "Dublin",
    "Europe/London": "London",
    "Europe/Lisbon": "Lisbon",
    "Africa/Casablanca": "Casablanca",
    "Africa/Monrovia": "Monrovia",
    "Etc/UTC": "UTC",
    "UTC": "UTC",
    "Europe/Belgrade": "Belgrade",
    "Europe/Bratislava": "Bratislava",
    "Europe/Budapest": "Budapest",
    "Europe/Ljubljana": "Ljubljana",
    "Europe/Prague": "Prague",
    "Europe/Sarajevo": "Sarajevo",
    "Europe/Skopje": "Skopje",
    "Europe/Warsaw": "Warsaw",
    "Europe/Zagreb": "Zagreb",
    "Europe/Brussels": "Brussels",
    "Europe/Copenhagen": "Copenhagen",
    "Europe/Madrid": "Madrid",
    "Europe/Paris": "Paris",
    "Europe/Amsterdam": "Amsterdam",
    "Europe/Berlin": "Berlin",
    "Europe/Zurich": "Zurich",
    "Europe/Rome": "Rome",
    "Europe/Stockholm": "Stockholm",
    "Europe/Vienna": "Vienna",
    "Africa/Algiers": "West Central Africa",
    "Europe/Bucharest": "Bucharest",
    "Africa/Cairo": "Cairo",
    "Europe/Helsinki": "Helsinki",
    "Europe/Kyiv": "Kyiv",
    "Europe/Kiev": "Kyiv",
    "Europe/Riga": "Riga",
    "Europe/Sofia": "Sofia",
    "Europe/Tallinn": "Tallinn",
    "Europe/Vilnius": "Vilnius",
    "Europe/Athens": "Athens",
    "Europe/Istanbul": "Istanbul",
    "Europe/Minsk": "Minsk",
    "Asia/Jerusalem": "Jerusalem",
    "Africa/Harare": "Harare",
    "Africa/Johannesburg": "Pretoria",
    "Europe/Kaliningrad": "Kaliningrad",
    "Europe/Moscow": "Moscow",
    "Europe/Volgograd": "Volgograd",
    "Europe/Samara": "Samara",
    "Asia/Kuwait": "Kuwait",
    "Asia/Riyadh": "Riyadh",
    "Africa/Nairobi": "Nairobi",
    "Asia/Baghdad": "Baghdad",
    "Asia/Tehran": "Tehran",
    "Asia/Muscat": "Muscat",
    "Asia/Dubai": "Abu Dhabi",
    "Asia/Baku": "Baku",
    "Asia/Tbilisi": "Tbilisi",
    "Asia/Yerevan": "Yerevan",
    "Asia/Kabul": "Kabul",
    "Asia/Yekaterinburg": "Ekaterinburg",
    "Asia/Karachi": "Karachi",
    "Asia/Tashkent": "Tashkent",
    "Asia/Kolkata": "Kolkata",
    "Asia/Calcutta": "Kolkata",
    "Asia/Kathmandu": "Kathmandu",
    "Asia/Dhaka": "Dhaka",
    "Asia/Colombo": "Sri Jayawardenepura",
    "Asia/Almaty": "Almaty",
    "Asia/Novosibirsk": "Novosibirsk",
    "Asia/Yangon": "Rangoon",
    "Asia/Rangoon": "Rangoon",
    "Asia/Bangkok": "Bangkok",
    "Asia/Jakarta": "Jakarta",
    "Asia/Krasnoyarsk": "Krasnoyarsk",
    "Asia/Shanghai": "Beijing",
    "Asia/Chongqing": "Chongqing",
    "Asia/Hong_Kong": "Hong Kong",
    "Asia/Urumqi": "Urumqi",
    "Asia/Kuala_Lumpur": "Kuala Lumpur",
    "Asia/Singapore": "Singapore",
    "Asia/Taipei": "Taipei",
    "Australia/Perth": "Perth",
    "Asia/Irkutsk": "Irkutsk",
    "Asia/Ulaanbaatar": "Ulaanbaatar",
    "Asia/Seoul": "Seoul",
    "Asia/Tokyo": "Tokyo",
    "Asia/Yakutsk": "Yakutsk",
    "Australia/Darwin": "Darwin",
    "Australia/Adelaide": "Adelaide",
    "Australia/Melbourne": "Melbourne",
    "Australia/Sydney": "Sydney",
    "Australia/Brisbane": "Brisbane",
    "Australia/Hobart": "Hobart",
    "Asia/Vladivostok": "Vladivostok",
    "Pacific/Guam": "Guam",
    "Pacific/Port_Moresby": "Port Moresby",
    "Asia/Magadan": "Magadan",
    "Asia/Srednekolymsk": "Srednekolymsk",
    "Pacific/Guadalcanal": "Solomon Is.",
    "Pacific/Noumea": "New Caledonia",
    "Pacific/Fiji": "Fiji",
    "Asia/Kamchatka": "Kamchatka",
    "Pacific/Majuro": "Marshall Is.",
    "Pacific/Auckland": "Auckland",
    "Pacific/Tongatapu": "Nuku'alofa",
    "Pacific/Fakaofo": "Tokelau Is.",
    "Pacific/Chatham": "Chatham Is.",
    "Pacific/Apia": "Samoa",
}

WEEK = 7 * 1440


def sample_days(years: tuple[int, int]) -> list[dt.datetime]:
    """Noon UTC on the 1st and 15th of every month: enough to see every DST state of a year."""
    return [
        dt.datetime(year, month, day, 12, tzinfo=dt.UTC)
        for year in range(years[0], years[1] + 1)
        for month in range(1, 13)
        for day in (1, 15)
    ]


def _offset(zone: str, moment: dt.datetime) -> int:
    return utc_offset(zone, moment.timestamp()) // 60


def shifts(source: str, target: str, moments: Iterable[dt.datetime]) -> list[int]:
    """Every difference (minutes) between `target` and `source` local time over the sample."""
    return sorted({_offset(target, m) - _offset(source, m) for m in moments})


def rails_zone(zone: str, moments: list[dt.datetime]) -> tuple[str, str | None]:
    """The Rails name for `zone` and, when none exists, the IANA zone it stands in for.

    A zone without a Rails name takes the name of one that keeps the same UTC
    offsets on every sampled day; failing that, UTC (the caller moves the hours).
    """
    if zone in RAILS_NAMES:
        return RAILS_NAMES[zone], zone
    for candidate in sorted(RAILS_NAMES):
        if shifts(zone, candidate, moments) == [0]:
            return RAILS_NAMES[candidate], candidate
    return "UTC", None


def week_intervals(windows: Iterable[tuple[int, int, int]], shift_sets: Iterable[list[int]]) -> list[tuple[int, int]]:
    """Minutes-of-week intervals (Sunday 00:00 = 0) that never cross midnight.

    `windows` are (day with 0 = Monday, start minute, end minute, possibly past
    1440); each comes with the shifts to apply, and the result is their union.
    """
    open_minutes = bytearray(WEEK)
    for (day, start, end), moves in zip(windows, shift_sets, strict=True):
        base = ((day + 1) % 7) * 1440
        for move in moves:
            for minute in range(base + start + move, base + end + move):
                open_minutes[minute % WEEK] = 1
    intervals: list[tuple[int, int]] = []
    for day_start in range(0, WEEK, 1440):
        minute = day_start
        while minute < day_start + 1440:
            if open_minutes[minute]:
                begin = minute
                while minute < day_start + 1440 and open_minutes[minute]:
                    minute += 1
                intervals.append((begin, minute))
            else:
                minute += 1
    return intervals


def day_hours(intervals: list[tuple[int, int]]) -> dict[str, list[str]]:
    """Minutes-of-week intervals as 'HH:MM-HH:MM' per weekday name (for manual steps)."""
    names = ("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday")
    result: dict[str, list[str]] = {}
    for start, end in intervals:
        day = start // 1440
        text = f"{format_clock(start - day * 1440)}-{format_clock(end - day * 1440)}"
        result.setdefault(names[day], []).append(text)
    return result
