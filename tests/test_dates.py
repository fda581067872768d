from datetime import date

import pytest

from indexer.dates import find_dates, find_labelled_date, find_labelled_dates, parse_swedish_date


@pytest.mark.parametrize("text, expected", [
    ("7 juni 2022", date(2022, 6, 7)),
    ("7 jun 2022", date(2022, 6, 7)),
    ("7 jun. 2022", date(2022, 6, 7)),
    ("den 7 juni 2022", date(2022, 6, 7)),
    ("tisdagen den 7 juni 2022", date(2022, 6, 7)),
    ("2022-06-07", date(2022, 6, 7)),
    ("2022-6-7", date(2022, 6, 7)),
    ("20220607", date(2022, 6, 7)),
    ("7/6 2022", date(2022, 6, 7)),
    ("7/6-2022", date(2022, 6, 7)),
    ("1:a maj 2023", date(2023, 5, 1)),
    ("12 mars 2024", date(2024, 3, 12)),
    ("3 sept. 2021", date(2021, 9, 3)),
    ("3 SEPTEMBER 2021", date(2021, 9, 3)),
    ("30 okt 2020", date(2020, 10, 30)),
    ("24 dec 2019", date(2019, 12, 24)),
    ("2022-06-07T10:15:00+02:00", date(2022, 6, 7)),
    ("Uppdaterat: 7 juni 2022", date(2022, 6, 7)),
    ("15.09.2022", date(2022, 9, 15)),                 # Finland-Swedish minutes
    ("Sammanträdestid 15.9.2022 kl. 18.00", date(2022, 9, 15)),
])
def test_parse_swedish_date(text, expected):
    assert parse_swedish_date(text) == expected


@pytest.mark.parametrize("text", [
    "", None, "2022-13-45", "2022-02-30", "31 juni 2022", "20221345", "juni 2022", "7 juni",
    "Dnr BN-2023-00211", "Dnr 2022/0456", "2024–2033", "hej", "31.9.2022", "NKBY/497/12.03.01/2022", "1.11.0",
])
def test_invalid_or_missing_dates_are_none(text):
    assert parse_swedish_date(text) is None


def test_find_dates_spans():
    text = "Beslut den 7 juni 2022; justerat 2022-06-09 och anslaget 10/6 2022."
    found = find_dates(text)
    assert [d for d, _s, _e in found] == [date(2022, 6, 7), date(2022, 6, 9), date(2022, 6, 10)]
    for d, s, e in found:
        assert parse_swedish_date(text[s:e]) == d
    assert text[found[0][1]:found[0][2]] == "7 juni 2022"


def test_find_dates_skips_invalid_and_diary_numbers():
    assert find_dates("Dnr KS 2022/0318, BN-2023-00211 och 2022-13-45") == []


def test_find_dates_range():
    assert [d for d, *_ in find_dates("2022-06-01–2022-06-30")] == [date(2022, 6, 1), date(2022, 6, 30)]


def test_labelled_date_prefers_label_order():
    text = "Uppdaterat: 8 juni 2022\nPublicerad: 2022-06-07"
    assert find_labelled_date(text) == date(2022, 6, 7)
    assert find_labelled_date(text, labels=("uppdaterat",)) == date(2022, 6, 8)


def test_labelled_date_across_line_break_and_compound_label():
    assert find_labelled_date("KUNGSBACKA KOMMUN\nDatum\n2024-05-23\n") == date(2024, 5, 23)
    assert find_labelled_date("Sammanträdesdatum 2022-06-07") == date(2022, 6, 7)
    # "datum" inside "sammanträdesdatum" is not a separate label
    found = find_labelled_dates("Sammanträdesdatum 2022-06-07")
    assert [lab for lab, *_ in found] == ["sammanträdesdatum"]


def test_labelled_date_needs_label_next_to_date():
    assert find_labelled_date("Datum för nästa möte är inte bestämt. 2022-06-07") is None
    assert find_labelled_date("Publicerat 12 mars 2024") == date(2024, 3, 12)
    assert find_labelled_date("Publicerad den 12 mars 2024 kl. 10.00") == date(2024, 3, 12)
    assert find_labelled_date("inget datum här") is None
