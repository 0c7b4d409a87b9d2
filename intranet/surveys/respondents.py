"""External respondents: the system-users' satisfaction survey of people outside the staff directory.

A survey with ``audience_external`` is answered through one-time links instead of log-ins:

- **the list**: a survey admin uploads a CSV or XLSX (e-mail, optional 정보체계 and 소속기관),
  validated row by row before anything is written (the HR import's reader and Korean row report:
  ``intranet.directory.imports``); a big file is parsed in the Celery worker;
- **the token**: ``respondent_token`` is an HMAC of the row's random ``nonce`` under the server's
  secret; only its SHA-256 is stored to find the row. A copy of the database alone can neither
  rebuild a link nor answer in someone's name; rotating ``SECRET_KEY`` voids the links;
- **unlinkable like a staff answer**: the respondent row records only that the person answered
  (``has_submitted``, no time, no key to the answer); the ``Response`` gets the row's system and
  organisation (group attributes, suppressed in the results like departments), the date only,
  and no token or respondent key; at close, a system or organisation with fewer respondents
  than the survey's threshold is merged into "미지정" on the answer side
  (``respondent_groups_generalise``) so no stored attribute singles out fewer than that;
- **mail**: invitations and reminders are rounds (``InvitationRun``) sent by Celery in batches
  through the outbox (``home.OutgoingMail``, exactly once per respondent and round); a refused
  address is recorded as bounced (the day only). The link in a mail body is erased from the
  outbox when the survey closes.
"""

import base64
import hashlib
import hmac
import logging
import secrets
import smtplib
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import OperationalError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from intranet.directory.imports import (
    Column,
    ImportIssue,
    ImportRejected,
    ImportTable,
    RowChecker,
    import_archive_problem,
    import_file_problem,
    import_rows_estimate,
    import_table_read,
)
from intranet.directory.models import Staff
from intranet.home.models import OutgoingMail
from intranet.home.services import outgoing_mail_deliver, outgoing_mail_record
from intranet.korean import format_korean_date
from intranet.links import absolute_url

from .counts import results_counts_changed
from .models import Answer, ExternalRespondent, InvitationRun, RespondentUpload, Response, Survey
from .services import SurveyError, _check_open, answers_clean

logger = logging.getLogger(__name__)

RESPONDENT_COLUMNS = (
    Column("email", "이메일", ("email", "e_mail", "mail", "전자우편"), required=True),
    Column("system", "정보체계", ("system", "체계", "시스템", "체계명")),
    Column("organisation", "소속기관", ("organisation", "organization", "org", "소속", "기관")),
)
INSERT_BATCH = 1000
MAIL_BATCH = 200  # invitations recorded per transaction: a killed worker loses at most one batch
PROGRESS_EVERY = 1000
MAIL_KEY = "surveys.respondent.%(survey)s.%(respondent)s.%(round)s"


# --- tokens ------------------------------------------------------------------------------------


