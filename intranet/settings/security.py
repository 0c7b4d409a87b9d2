"""The Content Security Policy and the security headers, defined once.

``base`` imports this module, so production, development and the test settings (and with them
every browser test) send exactly these headers. Only what needs TLS stays in ``production``
(HSTS, the HTTPS redirect, secure cookies): the test server speaks plain HTTP.
"""

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

# Everything from this origin, no other origin, no inline script or style. NONCE adds a
# per-response nonce only to a response that asked for one: the Wagtail admin's own inline
# start-up scripts (intranet/csp.py); the staff site never asks, so its policy is 'self' alone.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE, "'report-sample'"],
        "style-src": [SELF, "'report-sample'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# The Wagtail admin's one addition: Draftail, Wagtail's rich-text editor, renders <style> elements
# (its empty-block placeholders and list numbering) that carry no nonce. Only <style> elements
# are allowed inline there; style attributes and scripts stay as strict as on the staff site.
IEUM_ADMIN_CSP_UPDATE = {"style-src-elem": [SELF, UNSAFE_INLINE]}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Wagtail's admin previews a page in a frame of the same origin, so DENY would break editing.
X_FRAME_OPTIONS = "SAMEORIGIN"

# Wagtail would load avatars from gravatar.com: another origin, blocked by the policy above.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
