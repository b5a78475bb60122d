"""The SVG charts: names are escaped, long labels are cut to fit, empty series draw nothing."""

from __future__ import annotations

from reports.charts import Bar, column_chart, hbar_chart


def test_labels_are_escaped_and_cut_to_the_label_column():
    svg = hbar_chart(
        [Bar("<script>x</script>", 3, "3"), Bar("一二三四五六七八九十", 1, "1")],
        title="逾期",
        chart_id="c",
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "一二三四五六…" in svg  # seven CJK characters fill the label column
    assert 'role="img"' in svg and '<title id="c-title">逾期</title>' in svg


def test_bars_scale_to_the_largest_value_and_zero_draws_no_bar():
    svg = column_chart([Bar("1月", 0, "0%"), Bar("2月", 50, "50%")], title="t", chart_id="p",
                       maximum=100)  # fmt: skip
    heights = [float(part.split('"')[0]) for part in svg.split('height="')[1:]]
    assert heights == [0, 60]  # half of the 120-unit plot; nothing for zero
