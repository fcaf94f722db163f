"""Office files (Word, Excel) are zip packages: rewrite them so the same content always gives the same bytes."""

from __future__ import annotations

import datetime
import zipfile
from io import BytesIO

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
"""The earliest time a zip entry can carry; used for every entry instead of the clock."""


def stable_zip(data: bytes) -> bytes:
    """The zip `data` with its entries in the same order but fixed times, permissions and compression."""
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry), compresslevel=6)
    return out.getvalue()


def document_time(date: str) -> datetime.datetime:
    """The moment a document says it was made: the model's date (midnight UTC), never the clock.

    A model without a date gets 2000-01-01, so its documents still come out the same every time.
    """
    try:
        day = datetime.date.fromisoformat(date)
    except ValueError:
        day = datetime.date(2000, 1, 1)
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)
