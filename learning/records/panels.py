"""The staff profile's section of approved external learning."""

from django.utils.translation import gettext_lazy as _

from intranet.directory.selectors import staff_for_user
from intranet.registry import Panel, profile_sections

from . import selectors


def person_records(request, person):
    rows, hours = selectors.approved_of(staff=person)
    if not rows:
        return None
    me = staff_for_user(request.user)
    return {"rows": rows, "hours": hours, "is_me": me is not None and me.pk == person.pk}


profile_sections.register(
    Panel(
        key="learning_records.approved",
        title=_("외부 학습·자격증"),
        template="learning_records/panels/profile.html",
        provider=person_records,
        order=50,
    )
)
