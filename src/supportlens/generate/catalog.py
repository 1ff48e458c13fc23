"""The fixed vocabulary of the synthetic world: topics, channels, countries, pipelines.

Topics ("intents") drive almost everything about a ticket: its type, pipeline,
the help-center articles the AI agent cites, the action it can perform, and how
often it can answer at all (`coverage`). Low-coverage topics are the knowledge
gaps the product is meant to find.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Intent:
    """A support topic customers ask about."""

    key: str
    type: str  # tickets.type
    weight: float  # relative frequency
    coverage: float  # probability that the AI agent can answer it
    category: str  # help-center category of its articles
    articles: tuple[str, ...]  # help-center article titles
    action: str | None = None  # action the AI agent can perform for it


# fmt: off
INTENTS: tuple[Intent, ...] = (
    # key, ticket type, weight, AI coverage, help-center category, article titles, action
    Intent("order_status", "question", 9, 0.92, "Orders & shipping",
           ("Tracking your order", "Delivery times by country"), "lookup_order"),
    Intent("delivery_delay", "problem", 5, 0.7, "Orders & shipping",
           ("What to do if your parcel is late", "Parcel marked delivered but not received"),
           "lookup_order"),
    Intent("cancel_order", "question", 4, 0.82, "Orders & shipping",
           ("Cancelling an order",), "cancel_order"),
    Intent("change_address", "question", 3, 0.75, "Orders & shipping",
           ("Changing the delivery address",), "update_address"),
    Intent("return_item", "question", 5, 0.86, "Returns & refunds",
           ("How to return an item", "Our 30-day return policy"), "create_return"),
    Intent("refund_status", "refund", 5, 0.62, "Returns & refunds",
           ("When will I get my refund?", "Refund methods and timelines"), "check_refund"),
    Intent("damaged_item", "problem", 3, 0.38, "Returns & refunds", ("Damaged or faulty items",)),
    Intent("wrong_item", "problem", 2, 0.33, "Returns & refunds", ("Received the wrong item",)),
    Intent("shipping_cost", "question", 2, 0.9, "Orders & shipping",
           ("Shipping costs and free shipping", "International shipping")),
    Intent("reset_password", "account", 6, 0.95, "Account & security",
           ("Resetting your password", "Password reset email not arriving"), "reset_password"),
    Intent("login_problem", "problem", 5, 0.58, "Account & security",
           ("Troubleshooting sign-in problems", "Unlocking a locked account")),
    Intent("change_email", "account", 2, 0.8, "Account & security",
           ("Changing your email address",)),
    Intent("delete_account", "account", 1.5, 0.7, "Account & security", ("Deleting your account",)),
    Intent("two_factor", "account", 2, 0.55, "Account & security",
           ("Setting up two-factor authentication", "Lost access to your 2FA device")),
    Intent("update_payment", "billing", 3, 0.85, "Billing & payments",
           ("Updating your payment method",)),
    Intent("payment_declined", "billing", 3, 0.5, "Billing & payments",
           ("Why was my payment declined?",)),
    Intent("double_charged", "billing", 2, 0.3, "Billing & payments",
           ("Pending and duplicate charges",)),
    Intent("invoice_request", "billing", 3, 0.9, "Billing & payments",
           ("Downloading invoices and receipts", "Adding a VAT number to invoices"),
           "send_invoice"),
    Intent("cancel_subscription", "billing", 3, 0.8, "Subscriptions & plans",
           ("Cancelling your subscription",), "cancel_subscription"),
    Intent("pricing", "question", 3, 0.82, "Subscriptions & plans",
           ("Plans and pricing", "Upgrading or downgrading your plan")),
    Intent("promo_code", "question", 2, 0.6, "Billing & payments", ("Using discount codes",)),
    Intent("gift_card", "question", 1.3, 0.25, "Billing & payments", ("Gift cards",)),
    Intent("app_crash", "bug", 3, 0.2, "Troubleshooting",
           ("The app crashes or freezes", "Clearing the app cache")),
    Intent("sync_issue", "bug", 2, 0.25, "Troubleshooting", ("Fixing sync problems",)),
    Intent("export_data", "question", 1.5, 0.75, "Troubleshooting", ("Exporting your data",)),
    Intent("api_access", "question", 1.5, 0.3, "Developers",
           ("Getting started with the API", "API rate limits")),
    Intent("notifications", "question", 1.5, 0.85, "Account & security",
           ("Managing email and push notifications",)),
    Intent("gdpr_request", "question", 0.8, 0.15, "Privacy", ("Your data and privacy",)),
    Intent("warranty_claim", "problem", 1.2, 0.2, "Returns & refunds", ("Warranty terms",)),
    Intent("feature_request", "feature_request", 1.5, 0.1, "Troubleshooting",
           ("Sharing product feedback",)),
)
# fmt: on

INTENT_KEYS: tuple[str, ...] = tuple(i.key for i in INTENTS)
INTENT_INDEX: dict[str, int] = {k: n for n, k in enumerate(INTENT_KEYS)}
INTENT_P = np.array([i.weight for i in INTENTS]) / sum(i.weight for i in INTENTS)
COVERAGE = np.array([i.coverage for i in INTENTS])
ACTIONS: tuple[str, ...] = tuple(sorted({i.action for i in INTENTS if i.action}))
INTENT_ACTION = np.array([ACTIONS.index(i.action) if i.action else -1 for i in INTENTS])
# Topics that incidents (outages, carrier problems) bring in bursts.
INCIDENT_INTENTS = ("app_crash", "login_problem", "delivery_delay", "payment_declined")

TICKET_TYPES: tuple[str, ...] = tuple(sorted({i.type for i in INTENTS}))
INTENT_TYPE = np.array([TICKET_TYPES.index(i.type) for i in INTENTS])

# Pipelines and their stages, in the order a ticket normally moves through them:
# [arrived, being worked on, waiting, done].
PIPELINES: dict[str, tuple[str, str, str, str]] = {
    "support": ("triage", "in_progress", "waiting_on_customer", "done"),
    "billing": ("review", "processing", "awaiting_customer", "completed"),
    "engineering": ("triage", "investigating", "waiting_for_fix", "released"),
}
PIPELINE_KEYS: tuple[str, ...] = tuple(PIPELINES)
STAGES: tuple[str, ...] = tuple(s for stages in PIPELINES.values() for s in stages)
TYPE_PIPELINE = {"billing": "billing", "refund": "billing", "bug": "engineering"}
INTENT_PIPELINE = np.array(
    [PIPELINE_KEYS.index(TYPE_PIPELINE.get(i.type, "support")) for i in INTENTS]
)

CHANNELS = ("email", "chat", "phone", "form", "portal", "twitter", "facebook", "whatsapp")
CHANNEL_P = np.array([0.28, 0.27, 0.09, 0.1, 0.08, 0.04, 0.03, 0.11])
SOCIAL_CHANNELS = ("twitter", "facebook", "whatsapp")
AI_CHANNELS = {"chat": 0.85, "whatsapp": 0.55}  # share of conversations the AI agent takes

PRIORITIES = ("low", "medium", "high", "urgent")
PRIORITY_P = np.array([0.28, 0.47, 0.18, 0.07])

LANGUAGES = ("en", "sv", "fi", "no", "ko")


@dataclass(frozen=True)
class Country:
    """A requester country: ISO code, region (index into calendar.REGIONS), share within
    its region, and the languages its customers write in (language, probability)."""

    code: str
    region: int
    share: float
    languages: tuple[tuple[str, float], ...]


EN = (("en", 1.0),)
COUNTRIES: tuple[Country, ...] = (
    Country("SE", 0, 0.30, (("sv", 0.88), ("en", 0.12))),
    Country("NO", 0, 0.12, (("no", 0.85), ("en", 0.15))),
    Country("FI", 0, 0.12, (("fi", 0.78), ("sv", 0.07), ("en", 0.15))),
    Country("DK", 0, 0.06, EN),
    Country("DE", 0, 0.12, EN),
    Country("GB", 0, 0.14, EN),
    Country("NL", 0, 0.05, EN),
    Country("FR", 0, 0.05, EN),
    Country("ES", 0, 0.02, EN),
    Country("PL", 0, 0.02, EN),
    Country("US", 1, 0.75, EN),
    Country("CA", 1, 0.15, EN),
    Country("BR", 1, 0.05, EN),
    Country("MX", 1, 0.05, EN),
    Country("KR", 2, 0.55, (("ko", 0.86), ("en", 0.14))),
    Country("JP", 2, 0.15, EN),
    Country("SG", 2, 0.12, EN),
    Country("AU", 2, 0.18, EN),
)
COUNTRY_CODES: tuple[str, ...] = tuple(c.code for c in COUNTRIES)
COUNTRY_REGION = np.array([c.region for c in COUNTRIES])
NORDICS = ("SE", "NO", "FI", "DK")

# Probability of each language per country (rows: countries, columns: LANGUAGES).
COUNTRY_LANGUAGE_P = np.array(
    [[dict(c.languages).get(lang, 0.0) for lang in LANGUAGES] for c in COUNTRIES]
)


def pick_weighted(rng: np.random.Generator, p: np.ndarray) -> np.ndarray:
    """One category per row of a (rows × categories) probability matrix."""
    cumulative = np.cumsum(p, axis=1)
    u = rng.random(p.shape[0]) * cumulative[:, -1]
    return np.minimum((cumulative < u[:, None]).sum(axis=1), p.shape[1] - 1)
