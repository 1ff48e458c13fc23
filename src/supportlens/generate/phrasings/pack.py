"""What one language contributes: phrasings of every topic plus the conversational lines.

Templates contain `{slot}` placeholders. Slots that read the same in every language
(order numbers, product names, plans, ...) are filled from `SHARED_SLOTS` or
generated; slots that must be localised (`ago`, `amount`) come from the pack.
"""

from __future__ import annotations

from dataclasses import dataclass

# intent -> (subject lines, customer questions)
IntentPhrasings = dict[str, tuple[tuple[str, ...], tuple[str, ...]]]

SHARED_SLOTS: dict[str, tuple[str, ...]] = {
    "product": (
        "Aurora X2 headphones",
        "Nimbus smart lamp",
        "Fjord rain jacket",
        "Polar Pro blender",
        "Kite running shoes",
        "Atlas backpack",
        "Lumen desk light",
        "Breeze air purifier",
        "Orbit smartwatch",
        "Tundra sleeping bag",
        "Echo mini speaker",
        "Vega coffee grinder",
    ),
    "plan": ("Basic", "Plus", "Pro", "Business", "Enterprise"),
    "card": ("Visa", "Mastercard", "Amex", "debit card", "Visa Electron"),
    "code": (
        "WELCOME10",
        "SUMMER25",
        "BLACKWEEK",
        "NORDIC15",
        "FREESHIP",
        "VIP20",
        "SPRING-30",
        "THANKS5",
    ),
    "device": (
        "iPhone",
        "iPhone 15",
        "Android phone",
        "Pixel 8",
        "Galaxy S24",
        "iPad",
        "MacBook",
        "Windows laptop",
        "Chromebook",
    ),
    "version": ("5.2.0", "5.2.1", "5.3.0", "6.0", "6.0.2", "6.1.0"),
}


@dataclass(frozen=True)
class LanguagePack:
    """All hand-written text of one language (ISO 639-1 `code`)."""

    code: str
    greetings: tuple[str, ...]  # optional openers of a customer message ("" = none)
    closings: tuple[str, ...]  # optional sign-offs of a customer message
    slots: dict[str, tuple[str, ...]]  # localised slot fillers: ago, amount
    intents: IntentPhrasings
    human_request: tuple[str, ...]  # visitor asks the AI agent for a person
    fallback: tuple[str, ...]  # AI agent cannot answer (answered = false)
    ai_answer: tuple[str, ...]  # AI answer citing an article: {title}
    ai_action: dict[str, tuple[str, ...]]  # AI reply after performing an action
    rep_first: tuple[str, ...]
    rep_follow: tuple[str, ...]
    rep_resolve: tuple[str, ...]
    more_info: tuple[str, ...]  # customer answers a rep's question
    still_broken: tuple[str, ...]  # customer writes again after a solution (reopen)
    thanks: tuple[str, ...]
    system_ack: tuple[str, ...]  # auto-acknowledgement of an email/form ticket
    system_transfer: tuple[str, ...]  # chat handed to a human
    system_offline: tuple[str, ...]  # visitor asked for a human, nobody available
    comments: dict[str, tuple[str, ...]]  # survey comments: positive, neutral, negative
