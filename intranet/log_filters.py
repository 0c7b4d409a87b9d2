"""Logging filters for the settings' LOGGING."""

import logging
import re


class RefusalsAreOneLine(logging.Filter):
    """A refused request (403) is an answer, not a failure: log it as one short line
    ("Forbidden (Permission denied): /path/"), without the traceback Django attaches."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True


class SurveyLinksRedacted(logging.Filter):
    """The one-time link of an external survey (``/surveys/r/<token>/``) is a secret: a log line
    that names it (a 404 for a mistyped link, a 409 for a second answer) keeps the path without
    the token, so the logs cannot be matched against the respondent list."""

    PATTERN = re.compile(r"/surveys/r/[^/\s\"']+")

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "/surveys/r/" in message:
            record.msg, record.args = self.PATTERN.sub("/surveys/r/…", message), ()
        return True
