"""Pacing on a fake clock: never faster than the limit, no catch-up bursts, oversleeping not lost."""

from __future__ import annotations

from mawjaz.delivery.pacing import ChatSpacing, Pacer
from mawjaz.delivery.sender import TELEGRAM_LIMITS


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _run(pacer: Pacer, clock: Clock, sends: int, oversleep: float = 0.0) -> list[float]:
    """Send as soon as allowed, each sleep waking ``oversleep`` late; the start times."""
    times = []
    for _ in range(sends):
        clock.now = max(clock.now, pacer.ready_at() + oversleep)
        pacer.started()
        times.append(clock.now)
    return times


def _most_in_one_second(times: list[float]) -> int:
    return max(sum(1 for t in times if start <= t < start + 1.0) for start in times)


def test_paced_sends_never_exceed_the_platform_limit_in_any_second():
    clock = Clock()
    times = _run(Pacer(29.0, clock), clock, 300, oversleep=0.004)
    assert _most_in_one_second(times) <= 30


def test_a_few_milliseconds_of_oversleep_are_not_lost_on_every_message():
    clock = Clock()
    times = _run(Pacer(29.0, clock), clock, 291, oversleep=0.004)
    assert (len(times) - 1) / (times[-1] - times[0]) > 28.9


def test_a_long_stall_is_not_followed_by_a_burst():
    clock = Clock()
    pacer = Pacer(10.0, clock)
    _run(pacer, clock, 5)
    clock.now += 5.0  # the process stalled
    times = _run(pacer, clock, 5)
    assert min(b - a for a, b in zip(times, times[1:])) >= 0.049  # at most half an interval of credit
    assert _most_in_one_second(times) <= 11


def test_a_global_429_pauses_everybody():
    clock = Clock()
    pacer = Pacer(TELEGRAM_LIMITS.per_second, clock)
    pacer.started()
    pacer.pause(3.0)
    assert pacer.ready_at() >= clock.now + 3.0


def test_one_chat_waits_its_interval_and_others_do_not():
    clock = Clock()
    spacing = ChatSpacing(clock)
    spacing.started("telegram:1", TELEGRAM_LIMITS.interval_for("private"))
    spacing.started("telegram:-5", TELEGRAM_LIMITS.interval_for("supergroup"))
    assert spacing.ready_at("telegram:1") == clock.now + 1.0
    assert spacing.ready_at("telegram:-5") == clock.now + 3.0  # 20 a minute in groups
    assert spacing.ready_at("telegram:2") == 0.0
