"""The interviews' section of the newsroom home (``newsroom.registry.home_sections``)."""

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from intranet.registry import Panel
from newsroom.registry import home_sections

from .selectors import episodes_published

RECENT = 3
CACHE_KEY = "newsroom:interviews:recent"
CACHE_SECONDS = 300  # also cleared whenever an episode is published or unpublished (signals.py)


def recent_interviews(request) -> dict:
    """The latest episodes, newest first. Cached: the home is the newsroom's busiest page and its
    query budget is full; publishing clears the entry, so only a renamed leader waits 5 minutes."""
    episodes = cache.get(CACHE_KEY)
    if episodes is None:
        episodes = [
            {
                "url": page.url,
                "number": page.episode_number,
                "title": page.title,
                "leader": page.leader.name,
                "answered": page.answered_count,
            }
            for page in episodes_published()[:RECENT]
        ]
        cache.set(CACHE_KEY, episodes, CACHE_SECONDS)
    return {"episodes": episodes}


def recent_interviews_forget(**kwargs) -> None:
    cache.delete(CACHE_KEY)


home_sections.register(
    Panel(
        key="interviews.recent",
        title=_("국장님, DM 왔습니다"),
        template="newsroom_interviews/home_section.html",
        provider=recent_interviews,
        order=20,
    )
)
