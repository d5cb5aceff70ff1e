"""The bundled ringkas-news set: size, splits, fields, and a card that matches the file."""

from __future__ import annotations

from collections import Counter

from ringkas.data.bundled import NEWS_FILE, card_statistics, load_ringkas_news, read_records
from ringkas.text.clean import clean_article

FIELDS = {
    "id",
    "split",
    "topic",
    "raw",
    "clean",
    "sentences_id",
    "translation_en",
    "summary_id",
    "summary_en",
}


def test_file_has_40_records_sorted_with_every_field() -> None:
    records = read_records()
    assert len(records) == 40
    assert [r["id"] for r in records] == sorted(r["id"] for r in records)
    assert all(set(r) == FIELDS for r in records)
    assert Counter(r["split"] for r in records) == {"test": 32, "dev": 8}
    assert Counter(r["topic"] for r in records) == dict.fromkeys(
        [
            "economy",
            "politics",
            "technology",
            "disaster",
            "health",
            "sport",
            "culture",
            "regional",
            "law",
            "transport",
        ],
        4,
    )


def test_records_are_consistent() -> None:
    for r in read_records():
        assert len(r["sentences_id"]) == len(r["translation_en"]), r["id"]
        assert all(s in r["clean"] for s in r["sentences_id"]), r["id"]
        assert "Baca Juga" not in r["clean"] and "Advertisement" not in r["clean"], r["id"]
        assert clean_article(r["raw"]).text == r["clean"], r["id"]


def test_loader_maps_the_schema() -> None:
    news = load_ringkas_news()
    assert {name: news[name].num_rows for name in news} == {"test": 32, "dev": 8}
    row = news["test"][0]
    record = next(r for r in read_records() if r["id"] == row["id"])
    assert row["text"] == record["clean"]
    assert row["summary"] == record["summary_id"]
    assert row["translation"] == " ".join(record["translation_en"])
    assert row["lang"] == "id"
    assert row["sentences_id"] == record["sentences_id"]
    assert row["summary_en"] == record["summary_en"] and row["topic"] == record["topic"]
    assert set(news["dev"].column_names) >= {"id", "text", "summary", "translation", "lang", "raw"}


def test_card_ships_next_to_the_data_and_its_statistics_match() -> None:
    card = (NEWS_FILE.parent / "README.md").read_text(encoding="utf-8")
    block = card.split("<!-- statistics:begin -->\n")[1].split("\n<!-- statistics:end -->")[0]
    assert block == card_statistics()
    assert "CC BY 4.0" in card
    assert "| **all** | 32 | 8 | 40 |" in block
