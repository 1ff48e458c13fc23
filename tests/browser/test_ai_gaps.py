"""The AI agent pages in a real browser: Performance (Impact this week and the AI charts),
knowledge gaps (create and resolve, dismiss chosen questions) and what a viewer may do."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, expect

from .helpers import login, shot, wait_ai, wait_gaps, wait_report


def topics(page: Page) -> list[dict[str, Any]]:
    """The open topics, from the API as the page's user."""
    body: dict[str, Any] = page.evaluate("async () => (await fetch('/api/gaps')).json()")
    return list(body["topics"])


def open_ids(page: Page) -> set[str]:
    return {q["message_id"] for t in topics(page) for q in t["questions"]}


def test_ai_performance_shows_impact_this_week_and_every_chart(server: str,
                                                                new_page: Any) -> None:
    page = new_page()
    login(page, server, "editor", "/ai")
    expect(page.get_by_role("heading", name="Performance")).to_be_visible()
    expect(page.get_by_role("heading", name="Impact this week")).to_be_visible()
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="AI agent")).to_have_attribute("aria-current", "page")
    wait_ai(page)
    # the generated data ends on 2026-10-31, before this week: the page says so
    expect(page.locator("#data-ends")).to_contain_text("Your data ends on")
    expect(page.locator("#impact-range")).to_contain_text("Week of 2026-10-26 – 2026-11-01")
    handled = page.locator('.figure[data-metric="ai_conversations"] .figure-value')
    assert re.fullmatch(r"\d+", handled.inner_text()), handled.inner_text()
    expect(page.locator("#impact-note")).to_contain_text("lag by up to 72 hours")
    tiles = page.locator("#ai-charts .tile")
    assert tiles.count() == 14
    assert page.locator("#ai-charts .tile[data-state=error]").count() == 0
    assert page.locator("#ai-charts .tile .main-svg").count() >= 12  # a few may be empty
    shot(page, "30-ai-performance")

    page.get_by_label("Charts show").select_option("26w")
    wait_ai(page)
    assert "range=26w" in page.url
    expect(tiles.first.locator(".tile-status")).to_contain_text("2026-05-")
    first = tiles.first.get_by_role("link", name=re.compile("^Full report of"))
    expect(first).to_have_attribute("href", re.compile(r"^/report/ai_conversations\?from="))
    first.click()
    expect(page).to_have_url(re.compile(r"/report/ai_conversations\?.*by=week"))
    wait_report(page)
    expect(page.locator("#chart .main-svg").first).to_be_attached()


def test_create_a_short_answer_and_its_questions_leave_the_table(server: str,
                                                                 new_page: Any) -> None:
    page = new_page()
    login(page, server, "editor", "/gaps")
    wait_gaps(page)
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Knowledge gaps")).to_have_attribute(
        "aria-current", "page")
    shot(page, "31-gaps-table")
    topic = topics(page)[0]
    asked = {q["message_id"] for q in topic["questions"]}
    link = page.locator(f'a.topic-link[data-topic="{topic["topic_id"]}"]')
    expect(link).to_be_visible()
    # keyboard: search, then open the topic with Enter
    page.get_by_label("Search topics and questions").fill(topic["label"].split()[0])
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/gaps\?topic={topic['topic_id']}$"))
    expect(page.locator("#topic-title")).to_have_text(topic["label"])
    rows = page.locator("#questions-table tbody tr")
    expect(rows).to_have_count(len(topic["questions"]))
    ticket = rows.first.get_by_role("link", name=topic["questions"][0]["ticket_id"])
    expect(ticket).to_have_attribute("href", topic["questions"][0]["url"])
    question = page.get_by_label("Question", exact=True)
    assert question.input_value() in {q["text"].strip() for q in topic["questions"]}
    question.fill("How do I fix this?")
    page.get_by_label("Answer", exact=True).fill("Open Settings › Help and follow the steps.")
    page.get_by_role("button", name="Preview").click()
    preview = page.locator("#sa-preview-box")
    expect(preview).to_contain_text("How do I fix this?")
    expect(preview).to_contain_text(f"resolves {len(asked)} question")
    shot(page, "32-gaps-topic-preview")

    page.get_by_role("button", name="Create and resolve").click()
    expect(page.locator("#toast")).to_contain_text("Short answer created")
    expect(page).to_have_url(re.compile(r"/gaps$"))
    wait_gaps(page)
    expect(page.locator(f'a.topic-link[data-topic="{topic["topic_id"]}"]')).to_have_count(0)
    assert not asked & open_ids(page)
    shot(page, "33-gaps-after-answer")

    page.get_by_role("link", name="Short answers").click()
    made = page.locator("#answers-table tbody tr", has_text="How do I fix this?")
    expect(made).to_contain_text(f"{len(asked)} question")
    row = page.locator(f'#answers-table tr[data-id="{made.get_attribute("data-id")}"]')
    row.get_by_role("button", name=re.compile("^Edit")).click()
    row.get_by_label("Answer").fill("Open Settings › Help.")
    row.get_by_role("button", name="Save").click()
    expect(page.locator("#toast")).to_contain_text("Short answer saved")
    expect(row.locator(".sa-a")).to_have_text("Open Settings › Help.")
    expect(page.get_by_role("link", name="Export CSV")).to_have_attribute(
        "href", "/api/gaps/answers/export?format=csv")
    shot(page, "34-short-answers")
    with page.expect_download() as download:
        page.get_by_role("link", name="Export JSON").click()
    assert download.value.suggested_filename == "short-answers.json"


