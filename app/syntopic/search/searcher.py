"""Queries over an open index: ranked hits, snippets and did-you-mean.

Needs no parsed vault: the index stores where each note's body starts, so
snippets re-read the file directly (the command line answers without
parsing). `search()` may run while a build writes: whoosh searchers see the
last committed state.
"""

from __future__ import annotations

import contextlib
import threading
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from whoosh.scoring import BM25F
from whoosh.support.levenshtein import distance

from syntopic.search.analysis import fold
from syntopic.search.bodies import read_body
from syntopic.search.query import ParsedQuery, expand, parse
from syntopic.search.results import SearchHit, SearchResult, Snippet
from syntopic.search.schema import TEXT_FIELDS
from syntopic.search.snippets import Body
from syntopic.search.snippets import snippets as make_snippets
from syntopic.search.store import IndexStore
from syntopic.search.whooshx.evaluate import evaluate

if TYPE_CHECKING:
    from syntopic.search.spelling import StemCorrector

BODY_CACHE = 256  # bodies kept ready for snippets

# A note's path -> (where its body starts, (size, mtime)) as the caller knows it
# now, or None to use what the index stored.
Locate = Callable[[str], tuple[int, tuple[int, int]] | None]

DAMAGED = "The search index is damaged; it will be rebuilt."


