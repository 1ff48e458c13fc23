"""Tests of the synthetic dataset generator (supportlens.generate).

One small dataset is generated per module and checked against the import contract
(supportlens.schema.tables) and against the behaviour the metrics rely on.
"""

from __future__ import annotations

import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import supportlens.generate as generate_module
from supportlens.generate import generate
from supportlens.generate.calendar import END, OpenIntervals, Schedule, span_for
from supportlens.generate.catalog import INTENT_KEYS, LANGUAGES
from supportlens.generate.phrasings import PACKS, build_pools
from supportlens.schema.tables import (
    HANDOFF_INITIATORS,
    SOLVED_STATUSES,
    TABLES,
)

TICKETS = 300
LABELS = "_labels_gap_questions"


def _read(folder: Path, name: str) -> pd.DataFrame:
    return pq.read_table(folder / f"{name}.parquet").to_pandas()


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    folder = tmp_path_factory.mktemp("data")
    calls: list[tuple[int, int]] = []
    summary = generate(folder, tickets=TICKETS, seed=7, progress=lambda d, t: calls.append((d, t)))
    assert calls[0] == (0, TICKETS) and calls[-1] == (TICKETS, TICKETS)
    return folder, summary


@pytest.fixture(scope="module")
def frames(dataset: tuple[Path, dict[str, int]]) -> dict[str, pd.DataFrame]:
    folder, _ = dataset
    return {name: _read(folder, name) for name in (*TABLES, LABELS)}


def test_summary_counts_every_table(dataset: tuple[Path, dict[str, int]]) -> None:
    folder, summary = dataset
    assert set(summary) == set(TABLES)
    assert summary["tickets"] == TICKETS
    for name, rows in summary.items():
        assert pq.read_metadata(folder / f"{name}.parquet").num_rows == rows
        assert rows > 0, name


def test_files_have_the_contract_columns_and_types(dataset: tuple[Path, dict[str, int]]) -> None:
    folder, _ = dataset
    expected_types = {
        "string": pa.string(), "json": pa.string(), "boolean": pa.bool_(),
        "integer": pa.int64(), "number": pa.float64(), "list": pa.list_(pa.string()),
        "timestamp": pa.timestamp("us", tz="UTC"),
    }  # fmt: skip
    for name, table in TABLES.items():
        schema = pq.read_schema(folder / f"{name}.parquet")
        assert schema.names == [c.name for c in table.columns], name
        for column in table.columns:
            assert schema.field(column.name).type == expected_types[column.type], (name, column)


def test_required_columns_never_null(frames: dict[str, pd.DataFrame]) -> None:
    for name, table in TABLES.items():
        for column in table.required_columns:
            assert frames[name][column].notna().all(), (name, column)
        for rule in table.required_when:
            rows = frames[name][frames[name][rule.when_column] == rule.when_value]
            assert rows[rule.column].notna().all(), (name, rule)


def test_enum_columns_take_allowed_values(frames: dict[str, pd.DataFrame]) -> None:
    for name, table in TABLES.items():
        for column in table.columns:
            values = frames[name][column.name].dropna()
            if column.values:
                assert set(values) <= set(column.values), (name, column.name, set(values))
            if column.lower:
                assert (values == values.str.lower()).all(), (name, column.name)


def test_primary_keys_unique(frames: dict[str, pd.DataFrame]) -> None:
    for name, table in TABLES.items():
        assert frames[name][table.pk].is_unique, name


def test_references_point_at_existing_rows(frames: dict[str, pd.DataFrame]) -> None:
    tickets = set(frames["tickets"].ticket_id)
    for name in ("ticket_events", "messages", "surveys", "offers", "social_engagement"):
        assert set(frames[name].ticket_id.dropna()) <= tickets, name
    customers = set(frames["customers"].customer_id)
    for name in ("tickets", "surveys", "offers"):
        assert set(frames[name].customer_id.dropna()) <= customers, name
    reps = set(frames["reps"].rep_id)
    assert set(frames["ticket_events"].rep_id.dropna()) <= reps
    assert set(frames["surveys"].rep_id.dropna()) <= reps
    assert set(frames["rep_status"].rep_id) <= reps
    assert set(frames["teams"].manager_rep_id.dropna()) <= reps
    teams = set(frames["teams"].team_id)
    assert set(frames["reps"].team_id) <= teams
    assert set(frames["ticket_events"].team_id.dropna()) <= teams
    assert set(frames["reps"].schedule_id) <= set(frames["schedules"].schedule_id)
    articles = set(frames["kb_articles"].article_id)
    assert set(frames["kb_events"].article_id) <= articles
    messages = frames["messages"].set_index("message_id")
    rated = messages.loc[frames["feedback"].message_id]
    assert (rated.author_type == "ai_agent").all()
    assert (frames["feedback"]["at"].array >= rated["at"].array).all()
    cited = {s for sources in messages.sources.dropna() for s in sources}
    assert cited and cited <= articles


