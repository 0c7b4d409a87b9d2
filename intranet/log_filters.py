"""Logging filters for the settings' LOGGING."""

import logging


class RefusalsAreOneLine(logging.Filter):
    """A refused request (403) is an answer, not a failure: log it as one short line
    ("Forbidden (Permission denied): /path/"), without the traceback Django attaches."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True
