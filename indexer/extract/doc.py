"""Word 97-2003 (.doc) text, read with ``antiword``, else ``catdoc``.

Both are small C programs from Debian (packages ``antiword`` and ``catdoc``);
antiword keeps paragraphs and tables better, catdoc reads files antiword
refuses (very short documents: "the text stream of this file is too small to
handle", Word 6/95 variants). Each runs without a shell, on a temporary copy
of the bytes, with a time limit, and writes UTF-8 (``-m UTF-8.txt`` /
``-d utf-8``; catdoc's own default is ISO-8859-1).

A .doc gives one page. Word does not store its page layout in the file, and
antiword's text output has no page breaks at all (its text driver ends a page
as a paragraph); catdoc passes on only manual page breaks, so numbering pages
by them would send a reader of "page 3" to the wrong printed page.

The container is an OLE2 compound file: :func:`ole_streams` reads its
directory, which tells a Word document (a ``WordDocument`` stream) from Excel
and PowerPoint files and finds the encryption flag in Word's file header.
"""
from __future__ import annotations

import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

from ..config import FileLimits
from ..dates import DEFAULT_DATE_LABELS, find_dates, find_labelled_date
from ..models import ExtractionError, NeedsProgram, PageText
from .base import CONTAINER, DECLARED, HEAD, NO, OLE2_MAGIC, Format
from .common import clean_line, join_paragraphs, meaningful_title

#: The programs tried in order: (name, arguments before the file name).
READERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("antiword", ("-m", "UTF-8.txt", "-w", "0")),  # -w 0: a paragraph per line, not wrapped at 76 columns
    ("catdoc", ("-d", "utf-8", "-w")),             # -w: no wrapping either
)
INSTALL_HINT = "install the Debian packages antiword and catdoc"
DATE_LABELS = DEFAULT_DATE_LABELS + ("beslutsdatum", "daterad", "dag för beslut", "sammanträdesdag",
                                     "sammanträdesdatum")

_OLE_MAGIC = OLE2_MAGIC
_END = 0xFFFFFFFA  # sector numbers from here up are markers (end of chain, free, FAT, DIFAT)
_FIB_ENCRYPTED = 0x0100  # fEncrypted in the flags word at offset 10 of Word's file header (FIB)


def readers_available() -> list[tuple[str, str]]:
    """(name, path) of the installed .doc readers, in the order they are tried."""
    found = []
    for name, _args in READERS:
        exe = shutil.which(name)
        if exe:
            found.append((name, exe))
    return found


# --- OLE2 compound files ---------------------------------------------------------------

