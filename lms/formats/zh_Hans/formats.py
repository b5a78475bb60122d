"""Chinese pages keep the dates they have always shown (Django's zh_Hans formats), pinned here so
that an upgrade of Django cannot change them under the users: 2026年12月3日, 2026年12月3日 15:04.
Input still accepts 2026-12-03, 2026/12/03 and 2026年12月3日 (Django's input formats)."""

DATE_FORMAT = "Y年n月j日"
SHORT_DATE_FORMAT = "Y年n月j日"
DATETIME_FORMAT = "Y年n月j日 H:i"
SHORT_DATETIME_FORMAT = "Y年n月j日 H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "Y年n月"
MONTH_DAY_FORMAT = "m月j日"
FIRST_DAY_OF_WEEK = 1
