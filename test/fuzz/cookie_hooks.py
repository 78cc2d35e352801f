"""Schemathesis hook: fuzz the Cookie header of every request (issue 19, item 3).

Half the requests carry the organiser's real session, so the handlers are
reached; the rest carry what an outsider can send: bad percent escapes
(`%E0%A4%A` once answered 500 everywhere), junk, a second copy of the
cookie, an empty or oversized value. The server must answer each as for a
signed-in organiser or as for a stranger, never 5xx. Seeded, so a failure
can be replayed.
"""

import os
import random

import schemathesis

SESSION = os.environ["MAJLIS_FUZZ_SESSION_COOKIE"]
_rng = random.Random(int(os.environ.get("MAJLIS_FUZZ_SEED", "20261129")))
_PRINTABLE = "".join(chr(c) for c in range(0x21, 0x7F))


def _junk(limit: int = 64) -> str:
    return "".join(_rng.choice(_PRINTABLE) for _ in range(_rng.randint(0, limit)))


def _cookie() -> str:
    if _rng.random() < 0.5:
        return SESSION
    return _rng.choice(
        [
            "majlis_session=%E0%A4%A",
            "majlis_session=%" + _junk(),
            "majlis_session=" + _junk(),
            _junk(),
            SESSION + "; majlis_session=%FF",
            "majlis_session=" + "A" * 4096,
            "majlis_session=",
            "=; ;;majlis_session",
        ]
    )


@schemathesis.hook
def before_call(context, case, kwargs):
    case.headers = {**(case.headers or {}), "Cookie": _cookie()}
