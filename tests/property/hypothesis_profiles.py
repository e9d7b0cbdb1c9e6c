"""Hypothesis profiles for tests/property: ``ci`` by default, ``thorough`` to hunt.

``ci`` runs few examples, the same ones every run (derandomised, no example
database written), so CI stays fast and steady; set SYNTOPIC_HYPOTHESIS=thorough
for thousands of fresh ones.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("thorough", max_examples=3000, deadline=None, database=None)
settings.load_profile(os.environ.get("SYNTOPIC_HYPOTHESIS", "ci"))
