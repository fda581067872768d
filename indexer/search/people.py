"""Persons by name, read from the index: the meetings whose minutes list them,
with their roles, and the § items where they moved, reserved themselves, voted
or declared a conflict of interest.

The entries come from each document's metadata (``DocMeta.attendance`` and the
"people" of ``DocMeta.item_records``, written at indexing from
indexer/structure/people.py), not from the stored documents: a table per index
state, built on first use, as the decision records are (decisions.py).

A name is looked up as written, case and spacing aside ("carina sammeli"); when
no name is written so, without diacritics ("Henrik Aberg") if that names one
only. A name is not an identity: two persons of one name are one entry, and the
page says so by showing each record's municipality and body.
"""
from __future__ import annotations

import json
import weakref
from dataclasses import dataclass, field

from ..folding import fold
from ..names import name_key
from ..structure.people import ItemPeople
from .decisions import item_record
from .documents import DocMeta
from .engine import Engine
from .results import PersonAct, PersonMeeting, PersonRecord

#: Longer names than this are no name of ours (an address may carry anything).
MAX_NAME_LENGTH = 120


@dataclass
class _Entries:
    names: dict[str, None] = field(default_factory=dict)      # as written, first seen first
    meetings: list[tuple[DocMeta, list[dict]]] = field(default_factory=list)
    acts: list[tuple[DocMeta, dict, str, str, str | None, str | None, list[str]]] = field(default_factory=list)


@dataclass
class _Table:
    by_key: dict[str, _Entries]
    by_folded: dict[str, set[str]]


_tables: "weakref.WeakKeyDictionary[object, _Table]" = weakref.WeakKeyDictionary()


def _table(engine: Engine) -> _Table:
    table = _tables.get(engine)
    if table is None:
        # Built without a lock, as decisions.py's: two threads may both build it once.
        table = _tables[engine] = _build(engine.arrays.metas)
    return table


def _build(metas: list[DocMeta]) -> _Table:
    by_key: dict[str, _Entries] = {}

    def entries(name: str) -> _Entries:
        found = by_key.setdefault(name_key(name), _Entries())
        found.names.setdefault(name)
        return found

    for meta in metas:
        roles: dict[str, list[dict]] = {}
        for role in json.loads(meta.attendance) if meta.attendance else []:
            roles.setdefault(role["person"]["name"], []).append(role)
        for name, held in roles.items():
            entries(name).meetings.append((meta, held))
        for item in meta.item_records:
            if not item.get("people"):
                continue
            found = ItemPeople.from_json(item["people"])
            for motion in found.motions:
                names = [p.name for p in motion.persons]
                for p in motion.persons:
                    entries(p.name).acts.append((meta, item, "motion", motion.text, p.party, None,
                                                 [n for n in names if n != p.name]))
            for reservation in found.reservations:
                names = [p.name for p in reservation.persons]
                for p in reservation.persons:
                    entries(p.name).acts.append((meta, item, "reservation", reservation.against, p.party, None,
                                                 [n for n in names if n != p.name]))
            for vote in found.votes:
                for ballot in vote.ballots:
                    entries(ballot.person.name).acts.append((meta, item, "vote", vote.text, ballot.person.party,
                                                             ballot.vote, []))
            for recusal in found.recusals:
                entries(recusal.person.name).acts.append((meta, item, "recusal", recusal.text,
                                                          recusal.person.party, None, []))
    by_folded: dict[str, set[str]] = {}
    for key in by_key:
        by_folded.setdefault(fold(key), set()).add(key)
    return _Table(by_key, by_folded)


def _newest_first(date: str | None) -> tuple[bool, str]:
    return (bool(date), date or "")


def person(engine: Engine, name: str) -> PersonRecord | None:
    """Everything under one name, newest first; None for a name no minutes write."""
    if not name or len(name) > MAX_NAME_LENGTH:
        return None
    table = _table(engine)
    key = name_key(name)
    found = table.by_key.get(key)
    if found is None:
        keys = table.by_folded.get(fold(key), set())
        found = table.by_key[next(iter(keys))] if len(keys) == 1 else None
    if found is None:
        return None
    meetings = [PersonMeeting(record=item_record(meta, None, None),
                              kinds=list(dict.fromkeys(r["kind"] for r in held)),
                              titles=list(dict.fromkeys(t for r in held for t in (r.get("label"), r.get("title")) if t)),
                              party=next((r["person"].get("party") for r in held if r["person"].get("party")), None),
                              sections=list(dict.fromkeys(s for r in held for s in r.get("sections", ()))))
                for meta, held in found.meetings]
    acts = [PersonAct(record=item_record(meta, item, item.get("dnr")), kind=kind, text=text, party=party,
                      ballot=ballot, others=others)
            for meta, item, kind, text, party, ballot, others in found.acts]
    meetings.sort(key=lambda m: _newest_first(m.record.date), reverse=True)
    acts.sort(key=lambda a: _newest_first(a.record.date), reverse=True)
    dated = sorted([(m.record.date or "", m.party) for m in meetings] + [(a.record.date or "", a.party) for a in acts],
                   reverse=True)
    parties = list(dict.fromkeys(p for _d, p in dated if p))
    return PersonRecord(name=next(iter(found.names)), parties=parties, meetings=meetings, acts=acts)
