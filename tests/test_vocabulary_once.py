"""Issue 13: document types, the Dnr pattern and diacritic folding are each defined once.

Read from the source with ``ast``: the document type ids are listed (a collection or a
string naming four or more of them) only in indexer/models.py; ``fold`` is the one
function that strips diacritics (``unicodedata.normalize`` + ``combining``), in
indexer/folding.py; no module but indexer/vocabulary.py compiles or applies a regex for
diary numbers; no code lists municipality names (indexer/data/organisations.tsv does).
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from indexer.models import DOC_TYPES

ROOT = Path(__file__).resolve().parent.parent
CODE_DIRS = ("indexer", "search_app", "bench")


def _sources() -> list[Path]:
    return sorted(p for d in CODE_DIRS for p in (ROOT / d).rglob("*.py") if ".venv" not in p.parts)


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _trees():
    for path in _sources():
        yield _rel(path), ast.parse(path.read_text(encoding="utf-8"), str(path))


def _strings(node: ast.AST) -> list[str]:
    """The string constants directly in a collection literal (elements or keys)."""
    items = node.keys if isinstance(node, ast.Dict) else getattr(node, "elts", [])
    return [n.value for n in items if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _doc_type_listings(tree: ast.AST) -> list[int]:
    types = set(DOC_TYPES)
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set, ast.Dict)):
            if len(types & set(_strings(node))) >= 4:
                lines.append(node.lineno)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            # An enumeration in prose: "protokoll, kallelse, pressmeddelande, avtal ..."
            alt = "|".join(map(re.escape, DOC_TYPES))
            listed = set(re.findall(rf"\b({alt})\b(?=\s*(?:,|\beller\b|\boch\b))", node.value.lower()))
            if len(listed) >= 3:
                lines.append(node.lineno)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id in {"DOC_TYPES", "DOC_TYPE_LABELS", "DOC_TYPE_ALIASES"}
                   for t in targets):
                lines.append(node.lineno)
    return lines


def test_doc_type_ids_are_listed_only_in_models():
    found = {name: lines for name, tree in _trees() if name != "indexer/models.py"
             for lines in [_doc_type_listings(tree)] if lines}
    assert found == {}, f"document types listed outside indexer/models.py: {found}"


def test_doc_type_check_sees_a_listing():
    tree = ast.parse('HELP = "protokoll, kallelse, pressmeddelande, avtal"\nT = {"avtal": 1, "annat": 2}')
    assert _doc_type_listings(tree) == [1]


def _fold_functions(tree: ast.AST) -> list[tuple[str, int]]:
    """Functions (or lambdas) that strip combining marks after a Unicode decomposition."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            src = ast.unparse(node)
            if isinstance(node, ast.Lambda) or not any(
                    isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef)) and inner is not node
                    for inner in ast.walk(node)):
                if "normalize" in src and "combining" in src:
                    out.append((getattr(node, "name", "<lambda>"), node.lineno))
    return out


def test_one_fold_function():
    found = {name: funcs for name, tree in _trees() for funcs in [_fold_functions(tree)] if funcs}
    assert found == {"indexer/folding.py": [("fold", found.get("indexer/folding.py", [("", 0)])[0][1])]}, found


def test_the_index_and_the_lookups_fold_alike():
    from indexer.analysis import fold as analysis_fold
    from indexer.folding import fold
    from indexer.models import normalise_doc_type
    from indexer.search import syntax as query_syntax

    assert analysis_fold is fold and query_syntax._fold is fold
    assert [fold(w) for w in ("Luleå", "Ørsted", "Æbeltoft", "Straße")] == ["lulea", "orsted", "aebeltoft", "strasse"]
    assert normalise_doc_type("TJÄNSTESKRIVELSE") == normalise_doc_type("tjansteskrivelse") == "tjänsteskrivelse"


_RE_FUNCS = {"compile", "search", "match", "fullmatch", "sub", "subn", "findall", "finditer", "split"}
_DNR_WORDS = re.compile(r"dnr|diarie|ärendenr|ärendenummer", re.I)


def _dnr_regexes(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _RE_FUNCS
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and node.args):
            pattern = node.args[0]
            text = ast.unparse(pattern)
            names = {n.id for n in ast.walk(pattern) if isinstance(n, ast.Name)}
            if _DNR_WORDS.search(text) or any("DNR" in n.upper() for n in names) or (
                    # a bare diary number: letter code, separator, four-digit year
                    "(?:19|20)" in text and "A-ZÅÄÖ" in text):
                lines.append(node.lineno)
    return lines


def test_only_vocabulary_compiles_dnr_patterns():
    # bench/synthetic reads the diary-number prefixes of the example corpus's own data.
    found = {name: lines for name, tree in _trees()
             if name != "indexer/vocabulary.py" and not name.startswith("bench/synthetic/")
             for lines in [_dnr_regexes(tree)] if lines}
    assert found == {}, f"diary-number regexes outside indexer/vocabulary.py: {found}"


def test_dnr_check_sees_a_pattern():
    tree = ast.parse('import re\nX = re.compile(rf"\\b{DNR_LABEL}\\S+")\nY = re.sub(r"^dnr", "", s)')
    assert _dnr_regexes(tree) == [2, 3]


_MUNICIPALITY_PAIR = re.compile(r"\b(?:Luleå|Lulea)\b.*\bBodens?\b|\bBodens?\b.*\b(?:Luleå|Lulea)\b")


def _municipality_tables(tree: ast.AST) -> list[int]:
    """Collections whose string elements or keys name both municipalities, or a
    whitespace-separated word list that does: a hard-coded table of them."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set, ast.Dict)):
            if _MUNICIPALITY_PAIR.search(" ".join(_strings(node))) and len(_strings(node)) >= 2:
                lines.append(node.lineno)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "split"
              and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str)
              and _MUNICIPALITY_PAIR.search(node.func.value.value)):
            lines.append(node.lineno)
    return lines


# Synthetic test data and the perf bench write about the two municipalities of the corpus
# on purpose; they are data, not the product's vocabulary.
_MUNICIPALITY_EXEMPT = ("bench/synthetic/", "bench/perf/")


def test_no_municipality_tables_in_code():
    found = {name: lines for name, tree in _trees() if not name.startswith(_MUNICIPALITY_EXEMPT)
             for lines in [_municipality_tables(tree)] if lines}
    assert found == {}, f"municipality names listed in code (use indexer.organisations): {found}"


@pytest.mark.parametrize("source", [
    '_NOT_NAME = frozenset("""Luleå Boden Kommunstyrelsen""".split())',
    'NAMES = {"Luleå kommun": "Luleå", "Bodens kommun": "Boden"}',
])
def test_municipality_check_sees_a_table(source):
    assert _municipality_tables(ast.parse(source)) == [1]


def test_area_label_defined_once():
    found = {name: [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Assign)
                    and isinstance(n.value, ast.DictComp) and "label" in ast.unparse(n.value.value)
                    and "area" in ast.unparse(n).lower() and "_label(" in "".join(
                        ast.unparse(x) for x in ast.walk(tree) if isinstance(x, ast.Return) and "_area_labels.get" in ast.unparse(x))]
             for name, tree in _trees()}
    defs = sorted(name for name, tree in _trees() for n in ast.walk(tree)
                  if isinstance(n, ast.FunctionDef) and n.name == "area_label"
                  and not any(isinstance(c, ast.Call) and "area_label" in ast.unparse(c.func) for c in ast.walk(n)))
    assert defs == ["indexer/areas.py"], defs
    assert not any(found.values()), found
