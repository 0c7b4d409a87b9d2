"""The results page shows the heatmap a page of rows at a time and caps free text on the page."""

from intranet.surveys.selectors import HEATMAP_ROWS_PER_PAGE, TEXTS_SHOWN, results_page


def result_with(rows: int, texts: int) -> dict:
    columns = [{"code": "leadership", "name": "리더십"}]
    return {
        "participation": {"audience": 1, "responses": 1, "response_rate": 100},
        "overall": {"score": 80.0},
        "areas": [],
        "comparison": None,
        "questions": [
            {
                "kind": "text",
                "text": "하고 싶은 말",
                "result": {"n": texts, "texts": [f"의견 {i}" for i in range(texts)]},
            }
        ],
        "heatmap": {
            "columns": columns,
            "rows": [
                {
                    "key": str(i),
                    "label": f"부서{i}",
                    "overall": {"score": 80.0, "n": 9},
                    "cells": {"leadership": {"score": 81.0, "n": 9}},
                }
                for i in range(rows)
            ],
        },
    }


def test_heatmap_rows_come_a_page_at_a_time():
    page = results_page(result_with(rows=HEATMAP_ROWS_PER_PAGE * 2 + 5, texts=0), heatmap_page="3")
    assert [row["label"] for row in page["heatmap"]["rows"]] == [f"부서{i}" for i in range(60, 65)]
    assert page["heatmap_page"].paginator.num_pages == 3
    assert page["charts"]["heatmap"].count("부서6") >= 5  # the chart draws the same slice
    assert "부서0<" not in page["charts"]["heatmap"]


def test_bad_heatmap_page_falls_back_to_a_real_page():
    page = results_page(result_with(rows=3, texts=0), heatmap_page="abc")
    assert page["heatmap_page"].number == 1


def test_free_text_is_capped_on_the_page_but_kept_in_the_result():
    page = results_page(result_with(rows=1, texts=TEXTS_SHOWN + 7), heatmap_page=None)
    question = page["questions"][0]
    assert len(question["texts_shown"]) == TEXTS_SHOWN
    assert len(question["result"]["texts"]) == TEXTS_SHOWN + 7
