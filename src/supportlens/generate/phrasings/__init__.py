"""Realistic message text: hand-written templates per topic and language, rendered into pools.

Each language module (`en`, `sv`, `fi`, `no`, `ko`) holds templates with slots
(`{order}`, `{product}`, `{ago}`, ...). At the start of a run the templates are
rendered many times with random slot fillers, greetings, sign-offs and writing
styles (lower case, missing punctuation), giving pools of varied texts. Rows then
pick from the pools with vectorised index arithmetic, so a million tickets cost
no per-row string formatting.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pyarrow as pa

from supportlens.generate.catalog import ACTIONS, INTENTS, LANGUAGES
from supportlens.generate.phrasings import en, fi, ko, no, sv
from supportlens.generate.phrasings.pack import SHARED_SLOTS, LanguagePack

PACKS: dict[str, LanguagePack] = {p.code: p for p in (en.PACK, sv.PACK, fi.PACK, no.PACK, ko.PACK)}
SENTIMENTS = ("positive", "neutral", "negative")

INTERNAL_NOTES = (
    "Checked the order in the admin panel - carrier shows it stuck at the hub.",
    "Customer is on the {plan} plan, eligible for priority handling.",
    "Asked the warehouse to verify stock before replying.",
    "Possible duplicate of an earlier ticket, linking them.",
    "Refund approved by team lead.",
    "Reproduced the crash on {version}, filed a bug for engineering.",
    "VIP customer - handle with care.",
    "Waiting on logs from the payment provider.",
    "Called the customer, no answer. Will try again tomorrow.",
    "Known issue, see incident channel. Use the macro for the workaround.",
)

_NAMES = ("anna", "erik", "mika", "sofia", "jonas", "laura", "minji", "ole", "emma", "jukka")
_DOMAINS = ("gmail.com", "outlook.com", "hotmail.com", "yahoo.com", "icloud.com", "naver.com")


def _slot(rng: random.Random, name: str, pack: LanguagePack) -> str:
    """A random filler for one slot."""
    if name == "order":
        return rng.choice(("#{}", "{}", "SO-{}", "#{}")).format(rng.randrange(100000, 999999))
    if name == "invoice":
        return f"INV-{rng.randrange(2024, 2027)}-{rng.randrange(1000, 99999):05d}"
    if name == "email":
        return f"{rng.choice(_NAMES)}{rng.randrange(1, 99)}@{rng.choice(_DOMAINS)}"
    return rng.choice(pack.slots.get(name) or SHARED_SLOTS[name])


@lru_cache(maxsize=4096)
def _fields(template: str) -> tuple[str, ...]:
    return tuple(sorted({f for _, f, _, _ in string.Formatter().parse(template) if f}))


def render(
    rng: random.Random,
    template: str,
    pack: LanguagePack,
    fixed: dict[str, str] | None = None,
) -> str:
    """Fill every slot of a template (slots in `fixed` take the given value)."""
    values = {n: (fixed or {}).get(n) or _slot(rng, n, pack) for n in _fields(template)}
    return template.format_map(values)


def customer_style(rng: random.Random, text: str, pack: LanguagePack, framed: bool = True) -> str:
    """Write a customer text the way people do: sometimes all lower case, without the
    final full stop, or with an extra '?'; when `framed` (an opening message), with
    an optional greeting and sign-off."""
    greeting = rng.choice(pack.greetings) if framed else ""
    closing = rng.choice(pack.closings) if framed else ""
    if rng.random() < 0.15 and text.endswith("."):
        text = text[:-1]
    if rng.random() < 0.05 and text.endswith("?"):
        text += "?"
    if greeting.endswith(",") and text[1:2].islower():
        text = text[0].lower() + text[1:]  # "Hi, my order ..." rather than "Hi, My order ..."
    out = " ".join(p for p in (greeting, text, closing) if p)
    if rng.random() < 0.12 and pack.code != "ko":
        out = out.lower()
    return out


class Pool:
    """Texts grouped by an integer group id, with vectorised random picks."""

    def __init__(self, groups: list[list[str]]) -> None:
        sizes = np.array([len(g) for g in groups], dtype=np.int64)
        self.size = sizes
        self.start = np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.int64)
        self.texts = pa.array([t for g in groups for t in g], type=pa.string())

    def pick(self, rng: np.random.Generator, group: np.ndarray) -> pa.Array:
        """One random text of each row's group."""
        group = np.asarray(group, dtype=np.int64)
        if group.size and (self.size[group] == 0).any():
            raise ValueError("picked from an empty text group")
        offset = (rng.random(group.size) * self.size[group]).astype(np.int64)
        return self.texts.take(pa.array(self.start[group] + offset))

    def pick_indices(self, rng: np.random.Generator, group: np.ndarray) -> np.ndarray:
        """Like `pick`, but the positions in `texts` (to look texts up later)."""
        group = np.asarray(group, dtype=np.int64)
        offset = (rng.random(group.size) * self.size[group]).astype(np.int64)
        return self.start[group] + offset