def test_events_and_messages_follow_ticket_creation(frames: dict[str, pd.DataFrame]) -> None:
    created = frames["tickets"].set_index("ticket_id").created_at
    for name in ("ticket_events", "messages"):
        rows = frames[name]
        assert (rows["at"].array >= created.loc[rows.ticket_id].array).all(), name
        assert (rows["at"] < pd.Timestamp(END, unit="s", tz="UTC")).all(), name
    assert frames["tickets"].created_at.max() < pd.Timestamp(END, unit="s", tz="UTC")


def test_replies_follow_the_messages_they_answer(frames: dict[str, pd.DataFrame]) -> None:
    messages = frames["messages"]
    public = messages[messages.public]
    first_customer = public[public.author_type == "customer"].groupby("ticket_id")["at"].min()
    for author in ("rep", "ai_agent"):
        first_reply = public[public.author_type == author].groupby("ticket_id")["at"].min()
        assert (first_reply > first_customer.loc[first_reply.index]).all(), author


def test_lifecycle_has_the_interesting_cases(frames: dict[str, pd.DataFrame]) -> None:
    events, messages = frames["ticket_events"], frames["messages"]
    status = events[events.type == "status_changed"].sort_values(["ticket_id", "at"], kind="stable")
    previous = status.groupby("ticket_id").status.shift()
    reopens = previous.isin(SOLVED_STATUSES) & ~status.status.isin(SOLVED_STATUSES)
    assert reopens.sum() > 0
    assert set(status.status) >= {"new", "open", "pending", "resolved", "closed"}
    assigned = events[(events.type == "assigned") & events.rep_id.notna()]
    reps_per_ticket = assigned.groupby("ticket_id").rep_id.nunique()
    assert (reps_per_ticket > 1).sum() > 0  # reassignments
    assert (events[events.type == "assigned"].rep_id.isna()).any()  # back to the queue
    assert (events[events.type == "escalated"].reason == "sla_breach").any()
    assert (events.type == "stage_changed").any()
    assert (~messages.public & (messages.author_type == "rep")).any()  # internal notes
    assert (messages.author_type == "system").any()


def test_ai_agent_conversations(frames: dict[str, pd.DataFrame]) -> None:
    events, messages = frames["ticket_events"], frames["messages"]
    ai = messages[messages.author_type == "ai_agent"]
    assert (ai.answered == False).any() and (ai.answered == True).any()  # noqa: E712
    assert ai.sources.notna().any() and ai.action.notna().any()
    assert set(events[events.type == "handoff"].initiator) == set(HANDOFF_INITIATORS)
    asked = set(events[events.type == "human_requested"].ticket_id)
    handed = set(events[events.type == "handoff"].ticket_id)
    assert asked - handed  # a visitor asked for a human and nobody took over
    assert set(frames["feedback"].rating) == {"helpful", "not_helpful"}
    ai_only = set(ai.ticket_id) - set(messages[messages.author_type == "rep"].ticket_id)
    assert ai_only - handed  # conversations the AI agent handled alone


def test_gap_labels_match_the_spec_definition(frames: dict[str, pd.DataFrame]) -> None:
    messages = frames["messages"].sort_values(["ticket_id", "at"], kind="stable")
    expected = set()
    last_question: dict[str, str] = {}
    for row in messages.itertuples():
        if row.author_type == "customer" and row.public:
            last_question[row.ticket_id] = row.message_id
        elif row.author_type == "ai_agent" and row.answered is False:
            expected.add(last_question[row.ticket_id])
    labels = frames[LABELS]
    assert expected and set(labels.message_id) == expected
    assert set(labels.intent) <= set(INTENT_KEYS)
    assert set(labels.language) <= set(LANGUAGES)


def test_surveys(frames: dict[str, pd.DataFrame]) -> None:
    surveys = frames["surveys"]
    assert set(surveys.kind) == {"csat", "nps", "ces"}
    answered = surveys.responded_at.notna()
    assert (answered == surveys.score.notna()).all()
    assert (~answered).any() and answered.any()
    bounds = {"csat": (1, 5), "nps": (0, 10), "ces": (1, 7)}
    for kind, (low, high) in bounds.items():
        scores = surveys[surveys.kind == kind].score.dropna()
        assert scores.between(low, high).all(), kind
    assert (surveys[answered].responded_at >= surveys[answered].sent_at).all()