class _Ole:
    """The directory and sector chains of an OLE2 compound file (MS-CFB)."""

    def __init__(self, data: bytes):
        if len(data) < 512 or not data.startswith(_OLE_MAGIC):
            raise ValueError("no OLE2 header")
        self.data = data
        shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
        if shift not in (9, 12) or mini_shift != 6:
            raise ValueError(f"unusual sector size 2^{shift}")
        self.size = 1 << shift
        n_fat, first_dir = struct.unpack_from("<II", data, 0x2C)
        self.mini_cutoff, self.first_minifat, _n_minifat, first_difat, n_difat = \
            struct.unpack_from("<IIIII", data, 0x38)
        fat_sectors = [s for s in struct.unpack_from("<109I", data, 0x4C) if s < _END]
        sector, seen = first_difat, 0
        while sector < _END and seen < n_difat:
            entries = struct.unpack(f"<{self.size // 4}I", self._sector(sector))
            fat_sectors += [s for s in entries[:-1] if s < _END]
            sector, seen = entries[-1], seen + 1
        fat = b"".join(self._sector(s) for s in fat_sectors[:n_fat])
        self.fat = struct.unpack(f"<{len(fat) // 4}I", fat)
        self.entries = self._directory(self._chain(first_dir, self.fat, self.size, self._sector))

    def _sector(self, n: int) -> bytes:
        start = (n + 1) * self.size
        if start + self.size > len(self.data):
            raise ValueError("the file is truncated (a sector lies past its end)")
        return self.data[start:start + self.size]

    @staticmethod
    def _chain(first: int, fat: tuple[int, ...], size: int, read, limit: int | None = None) -> bytes:
        out, sector, steps = [], first, 0
        while sector < _END:
            if sector >= len(fat) or steps > len(fat):
                raise ValueError("a sector chain is broken or loops")
            out.append(read(sector))
            steps += 1
            if limit is not None and steps * size >= limit:
                break
            sector = fat[sector]
        return b"".join(out)

    @staticmethod
    def _directory(raw: bytes) -> dict[str, tuple[int, int]]:
        entries: dict[str, tuple[int, int]] = {}
        for off in range(0, len(raw) - 127, 128):
            name_len, kind = struct.unpack_from("<HB", raw, off + 0x40)
            if kind not in (1, 2, 5) or not 2 <= name_len <= 64:
                continue  # unused entry
            name = raw[off:off + name_len - 2].decode("utf-16-le", errors="replace")
            start, size = struct.unpack_from("<IQ", raw, off + 0x74)
            entries[name] = (start, size & 0xFFFFFFFF if kind != 5 else size)
        if not entries:
            raise ValueError("the directory is empty")
        return entries

    def stream_head(self, name: str, n: int) -> bytes:
        """The first ``n`` bytes of a stream (fewer if it is shorter)."""
        start, size = self.entries[name]
        n = min(n, size)
        if size >= self.mini_cutoff:
            return self._chain(start, self.fat, self.size, self._sector, limit=n)[:n]
        # Small streams live in 64-byte sectors inside the root entry's stream.
        root_start, root_size = next(v for k, v in self.entries.items() if k.lower() == "root entry")
        mini_stream = self._chain(root_start, self.fat, self.size, self._sector)[:root_size]
        minifat_raw = self._chain(self.first_minifat, self.fat, self.size, self._sector)
        minifat = struct.unpack(f"<{len(minifat_raw) // 4}I", minifat_raw)

        def mini(k: int) -> bytes:
            if (k + 1) * 64 > len(mini_stream):
                raise ValueError("a mini sector lies past the mini stream")
            return mini_stream[k * 64:(k + 1) * 64]
        return self._chain(start, minifat, 64, mini, limit=n)[:n]


def ole_streams(data: bytes) -> dict[str, tuple[int, int]]:
    """Names of the entries of an OLE2 compound file -> (first sector, size).
    Raises ValueError (saying what is wrong) when the file is damaged."""
    try:
        return _Ole(data).entries
    except struct.error:
        raise ValueError("the file is truncated") from None


def _word_header_flags(data: bytes) -> int | None:
    """The flags word of Word's file header, or None when it cannot be read."""
    try:
        ole = _Ole(data)
        name = next(k for k in ole.entries if k.lower() == "worddocument")
        head = ole.stream_head(name, 12)
    except (ValueError, StopIteration, struct.error):
        return None
    return struct.unpack_from("<H", head, 10)[0] if len(head) >= 12 else None


def _summary(data: bytes) -> dict[str, str]:
    """Title and author from the SummaryInformation property set, when present."""
    try:
        ole = _Ole(data)
        name = next(k for k in ole.entries if k.lower() == "\x05summaryinformation")
        raw = ole.stream_head(name, 64 * 1024)
        (offset,) = struct.unpack_from("<I", raw, 44)  # the first (only) section
        _size, count = struct.unpack_from("<II", raw, offset)
        props = dict(struct.unpack_from("<II", raw, offset + 8 + 8 * i) for i in range(min(count, 200)))
        codepage = 1252
        if 1 in props:
            codepage = struct.unpack_from("<H", raw, offset + props[1] + 4)[0]
        out = {}
        for pid, key in ((2, "doc_title"), (4, "author")):
            if pid not in props:
                continue
            vtype, length = struct.unpack_from("<II", raw, offset + props[pid])
            start = offset + props[pid] + 8
            if vtype == 30:  # VT_LPSTR, in the property set's code page
                text = raw[start:start + length].split(b"\0", 1)[0].decode(f"cp{codepage}", errors="replace")
            elif vtype == 31:  # VT_LPWSTR, length in characters
                text = raw[start:start + 2 * length].decode("utf-16-le", errors="replace").split("\0", 1)[0]
            else:
                continue
            if clean_line(text):
                out[key] = clean_line(text)
        return out
    except (ValueError, StopIteration, struct.error, LookupError):
        return {}  # no or damaged summary: the text is what matters


