"""What the newsroom's sub-apps add to the newsroom home (``/newsroom/``).

The interviews sub-app registers its "recent interviews" section here from its ``AppConfig.ready``
(the home never imports a sub-app), exactly like the core's dashboard panels::

    from intranet.registry import Panel
    from newsroom.registry import home_sections

    home_sections.register(Panel(key="interviews.recent", title=_("최근 인터뷰"),
                                 template="newsroom_interviews/home_section.html",
                                 provider=recent_interviews, order=20))

A provider is called with the request and returns the template's context, or ``None`` to show
nothing; it must keep a fixed number of queries (the home is tested at two data sizes).
"""

from intranet.registry import Registry

home_sections = Registry()
