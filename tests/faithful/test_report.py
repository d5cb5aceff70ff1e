"""report: the HTML view and the JSON form of a report."""

from __future__ import annotations

import json

from ringkas.faithful import check


def test_html_shows_both_sides_and_what_the_other_side_has() -> None:
    report = check("Harga naik 30 persen, Senin.", "The price rose 13 percent on Sunday.")
    page = report._repr_html_()
    assert "<mark" in page and "Harga naik" in page and "The price rose" in page
    assert "[percent: 13 percent]" in page  # on the source side: what the output has
    assert "[percent: 30 persen]" in page  # on the output side: what the source has
    assert "2 issue(s)" in page


def test_html_escapes_text() -> None:
    assert "&lt;b&gt;" in check("<b>Harga</b> naik.", "<b>Price</b> rose.")._repr_html_()


def test_to_dict_is_json() -> None:
    report = check("Harga naik 30 persen.", "The price rose 13 percent.")
    data = json.loads(json.dumps(report.to_dict()))
    assert data["ok"] is False and data["issues"][0]["kind"] == "percent"
    assert report.counts() == {"percent": 1}
    assert "13 percent" in repr(report)
