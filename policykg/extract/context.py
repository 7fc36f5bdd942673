"""The document context: what every stage after the entities needs to know of a document,
built once (``build_context``) and passed to relations and measures.

- ``region``: the division the document is about, with its level (``subject.SubjectRegion``:
  a county, a city or a province; None for a national or unplaced text);
- ``subject``: the entity 我市/全省 and unnamed figures refer to (``subject.subject_entity``);
- ``date``, ``year``: the publication date and its year (dateline, metadata, ``--date``, a
  manifest; without a date, the year 今年 stands beside); ``reference_year``: ``year``, else
  the latest year the text reports (the year of an undated article);
- ``periods``: paragraphs cut into full-stop periods and clauses; ``mentions``: the entity
  mentions without overlaps (a name that only enumerates others gives way to them).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from policykg.extract.cues import MentionIndex, Period, periods
from policykg.extract.divisions import PROVINCE, lookup
from policykg.extract.document import Document
from policykg.extract.model import Entity
from policykg.extract.subject import SubjectRegion, subject_entity, subject_region


@dataclass
class DocumentContext:
    document: Document
    entities: list[Entity]
    region: SubjectRegion | None
    subject: Entity | None
    year: int | None
    reference_year: int | None
    periods: list[Period]
    mentions: MentionIndex

    @property
    def date(self) -> str | None:
        return self.document.date

    @cached_property
    def paragraph_ends(self) -> dict[int, int]:
        """Where each paragraph's last period ends, by paragraph number."""
        return {p.paragraph: p.end for p in self.periods}

    @cached_property
    def provincial(self) -> bool:
        """The subject is a province or autonomous region (not a municipality, whose 全市 is
        already its own): its 全省 figures are its own."""
        subject = self.subject
        if subject is None or subject.type != "Place" or subject.name.endswith("市"):
            return False
        return any(d.level == PROVINCE for d in lookup(subject.name))


def build_context(document: Document, entities: list[Entity]) -> DocumentContext:
    """The context of a document whose entities have been found."""
    from policykg.extract.measures import document_years  # (the dating rules are the measures')

    year, reference_year = document_years(document)
    return DocumentContext(document, entities, subject_region(document), subject_entity(document, entities),
                           year, reference_year, periods(document), MentionIndex(entities, document.text))
