"""``{% per_language %}…{% endper_language %}``: markup rendered once per language in each process.

Every page's frame (``base.html``) is mostly text that depends only on the language: some twenty
``{% trans %}`` strings, the static files' hashed addresses, the addresses of the search, log-out
and language views, the language list. Rendering them cost about a third of an otherwise empty
page's Python calls, every request. Wrapped in this tag they are rendered on the first request in
each language and kept on the template node (so they go when the template does: the cached loader
holds it for the process's life; an uncached loader parses a new node each time).

Only for markup that depends on nothing but the language and the site's script prefix (and
holds no ``{% block %}``): never around the person, the request, a form or a CSRF token. Values
that pick between a few variants may be given as arguments, which become part of the key
(``{% per_language nav_current can_open_admin %}``); each must take few values (at most
``LIMIT`` variants are kept a node, the rest are rendered every time).
"""

from django import template
from django.urls import get_script_prefix
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

LIMIT = 64  # variants kept per node: languages × the few values of the key's arguments
LANGUAGE_KEY = "ieum_fragments.language"  # in the render context: (language, script prefix)


class PerLanguageNode(template.Node):
    # Not walked by ``get_nodes_by_type``: ``{% extends %}`` looks for the parent's blocks through
    # every node of ``base.html`` on every render, and there are none in here (a ``{% block %}``
    # inside would not be overridable anyway: its markup is kept).
    child_nodelists = ()

    def __init__(self, nodelist, keys):
        self.nodelist = nodelist
        self.keys = keys
        self.rendered = {}

    def render(self, context):
        # The language and the script prefix, read once per template render: ``base.html`` has
        # ten of these nodes, and each read is a context-local lookup of some twenty calls. The
        # language cannot change between them: the tag refuses to sit in a ``{% language %}``
        # block, and an included template is rendered with a render context of its own.
        render_context = context.render_context
        language_key = render_context.get(LANGUAGE_KEY)
        if language_key is None:
            language_key = render_context[LANGUAGE_KEY] = (get_language(), get_script_prefix())
        key = (*language_key, *(k.resolve(context) for k in self.keys))
        html = self.rendered.get(key)
        if html is None:
            html = mark_safe(self.nodelist.render(context))
            if len(self.rendered) < LIMIT:
                self.rendered[key] = html
        return html


@register.tag
def per_language(parser, token):
    if any(command == "language" for command, _token in parser.command_stack):
        raise template.TemplateSyntaxError("{% per_language %} cannot be used inside {% language %}.")
    keys = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endper_language",))
    parser.delete_first_token()
    return PerLanguageNode(nodelist, keys)
