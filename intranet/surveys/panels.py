"""The surveys module's panels on the home dashboard and the profile."""

from django.utils.translation import gettext_lazy as _

from intranet.directory.selectors import staff_for_user
from intranet.registry import Panel, dashboard_panels

from . import selectors


def surveys_to_answer(request):
    """Open surveys the person has not answered; nothing at all once every one is answered."""
    surveys = selectors.pending_surveys(staff=staff_for_user(request.user))
    if not surveys:
        return None
    return {"surveys": surveys}


dashboard_panels.register(
    Panel(
        key="surveys.to_answer",
        title=_("참여할 설문"),
        template="surveys/panels/to_answer.html",
        provider=surveys_to_answer,
        order=5,
    )
)
