"""What the PR log and partnerships add to the annual report (section 9): PR activities through
the media (2025: 16) and the MOUs and exchanges with other institutions."""

from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from intranet.registry import Figure, Panel, annual_figures, register_report_years
from intranet.roles import Role, has_role

from .models import Partnership, PrActivity


def figures(year: int) -> dict:
    """Three queries: PR count, partnership counts, the MOU partners' names."""
    pr = PrActivity.objects.filter(date__year=year).count()
    partnerships = Partnership.objects.filter(date__year=year)
    counts = partnerships.aggregate(
        mou=Count("pk", filter=Q(kind=Partnership.Kind.MOU)),
        exchange=Count("pk", filter=Q(kind=Partnership.Kind.EXCHANGE)),
    )
    mou_partners = list(
        partnerships.filter(kind=Partnership.Kind.MOU)
        .order_by("date", "pk")
        .values_list("partner", flat=True)
    )
    exchange_partners = list(
        partnerships.filter(kind=Partnership.Kind.EXCHANGE)
        .order_by("date", "pk")
        .values_list("partner", flat=True)
    )
    links = reverse("newsroom_activity:partnerships")
    return {
        "figures": [
            Figure(
                "newsroom.pr",
                "communication",
                _("홍보매체를 통한 기관 활동·성과 홍보"),
                pr,
                _("회"),
                reverse("newsroom_activity:pr_list") + "?" + urlencode({"year": year}),
                url_for=lambda user: has_role(user, Role.EDITOR),  # the PR log is the editors'
                order=30,
            ),
            Figure(
                "newsroom.mou",
                "communication",
                _("업무협약(MOU) 체결"),
                counts["mou"],
                _("건"),
                links,
                detail=", ".join(mou_partners),
                order=50,
            ),
            Figure(
                "newsroom.exchange",
                "communication",
                _("유관기관 교류"),
                counts["exchange"],
                _("건"),
                links,
                detail=", ".join(exchange_partners),
                order=51,
            ),
        ]
    }


def years():
    return {d.year for d in PrActivity.objects.dates("date", "year")}


annual_figures.register(
    Panel(key="newsroom_activity.figures", title=_("홍보와 협력"), template="", provider=figures, order=61)
)
register_report_years("newsroom_activity", years)
