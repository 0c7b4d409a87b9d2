"""The per-person secret in the addresses of feeds that are fetched without logging in.

Feed readers and calendar apps cannot log in, so such an address carries a random secret
(``FeedKey.token``, 256 bits) that names its person. One mechanism for every feed: the learning
calendar (``/learning/calendar/<key>.ics``) and the newsroom RSS feeds
(``/newsroom/feeds/<kind>/<key>/``). A person renews the key on their own profile, which makes
every address handed out before answer 404.
"""

import secrets

from django.db import IntegrityError, transaction

from intranet.models import FeedKey


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def feed_key(staff_id: int) -> str:
    """The person's current key, made on first use."""
    key = FeedKey.objects.filter(staff_id=staff_id).values_list("token", flat=True).first()
    if key:
        return key
    try:
        with transaction.atomic():
            return FeedKey.objects.create(staff_id=staff_id, token=_new_token()).token
    except IntegrityError:  # made by a concurrent request
        return FeedKey.objects.get(staff_id=staff_id).token


def staff_id_for_feed_key(token: str) -> int | None:
    """Whose key this is, or ``None`` for a key that is unknown or was renewed away."""
    if not token or len(token) > 64:
        return None
    return (
        FeedKey.objects.filter(token=token, staff__is_active=True).values_list("staff_id", flat=True).first()
    )


def feed_key_renew(*, staff_id: int) -> str:
    """Replace the person's key: every address with the old one stops working at once."""
    token = _new_token()
    FeedKey.objects.update_or_create(staff_id=staff_id, defaults={"token": token})
    return token
