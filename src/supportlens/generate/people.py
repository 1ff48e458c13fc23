"""Who is involved: schedules, teams, reps and customers.

These are generated once per run (before the tickets), written whole, and kept
as compact numpy arrays that the ticket chunks draw from: which reps belong to
which team, each rep's schedule, speed and skill, and which customers exist
(and have not churned) at a given time in each region.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from supportlens.generate.calendar import (
    DAY,
    END,
    REGIONS,
    OpenIntervals,
    Schedule,
    Span,
    holidays,
)
from supportlens.generate.catalog import COUNTRIES, COUNTRY_CODES, COUNTRY_REGION
from supportlens.generate.names import (
    COUNTRY_NAME_GROUP,
    ascii_slug,
    company_names,
    person_names,
)
from supportlens.generate.rows import NO_TIME, make_ids
from supportlens.generate.sink import TIMESTAMP

WEEKDAYS_OPEN = ("mon", "tue", "wed", "thu", "fri")


def build_schedules(span: Span) -> list[Schedule]:
    """The workspace's schedules; `default` (Stockholm office hours) comes first."""
    first = datetime.fromtimestamp(span.start, UTC).year
    last = datetime.fromtimestamp(span.end, UTC).year
    years = range(first, last + 1)

    def closed(country: str) -> tuple[str, ...]:
        return tuple(sorted({d.isoformat() for y in years for d in holidays(country, y)}))

    def weekdays(*intervals: tuple[str, str]) -> dict[str, list[tuple[str, str]]]:
        return {d: list(intervals) for d in WEEKDAYS_OPEN}

    return [
        Schedule("default", "Europe/Stockholm", weekdays(("08:00", "17:00")), closed("se")),
        Schedule(
            "emea_extended",
            "Europe/London",
            {**weekdays(("08:00", "20:00")), "sat": [("10:00", "14:00")]},
            closed("gb"),
        ),
        Schedule("americas", "America/New_York", weekdays(("09:00", "18:00")), closed("us")),
        Schedule(
            "apac", "Asia/Seoul", weekdays(("09:00", "12:00"), ("13:00", "18:00")), closed("kr")
        ),
        Schedule(
            "weekend",
            "Europe/Stockholm",
            {"sat": [("10:00", "18:00")], "sun": [("10:00", "18:00")]},
        ),
    ]


@dataclass(frozen=True)
class TeamSpec:
    """A support team: id suffix, name, usual schedule, share of reps, name groups of reps,
    and time zones its reps live in (the first is the schedule's own)."""

    key: str
    name: str
    schedule: str
    share: float
    name_groups: tuple[str, ...]
    timezones: tuple[str, ...]


TEAMS = (
    TeamSpec(
        "nordics",
        "Nordics Support",
        "default",
        0.24,
        ("se", "no", "fi", "dk"),
        ("Europe/Stockholm", "Europe/Oslo", "Europe/Helsinki"),
    ),
    TeamSpec(
        "emea",
        "EMEA Tier 1",
        "emea_extended",
        0.17,
        ("en", "de", "nl", "fr"),
        ("Europe/London", "Europe/Dublin", "Europe/Berlin"),
    ),
    TeamSpec(
        "americas",
        "Americas Support",
        "americas",
        0.17,
        ("en", "es"),
        ("America/New_York", "America/Chicago", "America/Los_Angeles"),
    ),
    TeamSpec(
        "apac", "APAC Support", "apac", 0.1, ("ko_latin", "ja", "en"), ("Asia/Seoul", "Asia/Tokyo")
    ),
    TeamSpec("billing", "Billing & Payments", "default", 0.11, ("se", "en"), ("Europe/Stockholm",)),
    TeamSpec(
        "tier2",
        "Technical Tier 2",
        "default",
        0.11,
        ("se", "fi", "en"),
        ("Europe/Stockholm", "Europe/Helsinki"),
    ),
    TeamSpec(
        "social", "Social & Messaging", "default", 0.1, ("se", "en", "no"), ("Europe/Stockholm",)
    ),
)
TEAM_INDEX = {t.key: i for i, t in enumerate(TEAMS)}


