"""``{% admin_script_nonce %}``: the nonce attribute for the admin's own inline scripts."""

from django import template

from intranet.csp import nonce_attribute

register = template.Library()


@register.simple_tag
def admin_script_nonce():
    return nonce_attribute()
