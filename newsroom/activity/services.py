"""Writes of the PR log and the partnerships: editors only, one transaction each.

A front-end form carries a random ``submission_key``; the same form sent twice (a double click,
a reload) finds the record the first send made instead of making a second one.
"""

import uuid
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from intranet.directory.models import Staff
from intranet.roles import Role, has_role

from .models import Partnership, PartnershipDocument, PrActivity, PrAttachment


class ActivityError(ValidationError):
    """A refusal with a Korean message for the person."""


def is_editor(staff: Staff | None) -> bool:
    return bool(staff and staff.user_id and has_role(staff.user, Role.EDITOR))


def _require_editor(by: Staff | None) -> None:
    from django.utils.translation import gettext as _

    if not is_editor(by):
        raise ActivityError(_("홍보 실적과 협력 기관은 뉴스룸 편집자만 등록하고 고칠 수 있습니다."))


def _save(model, attachment_model, parent_field, *, instance, by, fields, files, submission_key):
    _require_editor(by)
    if instance is None and submission_key is not None:
        existing = model.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return existing, False
    created = instance is None
    record = instance or model(created_by=by, submission_key=submission_key)
    for name, value in fields.items():
        setattr(record, name, value)
    record.full_clean(exclude=["created_by"])
    try:
        with transaction.atomic():
            # ClusterableModel.save would also save (and drop) the in-memory child relations.
            record.save()
            for upload in files:
                attachment_model.objects.create(**{parent_field: record}, file=upload)
    except IntegrityError:
        existing = model.objects.filter(submission_key=submission_key).first() if submission_key else None
        if existing is None:
            raise
        return existing, False
    return record, created


def pr_activity_save(
    *,
    by: Staff,
    fields: dict,
    files: Sequence = (),
    activity: PrActivity | None = None,
    submission_key: uuid.UUID | None = None,
) -> tuple[PrActivity, bool]:
    """Create (``activity`` None) or change a PR activity and add the uploaded attachments.

    The files must have passed ``evidence_check`` (the form and the model field both check)."""
    return _save(
        PrActivity,
        PrAttachment,
        "activity",
        instance=activity,
        by=by,
        fields=fields,
        files=files,
        submission_key=submission_key,
    )


def partnership_save(
    *,
    by: Staff,
    fields: dict,
    files: Sequence = (),
    partnership: Partnership | None = None,
    submission_key: uuid.UUID | None = None,
) -> tuple[Partnership, bool]:
    return _save(
        Partnership,
        PartnershipDocument,
        "partnership",
        instance=partnership,
        by=by,
        fields=fields,
        files=files,
        submission_key=submission_key,
    )


@transaction.atomic
def attachment_remove(*, by: Staff, attachment: PrAttachment | PartnershipDocument) -> None:
    _require_editor(by)
    attachment.delete()  # the file goes once the deletion commits (intranet.uploads)
