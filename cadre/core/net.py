"""The address a request comes from, for the per-client limits (login throttling, wrong
voting codes). Behind nginx every request comes from the proxy, so with CADRE_TRUSTED_PROXIES
set to the number of proxies in front, the address is read from X-Forwarded-For — only the
entries those proxies appended, never what the client wrote there itself."""

from django.conf import settings


def client_address(request) -> str:
    proxies = settings.CADRE_TRUSTED_PROXIES
    remote = request.META.get("REMOTE_ADDR", "")
    if not proxies:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [a for a in forwarded if a]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]
