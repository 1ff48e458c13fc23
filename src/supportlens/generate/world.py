"""The shared, read-only state of one generator run.

Built once from (seed, size): the time span, incident days, staff, customers,
help-center articles, text pools and the AI agent's launch date. Every chunk
reads it; nothing in it changes while tickets are generated.

Random streams: each part of the generator asks `World.rng(name, index)` for its
own generator, derived from the seed, a stable code of the name and the chunk
index. Chunks therefore never share random state, and the output does not depend
on anything but (seed, size).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from supportlens.generate.calendar import DAY, Span, Spike, pick_spikes, span_for
from supportlens.generate.catalog import INCIDENT_INTENTS, INTENTS
from supportlens.generate.people import Customers, Staff, build_customers, build_staff
from supportlens.generate.phrasings import TextPools, build_pools
from supportlens.generate.sla import policies_table


def stream(seed: int, name: str, *index: int) -> np.random.Generator:
    """A generator for one named stream (and chunk index) of a seeded run."""
    return np.random.default_rng(np.random.SeedSequence([seed, zlib.crc32(name.encode()), *index]))


@dataclass(frozen=True)
class KnowledgeBase:
    """Help-center articles: ids like "kb:12" and, per intent, its article indices."""

    ids: pa.Array
    article_intent: np.ndarray
    helpfulness: np.ndarray  # probability that a vote is an upvote
    by_intent: np.ndarray  # intents × max articles, padded with -1
    count: np.ndarray  # articles per intent

    def table(self) -> pa.Table:
        titles = [a for i in INTENTS for a in i.articles]
        categories = [i.category for i in INTENTS for _ in i.articles]
        return pa.table({"article_id": self.ids, "title": titles, "category": categories})


def build_kb(rng: np.random.Generator) -> KnowledgeBase:
    """One article per title in the topic catalog, numbered in catalog order."""
    article_intent = np.array([n for n, i in enumerate(INTENTS) for _ in i.articles])
    ids = pa.array([f"kb:{k + 1}" for k in range(article_intent.size)], pa.string())
    count = np.array([len(i.articles) for i in INTENTS])
    by_intent = np.full((len(INTENTS), int(count.max())), -1, dtype=np.int64)
    for intent in range(len(INTENTS)):
        members = np.flatnonzero(article_intent == intent)
        by_intent[intent, : members.size] = members
    helpfulness = rng.uniform(0.45, 0.92, size=article_intent.size)
    return KnowledgeBase(ids, article_intent, helpfulness, by_intent, count)


@dataclass(frozen=True)
class World:
    """Everything chunks share (see module docstring)."""

    seed: int
    tickets: int
    span: Span
    spikes: list[Spike]
    staff: Staff
    customers: Customers
    kb: KnowledgeBase
    pools: TextPools
    ai_launch: int  # the AI agent answers chats created from this time on
    tables: dict[str, pa.Table]  # tables written whole (schedules, teams, reps, ...)

    def rng(self, name: str, *index: int) -> np.random.Generator:
        return stream(self.seed, name, *index)


def build_world(seed: int, tickets: int) -> World:
    """Build the shared state of a run of `tickets` tickets."""
    span = span_for(tickets)
    spikes = pick_spikes(stream(seed, "spikes"), span, INCIDENT_INTENTS)
    staff, staff_tables = build_staff(stream(seed, "staff"), tickets, span)
    customers, customer_table = build_customers(
        stream(seed, "customers"), max(40, tickets // 3), span
    )
    kb = build_kb(stream(seed, "kb"))
    pools = build_pools(stream(seed, "text"))
    launch = span.start + int(span.days * 0.2) * DAY
    tables = {
        **staff_tables,
        "customers": customer_table,
        "sla_policies": policies_table(),
        "kb_articles": kb.table(),
    }
    return World(seed, tickets, span, spikes, staff, customers, kb, pools, launch, tables)
