"""One chunk of tickets from start to finish.

Draws each ticket's attributes (customer, country, language, channel, topic,
priority, pipeline, subject), opens it (first customer message, `new` status,
first pipeline stage, auto-acknowledgement), lets the AI agent take the chats
it handles, sends the rest and the handed-off chats through the human
lifecycle, then adds the rows that depend on how tickets went (surveys, offers,
social engagement) and the self-service activity of the same period.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from supportlens.generate.ai_agent import run_ai_agent
from supportlens.generate.calendar import DAY
from supportlens.generate.catalog import (
    AI_CHANNELS,
    CHANNEL_P,
    CHANNELS,
    COUNTRIES,
    COUNTRY_LANGUAGE_P,
    COUNTRY_REGION,
    INTENT_INDEX,
    INTENT_P,
    INTENT_PIPELINE,
    INTENT_TYPE,
    INTENTS,
    LANGUAGES,
    PIPELINE_KEYS,
    PRIORITIES,
    PRIORITY_P,
    TICKET_TYPES,
    pick_weighted,
)
from supportlens.generate.chunk import Chunk
from supportlens.generate.lifecycle import run_lifecycle
from supportlens.generate.people import SEGMENTS
from supportlens.generate.rows import Coded, to_arrow
from supportlens.generate.self_service import add_forum, add_kb_events, add_offers, add_social
from supportlens.generate.sink import arrow_schema
from supportlens.generate.surveys import add_surveys
from supportlens.generate.timing import uniform
from supportlens.generate.world import World

URL_PREFIX = "https://support.example.com/agent/tickets/"
ANONYMOUS_CHANNELS = ("chat", "twitter", "facebook", "whatsapp")
URGENT_TOPICS = ("app_crash", "login_problem", "payment_declined", "double_charged")
ACKNOWLEDGED = ("email", "form", "portal")


def _attributes(chunk: Chunk, rng: np.random.Generator) -> None:
    """Draw who wrote, from where, in which language, how, and about what."""
    world, n = chunk.world, chunk.n
    channels = np.array(CHANNELS)
    chunk.channel = rng.choice(len(CHANNELS), size=n, p=CHANNEL_P)
    customer = world.customers.pick(rng, chunk.region, chunk.created)
    anonymous = np.isin(channels[chunk.channel], ANONYMOUS_CHANNELS) & (rng.random(n) < 0.1)
    chunk.customer = np.where(anonymous, -1, customer)

    share = np.array([c.share for c in COUNTRIES])
    p = np.where(COUNTRY_REGION[None, :] == chunk.region[:, None], share[None, :], 0.0)
    guessed = pick_weighted(rng, p)
    chunk.country = np.where(anonymous, guessed, world.customers.country[customer])
    # A customer always writes in the same language: derive it from the customer number.
    u = np.where(anonymous, rng.random(n), ((customer * 2654435761) % 2**32) / 2**32)
    cumulative = np.cumsum(COUNTRY_LANGUAGE_P[chunk.country], axis=1)
    chunk.language = np.minimum((cumulative < u[:, None]).sum(axis=1), len(LANGUAGES) - 1)

    intent = rng.choice(len(INTENTS), size=n, p=INTENT_P)
    incident = np.zeros(n, dtype=bool)
    day = chunk.created // DAY
    for spike in world.spikes:
        burst = (day == spike.day) & (rng.random(n) < 0.55)
        intent = np.where(burst, INTENT_INDEX[spike.intent], intent)
        incident |= burst
    chunk.intent = intent

    priority = rng.choice(len(PRIORITIES), size=n, p=PRIORITY_P)
    segment = world.customers.segment[customer]
    bump = (segment == SEGMENTS.index("enterprise")) & (rng.random(n) < 0.4)
    bump |= np.isin(intent, [INTENT_INDEX[k] for k in URGENT_TOPICS]) & (rng.random(n) < 0.3)
    bump |= incident & (rng.random(n) < 0.5)
    priority = np.minimum(priority + bump, len(PRIORITIES) - 1)
    chunk.priority = np.where(rng.random(n) < 0.03, -1, priority)
    chunk.pipeline = INTENT_PIPELINE[intent]


def _open(chunk: Chunk, rng: np.random.Generator) -> np.ndarray:
    """First customer message, `new` status, first stage and auto-acknowledgement.
    Returns the buffer positions of the first messages."""
    rows = np.arange(chunk.n)
    pools = chunk.world.pools
    group = chunk.intent * len(LANGUAGES) + chunk.language
    first = chunk.message(
        rows,
        chunk.created,
        "customer",
        author_id=chunk.customers(rows),
        public=True,
        text=pools.question.pick(rng, group),
    )
    chunk.event(rows, chunk.created, "status_changed", status="new", actor_type="customer")
    chunk.event(
        rows, chunk.created, "stage_changed", stage=chunk.stage(rows, 0), actor_type="system"
    )
    acked = np.flatnonzero(np.isin(np.array(CHANNELS)[chunk.channel], ACKNOWLEDGED))
    chunk.message(
        rows[acked],
        chunk.created[acked] + uniform(rng, 2, 30, acked.size),
        "system",
        public=True,
        text=pools.system_ack.pick(rng, chunk.language[acked]),
    )
    return first


def _ticket_table(chunk: Chunk, rng: np.random.Generator) -> pa.Table:
    """The tickets rows of the chunk; chats and WhatsApp conversations often have no subject."""
    pools, n = chunk.world.pools, chunk.n
    subject = pools.subject.pick(rng, chunk.intent * len(LANGUAGES) + chunk.language)
    live = np.isin(np.array(CHANNELS)[chunk.channel], ("chat", "whatsapp"))
    no_subject = pa.array(live & (rng.random(n) < 0.5))
    columns = {
        "ticket_id": chunk.ticket_ids,
        "created_at": chunk.created,
        "channel": Coded(chunk.channel, pa.array(CHANNELS)),
        "customer_id": chunk.customers(np.arange(n)),
        "subject": pc.if_else(no_subject, pa.nulls(n, pa.string()), subject),
        "type": Coded(INTENT_TYPE[chunk.intent], pa.array(TICKET_TYPES)),
        "priority": Coded(chunk.priority, pa.array(PRIORITIES)),
        "pipeline": Coded(chunk.pipeline, pa.array(PIPELINE_KEYS)),
        "country": Coded(chunk.country, pa.array([c.code for c in COUNTRIES])),
        "url": pc.binary_join_element_wise(URL_PREFIX, chunk.ticket_ids, ""),
    }
    schema = arrow_schema("tickets")
    arrays = [to_arrow(columns[f.name], n, f.type) for f in schema]
    return pa.Table.from_arrays(arrays, schema=schema)


def generate_chunk(
    world: World,
    index: int,
    first_number: int,
    created: np.ndarray,
    region: np.ndarray,
    counters: dict[str, int],
) -> dict[str, pa.Table]:
    """All rows produced by tickets `first_number ...` (created times sorted)."""
    chunk = Chunk(world, index, first_number, created, region)
    rng = chunk.rng("tickets")
    _attributes(chunk, rng)
    first = _open(chunk, rng)

    share = np.array([AI_CHANNELS.get(str(c), 0.0) for c in CHANNELS])[chunk.channel]
    by_ai = (chunk.created >= world.ai_launch) & (rng.random(chunk.n) < share)
    ai_rows = np.flatnonzero(by_ai)
    handoffs = run_ai_agent(chunk, ai_rows, first[ai_rows])

    human = np.flatnonzero(~by_ai)
    rows = np.concatenate([human, handoffs.rows])
    start = np.concatenate([chunk.created[human], handoffs.start])
    via_ai = np.concatenate([np.zeros(human.size, bool), np.ones(handoffs.rows.size, bool)])
    manual = np.concatenate([np.zeros(human.size, bool), handoffs.manual])
    run_lifecycle(chunk, rows, start, via_ai, manual)

    add_surveys(chunk)
    add_offers(chunk)
    add_social(chunk)
    add_kb_events(chunk)
    add_forum(chunk)
    tables = chunk.finish(counters)
    tables["tickets"] = _ticket_table(chunk, rng)
    return tables
