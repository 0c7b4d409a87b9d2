"""Parts of the education site that live in their own packages (external learning records, study
clubs): each registers a link from its ``AppConfig.ready()``, and the education home page and the
learning menu list them, so this package never imports them (like the hour sources of
``hours.py``)."""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Subsite:
    key: str
    title: str  # lazy translations: read when rendered, in the request's language
    description: str
    url_name: str
    order: int = 100

    @property
    def url(self) -> str:
        return reverse(self.url_name)


_subsites: dict[str, Subsite] = {}


def register_subsite(key: str, *, title, description, url_name: str, order: int = 100) -> None:
    """Add (or, under the same key, replace) a part of the education site."""
    _subsites[key] = Subsite(key=key, title=title, description=description, url_name=url_name, order=order)


def subsites() -> list[Subsite]:
    return sorted(_subsites.values(), key=lambda s: (s.order, s.key))
