"""The one-time link page of an external survey: no log-in, one answer per link.

Nothing here logs, stores in the session or shows anything that ties the submission to the link;
the token is read from the path, checked against its stored hash and forgotten. Refusals say
why in Korean and are answered with 200 on a plain visit (a reminder opened after answering is
not an error) and 409 on a refused submission; an unknown link is a 404.
"""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from . import selectors
from .forms import answer_sheet, errors_from, raw_from_post
from .respondents import respondent_for_token, respondent_submit
from .services import SurveyError


def _message(request, survey, message, *, status, thanks=False):
    context = {"survey": survey, "message": message, "thanks": thanks}
    return render(request, "surveys/respondent_message.html", context, status=status)


@login_not_required
@never_cache
def respondent_answer(request, token):
    respondent = respondent_for_token(token)
    posted = request.method == "POST"
    if respondent is None:
        message = _("유효하지 않은 설문 링크입니다. 받은 메일의 링크를 그대로 열어 주세요.")
        return _message(request, None, message, status=404)
    survey = respondent.survey
    if respondent.has_submitted:
        message = (
            _(
                "이미 응답을 제출한 링크입니다. "
                "링크 하나로 한 번만 응답할 수 있고, 처음 응답은 그대로 있습니다."
            )
            if posted
            else _("이미 응답을 제출했습니다. 참여해 주셔서 감사합니다.")
        )
        return _message(request, survey, message, status=409 if posted else 200)
    if not survey.is_accepting_answers():
        message = _("응답 기간이 아닌 설문입니다. 마감되었거나 아직 시작하지 않았습니다.")
        return _message(request, survey, message, status=409 if posted else 200)

    questions = selectors.survey_questions(survey=survey)
    values, errors = {}, {}
    if posted:
        raw = raw_from_post(request.POST, questions)
        try:
            respondent_submit(token=token, raw=raw, questions=questions)
        except SurveyError as error:
            errors, general = errors_from(error)
            if general:
                return _message(request, survey, " ".join(general), status=409)
            values = raw
        else:
            return _message(request, survey, "", status=200, thanks=True)
    blocks = selectors.survey_sections(survey=survey, questions=questions)
    context = {
        "survey": survey,
        "sheet": answer_sheet(blocks, values=values, errors=errors),
        "errors": errors,
    }
    return render(request, "surveys/respondent_answer.html", context, status=400 if errors else 200)
