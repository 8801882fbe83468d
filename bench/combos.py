"""Combination checker speed: the whole n x n matrix, and the API in process.

    HRKIT_DATA_DIR=$(mktemp -d) .venv/bin/python bench/combos.py

Targets: every pair of the catalogue rated in under 50 ms (with the pair cache
empty); API p50 under 5 ms over 1,000 random requests (django test Client).
"""

import os
import random
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hrkit.settings")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from hrkit.saferuse import combinations  # noqa: E402
from hrkit.saferuse.catalogue import catalogue  # noqa: E402


def rate_matrix() -> int:
    substances = list(catalogue().substances.values())
    rated = 0
    for first in substances:
        for second in substances:
            if first is not second:
                combinations.rate_pair(first, second)
                rated += 1
    return rated


def time_matrix(repeats: int = 5) -> tuple[int, float, float]:
    cold, warm = [], []
    rated = 0
    for _ in range(repeats):
        combinations._rate_ids.cache_clear()
        combinations._class_rules.cache_clear()
        started = time.perf_counter()
        rated = rate_matrix()
        cold.append(time.perf_counter() - started)
        started = time.perf_counter()
        rate_matrix()
        warm.append(time.perf_counter() - started)
    return rated, statistics.median(cold) * 1000, statistics.median(warm) * 1000


def time_api(statuses: dict[int, int], requests: int = 1000, seed: int = 4) -> list[float]:
    names = sorted(catalogue().names)
    rng = random.Random(seed)
    client = Client()
    client.get("/api/v1/combinations", {"substances": "heroin,xanax"})  # import and warm up
    timings = []
    for _ in range(requests):
        chosen = rng.sample(names, rng.randint(2, 4))
        started = time.perf_counter()
        response = client.get("/api/v1/combinations", {"substances": ",".join(chosen)})
        timings.append((time.perf_counter() - started) * 1000)
        # Random names can be one substance twice (e.g. "xanax" and "bars"): a 400.
        assert response.status_code in (200, 400), response.status_code
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
    return timings


def main() -> None:
    count = len(catalogue().substances)
    rated, cold_ms, warm_ms = time_matrix()
    print(f"matrix: {count} substances, {rated} ordered pairs")
    print(f"  cold (empty pair cache): {cold_ms:.1f} ms  (target < 50 ms)")
    print(f"  warm:                    {warm_ms:.1f} ms")
    statuses: dict[int, int] = {}
    timings = time_api(statuses)
    quantiles = statistics.quantiles(timings, n=100)
    print(f"API /api/v1/combinations, {len(timings)} random requests in process {statuses}:")
    print(f"  p50 {quantiles[49]:.2f} ms  p95 {quantiles[94]:.2f} ms  (target p50 < 5 ms)")


if __name__ == "__main__":
    main()
