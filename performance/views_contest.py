"""The second-half best-practice contest (우수성과 공유대회): entries, criteria and judges, the
judges' scoring pages, and the ranking with per-judge normalisation and award tiers."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intranet.directory.selectors import staff_for_user
from intranet.media import private_file_response

from . import selectors, services
from .forms import ContestSetupForm, EntryForm, ScoreForm
from .models import Contest, Entry, Judge, Programme
from .views_proposals import _planner
from .years import plan_choose, year_query


def _contest_or_404(request=None, plan=None):
    """The contest of ``plan``, or of the plan of ``?year=`` (default: the latest year with
    programmes); a Korean 404 when that year has none."""
    if plan is None:
        plan, _choice = plan_choose(request)
    contest = Contest.objects.select_related("plan").filter(plan=plan).first() if plan else None
    if contest is None:
        year = plan.year if plan else None
        if year:
            raise Http404(_("%(year)s년 우수성과 공유대회가 없습니다.") % {"year": year})
        raise Http404(_("우수성과 공유대회가 아직 없습니다."))
    return contest


def _contest_url(name: str, year: int) -> str:
    return reverse(f"performance:{name}") + year_query(year)


def _refuse(request, message, *, status=403):
    return render(request, "performance/contest_refusal.html", {"message": message}, status=status)


def contest_page(request):
    """The contest of the plan of ``?year=``: entries, criteria, judges and, once decided (or for
    a planner), the ranking. Past years' results stay reachable through the year chooser."""
    plan, year_choice = plan_choose(request)
    contest = Contest.objects.select_related("plan").filter(plan=plan).first() if plan else None
    me = staff_for_user(request.user)
    is_planner = services.is_planner(me)
    if contest is None:
        context = {"contest": None, "plan": plan, "year_choice": year_choice, "is_planner": is_planner}
        return render(request, "performance/contest.html", context)
    criteria = list(contest.criteria.all())
    judges = list(contest.judges.select_related("staff__department"))
    results = selectors.contest_results(contest=contest, criteria=criteria)
    entered = {r.entry.programme_id for r in results}
    mine = (
        list(Programme.objects.filter(Q(owner=me) | Q(co_owners=me), plan=plan).distinct().order_by("code"))
        if me
        else []
    )
    context = {
        "contest": contest,
        "plan": plan,
        "year_choice": year_choice,
        "is_planner": is_planner,
        "is_judge": me is not None and any(j.staff_id == me.pk for j in judges),
        "criteria": criteria,
        "judges": judges,
        "results": results if (contest.is_decided or is_planner) else [],
        "entries": [r.entry for r in results],
        "may_enter": [p for p in mine if p.pk not in entered],
    }
    return render(request, "performance/contest.html", context)


def contest_setup(request):
    me = _planner(request)
    plan, _choice = plan_choose(request)
    if plan is None:
        raise Http404(_("성과업무 계획이 아직 없습니다."))
    contest = Contest.objects.filter(plan=plan).first()
    initial = {"title": _("%(year)s년 우수성과 공유대회") % {"year": plan.year}}
    if contest is not None:
        initial = {
            "title": contest.title,
            "entries_close_on": contest.entries_close_on,
            "criteria": "\n".join(f"{c.name} | {c.weight.normalize():f}" for c in contest.criteria.all()),
            "judges": ", ".join(j.staff.employee_number for j in contest.judges.select_related("staff")),
        }
    form = ContestSetupForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.contest_setup(
                plan=plan,
                by=me,
                title=data["title"],
                entries_close_on=data["entries_close_on"],
                criteria=data["criteria"],
                judges=data["judges"],
            )
        except services.PerformanceError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(request, _("공유대회 평가 항목과 심사위원을 저장했습니다."))
            return redirect(_contest_url("contest", plan.year))
    return render(request, "performance/contest_setup.html", {"form": form, "contest": contest, "plan": plan})


@require_POST
def contest_decide(request):
    me = _planner(request)
    contest = _contest_or_404(request)
    try:
        services.contest_decide(contest=contest, by=me)
    except services.PerformanceError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("순위와 포상 등급을 확정했습니다."))
    return redirect(_contest_url("contest", contest.plan.year))


def _judge_or_refuse(request, contest):
    me = staff_for_user(request.user)
    judge = Judge.objects.filter(contest=contest, staff=me).first() if me else None
    if judge is None:
        raise PermissionDenied(_("이 대회의 심사위원만 채점할 수 있습니다."))
    return me


def judging(request):
    contest = _contest_or_404(request)
    me = _judge_or_refuse(request, contest)
    _judge, scorable, own = selectors.judge_assignments(contest=contest, staff=me)
    return render(request, "performance/judging.html", {"contest": contest, "scorable": scorable, "own": own})


def entry_score(request, pk):
    entry = get_object_or_404(
        Entry.objects.select_related("contest__plan", "programme__department", "programme__owner"), pk=pk
    )
    me = _judge_or_refuse(request, entry.contest)
    if me.department_id and me.department_id == entry.programme.department_id:
        return _refuse(request, _("자기 부서의 과제는 채점할 수 없습니다."))
    if entry.contest.is_decided:
        return _refuse(request, _("시상이 확정된 대회는 바꿀 수 없습니다."), status=409)
    criteria = list(entry.contest.criteria.all())
    current = {s.criterion_id: s.value for s in entry.scores.filter(judge__staff=me)}
    form = ScoreForm(request.POST or None, criteria=criteria, initial_scores=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.score_submit(entry=entry, judge_staff=me, values=form.values())
        except services.PerformanceError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(request, _("'%(code)s' 채점을 저장했습니다.") % {"code": entry.programme.code})
            return redirect(_contest_url("judging", entry.contest.plan.year))
    return render(request, "performance/entry_score.html", {"entry": entry, "form": form})


def entry_attachment(request, pk):
    """An entry's attachment, to the entrant, the programme's owners, the contest's judges and
    planners only (the file is in the private storage, never under /media/)."""
    entry = get_object_or_404(Entry.objects.select_related("programme"), pk=pk)
    me = staff_for_user(request.user)
    allowed = me is not None and (
        me.pk in (entry.submitted_by_id, entry.programme.owner_id)
        or services.is_planner(me)
        or Judge.objects.filter(contest_id=entry.contest_id, staff=me).exists()
        or entry.programme.co_owners.filter(pk=me.pk).exists()
    )
    if not allowed:
        raise PermissionDenied(
            _("참가 과제의 첨부 자료는 신청자, 담당자, 심사위원과 성과 기획자만 볼 수 있습니다.")
        )
    return private_file_response(entry.attachment)


def entry_new(request, pk):
    """The owner enters their programme; the summary starts from the programme's description."""
    programme = get_object_or_404(Programme.objects.select_related("plan"), pk=pk)
    contest = _contest_or_404(plan=programme.plan)
    me = staff_for_user(request.user)
    if me is None or (programme.owner_id != me.pk and not programme.co_owners.filter(pk=me.pk).exists()):
        return _refuse(request, _("담당하는 과제만 공유대회에 신청할 수 있습니다."))
    form = EntryForm(
        request.POST or None,
        request.FILES or None,
        initial={"summary": programme.description or programme.title},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_submit(
                contest=contest,
                programme=programme,
                by=me,
                summary=form.cleaned_data["summary"],
                attachment=form.cleaned_data.get("attachment"),
            )
        except services.PerformanceError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(request, _("공유대회에 신청했습니다."))
            return redirect(_contest_url("contest", programme.plan.year))
    return render(
        request, "performance/entry_form.html", {"form": form, "programme": programme, "contest": contest}
    )
