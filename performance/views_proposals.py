"""Staff proposals (내부직원 의견 수렴): the form for everyone, "my proposals", the planner's review
(accept or decline with a reason, merge duplicates) and the next-year programme made from one."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intranet.directory.selectors import staff_for_user
from intranet.korean import fill
from intranet.years import year_choose

from . import selectors, services
from .forms import ProposalDecisionForm, ProposalForm, ProposalMergeForm, ProposalProgrammeForm
from .models import Programme, Proposal
from .years import plan_choose


def _me(request):
    me = staff_for_user(request.user)
    if me is None:
        raise PermissionDenied(_("직원 정보가 연결된 계정만 쓸 수 있습니다."))
    return me


def _planner(request):
    me = staff_for_user(request.user)
    if not services.is_planner(me):
        raise PermissionDenied(_("성과 기획자만 볼 수 있는 화면입니다."))
    return me


def _errors(request, error):
    messages.error(request, " ".join(getattr(error, "messages", [str(error)])))


def proposals_mine(request):
    """My proposals of one submission year (``?year=``, default: the latest I wrote in)."""
    me = _me(request)
    mine = list(selectors.my_proposals(staff=me))
    local = [(timezone.localtime(p.submitted_at).year, p) for p in mine]
    choice = year_choose(request, years={y for y, _p in local})
    context = {
        "proposals": [p for y, p in local if y == choice.year],
        "year_choice": choice,
        "any": bool(mine),
    }
    return render(request, "performance/proposals_mine.html", context)


def proposal_may_see(proposal: Proposal, *, staff, is_planner: bool) -> bool:
    """The proposer and planners see every proposal; everyone sees an accepted one, the basis of
    a programme anyone can read (without the proposer's name: ``proposal_page``)."""
    if is_planner or proposal.status == Proposal.State.ACCEPTED:
        return True
    return staff is not None and proposal.proposer_id == staff.pk


def proposal_page(request, pk):
    """A proposal's own page: what was proposed, the decision and its reason, what it was merged
    with, and the programmes made from it."""
    try:
        proposal = selectors.proposal_detail(pk=pk)
    except Proposal.DoesNotExist:
        raise Http404(_("그런 제안이 없습니다.")) from None
    me = staff_for_user(request.user)
    is_planner = services.is_planner(me)
    if not proposal_may_see(proposal, staff=me, is_planner=is_planner):
        raise PermissionDenied(
            _("제안자와 성과 기획자만 볼 수 있는 제안입니다. 채택된 제안은 모두 볼 수 있습니다.")
        )
    is_proposer = me is not None and proposal.proposer_id == me.pk
    programmes = list(proposal.programmes.all())
    context = {
        "proposal": proposal,
        "programmes": programmes,
        # Proposals merged into this one are other people's, not accepted: planners only.
        "merged": list(proposal.merged_proposals.all()) if is_planner else [],
        "is_planner": is_planner,
        "show_proposer": is_planner or is_proposer,
        "may_make_programme": is_planner and proposal.status == Proposal.State.ACCEPTED and not programmes,
    }
    return render(request, "performance/proposal.html", context)


def proposal_new(request):
    me = _me(request)
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_submit(proposer=me, **form.cleaned_data)
        except services.PerformanceError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(request, _("제안을 접수했습니다. 검토 결과는 알림으로 알려 드립니다."))
            return redirect("performance:proposals")
    return render(request, "performance/proposal_form.html", {"form": form})


def proposals_review(request):
    """Every proposal waiting for a decision (whatever its year), and the accepted ones of the
    submission year of ``?year=`` with the programmes made from them."""
    _planner(request)
    choice = year_choose(request, years=selectors.proposal_years())
    submitted = list(selectors.proposals_for_review())
    accepted = list(
        selectors.proposals_for_review(state=Proposal.State.ACCEPTED)
        .filter(submitted_at__year=choice.year)
        .prefetch_related(Prefetch("programmes", queryset=Programme.objects.select_related("plan")))
    )
    targets = [(p.pk, p.title) for p in [*submitted, *accepted]]
    rows = [
        {
            "proposal": p,
            "decide": ProposalDecisionForm(prefix=f"d{p.pk}"),
            "merge": ProposalMergeForm(prefix=f"m{p.pk}", choices=[t for t in targets if t[0] != p.pk]),
        }
        for p in submitted
    ]
    context = {"rows": rows, "accepted": accepted, "year_choice": choice}
    return render(request, "performance/proposals_review.html", context)


@require_POST
def proposal_decide(request, pk):
    me = _planner(request)
    proposal = get_object_or_404(Proposal, pk=pk)
    form = ProposalDecisionForm(request.POST, prefix=f"d{pk}")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("performance:proposals_review")
    try:
        services.proposal_decide(
            proposal=proposal,
            by=me,
            accept=form.cleaned_data["decision"] == "accept",
            reason=form.cleaned_data["reason"],
        )
    except services.PerformanceError as error:
        _errors(request, error)
    else:
        messages.success(
            request, _("'%(title)s' 검토 결과를 저장하고 제안자에게 알렸습니다.") % {"title": proposal.title}
        )
    return redirect("performance:proposals_review")


@require_POST
def proposal_merge(request, pk):
    me = _planner(request)
    proposal = get_object_or_404(Proposal, pk=pk)
    choices = Proposal.objects.exclude(pk=pk).values_list("pk", "title")
    form = ProposalMergeForm(request.POST, prefix=f"m{pk}", choices=choices)
    if not form.is_valid():
        messages.error(request, _("통합할 제안을 골라 주세요."))
        return redirect("performance:proposals_review")
    try:
        services.proposal_merge(
            proposal=proposal,
            into=Proposal.objects.get(pk=form.cleaned_data["into"]),
            by=me,
            reason=form.cleaned_data["reason"],
        )
    except services.PerformanceError as error:
        _errors(request, error)
    else:
        messages.success(request, fill(_("'%(title)s'을(를) 통합했습니다."), {"title": proposal.title}))
    return redirect("performance:proposals_review")


def proposal_programme(request, pk):
    """Make the next-year programme of an accepted proposal (the link stays on the programme)."""
    me = _planner(request)
    proposal = get_object_or_404(Proposal, pk=pk)
    current, _choice = plan_choose(request)  # default: the latest year with programmes
    if current is None:
        messages.error(request, _("성과업무 계획이 아직 없습니다."))
        return redirect("performance:proposals_review")
    year = current.year + 1
    form = ProposalProgrammeForm(
        request.POST or None, initial={"title": proposal.title, "due_date": dt.date(year, 12, 31)}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():  # next year's plan is made only with its first programme
                programme = services.proposal_programme_create(
                    proposal=proposal,
                    by=me,
                    plan=services.next_plan_for(current),
                    code=data["code"],
                    title=data["title"],
                    department=data["department"],
                    owner=data["owner_number"],
                    milestone_title=data["milestone_title"],
                    due_date=data["due_date"],
                )
        except services.PerformanceError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(request, _("%(year)s년 과제를 만들었습니다.") % {"year": year})
            return redirect(programme.get_absolute_url())
    return render(
        request, "performance/proposal_programme.html", {"form": form, "proposal": proposal, "year": year}
    )
