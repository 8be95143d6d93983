"""Controlled vocabulary of the bibliography: topic slugs and evidence types.

Every entry of ``bibliography/alliance.bib`` carries

* ``keywords``: a comma-separated list of topic slugs from :data:`TOPICS`;
* ``evidence``: exactly one slug from :data:`EVIDENCE_TYPES`.

Slugs are permanent (they become URLs and reading-list anchors): add new ones,
but never rename or remove an existing one. Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

__all__ = [
    "Topic",
    "TOPICS",
    "EVIDENCE_TYPES",
]


@dataclass(frozen=True)
class Topic:
    """One topic of the bibliography.

    ``slug`` is the value used in the ``keywords`` field of the .bib file,
    ``label`` the human heading, and ``description`` one sentence that can
    introduce the topic's reading list.
    """

    slug: str
    label: str
    description: str


_TOPIC_LIST: tuple[Topic, ...] = (
    Topic(
        "concept",
        "Concept and history",
        "How the alliance has been defined, from its psychoanalytic roots to the "
        "pan-theoretical model of agreement on goals and tasks plus an emotional bond.",
    ),
    Topic(
        "measurement",
        "Measurement",
        "Questionnaires and rating scales used to assess the alliance, with their "
        "development and psychometric properties.",
    ),
    Topic(
        "orientation-psychoanalytic",
        "Psychoanalytic theory",
        "Psychoanalytic accounts of the alliance, in which transference, the "
        "patient's ego capacities and the analyst's responses shape the working relationship.",
    ),
    Topic(
        "orientation-psychodynamic",
        "Psychodynamic psychotherapy",
        "Psychodynamic views on forming the alliance early, from the first contact "
        "and initial sessions onward, and the clinician activities that support it.",
    ),
    Topic(
        "orientation-humanistic",
        "Humanistic therapy",
        "Person-centred and other humanistic perspectives that place genuineness, "
        "acceptance and empathy at the centre of the therapeutic relationship.",
    ),
    Topic(
        "orientation-cognitive-behavioural",
        "Cognitive-behavioural therapy",
        "How cognitive and behavioural therapies understand the relationship, for "
        "example through interpersonal schemas, emotional processing and attachment.",
    ),
    Topic(
        "outcome",
        "Alliance and outcome",
        "Studies and meta-analyses of how strongly the quality of the alliance "
        "predicts improvement, retention and dropout across treatments.",
    ),
    Topic(
        "special-populations",
        "Special populations",
        "The alliance with particular client groups, such as children and "
        "adolescents, people with psychosis, substance use problems, trauma or "
        "personality difficulties, and older adults.",
    ),
    Topic(
        "therapist-factors",
        "Therapist factors",
        "Personal qualities and in-session techniques of the therapist that help "
        "or hinder the alliance.",
    ),
    Topic(
        "monitoring",
        "Monitoring and feedback",
        "Tracking the alliance session by session and inviting client feedback so "
        "that problems in the relationship are noticed and addressed.",
    ),
    Topic(
        "rupture-repair",
        "Rupture and repair",
        "Deteriorations in the alliance, how they arise, how they can be resolved, "
        "and what repaired ruptures mean for outcome.",
    ),
    Topic(
        "religion-spirituality",
        "Religion and spirituality",
        "Clients' religious, spiritual and non-religious beliefs in therapy, and "
        "ethical, respectful ways of working with them to support the alliance.",
    ),
)

#: Topics in display order, keyed by slug (read-only).
TOPICS: Mapping[str, Topic] = MappingProxyType({t.slug: t for t in _TOPIC_LIST})

#: Evidence types in display order: slug -> label (read-only).
EVIDENCE_TYPES: Mapping[str, str] = MappingProxyType(
    {
        "meta-analysis": "Meta-analysis",
        "empirical-study": "Empirical study",
        "review": "Review",
        "theory": "Theoretical or conceptual paper",
        "book": "Book",
        "chapter": "Book chapter",
        "ethics-code": "Ethics code",
    }
)

