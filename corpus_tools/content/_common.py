"""Shared helpers and the (fictional) cast of the example documents.

Real persons: Carina Sammeli (S), Luleå, and Claes Nordmark (S), Boden, the two
kommunstyrelsens ordförande named in the real press release. Everybody else is invented.
"""
from __future__ import annotations

import datetime as dt


def _plus_days(iso: str, days: int) -> str:
    return (dt.date.fromisoformat(iso) + dt.timedelta(days=days)).isoformat()


def minutes(*, municipality: str, file: str, body: str, date: str, items: list[dict],
            place_time: str, beslutande: list[str], ovriga: list[str], justerare: str,
            sekreterare: str, ordforande: str, what: str, justering_days: int = 2,
            justering_place: str = "Stadshuset", keywords: str = "", **extra) -> dict:
    luleå = municipality == "Luleå kommun"
    just_date = _plus_days(date, justering_days)
    d = dict(
        kind="minutes",
        file=file,
        date=date,
        municipality=municipality,
        municipality_label=municipality,
        what=what,
        header_left="LULEÅ KOMMUN" if luleå else "BODENS KOMMUN",
        header_centre="PROTOKOLL" if luleå else "SAMMANTRÄDESPROTOKOLL",
        body=body,
        body_font="Times-Roman" if luleå else "Helvetica",
        body_size=11.5 if luleå else 10.5,
        pdf_title=f"Protokoll {body} {date}",
        place_time=place_time,
        beslutande=beslutande,
        ovriga=ovriga,
        justerare=justerare,
        justering=f"{justering_place}, {just_date}",
        sekreterare=sekreterare,
        ordforande=ordforande,
        anslag=dict(
            upp=_plus_days(just_date, 1),
            ned=_plus_days(just_date, 22),
            plats=("Kommunledningsförvaltningen, Stadshuset, Luleå" if luleå
                   else "Kommunledningskontoret, Stadshuset, Boden"),
        ),
        items=items,
        keywords=keywords or f"protokoll, {body}, {municipality}",
    )
    for it in items:
        it.setdefault("short", it["title"])
    d.update(extra)
    return d


def item(nr: int, dnr: str, title: str, *sections, short: str | None = None) -> dict:
    d = dict(nr=nr, dnr=dnr, title=title, sections=list(sections))
    if short:
        d["short"] = short
    return d
