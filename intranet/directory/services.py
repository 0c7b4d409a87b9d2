"""Writes to the staff directory (the HR import lives in ``imports.py``)."""

from django.db import transaction

from .models import PersonalDataAccess, Staff


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


@transaction.atomic
def staff_profile_update(*, staff: Staff, form) -> Staff:
    """Save a validated profile form; the search key follows the changed fields."""
    staff = form.save(commit=False)
    staff.save()
    return staff


def personal_data_access_record(*, viewer: Staff, subject: Staff, fields: tuple[str, ...], request) -> None:
    """Log that an HR admin saw another person's personal fields (append-only)."""
    PersonalDataAccess.objects.create(
        viewer=viewer,
        subject=subject,
        fields=",".join(fields),
        ip_address=client_ip(request),
        path=request.get_full_path()[:300],
    )
