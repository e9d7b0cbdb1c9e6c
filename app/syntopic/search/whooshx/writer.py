"""Whoosh's segment writer and codec, with the per-posting overhead taken out."""

from __future__ import annotations

import zlib
from array import array
from pickle import dumps
from typing import Any

from whoosh.codec.whoosh3 import (
    LENGTHS_COLUMN,
    WHOOSH3_HEADER_MAGIC,
    W3Codec,
    W3PerDocReader,
    W3PerDocWriter,
    W3PostingsWriter,
    W3TermInfo,
    _lenfield,
)
from whoosh.system import pack_int, pack_long, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.util.numlists import delta_encode
from whoosh.writing import SegmentWriter

# Terms whose postings fit in one block are written by `one_block` (tests
# turn it off to compare the bytes with whoosh's own way)
ONE_BLOCK = True
_TERMINFO = W3TermInfo._struct
# Posting blocks are stored uncompressed: zlib took a tenth of a build and a
# tenth of each query, and the index is a cache (about twice the size).
_COMPRESSION = 0


class _PostingsWriter(W3PostingsWriter):  # type: ignore[misc]
    """Takes a term's postings as lists, filling whoosh's blocks a slice at a time."""

    _maxweight: float
    _minlength: int | None
    _maxlength: int

    def add_all(
        self, ids: list[int], weights: list[float], values: list[bytes], lengths: list[int]
    ) -> None:
        limit = self._blocklimit
        start, count = 0, len(ids)
        while start < count:
            room = limit - len(self._ids)
            if room <= 0:
                self._write_block()
                continue
            end = min(count, start + room)
            self._ids.extend(ids[start:end])
            block_weights = weights[start:end]
            self._weights.extend(block_weights)
            self._maxweight = max(self._maxweight, max(block_weights))
            self._values.extend(filter(None, values[start:end]))
            present = [n for n in lengths[start:end] if n]
            if present:
                low, high = min(present), max(present)
                if self._minlength is None or low < self._minlength:
                    self._minlength = low
                self._maxlength = max(self._maxlength, high)
            start = end

    def one_block(
        self,
        fixed: int | None,
        ids: list[int],
        weights: list[float],
        values: list[bytes],
        lengths: list[int],
    ) -> bytes:
        """Write a term whose postings fit in one block; its term info as bytes.

        The same bytes as `start_postings`, `add_all` and `finish_postings`
        followed by `W3TermInfo.to_bytes` (a test compares them), without their
        dozens of calls a term: most terms of a vault are in a handful of
        notes, and those calls were most of a segment's flush.
        """
        count = len(ids)
        packed = array("f", weights)  # whoosh keeps block weights as 32-bit floats
        present = [n for n in lengths if n]
        minlength = min(present) if present else None
        maxlength = max(present) if present else 0
        maxweight = max(0, max(weights))
        stored: Any
        if fixed is None:
            stored = tuple(filter(None, values))
        elif fixed == 0:
            stored = None
        else:
            stored = b"".join(values)
        first = packed[0]
        mini: Any
        if packed.count(1.0) == count:
            mini = None
        elif packed.count(first) == count:
            mini = first
        else:
            mini = tuple(packed)
        data = dumps((tuple(delta_encode(ids)), mini, stored), 2)
        comp = self._compression
        if comp:
            data = zlib.compress(data, comp)
        low, high = length_to_byte(minlength), length_to_byte(maxlength)
        info = dumps((count, ids[-1], maxweight, comp, low, high), 2)
        block = b"".join(
            (WHOOSH3_HEADER_MAGIC, pack_int(-(len(info) + len(data))), info, data)
        )  # a negative length: the term's last block
        raw = self._postfile.file
        start = raw.tell()
        raw.write(block)
        head = _TERMINFO.pack(False, sum(packed), count, low, high, maxweight, ids[0], ids[-1])
        return bytes(head + pack_long(start) + pack_int(len(block)))


class DamagedLengths(Exception):
    """A field-length column does not hold what was written: every BM25 score
    that reads it would be quietly wrong."""


def _column_crc(storage: Any, segment: Any, column: str) -> int | None:
    name = W3Codec.column_filename(segment, column)
    if not storage.file_exists(name):
        return None
    f = storage.open_file(name)
    try:
        return zlib.crc32(f.read())
    finally:
        f.close()


