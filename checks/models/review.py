"""The review record: DESE's decision on a provider or a course, and when it must be renewed."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field

from checks.law import rsmo
from checks.models.types import GithubLogin, LongText, Record, clause

Status = Literal["submitted", "approved", "denied", "suspended", "revoked", "withdrawn", "expired"]
Basis = Literal["review", "movip", "deemed"]

DECIDED_STATUSES: frozenset[str] = frozenset({"approved", "denied", "suspended", "revoked", "expired"})
REASONED_STATUSES: frozenset[str] = frozenset({"denied", "suspended", "revoked"})


class Authorization(Record):
    """Filled in by DESE reviewers; a submitter writes only ``status: submitted``."""

    status: Status
    basis: Annotated[
        Basis,
        Field(
            description="review: approved by DESE review; movip: approved under MoVIP before "
            "2018-08-28; deemed: an LEA's own course deemed approved."
        ),
        clause(rsmo("3(14)-(15)")),
    ] = "review"
    approved_on: dt.date | None = None
    renewal_due: Annotated[dt.date | None, clause(rsmo("3(13)"))] = None
    decided_on: dt.date | None = None
    decided_by: GithubLogin | None = None
    reason: Annotated[
        LongText | None, Field(description="Written reason for a denial, suspension or revocation.")
    ] = None
