"""Work that outlives its request: roster imports of thousands of people.

A job runs in a thread of the app server that took the request, once that request's
transaction has committed. Its state and progress live in the database, never in the
process, so any app server can show them; a job whose process died is recognised by its
silence (see people.models.RosterUpload.is_stalled). Tests run jobs at once, in the request.
"""

import threading

from django.conf import settings
from django.db import connections, transaction


def run_in_background(func, *args) -> None:
    if settings.CADRE_JOBS_INLINE:
        func(*args)
        return

    def target():
        try:
            func(*args)
        finally:
            connections.close_all()

    transaction.on_commit(lambda: threading.Thread(target=target, daemon=False).start())
