"""E-mail backends for tests of the sending mechanics (the outbox, a worker killed mid-send)."""

import os
import time
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.filebased import EmailBackend as FileBackend


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down: nothing is accepted."""

    def send_messages(self, email_messages):
        raise OSError("SMTP down")


class AcceptThenHangBackend(FileBackend):
    """The mail server accepts the message (it is written to the folder), then the worker hangs
    before it can record that, until the test kills it: the SIGKILL-after-the-effect window.
    ``IEUM_TEST_HANG_MARKER`` names a file written once the message was accepted."""

    def send_messages(self, email_messages):
        sent = super().send_messages(email_messages)
        marker = os.environ.get("IEUM_TEST_HANG_MARKER")
        if marker and not Path(marker).exists():
            Path(marker).write_text("accepted")
            time.sleep(300)
        return sent
