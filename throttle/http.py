"""The client's address as the limits count it, and the HTTP answer of a refusal."""

import ipaddress

from django.conf import settings


def client_address(request) -> str:
    """The address a request came from: REMOTE_ADDR, or — when ``TDKT_TRUSTED_PROXIES`` is N ≥ 1 — the
    address the first of our N proxies saw, i.e. the N-th entry of X-Forwarded-For counted from the right.
    Entries further left were written by the client and could be anything. An IPv6 client is counted by its
    /64 network (one subscriber gets a whole /64 and may pick any address in it)."""
    address = request.META.get("REMOTE_ADDR", "")
    hops = settings.TDKT_TRUSTED_PROXIES
    if hops > 0:
        forwarded = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
        if len(forwarded) >= hops:
            address = forwarded[-hops]
    try:
        ip = ipaddress.ip_address(address.strip().strip("[]"))
    except ValueError:
        return address[:100] or "unknown"
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def too_many(response, refused):
    """Make ``response`` the answer to a refused request: HTTP 429 with Retry-After (seconds)."""
    response.status_code = 429
    response["Retry-After"] = str(refused.retry_after)
    return response
