"""Byline, dateline, source and headline rules, one line at a time."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.ingest.metadata import (
    complete_metadata,
    headline,
    metadata_from_text,
    parse_byline,
    parse_date,
    parse_date_line,
    parse_dateline,
    parse_source_line,
)
from quotes.ingest.types import ArticleInput


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Agnes Szucs", ("Agnes Szucs", None)),
        ("BY JOHN SMITH and Mary-Kate O'Neil", ("JOHN SMITH and Mary-Kate O'Neil", None)),
        ("By Agnes Szucs | Anadolu Agency", ("Agnes Szucs", "Anadolu Agency")),
        ("By John Q.", ("John Q.", None)),
        ("by the way, he said", None),
        ("By Friday, NATO will decide.", None),
        ("By then.", None),
        ("Bystanders said the explosion was loud", None),
    ],
)
def test_byline(line: str, expected: tuple[str, str | None] | None) -> None:
    assert parse_byline(line) == expected


@pytest.mark.parametrize(
    ("line", "place", "outlet", "published"),
    [
        ("BRUSSELS, December 17. /TASS/. The North Atlantic Council", "BRUSSELS", "TASS", None),
        ("MOSCOW (AP) — Russia said on Monday", "MOSCOW", "The Associated Press", None),
        ("KYIV, Ukraine (AP) — The mayor said", "KYIV, Ukraine", "The Associated Press", None),
        ("(Reuters) - NATO said on Friday", None, "Reuters", None),
        (
            "WASHINGTON, Dec 17, 2021 (Reuters) - The US said",
            "WASHINGTON",
            "Reuters",
            dt.date(2021, 12, 17),
        ),
        (
            "LONDON, 17 December 2021 (AFP) -- Britain said",
            "LONDON",
            "Agence France-Presse",
            dt.date(2021, 12, 17),
        ),
    ],
)
def test_dateline(line: str, place: str | None, outlet: str, published: dt.date | None) -> None:
    dateline = parse_dateline(line)
    assert dateline is not None
    assert (dateline.place, dateline.outlet, dateline.published) == (place, outlet, published)


@pytest.mark.parametrize(
    "line",
    [
        "The North Atlantic Treaty Organization (NATO) - a military alliance",
        "NATO (the alliance) said it was ready.",
        "Moscow said on Monday it was ready.",
    ],
)
def test_not_a_dateline(line: str) -> None:
    assert parse_dateline(line) is None


def test_source_line() -> None:
    assert parse_source_line("Source: The Associated Press") == "The Associated Press"
    assert parse_source_line("Source: AP") == "The Associated Press"
    assert parse_source_line("Sources said the talks would resume.") is None


def test_dates() -> None:
    assert parse_date("December 17, 2021") == dt.date(2021, 12, 17)
    assert parse_date("17 Dec 2021") == dt.date(2021, 12, 17)
    assert parse_date("2021-12-17T10:00:00Z") == dt.date(2021, 12, 17)
    assert parse_date("December 17") is None  # no year: not guessed
    assert parse_date("February 30, 2021") is None
    assert parse_date_line("Published: December 17, 2021 10:04 GMT") == dt.date(2021, 12, 17)
    assert parse_date_line("December 17, 2021 was a cold day for everyone in Brussels") is None


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("NATO invites Russia to new talks", "NATO invites Russia to new talks"),
        ("# Kremlin rejects NATO offer", "Kremlin rejects NATO offer"),
        ("•NATO chief says he has sent letter", "NATO chief says he has sent letter"),
        ("NATO invited Russia to new talks on Thursday.", None),
        ("By Agnes Szucs", None),
        ("Hello", None),
        ("x " * 30, None),
    ],
)
def test_headline(line: str, title: str | None) -> None:
    assert headline(line) == title


def test_metadata_from_text() -> None:
    text = (
        "NATO invites Russia to talks\n"
        "By Agnes Szucs\n"
        "\n"
        "BRUSSELS, December 17, 2021 (AP) — NATO said it was ready.\n"
        "More text follows here.\n"
    )
    meta = metadata_from_text(text)
    assert meta.title == "NATO invites Russia to talks"
    assert meta.author == "Agnes Szucs"
    assert meta.outlet == "The Associated Press"
    assert meta.published == dt.date(2021, 12, 17)


def test_trailing_source_line_and_no_title_for_a_sentence() -> None:
    text = "NATO said on Monday it was ready to talk.\nMore.\n\nSource: Reuters\n"
    meta = metadata_from_text(text)
    assert meta.title is None
    assert meta.outlet == "Reuters"


def test_given_metadata_wins_and_text_is_untouched() -> None:
    text = "Kremlin rejects offer\nBy Agnes Szucs\nMOSCOW (AP) — The Kremlin said no.\n"
    article = complete_metadata(ArticleInput(text=text, outlet="Given Outlet"))
    assert article.outlet == "Given Outlet"
    assert article.author == "Agnes Szucs"
    assert article.title == "Kremlin rejects offer"
    assert article.text == text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_metadata_never_raises_nor_touches_the_text(text: str) -> None:
    article = complete_metadata(ArticleInput(text=text))
    assert article.text == text
    if article.title is not None:
        assert article.title in text
    if article.author is not None:
        assert article.author in text


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("Ministers met on Monday.\nThey agreed on little.\nCredit | AA", "Anadolu Agency"),
        ("Ministers met on Monday.\nThey agreed on little.\nCredit: Reuters.", "Reuters"),
        ("Talks resume.\nAlso on rt.com Markets fall again\nMore text.", "RT"),
        ("Talks resume.\nAlso on www.example-news.org More\nMore text.", "example-news.org"),
        ("A mayor spoke.\nIn an interview with RFE/RL, she said little.\nEnd.", "RFE/RL"),
        # An interview with an outlet that is not a known one names nobody.
        ("A mayor spoke.\nIn an interview with Bob, she said little.\nEnd.", None),
        # A credit line in the middle of the story is prose, not a trailer.
        ("Credit | AA\n" + "A long story line.\n" * 10, None),
        # "Photo credit" credits a picture, not the story.
        ("Ministers met.\nPhoto credit: Jane Roe\n", None),
    ],
)
def test_outlet_from_credits_cross_links_and_own_interviews(text: str, outlet: str | None) -> None:
    assert metadata_from_text(text).outlet == outlet


def test_a_dateline_outranks_weaker_outlet_signals() -> None:
    text = "MOSCOW (AP) — Talks resumed.\nIn an interview with RFE/RL, he said.\nCredit | AA"
    assert metadata_from_text(text).outlet == "The Associated Press"
