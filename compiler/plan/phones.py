"""Phone numbers as people read, dial and search for them.

The playbook stores a number as E.164 text ('+16155550102': the schema admits only
'+' and digits). Read aloud at 3 am that is eleven digits in a row, so documents show
it grouped the way its country writes it ('+1 615-555-0102'), keep the `tel:` link to
exactly the digits written, and search matches a number however it is typed
('615-555-0102', '(615) 555 0102', '+1 615 555 0102', a UK number with its
trunk '0', '00 44 ...' from abroad, '+44 (0)20 ...'). Grouping and national
forms come from libphonenumber's metadata (the `phonenumbers` port), which knows
every country's plan; a number it cannot parse is shown as written and still
searchable by its digits.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# Fewer typed digits than this match too many numbers to mean one of them.
MIN_SEARCH_DIGITS = 4


@dataclass(frozen=True)
class Phone:
    written: str  # as in the playbook
    display: str  # grouped, international: '+1 615-555-0102'
    national: str  # as dialled inside the country: '(615) 555-0102'; '' when unknown
    tel: str  # 'tel:+16155550102': the written digits, nothing added or dropped but separators
    keys: tuple[str, ...]  # digit strings a typed number may be part of

    def matches(self, typed: str) -> bool:
        """Whether `typed` (any punctuation, spaces, a leading + or 0) is this number or a run of its digits."""
        wanted = digits(typed)
        return len(wanted) >= MIN_SEARCH_DIGITS and any(wanted in key for key in self.keys)


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


@functools.lru_cache(maxsize=4096)
def phone(written: str) -> Phone:
    import phonenumbers  # ~25 ms; only documents and the MCP server pay for it

    own = digits(written)
    tel = f"tel:+{own}" if own else ""
    try:
        number = phonenumbers.parse(written if written.startswith("+") else f"+{own}", None)
    except phonenumbers.NumberParseException:
        return Phone(written, written, "", tel, (own,) if own else ())
    if not phonenumbers.is_possible_number(number):
        return Phone(written, written, "", tel, (own,))
    display = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    # Also as dialled from abroad: 00 (most of the world) or 011 (North America) before the country code;
    # and the British habit '+44 (0)20 ...', the country code before the national form with its trunk 0.
    written_forms = (own, digits(national), f"00{own}", f"011{own}", f"{number.country_code}{digits(national)}")
    keys = tuple(dict.fromkeys(key for key in written_forms if key))
    return Phone(written, display, national, tel, keys)
