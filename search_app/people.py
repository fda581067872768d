"""Persons (Swedish pages and their JSON): /person/<namn>, its Atom feed and CSV,
and /api/persons/<namn>.

A person page lists what the minutes in the index write under one name
(indexer/search/people.py): the meetings whose attendance lists name the person,
with the roles written there, and the § items where the person moved
(yrkande), reserved themselves, voted (where the minutes list the ballots) or
declared a conflict of interest (jäv), newest first, each with a link to the §
in its document and to its case. Nothing else is inferred; the page says that
one name may be several persons.

The template helpers here (``person_url``, ``item_persons``, ``meeting_roles``)
let the decision lists, case pages and document pages link names to these pages.
"""
from __future__ import annotations

import hashlib
from typing import Any

from flask import Blueprint, jsonify, render_template, url_for

from indexer.names import party_label
from indexer.search.people import MAX_NAME_LENGTH
from indexer.store.base import PersonAct, PersonMeeting, PersonRecord
from indexer.structure.people import ROLE_KINDS, ROLE_LABELS, ItemPeople, role_from_json, title_kinds

from .export import csv_response, export_filename
from .feeds import FeedEntry, atom_response, day_updated, index_built_at
from .serialize import case_url, decision_json, document_url, external_url
from .services import get_store
from .ui import body_label, format_date

bp = Blueprint("people", __name__)

#: What a person did in an item, as the page names it.
ACT_LABELS = {"motion": "Yrkande", "reservation": "Reservation", "vote": "Röst i omröstning",
              "recusal": "Jäv"}
CSV_HEADERS = ("Namn", "Datum", "Kommun", "Organ", "Vad", "§", "Rubrik (§)", "Text", "Parti", "Diarienummer",
               "Länk", "Ärende")


def person_url_for(endpoint: str, name: str, *, external: bool = False) -> str:
    """The address of a person's page (``people.person``), feed or CSV."""
    return external_url(endpoint, namn=name) if external else url_for(endpoint, namn=name)


@bp.app_template_global()
def person_url(name: str, *, external: bool = False) -> str:
    return person_url_for("people.person", name, external=external)


@bp.app_template_global()
def item_persons(people: dict | None) -> list[dict[str, Any]]:
    """The persons a § item names in an act, each with its page (for links beside the item)."""
    return [{"name": p.name, "party": p.party, "url": person_url(p.name)}
            for p in ItemPeople.from_json(people).persons()] if people else []


@bp.app_template_global()
def meeting_roles(attendance: list[dict] | None) -> list[dict[str, Any]]:
    """The meeting's roles per person, in list order: name, party, roles in Swedish, page."""
    held: dict[str, list] = {}
    for role in map(role_from_json, attendance or []):
        held.setdefault(role.person.name, []).append(role)
    return [{"name": name, "party": next((r.person.party for r in roles if r.person.party), None),
             "roles": list(dict.fromkeys(role_text(r.kind, r.title, r.sections)
                                         for r in sorted(roles, key=lambda r: ROLE_KINDS.index(r.kind)))),
             "url": person_url(name)}
            for name, roles in held.items()]


def role_text(kind: str, title: str | None = None, sections: Any = ()) -> str:
    """"ordförande", "närvarande (kommundirektör, § 201)": the role, with a job title
    written after the name (not one that is itself a role) and the §§ it is limited to."""
    notes = ([title] if title and not title_kinds(title) else []) + ([f"§ {', '.join(sections)}"] if sections else [])
    return f"{ROLE_LABELS[kind]} ({', '.join(notes)})" if notes else ROLE_LABELS[kind]


def _not_found(name: str) -> str:
    shown = " ".join(name.split())[:80]
    return f"Inget protokoll bland handlingarna nämner någon som heter {shown!r}."


def _find(name: str) -> PersonRecord | None:
    return get_store().person(name) if len(name) <= MAX_NAME_LENGTH else None


def _meeting_view(m: PersonMeeting) -> dict[str, Any]:
    kinds = sorted(m.kinds, key=ROLE_KINDS.index)
    return {"meeting": m, "record": m.record, "url": document_url(m.record.doc_id),
            "roles": [ROLE_LABELS[k] for k in kinds],
            "written": [t for t in m.titles if t.casefold() not in {ROLE_LABELS[k] for k in kinds}]}