def _rendered(
    rng: random.Random,
    templates: tuple[str, ...],
    pack: LanguagePack,
    count: int,
    customer: bool = False,
    titles: tuple[str, ...] = (),
    framed: bool = True,
) -> list[str]:
    """`count` renderings of random templates (styled as a customer writes if `customer`)."""
    texts = []
    for _ in range(count):
        template = rng.choice(templates)
        fixed = {"title": rng.choice(titles)} if titles else None
        text = render(rng, template, pack, fixed)
        texts.append(customer_style(rng, text, pack, framed) if customer else text)
    return texts


@dataclass(frozen=True)
class TextPools:
    """Every text pool the generator picks from.

    Group ids: `intent * L + language` for question, subject and ai_answer;
    `action * L + language` for ai_action; `sentiment * L + language` for comment;
    `language` for the conversational pools; 0 for note. L = len(LANGUAGES).
    """

    question: Pool
    subject: Pool
    ai_answer: Pool
    ai_action: Pool
    fallback: Pool
    human_request: Pool
    rep_first: Pool
    rep_follow: Pool
    rep_resolve: Pool
    more_info: Pool
    still_broken: Pool
    thanks: Pool
    system_ack: Pool
    system_transfer: Pool
    system_offline: Pool
    comment: Pool
    note: Pool


def build_pools(rng: np.random.Generator, variants: int = 160) -> TextPools:
    """Render all pools; `variants` texts per topic and language for customer questions.

    Rendering draws from a `random.Random` seeded from `rng` (fast scalar draws)."""
    packs = [PACKS[lang] for lang in LANGUAGES]
    rng_ = random.Random(int(rng.integers(2**62)))

    def per_intent(kind: int, count: int, customer: bool, with_titles: bool = False) -> Pool:
        groups = []
        for intent in INTENTS:
            for pack in packs:
                templates = pack.intents[intent.key][kind]
                titles = intent.articles if with_titles else ()
                groups.append(_rendered(rng_, templates, pack, count, customer, titles))
        return Pool(groups)

    def per_language(field: str, count: int, customer: bool = False) -> Pool:
        # Customer lines in a running conversation: styled, but no greeting or sign-off.
        return Pool(
            [_rendered(rng_, getattr(p, field), p, count, customer, framed=False) for p in packs]
        )

    answers = []
    for intent in INTENTS:
        for pack in packs:
            answers.append(_rendered(rng_, pack.ai_answer, pack, 12, titles=intent.articles))
    return TextPools(
        question=per_intent(1, variants, customer=True),
        subject=per_intent(0, max(8, variants // 8), customer=False),
        ai_answer=Pool(answers),
        ai_action=Pool([_rendered(rng_, p.ai_action[a], p, 24) for a in ACTIONS for p in packs]),
        fallback=per_language("fallback", 8),
        human_request=per_language("human_request", 30, customer=True),
        rep_first=per_language("rep_first", 10),
        rep_follow=per_language("rep_follow", 10),
        rep_resolve=per_language("rep_resolve", 10),
        more_info=per_language("more_info", 40, customer=True),
        still_broken=per_language("still_broken", 30, customer=True),
        thanks=per_language("thanks", 30, customer=True),
        system_ack=per_language("system_ack", 4),
        system_transfer=per_language("system_transfer", 4),
        system_offline=per_language("system_offline", 4),
        comment=Pool([_rendered(rng_, p.comments[s], p, 12) for s in SENTIMENTS for p in packs]),
        note=Pool([_rendered(rng_, INTERNAL_NOTES, PACKS["en"], 60)]),
    )
