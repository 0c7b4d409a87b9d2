"""SVG charts: accessible, escaped, hidden cells drawn without numbers, readable text colours."""

import xml.etree.ElementTree as ET

import pytest

from intranet.surveys.charts import (
    INK,
    area_bar_chart,
    contrast_ratio,
    heat_colour,
    heatmap_chart,
    text_colour_on,
)

SVG = "{http://www.w3.org/2000/svg}"

DATA = {
    "areas": [
        {
            "code": "lead",
            "name": "리더십 <b>",
            "order": 1,
            "rank": 1,
            "score": 86.4,
            "ci_low": 85.0,
            "ci_high": 87.8,
        },
        {"code": "comm", "name": "소통", "order": 2, "rank": None, "suppressed": True},
    ],
    "heatmap": {
        "columns": [{"code": "lead", "name": "리더십 <b>"}],
        "rows": [
            {
                "key": "1",
                "label": "기획팀 & 홍보",
                "overall": {"score": 80.0, "n": 9},
                "cells": {"lead": {"score": 91.0, "n": 9}},
            },
            {
                "key": "2",
                "label": "감사팀",
                "overall": {"suppressed": True},
                "cells": {"lead": {"suppressed": True}},
            },
        ],
    },
}


@pytest.mark.parametrize("chart", [area_bar_chart, heatmap_chart])
def test_accessible_and_escaped(chart):
    markup = str(chart(DATA))
    root = ET.fromstring(markup)  # well-formed: labels were escaped
    assert root.get("role") == "img" and root.get("aria-label")
    assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None
    assert "<b>" not in markup and "&lt;b&gt;" in markup
    assert "http" not in markup.replace("http://www.w3.org/2000/svg", "")  # nothing from outside


def test_hidden_cells_carry_no_number():
    markup = str(heatmap_chart(DATA))
    root = ET.fromstring(markup)
    hidden = [g for g in root.iter(f"{SVG}g") if "응답자 수가 적어" in (g.findtext(f"{SVG}title") or "")]
    assert len(hidden) == 2
    for group in hidden:
        assert group.findtext(f"{SVG}text") == "비공개"
        assert "url(#" in group.find(f"{SVG}rect").get("fill")


def test_text_colours_pass_contrast():
    for score in range(0, 101, 5):
        fill = heat_colour(score, 0, 100)
        assert contrast_ratio(text_colour_on(fill), fill) >= 4.5
    assert contrast_ratio(INK, "#E6E6E6") >= 4.5 and contrast_ratio(INK, "#C8C8C8") >= 4.5
