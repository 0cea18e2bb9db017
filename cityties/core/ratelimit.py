"""Fixed-window rate limits kept in the cache (shared by every process in production)."""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address; behind TRUSTED_PROXY_COUNT proxies, the address the nearest
    of them saw (X-Forwarded-For is appended to by each proxy, so count from the right)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def hit(scope: str, key: str, *, limit: int, period: int = 3600) -> bool:
    """Count one attempt of `key` in `scope`; False once it passed `limit` this period."""
    window = int(time.time() // period)
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    cache_key = f"ratelimit:{scope}:{digest}:{window}"
    if cache.add(cache_key, 1, period):
        return limit >= 1
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, period)
        count = 1
    return count <= limit