def test_people_schedules_and_policies(frames: dict[str, pd.DataFrame]) -> None:
    schedules = frames["schedules"]
    assert "default" in set(schedules.schedule_id)
    for row in schedules.itertuples():
        ZoneInfo(row.timezone)
        hours = json.loads(row.hours)
        assert set(hours) <= {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
        assert all(len(iv) == 2 for ivs in hours.values() for iv in ivs)
        assert isinstance(json.loads(row.holidays), list)
    for tz in frames["reps"].timezone:
        ZoneInfo(tz)
    policies = frames["sla_policies"]
    has_p, has_c = policies.priority.notna(), policies.channel.notna()
    assert (has_p & has_c).any() and (has_p & ~has_c).any() and (~has_p & has_c).any()
    assert (~has_p & ~has_c).any() and policies.business_hours.any()
    statuses = frames["rep_status"]
    assert set(statuses.status) == {"available", "busy", "away", "offline"}
    customers = frames["customers"]
    assert customers.churned_at.notna().any() and customers.segment.notna().all()
    churned = customers.dropna(subset=["churned_at"])
    assert (churned.churned_at > churned.created_at).all()


def test_self_service(frames: dict[str, pd.DataFrame]) -> None:
    kb = frames["kb_events"]
    views = kb[kb.type == "view"]
    assert views.session_id.notna().all() and views.seconds_on_page.notna().all()
    assert views.bounced.any() and (kb.type != "view").any()
    forum = frames["forum_posts"]
    assert forum.accepted_answer.any() and forum.thread_id.nunique() < len(forum)
    assert set(frames["offers"].kind) <= {"discount", "coupon", "gift", "refund"}
    assert frames["social_engagement"]["count"].min() >= 1


def test_channels_and_languages(frames: dict[str, pd.DataFrame]) -> None:
    channels = set(frames["tickets"].channel)
    assert channels == {
        "email",
        "chat",
        "phone",
        "form",
        "portal",
        "twitter",
        "facebook",
        "whatsapp",
    }
    assert len(set(frames[LABELS].language)) >= 3


def test_same_seed_same_bytes_different_seed_differs(tmp_path: Path) -> None:
    generate(tmp_path / "a", tickets=120, seed=3)
    generate(tmp_path / "b", tickets=120, seed=3)
    generate(tmp_path / "c", tickets=120, seed=4)
    for name in (*TABLES, LABELS):
        a = (tmp_path / "a" / f"{name}.parquet").read_bytes()
        assert a == (tmp_path / "b" / f"{name}.parquet").read_bytes(), name
    differs = [
        (tmp_path / "a" / f"{n}.parquet").read_bytes()
        != (tmp_path / "c" / f"{n}.parquet").read_bytes()
        for n in ("tickets", "ticket_events", "messages")
    ]
    assert all(differs)


def test_chunks_continue_ids_and_stay_valid(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(generate_module, "CHUNK_SIZE", 70)
    summary = generate(tmp_path, tickets=250, seed=5)
    assert summary["tickets"] == 250
    for name, table in TABLES.items():
        assert _read(tmp_path, name)[table.pk].is_unique, name
    tickets = _read(tmp_path, "tickets")
    assert tickets.created_at.is_monotonic_increasing
    messages = _read(tmp_path, "messages")
    assert set(messages.ticket_id) <= set(tickets.ticket_id)


def test_seasonality(tmp_path: Path) -> None:
    generate(tmp_path, tickets=3000, seed=1)
    created = _read(tmp_path, "tickets").created_at
    weekday = created.dt.day_of_week
    assert (weekday < 5).mean() > 0.8  # busier weekdays (5/7 = 0.71 without seasonality)
    hours = created.dt.tz_convert("Europe/Stockholm").dt.hour
    assert hours.between(8, 17).mean() > 0.5
    assert created.max() - created.min() > pd.Timedelta(days=300)


def test_business_hours_arithmetic() -> None:
    schedule = Schedule("s", "Europe/Stockholm", {"mon": [("09:00", "17:00")]})
    span = span_for(5000)
    intervals = OpenIntervals(schedule, span)
    start = int(intervals.starts[3])
    import numpy as np

    t = np.array([start - 3600, start + 60, int(intervals.ends[3]) + 1])
    assert list(intervals.next_open(t)) == [start, start + 60, int(intervals.starts[4])]
    due = intervals.add_business(np.array([start + 7 * 3600]), np.array([2 * 3600]))
    assert due[0] == intervals.starts[4] + 3600


def test_every_language_phrases_every_topic() -> None:
    import numpy as np

    for pack in PACKS.values():
        assert set(pack.intents) == set(INTENT_KEYS), pack.code
        for subjects, questions in pack.intents.values():
            assert subjects and len(questions) >= 2
    pools = build_pools(np.random.default_rng(0), variants=20)
    questions = pools.question.texts.to_pylist()
    assert len(set(questions)) > 0.8 * len(questions)
    assert not any("{" in q for q in questions)
