"""Clauses repeated word for word across sources: compare them once.

A story re-run by many outlets repeats wire copy verbatim.  A thousand copies
of one clause would be a thousand times a thousand pairs to align and
compare, all with the same verdict.  So before alignment, copies collapse to
one representative; after comparison, each finding about a representative is
spread back to all its copies, and a clause that several sources state word
for word is itself reported as an agreement.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from reconcile.model import Claim, Evidence, Finding, FindingKind, Slot, article_rank


@dataclass(frozen=True, slots=True)
class CopyGroups:
    representatives: tuple[Claim, ...]
    """One claim per distinct clause, in the order of the input."""
    copies: dict[str, tuple[Claim, ...]]
    """Representative claim id -> every claim with the same clause (itself first)."""


def collapse_copies(claims: Sequence[Claim]) -> CopyGroups:
    """Group claims whose clause text and facts are the same, wherever they stand."""
    groups: dict[tuple[object, ...], list[Claim]] = {}
    for claim in claims:
        groups.setdefault(_signature(claim), []).append(claim)
    representatives = []
    copies = {}
    for members in groups.values():
        representatives.append(members[0])
        copies[members[0].id] = tuple(members)
    order = {claim.id: n for n, claim in enumerate(claims)}
    representatives.sort(key=lambda c: order[c.id])
    return CopyGroups(tuple(representatives), copies)


def expand_findings(findings: Sequence[Finding], groups: CopyGroups) -> list[Finding]:
    """Each finding's evidence from a representative, repeated for each of its copies."""
    expanded = []
    for finding in findings:
        evidence: list[Evidence] = []
        seen: set[str] = set()
        for item in finding.evidence:
            for copy in groups.copies.get(item.claim.id, (item.claim,)):
                if copy.id not in seen:
                    seen.add(copy.id)
                    evidence.append(_moved(item, copy))
        evidence.sort(key=lambda e: (article_rank(e.claim.article_id), e.claim.start))
        expanded.append(dataclasses.replace(finding, evidence=tuple(evidence)))
    return expanded


def verbatim_agreements(groups: CopyGroups) -> list[Finding]:
    """A clause stated word for word by several sources, once per group."""
    findings = []
    for members in groups.copies.values():
        sources = {claim.article_id for claim in members}
        if len(sources) < 2:
            continue
        findings.append(
            Finding(
                kind=FindingKind.AGREEMENT,
                slot=Slot.EVENT,
                confidence=1.0,
                reason=f"{len(sources)} sources state it word for word",
                evidence=tuple(Evidence(claim, claim.text) for claim in members),
            )
        )
    return findings


def _signature(claim: Claim) -> tuple[object, ...]:
    # Facts compared by value and position within the clause: the same words carry the
    # same facts, but a clause's subject may come from a different preceding sentence.
    facts = tuple((f.slot, f.value, f.measure, f.start - claim.start) for f in claim.facts)
    return (" ".join(claim.text.split()).lower(), claim.subject, facts)


def _moved(item: Evidence, copy: Claim) -> Evidence:
    if copy.id == item.claim.id:
        return item
    shift = copy.start - item.claim.start
    return Evidence(
        copy,
        item.value,
        None if item.value_start is None else item.value_start + shift,
        None if item.value_end is None else item.value_end + shift,
    )
