"""Table columns every module shares."""

import django_tables2 as tables

from intranet.korean import format_korean_date


class KoreanDateColumn(tables.Column):
    """A date (or, with ``with_time``, a moment) written the one Korean way: 2025. 3. 14."""

    def __init__(self, *args, with_time: bool = False, **kwargs):
        self.with_time = with_time
        super().__init__(*args, **kwargs)

    def render(self, value):
        return format_korean_date(value, with_time=self.with_time)
