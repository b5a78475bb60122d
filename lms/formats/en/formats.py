"""English pages write every date one way, ISO 8601 (2026-12-03, 2026-12-03 15:04).

Django's English defaults mix "Dec. 3, 2026" (DATE_FORMAT) with "12/03/2026" (SHORT_DATE_FORMAT),
and messages built in Python already write "%Y-%m-%d %H:%M"; ISO reads the same to everyone
and matches them. Times are 24-hour, as on the Chinese pages.
"""

DATE_FORMAT = "Y-m-d"
SHORT_DATE_FORMAT = "Y-m-d"
DATETIME_FORMAT = "Y-m-d H:i"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "Y-m"
MONTH_DAY_FORMAT = "m-d"
FIRST_DAY_OF_WEEK = 1  # Monday, as the agencies' week starts