class _PerDocWriter(W3PerDocWriter):  # type: ignore[misc]
    """Whoosh's per-document writer, recording a checksum of each field-length
    column in the segment (kept in the table of contents): whoosh reads those
    bytes unchecked, so a damaged column would skew rankings without a trace."""

    def close(self) -> None:
        super().close()
        self._segment.length_crcs = {
            name: _column_crc(self._storage, self._segment, _lenfield(name))
            for name in self._fieldlengths
        }


# (segment id, field) -> every document's length of the field. A segment's
# lengths never change and its id is random: the tables outlive the readers
# (a searcher is opened anew after every commit).
_LENGTHS: dict[tuple[str, str], list[int] | None] = {}
_LENGTHS_LIMIT = 512
# a length byte -> the length it stands for (0: the field is absent)
_ONE_BYTE_LENGTHS = getattr(LENGTHS_COLUMN, "_typecode", None) == "B"
_BYTE_LENGTHS = [0] + [byte_to_length(b) for b in range(1, 256)]


class _PerDocReader(W3PerDocReader):  # type: ignore[misc]
    """Field lengths held in memory: BM25 asks for one per document it scores.

    Whoosh reads each from its column file (a seek and a read); a segment's
    lengths are a few kilobytes, so each field's are decoded once.
    """

    def __init__(self, storage: Any, segment: Any) -> None:
        super().__init__(storage, segment)
        self._tables: dict[str, list[int] | None] = {}

    def length_table(self, fieldname: str) -> list[int] | None:
        """Every document's length of a field (0 where absent); None if no column."""
        try:
            return self._tables[fieldname]
        except KeyError:
            pass
        # read (and checked) once per reader, not once per process: the file
        # may have been damaged since the table was cached
        raw = self._column_bytes(_lenfield(fieldname))
        if raw is not None:
            self._verify(fieldname, raw)
        key = (self._segment.segment_id(), fieldname)
        if key in _LENGTHS:
            table = _LENGTHS[key]
        else:
            table = self._decode(fieldname, raw)
            if len(_LENGTHS) >= _LENGTHS_LIMIT:
                _LENGTHS.clear()
            _LENGTHS[key] = table
        self._tables[fieldname] = table
        return table

    def _column_bytes(self, column: str) -> bytes | None:
        name = W3Codec.column_filename(self._segment, column)
        if not self._storage.file_exists(name):
            return None
        f = self._storage.open_file(name)
        try:
            return bytes(f.read())
        finally:
            f.close()

    def _decode(self, fieldname: str, raw: bytes | None) -> list[int] | None:
        """A length column's bytes (whoosh's one byte a document, `LENGTHS_COLUMN`)
        as lengths: one table lookup per byte, not whoosh's read per document."""
        if raw is None:
            return None
        if not _ONE_BYTE_LENGTHS:  # another whoosh's layout: its own reader
            column = self._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            return [byte_to_length(b) if b else 0 for b in column.load()]
        table = list(map(_BYTE_LENGTHS.__getitem__, raw[: self._doccount]))
        # a column is as long as its last non-zero value; pad to every document
        table.extend([0] * (self._doccount - len(table)))
        return table

    def _verify(self, fieldname: str, raw: bytes) -> None:
        expected = getattr(self._segment, "length_crcs", {}).get(fieldname)
        if expected is None:  # a segment made before checksums: nothing to compare
            return
        if zlib.crc32(raw) != expected:
            raise DamagedLengths(f"the {fieldname} lengths of a segment were changed")

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        table = self.length_table(fieldname)
        if table is None or docnum >= len(table):
            return default
        return table[docnum] or default


class FastCodec(W3Codec):  # type: ignore[misc]
    """Whoosh's default codec (same files, same readers), written faster."""

    def __init__(self) -> None:
        super().__init__(compression=_COMPRESSION)

    def per_document_writer(self, storage: Any, segment: Any) -> W3PerDocWriter:
        return _PerDocWriter(self, storage, segment)

    def per_document_reader(self, storage: Any, segment: Any) -> W3PerDocReader:
        return _PerDocReader(storage, segment)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> W3PostingsWriter:
        return _PostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )


Postings = list[list[Any]]  # [docnums, weights, values] of one term


