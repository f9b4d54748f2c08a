"""The reference tables: one row model per CSV, the single source of its Table Schema."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from checks.models.types import GradeSpan, SchoolYear, StandardCode, StateCourseNumber


class Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    key: ClassVar[tuple[str, ...]] = ()


Source = Annotated[str, Field(min_length=1, description="Where the fact was found.")]


class AdequacyTarget(Row):
    """State adequacy target (SAT) per fiscal year, the base of the price caps."""

    key = ("fiscal_year",)

    fiscal_year: int
    sat_usd: Annotated[int, Field(gt=0)]
    confidence: str
    source_url: Source


class PriceCapBasis(Row):
    """Which fiscal year's SAT sets the price cap of a school year's catalogs."""

    key = ("school_year",)

    school_year: SchoolYear
    sat_fiscal_year: int
    provisional: bool
    note: str


class LearningStandard(Row):
    key = ("code",)

    code: StandardCode
    subject: str
    grades: GradeSpan
    description: str
    confidence: str
    source_url: Source


class Subject(Row):
    key = ("subject",)

    subject: str
    core_standards: Annotated[
        bool, Field(description="Missouri Learning Standards codes are in the reference.")
    ]


class CertificationArea(Row):
    key = ("area",)

    area: str
    grades: GradeSpan
    official_grades: str
    moca_test: str
    source_url: Source


class CertificationSubject(Row):
    """This project's crosswalk: which course subjects an area qualifies a teacher for."""

    key = ("area", "subject")

    area: str
    subject: str
    basis: str


class StateCourseNumberRow(Row):
    key = ("number",)

    number: StateCourseNumber
    title: str
    subject: str
    sample: Annotated[bool, Field(description="True: an invented sample, not an official DESE number.")]


class CourseNumberArea(Row):
    """Which certification areas qualify a teacher for one state course number: narrower than
    the subject (a Spanish course needs a Spanish certificate, not any language's). A course
    number listed here is judged by these rows only; one not listed, by its subject."""

    key = ("number", "area")

    number: StateCourseNumber
    area: str
    basis: str


class ClassSizeLimit(Row):
    key = ("grades",)

    grades: GradeSpan
    standard_max: Annotated[int, Field(gt=0)]
    desirable: Annotated[int, Field(gt=0)]
    source_url: Source


class StateHoliday(Row):
    key = ("date",)

    date: dt.date
    holiday: str
    source_url: Source


class ProgramCode(Row):
    key = ("code",)

    code: int
    meaning: str
    source_url: Source


TABLES: dict[str, type[Row]] = {
    "state_adequacy_target": AdequacyTarget,
    "price_cap_basis": PriceCapBasis,
    "learning_standards": LearningStandard,
    "subjects": Subject,
    "certification_areas": CertificationArea,
    "certification_subjects": CertificationSubject,
    "state_course_numbers": StateCourseNumberRow,
    "course_number_areas": CourseNumberArea,
    "msip_class_size": ClassSizeLimit,
    "state_holidays": StateHoliday,
    "program_codes": ProgramCode,
}
