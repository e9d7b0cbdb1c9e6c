"""Searching: ranking, every operator and filter, snippets, fallback, did-you-mean."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from searchkit import PAIRS, found, paths
from whoosh import query as wq

from conftest import write_vault
from syntopic.core.catalog import note_type
from syntopic.core.vault import Vault
from syntopic.search.analysis import WORD
from syntopic.search.index import SearchIndex
from syntopic.search.query import expand, parse
from syntopic.search.schema import STEMMED
from syntopic.search.whooshx.evaluate import evaluate


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    root = write_vault(tmp_path_factory.mktemp("vault"), PAIRS)
    vault = Vault.open(str(root), use_cache=False)  # module-wide: no user cache
    with SearchIndex(vault, folder=tmp_path_factory.mktemp("index")) as built:
        built.build()
        yield built


# -- ranking ---------------------------------------------------------------------
def test_a_title_hit_ranks_above_a_body_hit(index: SearchIndex) -> None:
    result = index.search("reciprocity")
    assert paths(result) == ["Concepts/Reciprocity.md", "Concepts/Gift Economy.md"]
    assert result.hits[0].score > 2 * result.hits[1].score
    assert result.total == 2


def test_aliases_count_as_titles(index: SearchIndex) -> None:
    assert paths(index.search("give first")) == ["Concepts/Reciprocity.md"]


def test_stemming_and_accent_folding(index: SearchIndex) -> None:
    assert "Concepts/Reciprocity.md" in found(index, "repaying obligations")
    assert found(index, "cafe") == found(index, "CAFÉ") == {"Notes/Café Culture.md"}


# -- operators -----------------------------------------------------------------------
def test_plain_words_must_all_match(index: SearchIndex) -> None:
    assert found(index, "gift") == {"Concepts/Reciprocity.md", "Concepts/Gift Economy.md"}
    assert found(index, "gift obligation") == {"Concepts/Reciprocity.md"}
    assert found(index, "gift AND status") == {"Concepts/Gift Economy.md"}


def test_phrases_need_the_words_in_a_row(index: SearchIndex) -> None:
    assert found(index, '"social proof"') == {"Concepts/Social Proof.md"}
    assert found(index, '"proof social"') == set()
    # the same words apart: a plain search finds both notes that have them
    assert found(index, "small gift") == {"Concepts/Reciprocity.md"}
    assert found(index, '"gift small"') == set()


def test_or_and_parentheses(index: SearchIndex) -> None:
    assert found(index, "espresso OR deadlines") == {
        "Notes/Café Culture.md",
        "Concepts/Scarcity.md",
    }
    # OR binds looser than the implicit AND
    assert found(index, "rare valuable OR espresso ritual") == {
        "Concepts/Scarcity.md",
        "Notes/Café Culture.md",
    }
    assert found(index, "(espresso OR concessions) anchoring") == {"Notes/Negotiation.md"}


def test_not_and_minus_exclude(index: SearchIndex) -> None:
    assert found(index, "gift -economy") == {"Concepts/Reciprocity.md"}
    assert found(index, "gift NOT economy") == {"Concepts/Reciprocity.md"}
    everything_else = found(index, "-gift")
    assert "Concepts/Reciprocity.md" not in everything_else
    assert len(everything_else) == len(PAIRS) - 2


def test_prefix_matches_word_starts_even_past_the_stem(index: SearchIndex) -> None:
    assert found(index, "recipro*") == {"Concepts/Reciprocity.md", "Concepts/Gift Economy.md"}
    # "negotiation" is indexed as the stem "negoti": a longer prefix still finds it
    assert found(index, "negotiat*") == {"Notes/Negotiation.md"}
    assert found(index, "testimo*") == {"Concepts/Social Proof.md"}


def test_fuzzy_words_allow_typos(index: SearchIndex) -> None:
    assert found(index, "scarcty~") == {"Concepts/Scarcity.md"}
    assert found(index, "espreso~1") == {"Notes/Café Culture.md"}
    assert found(index, "scarcty") == set()  # no ~: no tolerance


# -- filters ------------------------------------------------------------------------
def test_tag_matches_nested_tags_like_obsidian(index: SearchIndex) -> None:
    principles = {"Concepts/Reciprocity.md", "Concepts/Social Proof.md", "Concepts/Scarcity.md"}
    assert found(index, "tag:principle") == principles
    assert found(index, "tag:#principle") == principles
    assert found(index, "tag:principle/scarcity") == {"Concepts/Scarcity.md"}
    assert found(index, "tag:scarcity") == set()  # a child name alone is not the tag
    assert found(index, "tag:principle rare") == {"Concepts/Scarcity.md"}


def test_type_and_path_filters(index: SearchIndex) -> None:
    assert found(index, "type:book") == {"Books/Influence.md"}
    # declared, or (Scarcity) with a tensions section: a concept as the legend says
    assert found(index, "type:concept") == {"Concepts/Reciprocity.md", "Concepts/Scarcity.md"}
    # a note without `type:` is a "note", as everywhere else
    assert found(index, "type:note") == {
        "Concepts/Gift Economy.md",
        "Concepts/Social Proof.md",
        "Notes/Café Culture.md",
        "Notes/Negotiation.md",
    }
    assert found(index, "type:note negotiation") == {"Notes/Negotiation.md"}
    assert found(index, "path:Books") == {"Books/Influence.md"}
    assert found(index, "path:notes") == {"Notes/Café Culture.md", "Notes/Negotiation.md"}
    assert found(index, "path:Concepts gift") == {
        "Concepts/Reciprocity.md",
        "Concepts/Gift Economy.md",
    }


def test_type_finds_each_note_under_the_type_the_legend_shows(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    pairs = [
        ("Plain.md", "Just words."),
        ("Declared.md", "---\ntype: Framework\n---\nA declared type, any case."),
        ("Books/Shelved.md", "A book by its folder."),
        ("Argued.md", "# Argued\n\n## Perspectives\n\nRobert Cialdini says so.\n"),
    ]
    root = write_vault(tmp_path_factory.mktemp("typed"), pairs)
    vault = Vault.open(str(root), use_cache=False)
    with SearchIndex(vault, folder=tmp_path_factory.mktemp("typed-index")) as built:
        built.build()
        for path, note in vault.notes.items():
            assert found(built, f"type:{note_type(note)}") == {path}
    assert sorted(note_type(n) for n in vault.notes.values()) == [
        "book",
        "concept",
        "framework",
        "note",
    ]


def test_book_and_author_filters(index: SearchIndex) -> None:
    # the book note itself, and the concept whose perspectives cite it
    assert found(index, "book:Influence") == {"Books/Influence.md", "Concepts/Reciprocity.md"}
    assert found(index, 'book:"psychology of persuasion"') == {"Books/Influence.md"}
    assert found(index, "author:cialdini") == {"Books/Influence.md", "Concepts/Reciprocity.md"}
    assert found(index, 'author:"Robert Cialdini" type:book') == {"Books/Influence.md"}


def test_section_filter(index: SearchIndex) -> None:
    assert found(index, 'section:"multi-book view"') == {"Concepts/Reciprocity.md"}
    assert found(index, "section:tensions") == {"Concepts/Scarcity.md"}
    assert found(index, 'section:"key frame"') == {"Concepts/Reciprocity.md"}
    assert found(index, "section:tensions rare") == {"Concepts/Scarcity.md"}


# -- snippets -----------------------------------------------------------------------
def test_snippets_show_the_matched_words_marked(index: SearchIndex) -> None:
    hit = index.search("obligation").hits[0]
    assert hit.path == "Concepts/Reciprocity.md"
    marked = [w for s in hit.snippets for w in s.hits]
    assert marked and all(STEMMED.term(w) == "oblig" for w in marked)
    assert "obliged" in marked and "obligation" in marked
    assert any("«obligation»" in s.marked("«", "»") for s in hit.snippets)
    # reader's text: no front matter, no link or emphasis markup
    text = " ".join(s.text for s in hit.snippets)
    assert "---" not in text and "*" not in text


def test_a_heading_in_a_snippet_stays_apart_from_the_sentence_below(index: SearchIndex) -> None:
    text = index.search("retreat").hits[0].snippets[0].text
    assert "Key Frameworks · The rejection-then-retreat technique" in text


def test_snippets_of_prefix_and_fuzzy_words_mark_their_expansions(index: SearchIndex) -> None:
    marked = {w for s in index.search("testimo*").hits[0].snippets for w in s.hits}
    assert marked == {"Testimonials"}
    marked = {w for s in index.search("espreso~").hits[0].snippets for w in s.hits}
    assert marked == {"Espresso"}


def test_snippet_json_offsets_point_at_the_hits(index: SearchIndex) -> None:
    data = index.search("deadlines").to_json()
    snippet = data["results"][0]["snippets"][0]
    assert [snippet["text"][a:b] for a, b in snippet["hits"]] == ["deadlines"]


def test_a_title_only_hit_still_shows_the_opening(index: SearchIndex) -> None:
    hit = index.search("psychology").hits[0]  # an alias of the book, not in its text
    assert hit.path == "Books/Influence.md"
    assert hit.snippets and not hit.snippets[0].hits
    assert hit.snippets[0].text.startswith("A book about persuasion")


# -- bad input ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ('"social proof', "quote"),
        ("(gift OR espresso", "'('"),
        ("gift)", "')'"),
        ("gift OR", "OR"),
        ("NOT", "NOT"),
        ("tag:", "tag:"),
        ("()", "parentheses"),
    ],
)
def test_a_malformed_query_searches_its_words_and_says_so(
    index: SearchIndex, query: str, reason: str
) -> None:
    result = index.search(query)
    assert result.notice is not None and reason in result.notice
    words = [w for w in WORD.findall(query) if w not in ("OR", "NOT", "tag")]
    assert paths(result) == paths(index.search(" ".join(words)))
    if query == '"social proof':
        assert paths(result) == ["Concepts/Social Proof.md"]


def test_odd_input_never_raises(index: SearchIndex) -> None:
    for query in ["", "   ", "*", "~", "-", '"', "::", "a:b:c", "~~~", "OR OR", "-(", "the of",
                  "x" * 5000, "tag:#", "path:/", "ünïcödé~2", "[[link]]", "sched*~"]:  # fmt: skip
        result = index.search(query)
        assert isinstance(result.hits, list)


def test_only_common_words_say_so(index: SearchIndex) -> None:
    result = index.search("the of")
    assert result.hits == [] and result.notice and "common" in result.notice


# -- did you mean -----------------------------------------------------------------------
def test_did_you_mean_replaces_the_word_that_matched_nothing(index: SearchIndex) -> None:
    assert index.search("reciprocty").suggestion == "reciprocity"
    assert index.search("scarcty deadlines").suggestion == "scarcity deadlines"
    assert index.search("espreso ritual").suggestion == "espresso ritual"
    assert index.search("reciprocity").suggestion is None
    assert index.search("zzqqxx").suggestion is None  # nothing close


# -- the evaluator is whoosh's scoring, only faster ------------------------------------------
@pytest.mark.parametrize(
    "text",
    ["gift", "gift obligation", '"social proof"', "espresso OR deadlines", "gift -economy",
     "recipro*", "scarcty~", "tag:principle rare", "-gift", "book:Influence", "(a OR gift) small"],
)  # fmt: skip
def test_evaluation_matches_an_unpruned_whoosh_search(index: SearchIndex, text: str) -> None:
    searcher = index.searcher.current()
    parsed = parse(text)
    assert parsed.query is not None
    q, _ = expand(parsed.query, searcher.reader())
    mine, total = evaluate(searcher, q, limit=50)
    theirs = searcher.search(q, limit=None)
    assert total == len(theirs)
    assert sorted((round(s, 6), d) for s, d in mine) == sorted(
        (round(h.score, 6), h.docnum) for h in theirs
    )


def test_queries_parse_to_the_expected_structure() -> None:
    q = parse("gift obligation OR espresso ritual").query
    assert isinstance(q, wq.Or) and len(q.subqueries) == 2
    assert all(isinstance(s, wq.And) for s in q.subqueries)
    assert parse("gift -economy").query.__class__ is wq.AndNot
    assert parse("NOT gift").query.__class__ is wq.AndNot
    assert parse("gift").notice is None


def test_results_carry_a_stable_json_shape(index: SearchIndex, tmp_path: Path) -> None:
    data = index.search("gift", limit=1).to_json()
    assert set(data) == {"query", "notice", "suggestion", "total", "results"}
    assert data["total"] == 2 and len(data["results"]) == 1
    assert set(data["results"][0]) == {"path", "title", "score", "snippets"}
