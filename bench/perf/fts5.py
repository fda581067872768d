"""Baseline: SQLite FTS5 (Python's sqlite3, unicode61 tokenizer) over the same passages.

The index is filled from the product's own index (every passage's title and
text, every document's metadata), so both answer over exactly the same text.
What a search does here, as a user of SQLite would write it:

* words AND-ed within one passage (FTS5's implicit AND), a quoted phrase as an
  FTS5 phrase; bm25 with the title weighted 2 like the product's title boost;
* documents ranked by their best passage; the 10 best get a ``snippet()`` of
  their best passage with the query terms in <mark>;
* filters (kommun, år, typ, område) as joins on document tables; facet counts
  (område, kommun, typ, år, organ) as GROUP BY over the matching documents;
* browse: the newest documents of an area, with their first passage;
* highlight: also ``highlight()`` over the passages of the best document.

It has no Swedish analysis (no lemmas, compounds, synonyms, å/ä/ö fallback),
no "every word somewhere in the document" semantics and no relaxation: it
does less per query than the product. That is the point of a baseline.
"""
from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

from .queries import BenchQuery

SCHEMA = """
CREATE TABLE docs(id INTEGER PRIMARY KEY, doc_id TEXT UNIQUE, title TEXT, doc_type TEXT, date TEXT,
                  year TEXT, body TEXT, source_path TEXT);
CREATE TABLE doc_area(doc INTEGER, area TEXT);
CREATE TABLE doc_muni(doc INTEGER, municipality TEXT);
CREATE TABLE content(id INTEGER PRIMARY KEY, doc INTEGER, seq INTEGER, page INTEGER, section INTEGER,
                     title TEXT, text TEXT);
CREATE VIRTUAL TABLE passages USING fts5(title, text, content='content', content_rowid='id',
                                         tokenize='unicode61');
"""
INDEXES = """
CREATE INDEX content_doc ON content(doc, seq);
CREATE INDEX doc_area_area ON doc_area(area, doc);
CREATE INDEX doc_area_doc ON doc_area(doc);
CREATE INDEX doc_muni_doc ON doc_muni(doc);
CREATE INDEX doc_muni_m ON doc_muni(municipality, doc);
CREATE INDEX docs_date ON docs(date);
"""
_TOKEN_RE = re.compile(r'"[^"]*"?|\S+')
_WORD_RE = re.compile(r"\w+")


def build(index_dir: Path, db_path: Path) -> dict:
    """Fill db_path from the product's live index generation in index_dir."""
    from indexer.store import open_store
    store = open_store(index_dir)
    v = store._current()  # noqa: SLF001 - the benchmark reads the stored fields directly
    if db_path.exists():
        db_path.unlink()
    con = sqlite3.connect(db_path)
    con.executescript(SCHEMA)
    ids: dict[str, int] = {}
    for n, (doc_id, m) in enumerate(sorted(v.docs.items()), 1):
        ids[doc_id] = n
        con.execute("INSERT INTO docs VALUES (?,?,?,?,?,?,?,?)",
                    (n, doc_id, m.title, m.doc_type, m.date, m.year, m.body, m.source_path))
        con.executemany("INSERT INTO doc_area VALUES (?,?)", [(n, a) for a in m.areas])
        con.executemany("INSERT INTO doc_muni VALUES (?,?)", [(n, x) for x in m.municipalities])
    rows = []
    passages = 0
    for stored in _stored_passages(v):
        doc = ids.get(stored["doc_id"])
        if doc is None:
            continue
        rows.append((doc, stored["seq"], stored.get("page", 1), stored.get("section", -1),
                     stored.get("title", ""), stored.get("text", "")))
        if len(rows) >= 5000:
            con.executemany("INSERT INTO content(doc, seq, page, section, title, text) VALUES (?,?,?,?,?,?)", rows)
            passages += len(rows)
            rows = []
    con.executemany("INSERT INTO content(doc, seq, page, section, title, text) VALUES (?,?,?,?,?,?)", rows)
    passages += len(rows)
    con.execute("INSERT INTO passages(passages) VALUES ('rebuild')")
    con.executescript(INDEXES)
    con.commit()
    con.execute("INSERT INTO passages(passages) VALUES ('optimize')")
    con.commit()
    con.execute("VACUUM")
    con.close()
    return {"documents": len(ids), "passages": passages, "bytes": db_path.stat().st_size}


