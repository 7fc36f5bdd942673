"""Entity extraction. STUB (issue 2); issue 4 builds the real spaCy pipeline."""

from __future__ import annotations

import re

from policykg.extract.document import Document
from policykg.extract.model import Entity, Span

_SUFFIX_TYPES = [("产业集群", "Cluster"), ("产业园", "Park"), ("工业园区", "Park"),
                 ("示范区", "Zone"), ("行动计划", "Plan"), ("委员会", "Agency")]


def find_entities(document: Document) -> list[Entity]:
    by_name: dict[tuple[str, str], Entity] = {}
    for suffix, etype in _SUFFIX_TYPES:
        for m in re.finditer(r"[\u4e00-\u9fff]{2,8}" + suffix, document.text):
            key = (m.group(), etype)
            ent = by_name.setdefault(key, Entity(id="", name=m.group(), type=etype))
            ent.mentions.append(Span(m.start(), m.end()))
    entities = list(by_name.values())
    for i, ent in enumerate(entities, 1):
        ent.id = f"e{i}"
    return entities