class Searcher:
    """Searches ``store``; ``locate`` (optional) gives fresher body offsets than the index's."""

    def __init__(self, store: IndexStore, locate: Locate | None = None) -> None:
        self.store = store
        self.locate = locate
        self._read = threading.Lock()  # the cached whoosh searcher is not thread-safe
        self._searcher: Any = None
        self._epoch = -1  # the store's epoch the cached searcher was opened in
        self._bodies: dict[tuple[str, tuple[int, int] | None], Body] = {}

    def close(self) -> None:
        with self._read:
            self._drop()

    def _drop(self) -> None:
        if self._searcher is not None:
            with contextlib.suppress(Exception):
                self._searcher.close()
        self._searcher = None

    def current(self) -> Any:
        """The whoosh searcher over the last committed state (None if no index)."""
        if self.store.ix is None and not self.store.open():
            return None
        searcher = self._searcher
        if searcher is not None:
            if self._epoch == self.store.epoch and searcher.up_to_date():
                return searcher
            # a new index since, or new commits: not `refresh()`, as whoosh reuses
            # the readers of segments whose deletions changed (and so still finds
            # deleted notes)
            searcher.close()
        searcher = self.store.ix.searcher(weighting=BM25F())
        self._searcher, self._epoch = searcher, self.store.epoch
        # load the field lengths BM25 reads now, not during the first query
        for leaf, _ in searcher.reader().leaf_readers():
            for name in TEXT_FIELDS:
                if leaf.doc_count_all():
                    leaf.doc_field_length(0, name)
        return searcher

    def warm(self) -> None:
        """Open the searcher now (from a worker), so the first query does not pay for it."""
        with self._read, contextlib.suppress(Exception):  # damage surfaces in `search`
            self.current()

    def search(
        self,
        text: str,
        limit: int = 20,
        snippets: int = 10,
        *,
        perspectives_fallback: bool = False,
        as_you_type: bool = False,
    ) -> SearchResult:
        """Ranked notes for a query; never raises for anything the user typed.

        Snippets are made for the first ``snippets`` hits (reading their files);
        ``as_you_type``: the last word matches as a prefix too (see `parse`).
        """
        parsed = parse(text, perspectives_fallback=perspectives_fallback, as_you_type=as_you_type)
        result = SearchResult(text, notice=parsed.notice)
        if parsed.query is None:
            if text.strip() and result.notice is None:
                result.notice = "Nothing to search for: only very common words."
            return result
        failed: Exception | None = None
        with self._read:
            try:
                searcher = self.current()
                if searcher is None:
                    why = DAMAGED if self.store.damage else "The search index is not built yet."
                    result.notice = result.notice or why
                    return result
                self._run(searcher, parsed, result, limit, snippets)
            except Exception as exc:  # damaged index files surface only when read
                failed = exc
            if failed is not None:
                with warnings.catch_warnings():
                    # whoosh leaves a damaged segment's files open: closed (and
                    # warned about) when the failure is dropped, here
                    warnings.simplefilter("ignore", ResourceWarning)
                    self.store.damaged(failed)
                    self._drop()
                    failed = None
                result.hits = []
                result.notice = DAMAGED
        return result

    def _run(
        self,
        searcher: Any,
        parsed: ParsedQuery,
        result: SearchResult,
        limit: int,
        snippets: int,
    ) -> None:
        assert parsed.query is not None
        query, expansions = expand(parsed.query, searcher.reader())
        hits, result.total = evaluate(searcher, query, max(1, limit))
        terms = set(parsed.highlight.terms)
        for node in parsed.highlight.expanders:
            terms.update(expansions.get(id(node), ()))
        out: list[SearchHit] = []
        for rank, (score, docnum) in enumerate(hits):
            stored = searcher.stored_fields(docnum)
            path = stored["path"]
            found: tuple[Snippet, ...] = ()
            if rank < snippets:
                found = tuple(make_snippets(self._prepared(path, stored), terms))
            out.append(SearchHit(path, stored.get("title", path), score, found))
        result.hits = out
        typing = parsed.typing
        if typing is not None and any(expansions.get(id(n)) for n in typing[1]):
            # the word being typed starts indexed words: not a typo
            parsed.words = [w for w in parsed.words if w.start != typing[0]]
        result.suggestion = self._suggest(searcher, parsed)

    def _where(self, path: str, stored: dict[str, Any] | None) -> tuple[int, tuple[int, int]]:
        here = self.locate(path) if self.locate is not None else None
        if here is not None:
            return here
        if stored is None:
            stored = self._searcher.document(path=path) if self._searcher is not None else None
        if stored is None:
            return -1, (0, 0)
        return stored.get("start", 0), (stored.get("size", 0), stored.get("mtime", 0))

    def _prepared(self, path: str, stored: dict[str, Any]) -> Body:
        """The body as snippets need it, cached: typing a query repeats the top hits."""
        start, stat = self._where(path, stored)
        key = (path, stat)
        body = self._bodies.pop(key, None)
        if body is None:
            body = Body(read_body(self.store.root, path, start) if start >= 0 else "")
            if len(self._bodies) >= BODY_CACHE:
                del self._bodies[next(iter(self._bodies))]
        self._bodies[key] = body  # most recently used last
        return body

    def body(self, path: str) -> str:
        start, _ = self._where(path, None)
        return read_body(self.store.root, path, start) if start >= 0 else ""

    def _suggest(self, searcher: Any, parsed: ParsedQuery) -> str | None:
        """The query with each word no note contains replaced by the nearest one."""
        reader = searcher.reader()
        fields = tuple(TEXT_FIELDS)
        corrector: StemCorrector | None = None
        replacements: list[tuple[int, str, str]] = []
        for word in parsed.words:
            if any(reader.doc_frequency(name, word.term) for name in fields):
                continue
            # imported only now: whoosh's spelling module brings its highlighter
            # and the html package, a tenth of a command-line search's start
            from syntopic.search.spelling import StemCorrector, surface

            corrector = corrector or StemCorrector(reader)
            # one edit first: far cheaper to look for, and usually enough
            options = corrector.suggest(word.term, limit=1, maxdist=1, prefix=1)
            if not options:
                options = corrector.suggest(word.term, limit=1, maxdist=2, prefix=1)
            if not options:
                continue
            better = surface(options[0], word.text, reader, self.body)
            if better and distance(better, fold(word.text)) <= 3:
                replacements.append((word.start, word.text, better))
        if not replacements:
            return None
        text = parsed.text
        for start, old, new in sorted(replacements, reverse=True):
            text = text[:start] + new + text[start + len(old) :]
        return text
