"""The staff profile's section of study clubs."""

from django.utils.translation import gettext_lazy as _

from intranet.directory.sections import follow_writes
from intranet.registry import Panel, profile_sections

from . import selectors
from .models import Club, Membership


def person_clubs(request, person):
    clubs = selectors.clubs_of(staff=person)
    if not clubs:
        return None
    return {"clubs": clubs, "person": person}


profile_sections.register(
    Panel(
        key="learning_clubs.clubs",
        title=_("학습 동호회"),
        template="learning_clubs/panels/profile.html",
        provider=person_clubs,
        order=55,
        kept=True,
    )
)
follow_writes(Club, Membership, uid="learning_clubs.profile")
