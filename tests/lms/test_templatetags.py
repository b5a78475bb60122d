"""Template filters shared by the apps."""


def test_exam_clock_filter_matches_the_page_script():
    from lms.templatetags.lms_tags import clock

    assert [clock(s) for s in (3600, 3599, 61, 0, -5)] == [
        "1:00:00",
        "59:59",
        "01:01",
        "00:00",
        "00:00",
    ]