def respondent_token(nonce: str) -> str:
    """The secret part of a respondent's link (43 URL-safe characters)."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"ieum.surveys.respondent:{nonce}".encode(), hashlib.sha256
    ).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def respondent_new(
    *, survey: Survey, email: str, system: str = "", organisation: str = ""
) -> ExternalRespondent:
    """An unsaved row with a fresh nonce and the hash of its token."""
    nonce = secrets.token_hex(16)
    return ExternalRespondent(
        survey=survey,
        email=email,
        system=system,
        organisation=organisation,
        nonce=nonce,
        token_hash=token_hash(respondent_token(nonce)),
    )


def respondent_link(respondent: ExternalRespondent) -> str:
    """The absolute one-time link of a respondent (for the mail)."""
    return absolute_url(reverse("surveys:respondent_answer", args=[respondent_token(respondent.nonce)]))


def respondent_for_token(token: str) -> ExternalRespondent | None:
    if not token or len(token) > 100:
        return None
    return ExternalRespondent.objects.select_related("survey").filter(token_hash=token_hash(token)).first()


# --- the list ----------------------------------------------------------------------------------


def respondent_list_check(survey: Survey) -> None:
    if not survey.audience_external:
        raise SurveyError(_("외부 이용자 명단 대상 설문에만 응답자 명단을 올릴 수 있습니다."))
    if survey.status == Survey.Status.CLOSED:
        raise SurveyError(_("마감한 설문에는 응답자를 더할 수 없습니다."))


def respondent_rows_plan(*, survey: Survey, table: ImportTable, progress=None) -> tuple[list, list]:
    """Validate every row; return (new rows, issues). Addresses already on the list are skipped
    with a warning; anything else wrong is an error and nothing is written."""
    issues: list[ImportIssue] = []
    existing = {
        e.lower() for e in ExternalRespondent.objects.filter(survey=survey).values_list("email", flat=True)
    }
    seen: dict[str, int] = {}
    new = []
    for count, (number, values) in enumerate(table.rows, start=1):
        check = RowChecker(
            number=number, values=values, table=table, columns=RESPONDENT_COLUMNS, issues=issues
        )
        email = check.text("email", model=ExternalRespondent, required=True).lower()
        system = check.text("system", model=ExternalRespondent)
        organisation = check.text("organisation", model=ExternalRespondent)
        if email:
            try:
                validate_email(email)
            except ValidationError:
                check.error("email", _("이메일 주소 형식이 아닙니다: %(value)s") % {"value": email})
            check.unique("email", email, seen)
        if check.ok and email in existing:
            issues.append(
                ImportIssue(
                    number, check.column("email"), _("이미 명단에 있는 주소라 건너뜁니다."), "warning"
                )
            )
            continue
        if check.ok:
            new.append(respondent_new(survey=survey, email=email, system=system, organisation=organisation))
        if progress and count % PROGRESS_EVERY == 0:
            progress(count)
    return new, issues


def respondent_upload_start(*, survey: Survey, upload, uploaded_by: Staff | None) -> RespondentUpload:
    """Record the upload and keep its file under ``VAR_DIR/imports``; a bad file is refused at once
    (the HR import's checks: type, size, signature, XLSX inflation)."""
    run = RespondentUpload(survey=survey, file_name=Path(upload.name).name[:255], uploaded_by=uploaded_by)
    head = upload.read(8192)
    upload.seek(0)
    problem = import_file_problem(file_name=upload.name, size=upload.size, head=head)
    digest = hashlib.sha256()
    if problem is None:
        folder = Path(settings.VAR_DIR) / "imports"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{secrets.token_hex(16)}{Path(upload.name).suffix.lower()}"
        with target.open("wb") as out:
            for chunk in upload.chunks():
                digest.update(chunk)
                out.write(chunk)
        problem = import_archive_problem(target)
        if problem:
            target.unlink(missing_ok=True)
        else:
            run.file_path = str(target)
            run.total_rows = import_rows_estimate(target)
    run.checksum = digest.hexdigest()
    if problem:
        run.status, run.finished_at = RespondentUpload.Status.REJECTED, timezone.now()
        run.errors = [ImportIssue(None, "", problem).as_dict()]
    run.save()
    return run


def _upload_finish(run: RespondentUpload, status: str, issues: list[ImportIssue]) -> None:
    run.status, run.finished_at = status, timezone.now()
    run.errors = [i.as_dict() for i in issues]
    run.save()
    if run.file_path:
        Path(run.file_path).unlink(missing_ok=True)


def respondent_upload_execute(*, run_id: int) -> RespondentUpload:
    """Validate and write a queued upload, all or nothing. Idempotent: only a queued run is
    claimed, so a redelivered task does nothing."""
    claimed = RespondentUpload.objects.filter(pk=run_id, status=RespondentUpload.Status.QUEUED).update(
        status=RespondentUpload.Status.RUNNING, heartbeat_at=timezone.now()
    )
    run = RespondentUpload.objects.select_related("survey").get(pk=run_id)
    if not claimed:
        return run
    try:
        respondent_list_check(run.survey)
        table = import_table_read(path=Path(run.file_path), columns=RESPONDENT_COLUMNS)
        run.total_rows = len(table.rows)
        run.save(update_fields=["total_rows"])

        def progress(n):
            RespondentUpload.objects.filter(pk=run.pk).update(processed_rows=n, heartbeat_at=timezone.now())

        new, issues = respondent_rows_plan(survey=run.survey, table=table, progress=progress)
        if any(i.level == "error" for i in issues):
            raise ImportRejected(issues)
        with transaction.atomic():
            ExternalRespondent.objects.bulk_create(new, batch_size=INSERT_BATCH)
            results_counts_changed(run.survey_id)
        run.created_count, run.processed_rows = len(new), run.total_rows
        _upload_finish(run, RespondentUpload.Status.DONE, issues)
    except SurveyError as error:
        _upload_finish(
            run, RespondentUpload.Status.REJECTED, [ImportIssue(None, "", " ".join(error.messages))]
        )
    except ImportRejected as rejected:
        _upload_finish(run, RespondentUpload.Status.REJECTED, rejected.issues)
    except OperationalError:
        RespondentUpload.objects.filter(pk=run.pk).update(status=RespondentUpload.Status.QUEUED)
        raise
    except Exception:  # the audit must say the run failed, whatever the cause
        logger.exception("Respondent upload %s failed", run.pk)
        message = _("명단을 읽는 중 예기치 않은 오류가 생겼습니다. 관리자에게 문의해 주세요.")
        _upload_finish(run, RespondentUpload.Status.FAILED, [ImportIssue(None, "", message)])
    return run


def respondent_upload_dispatch(*, run: RespondentUpload) -> RespondentUpload:
    """Run a small file now; queue a big one for the worker after the commit."""
    if run.status != RespondentUpload.Status.QUEUED:
        return run
    if run.total_rows > settings.IEUM_IMPORT_ASYNC_ROWS:
        from .tasks import respondent_upload_process

        transaction.on_commit(lambda: respondent_upload_process.delay(run.pk))
        return run
    return respondent_upload_execute(run_id=run.pk)


def respondent_counts(*, survey: Survey) -> dict:
    """Listed, invited, bounced and answered, in one query (the admin screen's summary)."""
    return ExternalRespondent.objects.filter(survey=survey).aggregate(
        total=Count("pk"),
        invited=Count("pk", filter=Q(invited_on__isnull=False)),
        bounced=Count("pk", filter=Q(bounced_on__isnull=False)),
        answered=Count("pk", filter=Q(has_submitted=True)),
    )


# --- invitations and reminders -----------------------------------------------------------------


def _round_targets(survey: Survey, round_number: int):
    rows = ExternalRespondent.objects.filter(survey=survey, bounced_on__isnull=True)
    if round_number == 0:
        return rows.filter(invited_on__isnull=True)
    return rows.filter(invited_on__isnull=False, has_submitted=False, reminders_sent__lt=round_number)


def invitation_run_start(
    *, survey: Survey, round_number: int, created_by: Staff | None = None
) -> InvitationRun:
    """Queue a round (0 = the invitation, n = reminder n) for the worker; returns at once.

    The survey must be open; a round is queued once (a second click returns the first run)."""
    respondent_list_check(survey)
    if survey.status != Survey.Status.OPEN:
        raise SurveyError(_("배포한(진행 중인) 설문만 초대·독려 메일을 보낼 수 있습니다."))
    if round_number > 0 and not InvitationRun.objects.filter(survey=survey, round_number=0).exists():
        raise SurveyError(_("초대 메일을 먼저 보내야 독려 메일을 보낼 수 있습니다."))
    with transaction.atomic():
        run, created = InvitationRun.objects.get_or_create(
            survey=survey,
            round_number=round_number,
            defaults={"total": _round_targets(survey, round_number).count(), "created_by": created_by},
        )
        if created:
            from .tasks import invitation_run_process

            transaction.on_commit(lambda: invitation_run_process.delay(run.pk))
    return run


def invitation_next_round(*, survey: Survey) -> int:
    last = InvitationRun.objects.filter(survey=survey).order_by("-round_number").first()
    return 0 if last is None else last.round_number + 1


def _mail_content(survey: Survey, respondent: ExternalRespondent, round_number: int) -> tuple[str, str]:
    with translation.override("ko"):
        if round_number == 0:
            subject = _("[설문] %(title)s 참여를 부탁드립니다") % {"title": survey.title}
        else:
            subject = _("[설문] %(title)s 응답을 기다립니다") % {"title": survey.title}
        parts = [
            survey.description.strip(),
            _(
                "아래 링크에서 로그인 없이 응답할 수 있습니다. "
                "링크는 한 번만 쓸 수 있으니 다른 사람에게 전달하지 마세요."
            ),
            respondent_link(respondent),
            _("마감: %(date)s") % {"date": format_korean_date(survey.closes_at)},
            _("응답은 익명으로 처리되며, 응답자가 %(n)s명 미만인 집단의 결과는 공개하지 않습니다.")
            % {"n": survey.min_group_size},
        ]
    return subject, "\n\n".join(p for p in parts if p) + "\n"


def _deliver(key: str, respondent_id: int) -> str:
    """Send one recorded mail; "sent", "bounced" (the server refused the address) or "later"
    (nothing accepted: the outbox flush retries it)."""
    try:
        outgoing_mail_deliver(key=key)
    except smtplib.SMTPRecipientsRefused:
        today = timezone.localdate()
        ExternalRespondent.objects.filter(pk=respondent_id).update(bounced_on=today)
        # Not resent automatically: a refused address needs a person (see OutgoingMail.State).
        OutgoingMail.objects.filter(key=key).update(state=OutgoingMail.State.UNKNOWN)
        return "bounced"
    except (OSError, smtplib.SMTPException):
        logger.warning("Survey mail %s not accepted now; the outbox flush retries it.", key)
        return "later"
    return "sent"


def invitation_run_execute(*, run_id: int) -> InvitationRun:
    """Record and send a round in batches. Exactly once per respondent and round: each batch
    records its outbox rows and marks its respondents in one transaction, so a rerun (retry,
    redelivery, killed worker) finds them done; a row recorded but not sent is the outbox's
    (its flush sends a pending row, never a claimed one twice)."""
    run = InvitationRun.objects.select_related("survey").get(pk=run_id)
    if run.status == InvitationRun.Status.DONE:
        return run
    InvitationRun.objects.filter(pk=run.pk).update(status=InvitationRun.Status.RUNNING)
    survey = run.survey
    while survey.status == Survey.Status.OPEN:
        with transaction.atomic():
            batch = list(
                _round_targets(survey, run.round_number).select_for_update().order_by("pk")[:MAIL_BATCH]
            )
            if not batch:
                break
            keys = []
            for respondent in batch:
                subject, body = _mail_content(survey, respondent, run.round_number)
                key = MAIL_KEY % {"survey": survey.pk, "respondent": respondent.pk, "round": run.round_number}
                outgoing_mail_record(
                    key=key, subject=subject, message=body, from_email=None, recipient_list=[respondent.email]
                )
                keys.append((key, respondent.pk))
            ids = [r.pk for r in batch]
            if run.round_number == 0:
                ExternalRespondent.objects.filter(pk__in=ids).update(invited_on=timezone.localdate())
            else:
                ExternalRespondent.objects.filter(pk__in=ids).update(reminders_sent=run.round_number)
        outcomes = [_deliver(key, pk) for key, pk in keys]
        InvitationRun.objects.filter(pk=run.pk).update(
            sent=run.sent + outcomes.count("sent") + outcomes.count("later"),
            bounced=run.bounced + outcomes.count("bounced"),
        )
        run.refresh_from_db(fields=["sent", "bounced"])
        survey.refresh_from_db(fields=["status"])
    InvitationRun.objects.filter(pk=run.pk).update(
        status=InvitationRun.Status.DONE, finished_at=timezone.now()
    )
    run.refresh_from_db()
    return run


# --- answering ---------------------------------------------------------------------------------


@transaction.atomic
def respondent_submit(*, token: str, raw: dict, questions=None) -> None:
    """Record one answer through a one-time link. A second one (replay, two tabs, a forwarded
    link after the owner answered) is refused and the first stays. Nothing on the answer side
    names the respondent: no token, no key, the date only; the returned value is nothing."""
    found = respondent_for_token(token)
    if found is None:
        raise SurveyError(_("유효하지 않은 설문 링크입니다. 받은 메일의 링크를 그대로 열어 주세요."))
    respondent = ExternalRespondent.objects.select_for_update().select_related("survey").get(pk=found.pk)
    survey = respondent.survey
    _check_open(survey)
    if respondent.has_submitted:
        raise SurveyError(_("이미 응답을 제출한 링크입니다. 링크 하나로 한 번만 응답할 수 있습니다."))
    cleaned = answers_clean(survey=survey, raw=raw, require_all=True, questions=questions)
    answered = [i for i in cleaned if not i.is_empty]
    if survey.is_anonymous:
        # Into the holding area, encrypted, until the close (``holding``).
        from .holding import held_store

        groups = {"system": respondent.system, "organisation": respondent.organisation}
        held_store(survey=survey, attributes=groups, answers=answered)
        ExternalRespondent.objects.filter(pk=respondent.pk).update(has_submitted=True)
        return
    response = Response.objects.create(
        survey=survey,
        submitted_on=timezone.localdate(),
        system=respondent.system,
        organisation=respondent.organisation,
    )
    Answer.objects.bulk_create(
        Answer(response=response, question=i.question, value=i.value, choices=i.choices or [], text=i.text)
        for i in answered
    )
    ExternalRespondent.objects.filter(pk=respondent.pk).update(has_submitted=True)
    from .results import results_refresh_queue

    results_refresh_queue(survey_id=survey.pk)


# --- closing -----------------------------------------------------------------------------------


def respondent_groups_generalise(*, survey: Survey) -> int:
    """At close: merge every system, and every organisation within a system, answered by fewer
    than the survey's threshold into "미지정" on the answer side, so that no attribute kept with
    an answer singles out fewer people than the results may show; and erase the links from the
    outbox's mail bodies. Returns the responses changed."""
    min_n = survey.min_group_size
    responses = Response.objects.filter(survey=survey)
    changed = 0
    small_systems = [
        row["system"]
        for row in responses.exclude(system="").values("system").annotate(n=Count("pk")).filter(n__lt=min_n)
    ]
    changed += responses.filter(system__in=small_systems).update(system="", organisation="")
    small_cells = (
        responses.exclude(organisation="")
        .values("system", "organisation")
        .annotate(n=Count("pk"))
        .filter(n__lt=min_n)
    )
    for cell in small_cells:
        changed += responses.filter(system=cell["system"], organisation=cell["organisation"]).update(
            organisation=""
        )
    # A system whose "미지정" organisation is now a small cell goes to "미지정" as a whole.
    leftovers = (
        responses.exclude(system="")
        .filter(organisation="")
        .values("system")
        .annotate(n=Count("pk"))
        .filter(n__lt=min_n)
    )
    for cell in leftovers:
        changed += responses.filter(system=cell["system"], organisation="").update(system="")
    OutgoingMail.objects.filter(key__startswith=f"surveys.respondent.{survey.pk}.").update(body="")
    return changed