@dataclass(frozen=True)
class Staff:
    """Reps and teams as arrays (index = position in the reps/teams tables)."""

    rep_ids: pa.Array
    team_ids: pa.Array
    rep_team: np.ndarray
    rep_schedule: np.ndarray  # index into `schedules`
    rep_speed: np.ndarray  # multiplies reply delays (lower is faster)
    rep_skill: np.ndarray  # standard-normal quality (drives CSAT and reopens)
    members: np.ndarray  # teams × max team size, padded with -1
    team_size: np.ndarray
    schedules: list[Schedule]
    intervals: list[OpenIntervals]

    def pick_rep(
        self, rng: np.random.Generator, team: np.ndarray, exclude: np.ndarray | None = None
    ) -> np.ndarray:
        """A random rep of each row's team, different from `exclude` when possible."""
        size = self.team_size[team]
        slot = (rng.random(team.size) * size).astype(np.int64)
        if exclude is not None:
            same = (self.members[team, slot] == exclude) & (size > 1)
            shift = 1 + (rng.random(team.size) * np.maximum(size - 1, 1)).astype(np.int64)
            slot = np.where(same, (slot + shift) % size, slot)
        return np.asarray(self.members[team, slot], dtype=np.int64)


def build_staff(
    rng: np.random.Generator, tickets: int, span: Span
) -> tuple[Staff, dict[str, pa.Table]]:
    """Teams and reps sized to the ticket volume, plus the schedules they work by."""
    schedules = build_schedules(span)
    schedule_index = {s.schedule_id: i for i, s in enumerate(schedules)}
    per_day = tickets / max(1, span.days)
    n_reps = int(np.clip(round(8 + per_day / 4), 10, 200))
    shares = np.array([t.share for t in TEAMS])
    counts = 1 + rng.multinomial(n_reps - len(TEAMS), shares / shares.sum())
    rep_team = np.repeat(np.arange(len(TEAMS)), counts)

    groups, schedule_of, timezones = [], [], []
    first_of_team = np.cumsum(counts) - counts
    for rep, team_index in enumerate(rep_team):
        spec = TEAMS[team_index]
        groups.append(spec.name_groups[int(rng.integers(len(spec.name_groups)))])
        # Every third member of the social team works weekends (the first never does).
        weekend = spec.key == "social" and (rep - first_of_team[team_index]) % 3 == 1
        schedule_of.append(schedule_index["weekend" if weekend else spec.schedule])
        own = rng.random() < 0.75 or len(spec.timezones) == 1
        timezones.append(
            spec.timezones[0 if own else 1 + int(rng.integers(len(spec.timezones) - 1))]
        )
    names = person_names(rng, groups)
    rep_ids = pa.array([f"rep_{i:03d}" for i in range(1, n_reps + 1)], pa.string())
    team_ids = pa.array([f"team_{t.key}" for t in TEAMS], pa.string())
    emails = [
        f"{ascii_slug(n)}.{i + 1}@support.example.com" for i, n in enumerate(names.to_pylist())
    ]

    members = np.full((len(TEAMS), int(counts.max())), -1, dtype=np.int64)
    for team in range(len(TEAMS)):
        reps = np.flatnonzero(rep_team == team)
        members[team, : reps.size] = reps
    managers = members[:, 0]

    staff = Staff(
        rep_ids=rep_ids,
        team_ids=team_ids,
        rep_team=rep_team,
        rep_schedule=np.array(schedule_of, dtype=np.int64),
        rep_speed=rng.lognormal(0.0, 0.3, size=n_reps),
        rep_skill=rng.normal(0.0, 1.0, size=n_reps),
        members=members,
        team_size=counts.astype(np.int64),
        schedules=schedules,
        intervals=[OpenIntervals(s, span) for s in schedules],
    )
    tables = {
        "schedules": pa.table(
            {
                "schedule_id": [s.schedule_id for s in schedules],
                "timezone": [s.timezone for s in schedules],
                "hours": [s.hours_json() for s in schedules],
                "holidays": [s.holidays_json() for s in schedules],
            }
        ),
        "teams": pa.table(
            {
                "team_id": team_ids,
                "name": [t.name for t in TEAMS],
                "manager_rep_id": rep_ids.take(pa.array(managers)),
            }
        ),
        "reps": pa.table(
            {
                "rep_id": rep_ids,
                "name": names,
                "email": emails,
                "team_id": team_ids.take(pa.array(rep_team)),
                "schedule_id": [schedules[i].schedule_id for i in schedule_of],
                "timezone": timezones,
            }
        ),
    }
    return staff, tables


