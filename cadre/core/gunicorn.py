"""gunicorn's access log, less the voter's pages.

A line per request would record the address and the moment of every vote: together with the
meeting hall's seating, enough to put a name on a ballot.
"""

from gunicorn.glogging import Logger

# /v/: voters' pages; /e/: experts' personal links, whose token is a credential; /r/:
# reports of concerns about a public notice, which may be anonymous.
PRIVATE_PREFIXES = ("/v/", "/e/", "/r/")


class CadreLogger(Logger):
    def access(self, resp, req, environ, request_time):
        if environ.get("PATH_INFO", "").startswith(PRIVATE_PREFIXES):
            return
        super().access(resp, req, environ, request_time)