def _act_view(a: PersonAct) -> dict[str, Any]:
    r = a.record
    return {"act": a, "record": r, "label": ACT_LABELS.get(a.kind, a.kind),
            "url": document_url(r.doc_id, section=r.section),
            "case_url": case_url(r.case_municipality, r.case_id) if r.case_id and r.case_municipality else None,
            "others": [{"name": n, "url": person_url(n)} for n in a.others]}


def _missing(name: str):
    return render_template("error.html", status=404, title="Personen finns inte", message=_not_found(name)), 404


@bp.get("/person/<path:namn>")
def person(namn: str):
    found = _find(namn)
    if found is None:
        return _missing(namn)
    return render_template(
        "person.html", person=found, parties=[party_label(p) for p in found.parties],
        meetings=[_meeting_view(m) for m in found.meetings], acts=[_act_view(a) for a in found.acts],
        feed_url=person_url_for("people.person_feed", found.name, external=True),
        csv_url=person_url_for("people.person_csv", found.name))


def person_json(found: PersonRecord) -> dict[str, Any]:
    return {
        "name": found.name,
        "parties": [{"abbreviation": p, "label": party_label(p)} for p in found.parties],
        "municipalities": found.municipalities,
        "url": person_url(found.name, external=True),
        "meetings": [{**_record_json(m.record), "roles": m.kinds, "written": m.titles, "party": m.party,
                      "sections": m.sections} for m in found.meetings],
        "acts": [{**_record_json(a.record), "kind": a.kind, "text": a.text, "party": a.party, "ballot": a.ballot,
                  "with": a.others} for a in found.acts],
    }


def _record_json(record) -> dict[str, Any]:
    data = decision_json(record)
    for key in ("snippet", "score", "people"):
        data.pop(key, None)
    return data


@bp.get("/api/persons/<path:namn>")
def api_person(namn: str):
    found = _find(namn)
    if found is None:
        return jsonify({"error": _not_found(namn), "status": 404}), 404
    return jsonify(person_json(found))


def _entries(found: PersonRecord) -> list[tuple[str, str, str, str, Any, str | None]]:
    """(date, kind label, text, link, record, party) of every act and meeting, newest first."""
    rows = [(a.record.date or "", ACT_LABELS.get(a.kind, a.kind) + (f": {a.ballot}" if a.ballot else ""), a.text,
             document_url(a.record.doc_id, section=a.record.section, external=True), a.record, a.party)
            for a in found.acts]
    rows += [(m.record.date or "", "Sammanträde: " + ", ".join(ROLE_LABELS[k] for k in m.kinds), "",
              document_url(m.record.doc_id, external=True), m.record, m.party) for m in found.meetings]
    return sorted(rows, key=lambda row: row[0], reverse=True)


@bp.get("/person/<path:namn>.atom")
def person_feed(namn: str):
    found = _find(namn)
    if found is None:
        return _missing(namn)
    built = index_built_at()
    page = person_url(found.name, external=True)
    entries = []
    for date, label, text, link, record, _party in _entries(found):
        where = f"§ {record.section} {record.title}" if record.section else record.document_title
        # The same act has the same id in every run: its document, §, kind and words.
        digest = hashlib.sha1(f"{record.doc_id}\0{record.section}\0{label}\0{text}".encode()).hexdigest()[:16]
        entries.append(FeedEntry(id=f"{page}#{digest}", title=f"{label} – {where}", link=link,
                                 updated=day_updated(date, built),
                                 summary=" ".join(p for p in (text, f"{body_label(record.body)} {format_date(date)}")
                                                  if p.strip()),
                                 categories=(label.split(":")[0],)))
    return atom_response(f"{found.name} i protokollen", person_url_for("people.person_feed", found.name, external=True),
                         entries, alternate_url=page,
                         subtitle="Sammanträden, yrkanden, reservationer och omröstningar, nyast först.",
                         updated=built if not entries else None)


@bp.get("/person/<path:namn>.csv")
def person_csv(namn: str):
    found = _find(namn)
    if found is None:
        return _missing(namn)
    rows = ([found.name, date, ", ".join(r.municipalities), body_label(r.body), label, r.section or "",
             r.title if r.section else r.document_title, text, party or "", r.dnr or "", link,
             case_url(r.case_municipality, r.case_id, external=True) if r.case_id and r.case_municipality else ""]
            for date, label, text, link, r, party in _entries(found))
    return csv_response(CSV_HEADERS, rows, export_filename("person"))
