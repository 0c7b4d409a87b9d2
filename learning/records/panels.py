"""The staff profile's section of approved external learning."""

from django.utils.translation import gettext_lazy as _

from intranet.directory.sections import follow_writes
from intranet.directory.selectors import staff_for_user
from intranet.registry import Panel, profile_sections

from . import selectors
from .models import ExternalRecord


def person_records(request, person):
    """Approved records and their hours; on one's own profile, also the link to "my records"
    (shown even before the first record, so staff find where to record one)."""
    rows, hours = selectors.approved_of(staff=person)
    me = staff_for_user(request.user)
    is_me = me is not None and me.pk == person.pk
    if not rows and not is_me:
        return None
    return {"rows": rows, "hours": hours, "is_me": is_me}


profile_sections.register(
    Panel(
        key="learning_records.approved",
        title=_("외부 학습·자격증"),
        template="learning_records/panels/profile.html",
        provider=person_records,
        order=50,
        kept=True,
    )
)
follow_writes(ExternalRecord, uid="learning_records.profile")
