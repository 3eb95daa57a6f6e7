"""Named-entity recognition on one pre-tokenized sentence of general Indonesian text.

The news extractor (graphbuild.extractors.entities) runs first, unchanged, so that measuring
this recognizer measures it. It accepts unknown names only where news makes them safe; general
text needs every capitalised name typed, so known places and organizations and then the capitalised
spans left are read with general cues (graphbuild.nerrules), helped by part-of-speech tags where a
tagger is at hand (graphbuild.postagger). Spans follow the common annotation of Indonesian corpora
(graphbuild.nerspans): a generic word that is part of a place's name belongs to it ("Kabupaten
Pati", "desa Kramas"), an honorific before a person's name does not.
"""

from __future__ import annotations

from spacy.tokens import Doc

from graphbuild.extractors.entities import EntityExtractor
from graphbuild.model import Document, DocumentFacts, Sentence
from graphbuild.nerdata import function_words, given_names, name_matcher, ordinary, phrases
from graphbuild.nerrules import Classifier, number_like
from graphbuild.nerspans import hyphen_joins, person_edges
from graphbuild.postagger import pos_tags
from graphbuild.text import ParsedDocument, nlp

Span = tuple[int, int, str]
NO_SPACE_BEFORE = frozenset(",.;:!?)]}%”’")
NO_SPACE_AFTER = frozenset("([{“‘")
ROMAN = frozenset("IVXLC")


def recognize(words: list[str]) -> list[Span]:
    """Entities of one sentence as (first token, end token, type), sorted and non-overlapping."""
    if not words:
        return []
    doc = Doc(nlp().vocab, words=words, spaces=_spaces(words))
    known = _known_names(doc)
    spans = _checked(words, _news_spans(doc), known)
    spans = _widen(words, _with_known(known, spans))
    classifier = Classifier(words, spans, pos_tags(words))
    found = classifier.read()
    spans = _joined(sorted([x for x in spans if x not in classifier.absorbed] + found))
    return person_edges(words, hyphen_joins(words, spans))


def _spaces(words: list[str]) -> list[bool]:
    """Whether a space follows each word, as the sentence would have been written."""
    out = []
    for i, word in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        glued = nxt in NO_SPACE_BEFORE or word in NO_SPACE_AFTER or _hyphen_joins(words, i)
        out.append(bool(nxt) and not glued)
    return out


def _hyphen_joins(words: list[str], i: int) -> bool:
    """True when word i or i+1 is a hyphen between two words ("Yong - hyun" was "Yong-hyun")."""
    k = i if words[i] == "-" else i + 1
    return k < len(words) and words[k] == "-" and 0 < k < len(words) - 1 and words[k - 1].isalpha() and (
        words[k + 1].isalpha()
    )


def _news_spans(doc: Doc) -> list[Span]:
    """The news extractor's mentions, flattened: the longest wins where they overlap."""
    text = doc.text
    document = Document(doc_id="sentence", text=text, source_file="")
    sentence = Sentence(index=0, start=0, end=len(text), text=text)
    parsed = ParsedDocument(document=document, doc=doc, sentences=[sentence], sentence_tokens=[(0, len(doc))])
    mentions = EntityExtractor()(parsed, DocumentFacts(document=document, sentences=[sentence]))
    starts = {t.idx: t.i for t in doc}
    ends = {t.idx + len(t.text): t.i + 1 for t in doc}
    return _flatten([(starts[m.start], ends[m.end], m.etype) for m in mentions if not m.implicit])


def _flatten(spans: list[Span]) -> list[Span]:
    """Keep the longest of overlapping spans (the earlier one when equally long)."""
    kept: list[Span] = []
    for s, e, kind in sorted(spans, key=lambda x: (x[0] - x[1], x[0])):
        if not any(s < b and a < e for a, b, _ in kept):
            kept.append((s, e, kind))
    return kept


def _checked(words: list[str], spans: list[Span], known: dict[tuple[int, int], str]) -> list[Span]:
    """News spans checked for general text: function words at their ends go ("Desa X Terdapat"); an
    organization read from a lower-case head is no name ("angkatan laut X"), one with a place head inside
    is that place ("Kantor Kecamatan X").

    A person read after a title may be a place ("Gubernur Lampung", "Desa X", "Dusun X"; but in
    "Kepala Desa X" X is the person), begin with one ("Gubernur Jawa Barat X"), be a club named after
    a town ("oleh Persiba Bantul"), an acronym ("Ketua BPD") or ordinary words ("Kepala Sekolah").
    """
    p = phrases()
    lower = [w.lower() for w in words]
    out: list[Span] = []
    for s, e, kind in spans:
        if e - s == 1 and p.has("common_acronyms", lower[s]):
            continue
        while e - s > 1 and (lower[e - 1] in function_words() or p.has("run_breakers", lower[e - 1])):
            e -= 1
        head = p.place_head(lower, words, s)
        if head and all(number_like(w) for w in words[s + head : e]):
            continue
        if kind == "Organization":
            if not words[s][:1].isupper():
                continue
            head = next((k for k in range(s + 1, e) if p.place_head(lower, words, k)), 0)
            if head:
                s, kind = head, "Place"
        if kind == "Person":
            while e + 1 < len(words) and len(words[e - 1]) == 1 and words[e] == "." and words[e + 1][:1].isupper():
                e += 2
            head = p.place_head(lower, words, s)
            if head and e - s > head and s and p.before("titles", lower, s):
                s += head
            elif head and e - s > head or s and p.place_head(lower, words, s - 1) == 1 and words[s - 1][:1].isupper():
                out.append((s, e, "Place"))
                continue
            while e - s > 1 and (_ordinary(words[s]) or p.has("honorifics", lower[s])):
                s += 1
            if 0 < p.at("org_heads", lower, s) < e - s and words[s][:1].isupper():
                out.append((s, e, "Organization"))
                continue
            place = max((b for (a, b), k in known.items() if a == s and b < e and k != "Organization"), default=0)
            if place:
                out.append((s, place, known[(s, place)]))
                s = place
            if (s, e) in known:
                kind = known[(s, e)]
            elif e - s == 2 and known.get((s + 1, e)) == "Place" and not _ordinary(words[s]):
                kind = "Organization"
            elif e - s == 1 and words[s].isupper() and len(words[s]) > 1:
                kind = "Organization"
            elif all(_ordinary(w) or len(w) < 2 or set(w) <= ROMAN for w in words[s:e]):
                continue
        out.append((s, e, kind))
    return out