def test_dismiss_chosen_questions(server: str, new_page: Any) -> None:
    page = new_page()
    login(page, server, "editor", "/gaps")
    wait_gaps(page)
    topic = next(t for t in topics(page) if len(t["questions"]) >= 3)
    page.locator(f'a.topic-link[data-topic="{topic["topic_id"]}"]').click()
    rows = page.locator("#questions-table tbody tr")
    expect(rows).to_have_count(len(topic["questions"]))
    dismiss = page.get_by_role("button", name=re.compile("^Dismiss selected"))
    expect(dismiss).to_be_disabled()
    chosen = [q["message_id"] for q in topic["questions"][:2]]
    for message_id in chosen:
        page.locator(f'#questions-table input[value="{message_id}"]').check()
    expect(dismiss).to_have_text("Dismiss selected (2)")
    expect(page.locator("#sa-scope")).to_contain_text("Resolves the 2 chosen questions")
    shot(page, "35-gaps-chosen")
    page.once("dialog", lambda dialog: dialog.accept())
    dismiss.click()
    expect(page.locator("#toast")).to_contain_text("Dismissed 2 questions")
    expect(rows).to_have_count(len(topic["questions"]) - 2)
    assert not set(chosen) & open_ids(page)
    assert {q["message_id"] for q in topic["questions"][2:]} <= open_ids(page)
    shot(page, "36-gaps-after-dismiss")


def test_a_viewer_reads_gaps_without_editing_controls_and_the_api_refuses(
        server: str, new_page: Any) -> None:
    page = new_page()
    login(page, server, "viewer", "/gaps")
    wait_gaps(page)
    topic = topics(page)[0]
    page.locator(f'a.topic-link[data-topic="{topic["topic_id"]}"]').click()
    expect(page.locator("#questions-table tbody tr")).to_have_count(len(topic["questions"]))
    for name in ("Create and resolve", "Preview", "Dismiss topic", "Dismiss selected"):
        expect(page.get_by_role("button", name=name)).to_have_count(0)
    expect(page.locator("#answer-form")).to_have_count(0)
    expect(page.locator("#questions-table input[type=checkbox]")).to_have_count(0)
    expect(page.get_by_text("Editors write short answers")).to_be_visible()
    shot(page, "37-gaps-viewer")
    answer = page.evaluate("""async (topic) => {
        const csrf = document.querySelector('meta[name=csrf-token]').content;
        const r = await fetch('/api/gaps/answers', {method: 'POST', headers: {
            'Content-Type': 'application/json', 'X-CSRF-Token': csrf},
            body: JSON.stringify({question: 'q', answer: 'a', topic_id: topic})});
        return {status: r.status, body: await r.json()};
    }""", topic["topic_id"])
    assert answer["status"] == 403
    assert "viewer is a viewer and cannot change knowledge gaps" in answer["body"]["error"]
    assert {q["message_id"] for q in topic["questions"]} <= open_ids(page)
    page.goto(server + "/gaps/answers")
    expect(page.get_by_role("heading", name="Short answers")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^(Edit|Delete)"))).to_have_count(0)
    shot(page, "38-short-answers-viewer")