SEGMENTS = ("enterprise", "mid_market", "smb", "consumer")
SEGMENT_P = np.array([0.06, 0.18, 0.4, 0.36])
SEGMENT_VALUE = np.array([150_000.0, 30_000.0, 4_000.0, 250.0])  # median yearly revenue
SEGMENT_CHURN = np.array([0.06, 0.1, 0.16, 0.22])
INDUSTRIES = (
    "retail",
    "software",
    "healthcare",
    "finance",
    "education",
    "manufacturing",
    "logistics",
    "media",
    "hospitality",
    "public_sector",
)


@dataclass(frozen=True)
class Customers:
    """Customers as arrays, with a per-region index sorted by creation time."""

    ids: pa.Array
    country: np.ndarray  # index into catalog.COUNTRIES
    segment: np.ndarray  # index into SEGMENTS
    created: np.ndarray
    churned: np.ndarray  # NO_TIME when active
    by_region: list[tuple[np.ndarray, np.ndarray]]  # (customer indices, their created) sorted

    def pick(self, rng: np.random.Generator, region: np.ndarray, t: np.ndarray) -> np.ndarray:
        """A customer of each row's region who existed at t (older customers write more);
        customers who had churned by t are re-drawn once."""
        out = np.empty(t.size, dtype=np.int64)
        for g, (members, created) in enumerate(self.by_region):
            rows = np.flatnonzero(region == g)
            count = np.maximum(np.searchsorted(created, t[rows], side="right"), 1)
            for attempt in range(2):
                pos = (rng.random(rows.size) ** 1.5 * count).astype(np.int64)
                chosen = members[np.minimum(pos, members.size - 1)]
                if attempt == 0:
                    out[rows] = chosen
                else:
                    gone = (self.churned[out[rows]] != NO_TIME) & (
                        self.churned[out[rows]] < t[rows]
                    )
                    out[rows[gone]] = chosen[gone]
        return out


def build_customers(rng: np.random.Generator, n: int, span: Span) -> tuple[Customers, pa.Table]:
    """n customers in the three regions; some created before the span, some churned."""
    shares = np.array([c.share * REGIONS[c.region].share for c in COUNTRIES])
    country = rng.choice(len(COUNTRIES), size=n, p=shares / shares.sum())
    segment = rng.choice(len(SEGMENTS), size=n, p=SEGMENT_P)
    history = span.start - 3 * 365 * DAY
    before = rng.random(n) < 0.55
    created = np.where(
        before,
        rng.integers(history, span.start, size=n),
        rng.integers(span.start, END, size=n),
    )
    lifetime = (30 + rng.exponential(500, size=n)) * DAY
    churns = rng.random(n) < SEGMENT_CHURN[segment] * 2.2
    churn_at = created + lifetime.astype(np.int64)
    churned = np.where(churns & (churn_at < END), churn_at, NO_TIME)
    value = np.round(SEGMENT_VALUE[segment] * rng.lognormal(0.0, 0.7, size=n), 2)

    codes = [COUNTRY_CODES[c] for c in country]
    people = person_names(rng, [COUNTRY_NAME_GROUP[c] for c in codes])
    companies = company_names(rng, codes)
    is_company = pa.array(segment != SEGMENTS.index("consumer"))
    names = pc.if_else(is_company, companies, people)
    industry = rng.integers(len(INDUSTRIES), size=n)
    industry = np.where(segment == SEGMENTS.index("consumer"), -1, industry)

    region = COUNTRY_REGION[country]
    by_region = []
    for g in range(len(REGIONS)):
        members = np.flatnonzero(region == g)
        members = members[np.argsort(created[members], kind="stable")]
        by_region.append((members, created[members]))
    ids = make_ids("C", 1, n)
    customers = Customers(ids, country, segment, created, churned, by_region)
    industries = pa.array(INDUSTRIES, pa.string())
    table = pa.table(
        {
            "customer_id": ids,
            "name": names,
            "segment": pa.array(SEGMENTS, pa.string()).take(pa.array(segment)),
            "industry": industries.take(pa.array(np.maximum(industry, 0), mask=industry < 0)),
            "country": pa.array(codes, pa.string()),
            "value": value,
            "created_at": pa.array(created * 1_000_000, TIMESTAMP),
            "churned_at": pa.array(churned * 1_000_000, TIMESTAMP, mask=churned == NO_TIME),
        }
    )
    return customers, table