def _ordinary(word: str) -> bool:
    return ordinary(word.lower()) and word not in given_names()


def _known_names(doc: Doc) -> dict[tuple[int, int], str]:
    """Matches of places.tsv and organizations.tsv by token range, with their type."""
    vocab = nlp().vocab
    found = {(s, e): vocab.strings[m] for m, s, e in name_matcher()(doc)}
    return {(s, e): kind for (s, e), kind in found.items() if e - s > 1 or not _inside_name(doc, s, kind)}


def _inside_name(doc: Doc, i: int, kind: str) -> bool:
    """A one-word known name that is rather an ordinary word opening the sentence ("Padi"), or part of
    a person's name ("Francis Ford Coppola", "Budi Jakarta")."""
    if i == 0:
        return _ordinary(doc[i].text)
    before = doc[i - 1].text
    return before in given_names() or kind == "Organization" and before[:1].isupper() and not _ordinary(before)


def _with_known(known: dict[tuple[int, int], str], spans: list[Span]) -> list[Span]:
    """Add the known names that cover no span or wholly cover the spans they meet, the longest first; a
    longer known name replaces the spans inside it ("Real" + "Madrid", "Garuda" + "Indonesia")."""
    free = [
        (s, e, kind) for (s, e), kind in known.items()
        if all(b <= s or e <= a or s <= a and b <= e and (a, b) != (s, e) for a, b, _ in spans)
    ]
    added = _flatten(free)
    return [x for x in spans if not any(s <= x[0] and x[1] <= e for s, e, _ in added)] + added


def _widen(words: list[str], spans: list[Span]) -> list[Span]:
    """Widen a place to the generic words before it ("kota Pati", "Pelabuhan Tanjung X") and a compass
    word after it ("Jakarta Selatan"), a person to a title that is part of the name ("Raden X"), an
    organization to the capitalised words that end its name ("Lembaga Pendidikan" + "Nusa Indah")."""
    lower = [w.lower() for w in words]
    taken = {i for s, e, _ in spans for i in range(s, e)}
    out = []
    for s, e, kind in spans:
        start = s
        while (k := _head_before(words, lower, s, kind)) and not taken & set(range(s - k, s)):
            s -= k
        taken.update(range(s, start))
        if kind in ("Place", "Country") and e < len(words) and e not in taken and words[e][:1].isupper():
            if phrases().has("place_tails", lower[e]) or _second_name(words, e):
                e, kind = e + 1, "Place"
        end = e
        while kind == "Organization" and end < len(words) and end not in taken and _continues_name(words[end]):
            end += 1
        if not phrases().has("non_entity_tails", lower[end - 1]):
            e = end
        taken.update(range(s, e))
        out.append((s, e, kind))
    return out


def _second_name(words: list[str], i: int) -> bool:
    """An unknown capitalised word closing a run right after a place names a part or a namesake of it
    ("Aceh Singkil", "Padang Sidempuan"): no ordinary word, given name or acronym."""
    word = words[i]
    nxt = words[i + 1] if i + 1 < len(words) else ""
    return word.isalpha() and word[1:].islower() and not _ordinary(word) and word not in given_names() and not (
        nxt[:1].isupper()
    )


def _head_before(words: list[str], lower: list[str], s: int, kind: str) -> int:
    """Length of a generic place word or name title just before token s that belongs to the name, or 0."""
    p = phrases()
    for k in range(min(s, 3), 0, -1):
        if kind == "Place" and p.place_head(lower, words, s - k) == k:
            return k
        if kind == "Person" and p.at("name_titles", lower, s - k) == k and words[s - k][:1].isupper():
            return k
    return 0


def _continues_name(word: str) -> bool:
    """A capitalised word that may end an organization's name: no function word, and no title or given
    name opening a person's name after it ("TNI" + "Jenderal X", "Ajax" + "Cruyff")."""
    lower = word.lower()
    if len(word) < 2 or not word[:1].isupper() or lower in function_words():
        return False
    if word in given_names() and not ordinary(lower):
        return False
    return not any(phrases().has(key, lower) for key in ("titles", "honorifics", "person_before"))


def _joined(spans: list[Span]) -> list[Span]:
    """An organization directly followed by a one-word place or country takes it in ("Sony Music
    Indonesia", "Arema Malang"): a branch or a club named after its town."""
    out: list[Span] = []
    for s, e, kind in spans:
        if out and out[-1][2] == "Organization" and out[-1][1] == s and e - s == 1 and kind in ("Place", "Country"):
            out[-1] = (out[-1][0], e, "Organization")
        else:
            out.append((s, e, kind))
    return out
