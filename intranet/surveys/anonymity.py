"""What is kept with the answers of an anonymous survey once it closes (issue 13 §2; threat model
in docs/surveys.md).

At close the answer side is *sealed*, in one transaction:

- the group attributes kept with each response (context, department, grade) are generalised
  until every combination that is stored is shared by at least ``survey.min_group_size``
  responses, or by all of them when the whole survey has fewer (``generalised_groups``);
- every response gets the closing date instead of the day it was sent;
- responses and answers are written again under new random keys, in a random order (so neither
  the keys, the physical order of the rows nor the order a dump lists them in follows the order
  people answered in; the old rows and the ids any log might have seen are gone).

Identified surveys (course feedback in identified mode) are left as they are: their answers carry
the person by design, and the answer page says so before anyone answers.
"""

import random
import uuid
from collections import Counter, defaultdict
from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone

from .models import Answer, Response, Survey

BLANK = ""
LEVELS = ("context_key", "department", "grade")  # generalised from the finest (grade) up


def _merge_level(groups: Mapping[tuple, int], level: int, k: int) -> dict[tuple, tuple]:
    """Within each parent (the key's first ``level`` parts), children under ``k`` move into the
    parent's bucket (the key with blanks from ``level`` on); if the bucket then holds 1 to k − 1,
    the smallest other children join it until it reaches ``k`` or nothing is left to add.

    Returns old key → new key for every key of ``groups``."""
    children: dict[tuple, Counter] = defaultdict(Counter)
    for key, n in groups.items():
        children[key[:level]][key[level]] += n
    moved = set()
    for parent, kids in children.items():
        bucket = parent + (BLANK,) * (len(LEVELS) - level)
        small = {value for value, n in kids.items() if n < k}

        def bucket_size(moved_kids: set, kids=kids, bucket=bucket) -> int:
            # the blank child holds the bucket itself; moving it brings its finer keys along
            return sum(kids[v] for v in moved_kids) + (0 if BLANK in moved_kids else groups.get(bucket, 0))

        others = sorted((v for v in kids if v not in small), key=lambda v: (kids[v], v))
        while 0 < bucket_size(small) < k and others:
            small.add(others.pop(0))
        moved |= {(parent, value) for value in small}
    return {
        key: (key[:level] + (BLANK,) * (len(LEVELS) - level)) if (key[:level], key[level]) in moved else key
        for key in groups
    }


def generalised_groups(groups: Mapping[tuple, int], k: int) -> dict[tuple, tuple]:
    """Map each ``(context_key, department, grade)`` (strings, ``""`` for none) to what is kept.

    Grades are merged first (within a department of a context), then departments (within a
    context), then contexts; a department or context with at least ``k`` responses keeps its
    name, so its figures stay what they were. Every kept combination then holds 0 or at least
    ``k`` responses, unless the whole survey has fewer than ``k``.
    """
    mapping = {key: key for key in groups}
    for level in (2, 1, 0):
        current: Counter = Counter()
        for key, n in groups.items():
            current[mapping[key]] += n
        step = _merge_level(current, level, k)
        mapping = {key: step[target] for key, target in mapping.items()}
    return mapping


def _key(department_id, grade: str, context_key: str) -> tuple:
    return (context_key or BLANK, str(department_id) if department_id else BLANK, grade or BLANK)


@transaction.atomic
def survey_answers_seal(*, survey: Survey, today=None) -> int:
    """Seal the answer side of a closed anonymous survey (see the module). Idempotent: sealing
    again generalises nothing more, and only draws new keys and a new order. Returns the number
    of responses written."""
    if not survey.is_anonymous:
        return 0
    return answer_side_seal(
        survey=survey, day=today or timezone.localdate(), response_model=Response, answer_model=Answer
    )


def answer_side_seal(*, survey, day, response_model, answer_model) -> int:
    """The sealing itself, on the given models (the data migration passes its historical ones)."""
    responses = response_model.objects.filter(survey=survey)
    rows = list(
        responses.values_list("id", "department_id", "grade", "context_key", "system", "organisation")
    )
    if not rows:
        return 0
    kept = generalised_groups(Counter(_key(*row[1:4]) for row in rows), survey.min_group_size)
    answers = defaultdict(list)
    for response_id, question_id, value, choices, text in answer_model.objects.filter(
        response__survey=survey
    ).values_list("response_id", "question_id", "value", "choices", "text"):
        answers[response_id].append((question_id, value, choices, text))
    rng = random.SystemRandom()
    rng.shuffle(rows)
    new_responses, new_answers = [], []
    for old_id, department_id, grade, context_key, system, organisation in rows:
        context, department, grade = kept[_key(department_id, grade, context_key)]
        response = response_model(
            id=uuid.uuid4(),
            survey=survey,
            submitted_on=day,
            department_id=int(department) if department else None,
            grade=grade,
            context_key=context,
            # an external survey's list attributes, already merged at close
            # (``respondents.respondent_groups_generalise``)
            system=system,
            organisation=organisation,
        )
        new_responses.append(response)
        new_answers += [
            answer_model(id=uuid.uuid4(), response=response, question_id=q, value=v, choices=c, text=t)
            for q, v, c, t in answers[old_id]
        ]
    rng.shuffle(new_answers)
    answer_model.objects.filter(response__survey=survey).delete()
    response_model.objects.filter(survey=survey).delete()
    response_model.objects.bulk_create(new_responses, batch_size=1000)
    answer_model.objects.bulk_create(new_answers, batch_size=2000)
    return len(new_responses)
