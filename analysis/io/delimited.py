"""CSV and TSV files, parsed row by row so that one bad row is rejected on its own.

* CSV follows RFC 4180 quoting (a quoted field may span lines); TSV has no quoting at all (a
  quotation mark is text: `"We win," he said.` stays as written).
* A row with more or fewer fields than the header is rejected with its number and the counts,
  never shifted into the wrong columns; a row with broken quoting is rejected with the parser's
  reason.
* The file is decoded as UTF-8 (a BOM, UTF-16 or UTF-32 by their BOM); bytes of a row that are
  not UTF-8 are decoded as cp1252 (else latin-1) in that row alone, whose `_encoding` says so.

Rows are numbered as a spreadsheet shows them: the header is row 1.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from analysis.io.decode import _bom_encoding, decode_escaped
from analysis.io.errors import Rejections

ROW = "_row"
ENCODING = "_encoding"


def _dialect(path: Path) -> dict:
    if path.suffix.lower() == ".tsv":
        return {"delimiter": "\t", "quoting": csv.QUOTE_NONE}
    return {"delimiter": ",", "strict": True}


def decode_table(data: bytes) -> tuple[str, bool]:
    """(text, whether undecodable bytes are escaped in it) of a CSV/TSV file's bytes."""
    encoding = _bom_encoding(data[:4])
    if encoding is not None:
        return data.decode(encoding), False
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError:
        return data.decode("utf-8", "surrogateescape"), True


def header_names(row: list[str]) -> list[str]:
    """Column names as pandas gives them: blank ones "Unnamed: i", repeats "name.1"."""
    names: list[str] = []
    seen: dict[str, int] = {}
    for i, name in enumerate(row):
        name = name.strip() or f"Unnamed: {i}"
        if name in seen:
            seen[name] += 1
            name = f"{name}.{seen[name]}"
        seen.setdefault(name, 0)
        names.append(name)
    return names


def delimited_header(path: Path) -> list[str] | None:
    """The column names of a CSV/TSV file from its first row, or None when it cannot be read
    (reading the file whole then reports why)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(1 << 20)
        text, _ = decode_table(head)
        row = next(csv.reader(io.StringIO(text, newline=""), **_dialect(path)), None)
    except (OSError, UnicodeDecodeError, csv.Error):
        return None
    return header_names(row) if row else None


def read_delimited(path: Path, display: str) -> tuple[pd.DataFrame, Rejections]:
    """A CSV/TSV file as a table of strings with its "_row" column (and "_encoding" when some
    row needed a fallback), and the rows rejected with their reasons. ValueError when the file
    has no header."""
    text, escaped = decode_table(path.read_bytes())
    reader = csv.reader(io.StringIO(text, newline=""), **_dialect(path))
    header: list[str] | None = None
    rows, numbers, encodings, rejected = [], [], [], []
    number = 0
    while True:
        number += 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            if header is None:
                raise ValueError(f"malformed header ({error})") from None
            reason = f"malformed quoting ({error})"
            if str(error) == "unexpected end of data":
                reason += ": a quotation mark opened in this row is never closed, so the rest " \
                          "of the file is part of it"
            rejected.append((f"{display}:{number}", reason))
            continue
        if header is None:
            if row:
                header = header_names(row)
            continue
        if not row:  # a blank line
            continue
        if len(row) != len(header):
            what = "extra" if len(row) > len(header) else "missing"
            rejected.append((f"{display}:{number}", f"row has {len(row)} fields, the header has "
                                                    f"{len(header)} ({what} fields; not shifted)"))
            continue
        encoding = None
        if escaped:
            decoded = [decode_escaped(value) for value in row]
            row = [value for value, _ in decoded]
            found = [used for _, used in decoded if used]
            encoding = ("latin-1" if "latin-1" in found else found[0]) if found else None
        rows.append(row)
        numbers.append(number)
        encodings.append(encoding)
    if header is None:
        raise ValueError("no header row (empty table)")
    frame = pd.DataFrame(rows, columns=range(len(header)), dtype=object)
    frame.columns = header
    frame[ROW] = numbers
    if any(encodings):
        frame[ENCODING] = encodings
    return frame, rejected
