"""The holding area of an open anonymous survey (issue 13 §2, threat model (b); docs/surveys.md).

While an anonymous survey is open, a submission writes no ``Response`` or ``Answer`` row: it
writes one ``HeldResponse`` — a random key, the survey and one AES-GCM ciphertext of the group
attributes and the answers. A copy of the database without the server's secret then holds, per
submission, a blob of a fixed size (the plaintext is padded to ``PAD_BYTES``) and nothing else:
no department, grade, context, date or time to join to the identity side.

Key: HKDF-SHA256 of ``SECRET_KEY`` with the purpose label ``KEY_LABEL`` (so this key is used for
nothing else); the associated data is the survey's id (a blob moved to another survey does not
decrypt). Decryption tries ``SECRET_KEY`` and then each of ``SECRET_KEY_FALLBACKS``, so a key
rotation during a survey loses nothing as long as the old key stays among the fallbacks until the
close. Each blob is ``VERSION`` + a random 96-bit nonce + the ciphertext and its tag.

At close (``services.survey_close``) ``held_release`` decrypts every row, writes the responses
and answers, and deletes the held rows; the seal (``anonymity.survey_answers_seal``) then runs in
the same transaction.
"""

import functools
import json
import os
import random
import uuid
from collections.abc import Iterable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.utils.translation import gettext as _

from .models import Answer, HeldResponse, Response, Survey, SurveyQuestion

KEY_LABEL = b"ieum.surveys.held-response.v1"
VERSION = b"\x01"
NONCE_BYTES = 12
# Every plaintext is padded with spaces to a multiple of this, so the ciphertext's length says
# nothing of the answers (a free text's length, a department id's digits) in the usual case;
# long free texts fall into the next step.
PAD_BYTES = 2048


class HeldResponseUnreadable(Exception):
    """A held row no configured key opens (the secret changed and the old one is not among
    ``SECRET_KEY_FALLBACKS``, or the row was tampered with)."""


@functools.lru_cache(maxsize=8)
def _derived_key(secret: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=KEY_LABEL).derive(secret.encode())


def _keys() -> list[bytes]:
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [_derived_key(secret) for secret in secrets if secret]


def _associated(survey_id: int) -> bytes:
    return f"ieum.surveys.held:{survey_id}".encode()


def held_encrypt(*, survey_id: int, payload: dict) -> bytes:
    plain = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    plain += b" " * (-len(plain) % PAD_BYTES)
    nonce = os.urandom(NONCE_BYTES)
    return VERSION + nonce + AESGCM(_keys()[0]).encrypt(nonce, plain, _associated(survey_id))


def held_decrypt(*, survey_id: int, blob: bytes) -> dict:
    blob = bytes(blob)
    if blob[:1] != VERSION:
        raise HeldResponseUnreadable
    nonce, body = blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :]
    for key in _keys():
        try:
            return json.loads(AESGCM(key).decrypt(nonce, body, _associated(survey_id)))
        except InvalidTag:
            continue
    raise HeldResponseUnreadable


def held_store(*, survey: Survey, attributes: dict, answers: Iterable) -> None:
    """Hold one submission (``answers``: the service's cleaned answers, empty ones left out).
    One INSERT; nothing else is written here."""
    HeldResponse.objects.create(
        survey=survey, sealed=held_sealed(survey=survey, attributes=attributes, answers=answers)
    )


def held_sealed(*, survey: Survey, attributes: dict, answers: Iterable) -> bytes:
    """The ciphertext ``held_store`` writes for one submission (for a caller that writes the row
    itself, in the statement that claims the person's audience row: ``services``)."""
    payload = {
        "a": {
            "department": attributes.get("department"),
            "grade": attributes.get("grade") or "",
            "context": attributes.get("context") or "",
            "system": attributes.get("system") or "",
            "organisation": attributes.get("organisation") or "",
        },
        "q": [[item.question.pk, item.value, item.choices or [], item.text] for item in answers],
    }
    return held_encrypt(survey_id=survey.pk, payload=payload)


def held_release(*, survey: Survey, day) -> int:
    """Decrypt the survey's held rows and write them as responses and answers (random keys, a
    random order, ``day`` as the date), then delete the held rows. Called inside the close's
    transaction; an unreadable row raises ``HeldResponseUnreadable`` and nothing is written.
    Returns the number of responses released."""
    blobs = list(HeldResponse.objects.filter(survey=survey).values_list("sealed", flat=True))
    if not blobs:
        return 0
    payloads = [held_decrypt(survey_id=survey.pk, blob=blob) for blob in blobs]
    # A question removed while open is archived, never deleted (``services.question_remove``);
    # answers to a question that is gone all the same are dropped rather than fail the close.
    questions = set(SurveyQuestion.objects.filter(survey=survey).values_list("pk", flat=True))
    rng = random.SystemRandom()
    rng.shuffle(payloads)
    responses, answers = [], []
    for payload in payloads:
        attributes = payload["a"]
        response = Response(
            id=uuid.uuid4(),
            survey=survey,
            submitted_on=day,
            department_id=attributes["department"],
            grade=attributes["grade"],
            context_key=attributes["context"],
            system=attributes["system"],
            organisation=attributes["organisation"],
        )
        responses.append(response)
        answers += [
            Answer(id=uuid.uuid4(), response=response, question_id=q, value=v, choices=c, text=t)
            for q, v, c, t in payload["q"]
            if q in questions
        ]
    rng.shuffle(answers)
    Response.objects.bulk_create(responses, batch_size=1000)
    Answer.objects.bulk_create(answers, batch_size=2000)
    HeldResponse.objects.filter(survey=survey).delete()
    return len(responses)


def held_question_ids(*, survey: Survey) -> set[int]:
    """The questions some held submission answers (read with the key; for removing a question
    while the survey is open, so an answered one is archived rather than deleted)."""
    found: set[int] = set()
    for blob in HeldResponse.objects.filter(survey=survey).values_list("sealed", flat=True).iterator():
        found.update(q for q, *_rest in held_decrypt(survey_id=survey.pk, blob=blob)["q"])
    return found


def unreadable_message() -> str:
    return _(
        "마감 전 응답을 풀 수 없어 마감하지 않았습니다. 서버의 비밀 키(SECRET_KEY)를 바꾸었다면 "
        "이전 키를 SECRET_KEY_FALLBACKS에 넣고 다시 마감해 주세요."
    )