class FastSegmentWriter(SegmentWriter):  # type: ignore[misc]
    """A `SegmentWriter` that indexes and commits faster; the rest is whoosh's.

    Whoosh pools every posting as a tuple and sorts them all at commit (a
    tenth of a build). Postings arrive note by note, so here each term keeps
    its lists in a dict, already in note order, and only the terms are
    sorted. Postings stay in memory: a build gives a writer a few thousand
    notes at most.

    Segments stay as separate files, never one compound file: whoosh reads a
    compound file's parts by copying each out of a memory map in one call that
    holds the GIL (up to 180 ms at 100,000 notes, the window frozen meanwhile);
    plain files are read a block at a time.
    """

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        kwargs.setdefault("codec", FastCodec())
        kwargs.setdefault("compound", False)
        super().__init__(ix, **kwargs)
        self._postings: dict[str, dict[bytes, Postings]] = {}

    def finished_segment(self) -> Any:
        """Write this writer's segment out and return it, to be published by the
        process that holds the lock (a worker of a parallel build)."""
        return self._finalize_segment()

    def abandon_segment(self) -> None:
        """Close an empty segment; never `cancel()`, which deletes the temporary
        folder other workers share."""
        self._close_segment()

    def _add(self, name: str, term: bytes, docnum: int, weight: float, data: bytes) -> None:
        terms = self._postings.setdefault(name, {})
        found = terms.get(term)
        if found is None:
            found = terms[term] = [[], [], []]
        found[0].append(docnum)
        found[1].append(weight)
        found[2].append(data)

    def add_postings_to_pool(self, reader: Any, startdoc: int, docmap: Any) -> None:
        # merging a segment in (`add_reader`): its postings, renumbered
        for name, term, docnum, weight, data in self._process_posts(
            reader.iter_postings(), startdoc, docmap
        ):
            self._add(name, term, docnum, weight, data)

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = self.per_document_reader()
        writer = self.fieldwriter
        try:
            # docnums are in order: notes are added in turn, and segments
            # merged in come after them, renumbered upwards
            for name in sorted(self._postings):
                terms = self._postings[name]
                field = self.schema[name]
                writer.start_field(name, field)
                postings = writer._postwriter
                limit = postings._blocklimit if ONE_BLOCK else 0
                fixed = field.format.fixed_value_size()
                table = lengths.length_table(name) or []
                count = len(table)
                prefix = pack_ushort(writer._fieldid)
                add_term = writer._tindex.add
                for term in sorted(terms):
                    docnums, weights, values = terms[term]
                    if docnums[-1] < count:  # always, but for a damaged length column
                        sizes = list(map(table.__getitem__, docnums))
                    else:
                        sizes = [table[d] if d < count else 0 for d in docnums]
                    if len(docnums) <= limit:
                        add_term(
                            prefix + term,
                            postings.one_block(fixed, docnums, weights, values, sizes),
                        )
                        continue
                    writer.start_term(term)
                    postings.add_all(docnums, weights, values, sizes)
                    writer.finish_term()
                writer.finish_field()
            writer.close()
        finally:
            lengths.close()
        self._postings = {}

    def add_document(self, **fields: Any) -> None:
        """Whoosh's `add_document` for our fields, without its per-posting overhead.

        Doc and field boosts, term vectors and spelling fields are not
        supported; the schema uses none of them.
        """
        self._check_state()
        schema = self.schema
        docnum = self.docnum
        perdoc = self.perdocwriter
        postings = self._postings
        names = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, names)
        perdoc.start_doc(docnum)
        try:
            for name in names:
                value = fields[name]
                if value is None:
                    continue
                field = schema[name]
                length = 0
                if field.indexed:
                    terms = postings.get(name)
                    if terms is None:
                        terms = postings[name] = {}
                    add_to = getattr(field.format, "add_to", None)
                    if add_to is not None:
                        length = add_to(terms, docnum, value, field.analyzer)
                    else:
                        for term, freq, weight, data in field.index(value):
                            length += freq
                            found = terms.get(term)
                            if found is None:
                                found = terms[term] = [[], [], []]
                            found[0].append(docnum)
                            found[1].append(weight)
                            found[2].append(data)
                    if not field.scorable:
                        length = 0
                stored = fields.get("_stored_" + name, value) if field.stored else None
                perdoc.add_field(name, field, stored, length)
        except Exception:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1
