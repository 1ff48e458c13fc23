"""The subset in plain pandas, from the raw import files (parquet), per metrics.md.

What a careful analyst would write without supportlens: read the needed columns of
tickets, ticket_events, messages, feedback, sla_policies and schedules, derive the
per-ticket facts of metrics.md ("Per-ticket facts used below") with vectorised pandas,
and aggregate weekly (weeks start Monday, UTC, the workspace timezone of the bench).
Nothing here reads the supportlens store or imports supportlens code, so agreement
with `Workspace.report` is an independent check of both.

Timing is end to end: reading the files, deriving the shared per-ticket facts, then
each metric. Tickets are numbered 0..n-1 in file order (`code`) so that per-ticket
facts are plain arrays.

Tie-breaks taken from metrics.md: events and messages at the same instant are ordered
by their ids; a status change into `resolved`/`closed` from a non-solved status (or as
the first status) starts a solved state; a backlog snapshot at a period's end excludes
events at that very instant.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from baselines.business_hours import default_clock
from baselines.common import AI_WINDOW_HOURS, NOW_NAIVE_UTC, Result, Row, peak_mib, timed

SOLVED = ("resolved", "closed")
NOW = pd.Timestamp(NOW_NAIVE_UTC)


# -- reading ---------------------------------------------------------------------------
def _naive_utc(s: pd.Series) -> pd.Series:
    """Timezone-aware UTC timestamps → naive UTC (the store's convention)."""
    return s.dt.tz_convert(None) if s.dt.tz is not None else s


def read_tables(folder: Path) -> dict[str, pd.DataFrame]:
    """The columns the subset needs, from the parquet import files."""
    def read(name: str, columns: list[str] | None = None, **kw: Any) -> pd.DataFrame:
        df = pd.read_parquet(folder / f"{name}.parquet", columns=columns, **kw)
        for col in df.columns:
            if isinstance(df[col].dtype, pd.DatetimeTZDtype):
                df[col] = _naive_utc(df[col])
        return df

    tickets = read("tickets", ["ticket_id", "created_at", "channel", "priority"])
    code = pd.Index(tickets.ticket_id)

    def coded(df: pd.DataFrame) -> pd.DataFrame:
        df["code"] = code.get_indexer(df.ticket_id)
        return df.drop(columns="ticket_id")

    return {
        "tickets": tickets,
        "events": coded(read("ticket_events", ["event_id", "ticket_id", "at", "type", "status",
                                               "initiator"])),
        "messages": coded(read("messages", ["message_id", "ticket_id", "at", "author_type",
                                            "public"])),
        # sources/action are only needed for AI replies: read just those rows.
        "ai_content": read("messages", ["message_id", "sources", "action"],
                           filters=[("author_type", "==", "ai_agent")]),
        "feedback": read("feedback", ["message_id", "at", "rating"]),
        "sla_policies": read("sla_policies"),
        "schedules": read("schedules"),
    }


# -- aggregation -----------------------------------------------------------------------
def week_of(ts: pd.Series) -> pd.Series:
    """The Monday 00:00 that starts each timestamp's week."""
    day = ts.dt.normalize()
    return day - pd.to_timedelta(day.dt.weekday, unit="D")


def _key(period: Any) -> str:
    return pd.Timestamp(period).date().isoformat()


def weekly_duration(dated: pd.Series, seconds: pd.Series) -> dict[str, Row]:
    """Mean, median, p90 and n of `seconds` per week of `dated` (rows with both set)."""
    df = pd.DataFrame({"week": week_of(dated), "s": seconds}).dropna()
    g = df.groupby("week")["s"]
    stats = pd.DataFrame({"value": g.mean(), "n": g.size(), "median": g.median(),
                          "p90": g.quantile(0.9)})
    return {_key(w): {"value": float(r["value"]), "n": int(r["n"]),
                      "median": float(r["median"]), "p90": float(r["p90"])}
            for w, r in stats.iterrows()}


def weekly_rate(dated: pd.Series, hit: pd.Series) -> dict[str, Row]:
    """hits / records per week of `dated`."""
    df = pd.DataFrame({"week": week_of(dated), "hit": hit.astype(bool)})
    g = df.groupby("week")["hit"].agg(["sum", "size"])
    return {_key(w): {"value": int(r["sum"]) / int(r["size"]), "n": int(r["size"]),
                      "numerator": int(r["sum"])} for w, r in g.iterrows()}


# -- per-ticket facts ------------------------------------------------------------------
def per_ticket(values: pd.Series, codes: pd.Series | np.ndarray, n: int, how: str) -> pd.Series:
    """`how` ("min"/"max"/"first"/"last") of `values` per ticket code, over 0..n-1."""
    return values.groupby(np.asarray(codes)).agg(how).reindex(range(n))


def ticket_facts(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """first_rep_reply_at, first_handoff_at, first_solved_at, solved_at, reopens and
    rep replies up to the first solve, per ticket (index = code)."""
    tickets, ev, msg = t["tickets"], t["events"], t["messages"]
    n = len(tickets)
    public = msg.public.fillna(True).astype(bool)
    rep = msg[public & (msg.author_type == "rep")]
    facts = pd.DataFrame({"created_at": tickets.created_at.to_numpy()}, index=range(n))
    facts["first_rep_reply_at"] = per_ticket(rep["at"], rep.code, n, "min")
    handoffs = ev[ev.type == "handoff"]
    facts["first_handoff_at"] = per_ticket(handoffs["at"], handoffs.code, n, "min")

    st = ev.loc[ev.type == "status_changed", ["code", "at", "event_id", "status"]]
    st = st.sort_values(["code", "at", "event_id"], kind="stable")
    codes = st.code.to_numpy()
    solved = st.status.isin(SOLVED).to_numpy()
    same_ticket = np.r_[False, codes[1:] == codes[:-1]]
    prev_solved = np.r_[False, solved[:-1]] & same_ticket
    starts = solved & ~prev_solved
    reopen = prev_solved & ~solved
    at = st["at"]
    facts["first_solved_at"] = per_ticket(at[starts], codes[starts], n, "min")
    last_start = per_ticket(at[starts], codes[starts], n, "max")
    last_status = per_ticket(st.status, codes, n, "last")
    facts["solved_at"] = last_start.where(last_status.isin(SOLVED))
    facts["reopens"] = np.bincount(codes[reopen], minlength=n)

    fs = facts.first_solved_at.to_numpy()[rep.code.to_numpy()]
    before = (rep["at"].to_numpy() <= fs)  # NaT compares False
    facts["replies_to_first_solve"] = np.bincount(rep.code.to_numpy()[before], minlength=n)
    # the flips of the solved state, for backlog snapshots
    flips = solved != prev_solved
    facts.attrs["solve_times"] = np.sort(at.to_numpy()[flips & solved])
    facts.attrs["unsolve_times"] = np.sort(at.to_numpy()[flips & ~solved])
    return facts


# -- the metrics -----------------------------------------------------------------------
def first_response_time(f: pd.DataFrame) -> dict[str, Row]:
    r = f[f.first_rep_reply_at.notna()]
    handed = r.first_handoff_at.notna() & (r.first_handoff_at <= r.first_rep_reply_at)
    start = r.first_handoff_at.where(handed, r.created_at)
    return weekly_duration(r.first_rep_reply_at,
                           (r.first_rep_reply_at - start).dt.total_seconds())


def resolution_time(f: pd.DataFrame) -> dict[str, Row]:
    r = f[f.solved_at.notna()]
    return weekly_duration(r.solved_at, (r.solved_at - r.created_at).dt.total_seconds())


def first_contact_resolution_rate(f: pd.DataFrame) -> dict[str, Row]:
    r = f[f.first_solved_at.notna()]
    hit = (r.replies_to_first_solve == 1) & (r.reopens == 0)
    return weekly_rate(r.first_solved_at, hit)


def sla_policy_per_ticket(tickets: pd.DataFrame, policies: pd.DataFrame) -> pd.DataFrame:
    """Each ticket's policy row: the most specific match (priority and channel >
    priority > channel > neither), then the smallest policy_id."""
    combos = tickets[["priority", "channel"]].drop_duplicates()
    chosen = []
    for pr, ch in combos.itertuples(index=False):
        pr = None if pd.isna(pr) else pr
        best: tuple[int, str] | None = None
        for p in policies.itertuples(index=False):
            p_pr = None if pd.isna(p.priority) else p.priority
            p_ch = None if pd.isna(p.channel) else p.channel
            if (p_pr is not None and p_pr != pr) or (p_ch is not None and p_ch != ch):
                continue
            rank = (-(2 * (p_pr is not None) + (p_ch is not None)), p.policy_id)
            if best is None or rank < best:
                best = rank
        chosen.append(best[1] if best else None)
    combos = combos.assign(policy_id=chosen)
    none = "\0none"
    keyed = tickets[["priority", "channel"]].fillna({"priority": none})
    combos = combos.fillna({"priority": none})
    merged = keyed.merge(combos, on=["priority", "channel"], how="left")
    return merged[["policy_id"]].merge(policies, on="policy_id", how="left")


def first_response_due(t: dict[str, pd.DataFrame], f: pd.DataFrame) -> pd.Series:
    """created_at + first-response target, in calendar or `default` business time."""
    pol = sla_policy_per_ticket(t["tickets"], t["sla_policies"])
    minutes = pol.first_response_minutes.to_numpy(dtype=float)
    business = pol.business_hours.fillna(False).to_numpy(dtype=bool) & (minutes != 0)
    created = f.created_at.to_numpy().astype("datetime64[us]")
    target_us = np.round(np.nan_to_num(minutes) * 60e6).astype(np.int64)
    due = created + target_us.astype("timedelta64[us]")
    if business.any():
        first = pd.Timestamp(created.min()).date() - dt.timedelta(days=31)
        last = pd.Timestamp(created.max()).date() + dt.timedelta(days=400)
        clock = default_clock(t["schedules"], first, last)
        due_b = clock.due(created[business].astype(np.int64), target_us[business])
        due[business] = due_b.astype("datetime64[us]")
    out = pd.Series(due, index=f.index)
    return out.where(~np.isnan(minutes))


def first_response_sla_rate(t: dict[str, pd.DataFrame], f: pd.DataFrame) -> dict[str, Row]:
    due = first_response_due(t, f)
    frr = f.first_rep_reply_at
    keep = due.notna() & (frr.notna() | (due < NOW))
    hit = (frr <= due)[keep]
    return weekly_rate(due[keep], hit)


def tickets_unresolved(f: pd.DataFrame) -> dict[str, Row]:
    """Snapshot at each week's end: created before it minus solved before it."""
    created = np.sort(f.created_at.to_numpy())
    first_week = week_of(pd.Series([pd.Timestamp(created[0])])).iloc[0]
    last_week = week_of(pd.Series([NOW.normalize()])).iloc[0]
    weeks = pd.date_range(first_week, last_week, freq="7D")
    ends = (weeks + pd.Timedelta(days=7)).to_numpy().astype(created.dtype)
    open_now = (np.searchsorted(created, ends, side="left")
                - np.searchsorted(f.attrs["solve_times"], ends, side="left")
                + np.searchsorted(f.attrs["unsolve_times"], ends, side="left"))
    return {_key(w): {"value": int(v), "n": int(v)}
            for w, v in zip(weeks, open_now, strict=True) if v > 0}


def ai_resolution_rate(t: dict[str, pd.DataFrame], f: pd.DataFrame) -> dict[str, Row]:
    """Resolution status at T = r + 72 h (metrics.md "AI customer agent"), non-pending."""
    msg, ev = t["messages"], t["events"]
    n = len(f)
    public = msg.public.fillna(True).astype(bool)
    ai = msg.loc[public & (msg.author_type == "ai_agent"), ["code", "at", "message_id"]]
    ai = ai.sort_values(["code", "at", "message_id"], kind="stable")
    window = pd.Timedelta(hours=AI_WINDOW_HOURS)
    same_next = ai.code.shift(-1) == ai.code
    next_at = ai["at"].shift(-1).where(same_next)
    last_in_burst = next_at.isna() | (next_at > ai["at"] + window)
    judged = ai[last_in_burst].drop_duplicates("code", keep="first").set_index("code")
    judged = judged.rename(columns={"at": "r_at", "message_id": "r_message_id"})
    judged["t_at"] = judged.r_at + window
    judged = judged[judged.t_at <= NOW]  # pending conversations are left out

    content = t["ai_content"]
    has_source = content.sources.map(lambda s: s is not None and len(s) > 0)
    has_action = content.action.fillna("").str.strip() != ""
    grounded_ids = content.message_id[has_source | has_action]
    grounded = ai[ai.message_id.isin(grounded_ids)]
    first_grounded = per_ticket(grounded["at"], grounded.code, n, "min")

    asks = ev[(ev.type == "human_requested") | ((ev.type == "handoff")
                                                & (ev.initiator == "visitor"))]
    first_ask = per_ticket(asks["at"], asks.code, n, "min")
    fb = t["feedback"]
    negative = fb[fb.rating == "not_helpful"].groupby("message_id")["at"].min()

    codes = judged.index
    t_at = judged.t_at
    ok_source = first_grounded.reindex(codes) <= t_at
    no_ask = ~(first_ask.reindex(codes) <= t_at)
    neg_at = judged.r_message_id.map(negative)
    no_negative = ~(neg_at <= t_at)
    no_handoff = ~(f.first_handoff_at.reindex(codes) <= t_at)
    no_rep = ~(f.first_rep_reply_at.reindex(codes) <= t_at)
    resolved = ok_source & no_ask & no_negative & no_handoff & no_rep
    return weekly_rate(f.created_at.reindex(codes), resolved)


# -- entry point -----------------------------------------------------------------------
def run(folder: str) -> dict[str, Any]:
    """Read, derive and compute the whole subset; numbers, seconds per step, peak MiB."""
    tables, read_s = timed(lambda: read_tables(Path(folder)))
    facts, facts_s = timed(lambda: ticket_facts(tables))
    steps = {
        "first_response_time": lambda: first_response_time(facts),
        "resolution_time": lambda: resolution_time(facts),
        "first_contact_resolution_rate": lambda: first_contact_resolution_rate(facts),
        "first_response_sla_rate": lambda: first_response_sla_rate(tables, facts),
        "tickets_unresolved": lambda: tickets_unresolved(facts),
        "ai_resolution_rate": lambda: ai_resolution_rate(tables, facts),
    }
    results: Result = {}
    seconds: dict[str, float] = {"read": read_s, "ticket_facts": facts_s}
    for metric, step in steps.items():
        results[metric], seconds[metric] = timed(step)
    return {"results": results, "seconds": seconds, "total_s": sum(seconds.values()),
            "peak_mib": peak_mib(), "pandas": pd.__version__}
