"""Social ticket metrics: the ticket metrics filtered with `channel_group=social`
(expected values worked out by hand from data/README.md).

Tickets (data/README.md): S1 email, S2 chat, S3 twitter, S4 facebook, S5 email,
S6 phone. Social by default (twitter, facebook, instagram, linkedin): S3 and S4.
"""

from __future__ import annotations

import pytest


def test_tickets_by_channel_group(sat, hb):
    # social S3 S4 -> 2; other S1 S2 S5 S6 -> 4
    g = hb.by_group(sat("tickets_created", group_by=["channel_group"]), "channel_group")
    assert {k: v["value"] for k, v in g.items()} == {"social": 2, "other": 4}
    hb.count(hb.only(sat("tickets_created", where=["channel_group=social"])), 2)


def test_csat_on_social_tickets(sat, hb):
    # V03 (S3, score 2) and V05 (S4, score 3) -> 0/2; V07 has no ticket: no channel group
    hb.rate(hb.only(sat("csat", where=["channel_group=social"])), 0, 2)
    g = hb.by_group(sat("csat", group_by=["channel_group"]), "channel_group")
    hb.rate(g["social"], 0, 2)
    hb.rate(g["other"], 3, 3)  # V01 (S1), V02 (S2), V06 (S5)
    hb.rate(g[None], 0, 1)  # V07


def test_social_set_is_configurable(sat, hb, monkeypatch):
    # only twitter is social: S3 -> 1; the other five -> 5
    monkeypatch.setenv("SUPPORTLENS_SOCIAL_CHANNELS", "Twitter")
    g = hb.by_group(sat("tickets_created", group_by=["channel_group"]), "channel_group")
    assert {k: v["value"] for k, v in g.items()} == {"social": 1, "other": 5}


def test_first_response_time_on_social_tickets(sat, hb):
    # first rep reply - created_at (data/README.md, messages):
    #   S1 email 09:00 -> 10:00 = 3600; S2 chat 10:00 -> 10:30 = 1800 (M8 later is not the
    #   first); S3 twitter 08:00 -> 08:20 = 1200; S5 email 10:00 -> 12:00 = 7200;
    #   S4 (facebook, AI reply only) and S6 (AI reply only) have no rep reply: not measured
    # social: S3 -> n 1, 1200; other: 3600, 1800, 7200 -> mean 12600 / 3 = 4200, median 3600
    row = hb.only(sat("first_response_time", where=["channel_group=social"]))
    assert (row["n"], row["value"]) == (1, pytest.approx(1200))
    g = hb.by_group(sat("first_response_time", group_by=["channel_group"]), "channel_group")
    assert (g["other"]["n"], g["other"]["value"]) == (3, pytest.approx(4200))
    assert g["other"]["median"] == pytest.approx(3600)


def test_first_response_sla_rate_on_social_tickets(sat, hb):
    # one policy P1 (any priority, any channel): first response due created_at + 30 min,
    # calendar time; a rep reply at or before the due time meets it.
    #   S1 +60 min miss; S2 +30 min = due, met; S3 +20 min met; S4 no rep reply, due
    #   03-11 12:30 < now: miss; S5 +120 min miss; S6 no rep reply, due passed: miss
    # social S3 met, S4 missed -> 1/2; other S2 met, S1 S5 S6 missed -> 1/4
    hb.rate(hb.only(sat("first_response_sla_rate", where=["channel_group=social"])), 1, 2)
    g = hb.by_group(sat("first_response_sla_rate", group_by=["channel_group"]),
                    "channel_group")
    hb.rate(g["social"], 1, 2)
    hb.rate(g["other"], 1, 4)


def test_ai_resolutions_on_social_tickets(sat, hb):
    # AI-handled: S4 (facebook; reply M5 with a source, no handoff, no rep reply; judged at
    # 03-14 12:05 < now) resolved; S6 (phone; M7 performed an action) resolved.
    # social: S4 -> 1; other: S6 -> 1
    hb.count(hb.only(sat("ai_resolutions", where=["channel_group=social"])), 1)
    g = hb.by_group(sat("ai_resolutions", group_by=["channel_group"]), "channel_group")
    assert {k: v["value"] for k, v in g.items()} == {"social": 1, "other": 1}
