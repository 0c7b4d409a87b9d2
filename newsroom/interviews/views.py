"""The leader interview screens: ask a question, the moderation queue, answer, publish an episode.

Views are thin: they check who may open the screen and hand the input to ``services``, whose
Korean refusals are shown as they are.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intranet.directory.selectors import staff_for_user

from . import selectors, services
from .forms import AnswerForm, AskForm, DecideForm, PublishForm
from .models import Question


def _errors(request, error):
    for message in error.messages:
        messages.error(request, message)


def ask(request):
    """Any member of staff sends a question to a leader, named or anonymous."""
    me = staff_for_user(request.user)
    if me is None:
        raise PermissionDenied(_("직원 정보가 연결된 계정만 질문을 보낼 수 있습니다."))
    posted = request.method == "POST"
    form = AskForm(request.POST if posted else None, leaders=selectors.leaders())
    if posted and form.is_valid():
        try:
            services.question_ask(
                asker=me,
                leader=form.cleaned_data["leader"],
                text=form.cleaned_data["text"],
                anonymous=form.cleaned_data["identity"] == "anonymous",
                submission_key=form.cleaned_data["submission_key"],
            )
        except services.InterviewError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            return redirect("newsroom_interviews:sent")
    context = {
        "form": form,
        "episodes": selectors.episodes_published()[:12],
        "can_moderate": services.is_leader(me) or services.is_editor(me),
    }
    return render(request, "newsroom_interviews/ask.html", context, status=400 if posted else 200)


def sent(request):
    return render(request, "newsroom_interviews/sent.html")


def _moderator(request):
    me = staff_for_user(request.user)
    leader, editor = services.is_leader(me), services.is_editor(me)
    if not (leader or editor):
        raise PermissionDenied(_("검토 목록은 리더와 뉴스룸 편집자만 볼 수 있습니다."))
    return me, leader, editor


def queue(request):
    me, leader, editor = _moderator(request)
    data = selectors.moderation_queue(staff=me, all_leaders=editor)
    keepable = data.pending + data.selected + data.answered
    context = {
        "queue": data,
        "is_editor": editor,
        "is_leader": leader,
        "me": me,
        "pending_rows": [
            (q, [k for k in keepable if k.leader_id == q.leader_id and k.pk != q.pk]) for q in data.pending
        ],
    }
    return render(request, "newsroom_interviews/queue.html", context)


@require_POST
def decide(request, pk):
    me, _leader, _editor = _moderator(request)
    form = DecideForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("newsroom_interviews:queue")
    action = form.cleaned_data["action"]
    try:
        if action == "select":
            services.question_select(question_id=pk, by=me)
            messages.success(request, _("질문을 선정했습니다. 리더가 답변할 수 있습니다."))
        elif action == "decline":
            services.question_decline(question_id=pk, by=me, reason=form.cleaned_data["reason"])
            messages.success(request, _("질문을 반려했습니다."))
        else:
            services.question_merge(question_id=pk, into_id=form.cleaned_data["into"], by=me)
            messages.success(request, _("중복 질문을 병합했습니다."))
    except services.InterviewError as error:
        _errors(request, error)
    return redirect("newsroom_interviews:queue")


def answer(request, pk):
    question = get_object_or_404(Question.objects.select_related("leader"), pk=pk)
    me = staff_for_user(request.user)
    if me is None or question.leader_id != me.pk or not services.is_leader(me):
        raise PermissionDenied(_("질문을 받은 리더만 답변할 수 있습니다."))
    posted = request.method == "POST"
    form = AnswerForm(request.POST if posted else None, initial={"answer": question.answer})
    if posted and form.is_valid():
        try:
            services.question_answer(question_id=question.pk, by=me, answer=form.cleaned_data["answer"])
        except services.InterviewError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(request, _("답변을 저장했습니다. 회차를 발행하면 직원들에게 공개됩니다."))
            return redirect("newsroom_interviews:queue")
    status = 400 if posted else 200
    return render(
        request, "newsroom_interviews/answer.html", {"question": question, "form": form}, status=status
    )


def publish(request):
    me, _leader, editor = _moderator(request)
    answered = selectors.moderation_queue(staff=me, all_leaders=editor).answered
    posted = request.method == "POST"
    form = PublishForm(request.POST if posted else None, answered=answered)
    if posted and form.is_valid():
        try:
            page = services.episode_publish(
                by=me,
                title=form.cleaned_data["title"],
                intro=form.cleaned_data["intro"],
                question_ids=form.cleaned_data["questions"],
            )
        except services.InterviewError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(number)s회를 발행했습니다. 이름을 밝힌 질문자에게 알림을 보냈습니다.")
                % {"number": page.episode_number},
            )
            return redirect(page.get_url() or reverse("newsroom_interviews:queue"))
    status = 400 if posted else 200
    return render(
        request, "newsroom_interviews/publish.html", {"form": form, "answered": answered}, status=status
    )