# --- the text ------------------------------------------------------------------------

def _run(name: str, exe: str, args: tuple[str, ...], path: Path, timeout: float) -> str:
    try:
        out = subprocess.run([exe, *args, str(path)], capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise ExtractionError(f"{name} took longer than {timeout:g} s") from None
    except OSError as exc:
        raise _Failed(f"cannot be run: {exc.strerror or exc}") from None
    text = out.stdout.decode("utf-8", errors="replace")
    if out.returncode != 0 or not text.strip():
        detail = out.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise _Failed(detail[-1] if detail else f"exit status {out.returncode}, no text")
    return text


class _Failed(Exception):
    """One reader could not read the file; the next one is tried."""


def word_date(body: str, header: str = "") -> str | None:
    """The document's own date: a labelled date near the top, else the first date there."""
    d = find_labelled_date((header + "\n" if header else "") + body[:1500], DATE_LABELS)
    if d is None:
        found = find_dates(body[:600])
        d = found[0][0] if found else None
    return d.isoformat() if d else None


def extract_doc(data: bytes, limits: FileLimits) -> tuple[list[PageText], str | None, str | None, dict[str, str]]:
    try:
        streams = {k.lower() for k in ole_streams(data)}
    except ValueError as exc:
        raise ExtractionError(f"not a valid Word (.doc) file: {exc}") from None
    if "worddocument" not in streams:
        raise ExtractionError("not a valid Word (.doc) file: it has no WordDocument stream")
    flags = _word_header_flags(data)
    if flags is not None and flags & _FIB_ENCRYPTED:
        raise ExtractionError("document is password-protected (encrypted Word file)")
    readers = readers_available()
    if not readers:
        raise NeedsProgram(f"needs antiword or catdoc to read Word 97-2003 (.doc) files, and neither "
                           f"is installed ({INSTALL_HINT})")
    args = dict(READERS)
    errors = []
    with tempfile.TemporaryDirectory(prefix="council-search-doc-") as tmp:
        copy = Path(tmp) / "document.doc"
        copy.write_bytes(data)
        for name, exe in readers:
            try:
                text = _run(name, exe, args[name], copy, limits.file_timeout_s)
                break
            except _Failed as exc:
                errors.append(f"{name}: {exc}")
        else:
            raise ExtractionError("could not read the Word document (" + "; ".join(errors) + ")")

    # Both readers write a paragraph per line; antiword puts "[pic]" where a picture was.
    paragraphs = [ln for ln in (clean_line(x) for x in text.replace("\f", "\n").split("\n"))
                  if ln and ln != "[pic]"]
    body = join_paragraphs(paragraphs)
    metadata = {"doc_reader": name, **_summary(data)}
    if errors:
        metadata["doc_reader_note"] = "; ".join(errors)
    title = meaningful_title(metadata.get("doc_title"))
    return [PageText(number=1, text=body)], title, word_date(body), metadata


def sniff(data: bytes, suffix: str) -> int:
    """An OLE2 compound file with a WordDocument stream and no EncryptedPackage
    (a password-protected Office file is refused as such); a damaged one named
    .doc is left to :func:`extract_doc`, which says what is wrong with it."""
    if not data[:HEAD].startswith(OLE2_MAGIC):
        return NO
    try:
        streams = {name.lower() for name in ole_streams(data)}
    except ValueError:
        return DECLARED if suffix in FORMAT.suffixes else NO
    if "encryptedpackage" in streams:
        return NO
    return CONTAINER if "worddocument" in streams else NO


FORMAT = Format(name="doc", suffixes=(".doc",), label="Word 97-2003 document", sniff=sniff, extract=extract_doc,
                takes=("limits",))
