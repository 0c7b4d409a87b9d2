"""The per-person secret in the addresses of feeds that are fetched without logging in.

Feed readers and calendar apps cannot log in, so such an address carries a key that names its
person: ``<staff id>-<HMAC of the id and the person's key generation>`` under the project's
SECRET_KEY, checked in constant time. One mechanism for every feed: the learning calendar
(``/learning/calendar/<key>.ics``) and the newsroom RSS feeds (``/newsroom/feeds/<kind>/<key>/``).
A person renews the key on their own profile (the generation goes up, ``FeedKey``), which makes
every address handed out before answer 404; rotating SECRET_KEY or ``SALT`` revokes all at once.
Reading a key is one query and never writes, so a page that shows it keeps its query count.
"""

from django.db.models import F
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from intranet.models import FeedKey

SALT = "intranet.feeds.v1"


def _key(staff_id: int, generation: int) -> str:
    return f"{staff_id}-{salted_hmac(SALT, f'{staff_id}:{generation}').hexdigest()[:32]}"


def _generation(staff_id: int, *, active_only: bool = False) -> int | None:
    """The person's key generation (0 before the first renewal); ``None`` for no such person."""
    from intranet.directory.models import Staff

    people = Staff.objects.filter(pk=staff_id)
    if active_only:
        people = people.filter(is_active=True)
    row = people.values_list("feed_key__generation", flat=True)
    found = list(row[:1])
    if not found:
        return None
    return found[0] or 0


def feed_key(staff_id: int) -> str:
    """The person's current key."""
    return _key(staff_id, _generation(staff_id) or 0)


def staff_id_for_feed_key(token: str) -> int | None:
    """Whose key this is, or ``None`` for a key that is unknown, renewed away or of someone who
    has left."""
    number, _sep, _mac = (token or "").partition("-")
    if not number.isdigit() or len(token) > 64:
        return None
    generation = _generation(int(number), active_only=True)
    if generation is None:
        return None
    return int(number) if constant_time_compare(_key(int(number), generation), token) else None


def feed_key_renew(*, staff_id: int) -> str:
    """Replace the person's key: every address with the old one stops working at once."""
    row, created = FeedKey.objects.get_or_create(staff_id=staff_id, defaults={"generation": 1})
    if not created:
        FeedKey.objects.filter(pk=row.pk).update(generation=F("generation") + 1, renewed_at=timezone.now())
    return feed_key(staff_id)