def _stored_passages(v):
    """The stored fields of every passage, read with a searcher borrowed from the view's pool."""
    with v.borrow() as searcher:
        yield from searcher.documents(kind="passage")


def match_expression(text: str) -> str | None:
    """User text -> FTS5 MATCH: each word or quoted phrase as an FTS5 string (AND-ed)."""
    parts = []
    for tok in _TOKEN_RE.findall(text):
        words = _WORD_RE.findall(tok)
        if not words:
            continue
        if tok.startswith('"'):
            parts.append('"' + " ".join(words) + '"')
        else:
            parts.extend(f'"{w}"' for w in words)
    return " ".join(parts) or None


class Fts5Search:
    def __init__(self, db_path: Path):
        self.con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, check_same_thread=False)
        self.con.execute("CREATE TEMP TABLE m(doc INTEGER PRIMARY KEY, score REAL, n INTEGER)")
        self.con.execute("CREATE TEMP TABLE p(id INTEGER PRIMARY KEY, s REAL)")

    def _filters(self, q: BenchQuery) -> tuple[str, list]:
        where, args = [], []
        for a in q.areas:
            where.append("d.id IN (SELECT doc FROM doc_area WHERE area = ?)")
            args.append(a)
        if q.municipalities:
            where.append(f"d.id IN (SELECT doc FROM doc_muni WHERE municipality IN ({','.join('?' * len(q.municipalities))}))")
            args += q.municipalities
        if q.doc_types:
            where.append(f"d.doc_type IN ({','.join('?' * len(q.doc_types))})")
            args += q.doc_types
        if q.years:
            where.append(f"d.year IN ({','.join('?' * len(q.years))})")
            args += [str(y) for y in q.years]
        return (" AND ".join(where) or "1"), args

    def _facets(self, where: str, args: list) -> dict[str, list[tuple[str, int]]]:
        c = self.con
        docs = f"SELECT d.id FROM m JOIN docs d ON d.id = m.doc WHERE {where}"
        return {
            "area": c.execute(f"SELECT area, count(*) FROM doc_area WHERE doc IN ({docs}) GROUP BY area", args).fetchall(),
            "municipality": c.execute(f"SELECT municipality, count(*) FROM doc_muni WHERE doc IN ({docs}) "
                                      "GROUP BY municipality", args).fetchall(),
            "doc_type": c.execute(f"SELECT doc_type, count(*) FROM docs WHERE id IN ({docs}) GROUP BY doc_type", args).fetchall(),
            "year": c.execute(f"SELECT year, count(*) FROM docs WHERE id IN ({docs}) GROUP BY year", args).fetchall(),
            "body": c.execute(f"SELECT body, count(*) FROM docs WHERE id IN ({docs}) GROUP BY body", args).fetchall(),
        }

    def search(self, q: BenchQuery, limit: int = 10) -> dict:
        c = self.con
        c.execute("DELETE FROM m")
        expr = match_expression(q.text)
        where, args = self._filters(q)
        if expr is None:
            # Browse: every document passing the filters, newest first.
            c.execute(f"INSERT INTO m SELECT d.id, 0, 0 FROM docs d WHERE {where}", args)
            top = c.execute(f"SELECT d.id, d.doc_id, d.title FROM m JOIN docs d ON d.id = m.doc WHERE {where} "
                            f"ORDER BY d.date DESC LIMIT ?", args + [limit]).fetchall()
            hits = []
            for doc, doc_id, title in top:
                lead = c.execute("SELECT substr(text, 1, 320) FROM content WHERE doc = ? ORDER BY seq LIMIT 1",
                                 (doc,)).fetchone()
                hits.append({"doc_id": doc_id, "title": title, "snippet": lead[0] if lead else ""})
            total = c.execute(f"SELECT count(*) FROM m JOIN docs d ON d.id = m.doc WHERE {where}", args).fetchone()[0]
            return {"total": total, "hits": hits, "facets": self._facets(where, args)}
        try:
            c.execute("DELETE FROM p")
            c.execute("INSERT INTO p SELECT rowid, bm25(passages, 2.0, 1.0) FROM passages WHERE passages MATCH ?", (expr,))
            c.execute("INSERT INTO m SELECT c.doc, min(p.s), count(*) FROM p JOIN content c ON c.id = p.id GROUP BY c.doc")
        except sqlite3.OperationalError as exc:
            return {"total": 0, "hits": [], "facets": {}, "error": str(exc)}
        top = c.execute(f"SELECT d.id, d.doc_id, d.title, m.score FROM m JOIN docs d ON d.id = m.doc WHERE {where} "
                        f"ORDER BY m.score LIMIT ?", args + [limit]).fetchall()
        total = c.execute(f"SELECT count(*) FROM m JOIN docs d ON d.id = m.doc WHERE {where}", args).fetchone()[0]
        snippets: dict[int, str] = {}
        if top:
            ids = [t[0] for t in top]
            rows = c.execute(
                "SELECT rowid, snippet(passages, 1, '<mark>', '</mark>', '…', 48) FROM passages "
                f"WHERE passages MATCH ? AND rowid IN (SELECT id FROM content WHERE doc IN ({','.join('?' * len(ids))})) "
                "ORDER BY bm25(passages, 2.0, 1.0)", [expr] + ids).fetchall()
            owner = dict(c.execute(f"SELECT id, doc FROM content WHERE id IN ({','.join('?' * len(rows))})",
                                   [r[0] for r in rows]).fetchall()) if rows else {}
            for rowid, snip in rows:
                snippets.setdefault(owner[rowid], snip)
        hits = [{"doc_id": doc_id, "title": title, "score": score, "snippet": snippets.get(doc, "")}
                for doc, doc_id, title, score in top]
        out = {"total": total, "hits": hits, "facets": self._facets(where, args)}
        if q.kind == "highlight" and top:
            # The best document's passages with the query terms marked, in reading order.
            best = top[0][0]
            marked = dict(c.execute(
                "SELECT passages.rowid, highlight(passages, 1, '<mark>', '</mark>') FROM passages "
                "WHERE passages MATCH ? AND passages.rowid IN (SELECT id FROM content WHERE doc = ?)", (expr, best)))
            out["document"] = [marked.get(pid, text) for pid, text in
                               c.execute("SELECT id, text FROM content WHERE doc = ? ORDER BY seq", (best,))]
        return out


def run_product(store, q: BenchQuery, limit: int = 10) -> dict:
    """The product's work for one benchmark query, through the Store interface the web app uses."""
    from indexer.store.base import SearchRequest
    req = SearchRequest(query=q.text, areas=list(q.areas), municipalities=list(q.municipalities),
                        doc_types=list(q.doc_types), years=list(q.years), limit=limit)
    result = store.search(req)
    out = {"total": result.total, "hits": len(result.hits)}
    if q.kind == "highlight" and result.hits:
        doc = store.get_document(result.hits[0].doc_id)
        if doc is not None:
            # The document page highlights paragraph by paragraph (search_app/docview.py).
            out["paragraphs"] = [store.highlight_html(p.text, q.text) for p in doc.passages]
    return out


def dump_queries(queries: list[BenchQuery], path: Path) -> None:
    path.write_text(json.dumps([q.to_json() for q in queries], ensure_ascii=False, indent=0), encoding="utf-8")


def load_queries(path: Path) -> list[BenchQuery]:
    return [BenchQuery.from_json(d) for d in json.loads(path.read_text(encoding="utf-8"))]
