"""Changing what was made, in a real browser: arrange, rename and delete a dashboard; save
changes over a saved report or save it as new, rename and delete it; change your own
password and reset someone else's; show resolved and dismissed knowledge gaps."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, expect

from .helpers import PASSWORD, login, shot, wait_gaps, wait_report

CALL = """async ([method, url, body]) => {
    const csrf = document.querySelector('meta[name=csrf-token]').content;
    const r = await fetch(url, {method, headers: {'Content-Type': 'application/json',
        'X-CSRF-Token': csrf}, body: body === null ? undefined : JSON.stringify(body)});
    return {status: r.status, body: await r.json()};
}"""


def call(page: Page, method: str, url: str, body: Any = None) -> dict[str, Any]:
    """The JSON API as the page's user, with its CSRF token (as app.js sends it)."""
    answer: dict[str, Any] = page.evaluate(CALL, [method, url, body])
    assert answer["status"] < 300, answer
    result: dict[str, Any] = answer["body"]
    return result


def wait_tiles(page: Page) -> None:
    """Wait until every dashboard tile has drawn its chart."""
    page.wait_for_function("() => [...document.querySelectorAll('.tile')].every("
                           "t => t.querySelector('.main-svg'))")


def tile_names(page: Page) -> list[str]:
    return [t.strip() for t in page.locator(".tile h2").all_inner_texts()]


def test_arrange_rename_and_delete_a_dashboard(server: str, new_page: Any) -> None:
    page = new_page()
    login(page, server, "editor", "/dashboards")
    board = call(page, "POST", "/api/dashboards", {"name": "Arrange me"})
    for name, query in (("Tickets weekly", "by=week"), ("CSAT monthly", "by=month"),
                        ("Backlog by team", "view=totals&group_by=team")):
        metric = "csat" if "CSAT" in name else "tickets_created"
        call(page, "POST", "/api/saved-reports", {"name": name, "metric": metric,
                                                  "query": query, "dashboard_id": board["id"]})
    page.goto(f"{server}/dashboards/{board['id']}")
    wait_tiles(page)
    assert tile_names(page) == ["Tickets weekly", "CSAT monthly", "Backlog by team"]
    earlier = page.get_by_role("button", name="Move Backlog by team earlier")
    expect(page.get_by_role("button", name="Move Tickets weekly earlier")).to_have_attribute(
        "aria-disabled", "true")

    # keyboard only: focus the button, press Enter twice; focus stays on it
    earlier.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#toast")).to_contain_text("Moved “Backlog by team” earlier")
    page.keyboard.press("Enter")
    expect(earlier).to_be_focused()
    expect(earlier).to_have_attribute("aria-disabled", "true")
    assert tile_names(page) == ["Backlog by team", "Tickets weekly", "CSAT monthly"]
    page.get_by_label("Width of Backlog by team").select_option("full")
    expect(page.locator("#toast")).to_contain_text("now full width")
    full = page.locator(".tile.full")
    expect(full).to_have_count(1)
    half = page.locator(".tile").nth(1).bounding_box()
    wide = full.bounding_box()
    assert wide and half and wide["width"] > 1.8 * half["width"]

    page.reload()  # the layout was saved
    wait_tiles(page)
    assert tile_names(page) == ["Backlog by team", "Tickets weekly", "CSAT monthly"]
    expect(page.get_by_label("Width of Backlog by team")).to_have_value("full")
    shot(page, "40-dashboard-arranged")

    page.get_by_role("button", name="Remove CSAT monthly from this dashboard").click()
    page.wait_for_load_state()
    expect(page.locator(".tile")).to_have_count(2)
    page.locator("details.rename summary").click()
    page.get_by_label("New name of the dashboard").fill("Team overview")
    shot(page, "41-dashboard-rename")
    page.get_by_role("button", name="Save name").click()
    expect(page.get_by_role("heading", name="Team overview")).to_be_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Delete dashboard").click()
    expect(page).to_have_url(re.compile(r"/dashboards$"))
    expect(page.get_by_role("link", name=re.compile("Team overview"))).to_have_count(0)
    names = [r["name"] for r in call(page, "GET", "/api/saved-reports")]
    assert {"CSAT monthly", "Backlog by team"} <= set(names)  # saved reports stay


def test_save_over_a_saved_report_save_as_new_rename_and_delete(server: str,
                                                                new_page: Any) -> None:
    page = new_page()
    login(page, server, "editor", "/saved")
    made = call(page, "POST", "/api/saved-reports", {"name": "Replies monthly",
                "metric": "first_response_time", "query": "by=month"})
    page.reload()
    page.get_by_role("link", name="Replies monthly").click()
    page.wait_for_url("**/report/**")
    page.wait_for_load_state()  # report.js runs only once the page has loaded
    wait_report(page)
    assert f"saved={made['id']}" in page.url
    page.get_by_label("Frequency").select_option("week")
    wait_report(page)
    page.get_by_role("button", name="Save report").click()
    expect(page.get_by_label("Name", exact=True)).to_have_value("Replies monthly")
    expect(page.locator("#save-from")).to_contain_text("Opened from the saved report")
    expect(page.get_by_role("button", name="Save as new")).to_be_visible()
    page.get_by_label("Name", exact=True).fill("Replies weekly")
    shot(page, "42-save-over-dialog")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#toast")).to_contain_text("Saved the changes to “Replies weekly”")
    changed = next(r for r in call(page, "GET", "/api/saved-reports") if r["id"] == made["id"])
    assert changed["name"] == "Replies weekly" and "by=week" in changed["query"]

    page.get_by_label("Group by").select_option("channel")
    wait_report(page)
    page.get_by_role("button", name="Save report").click()
    page.get_by_label("Name", exact=True).fill("Replies by channel")
    page.get_by_role("button", name="Save as new").click()
    expect(page.locator("#toast")).to_contain_text("Saved. Find it under Saved reports")
    copy = next(r for r in call(page, "GET", "/api/saved-reports")
                if r["name"] == "Replies by channel")
    assert copy["id"] != made["id"] and "group_by=channel" in copy["query"]
    assert f"saved={copy['id']}" in page.url  # from now on Save writes over the copy

    page.get_by_role("link", name="Saved reports").click()
    row = page.locator("tr", has_text="Replies weekly")
    rename = row.get_by_label("Rename Replies weekly")  # a <summary> opening the form
    rename.focus()
    page.keyboard.press("Enter")
    row.get_by_label("New name of Replies weekly").fill("Replies each week")
    shot(page, "43-saved-rename")
    row.get_by_role("button", name="Save name").click()
    expect(page.get_by_role("link", name="Replies each week")).to_be_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Delete Replies by channel").click()
    expect(page.get_by_role("link", name="Replies by channel")).to_have_count(0)
    expect(page.get_by_role("link", name="Replies each week")).to_be_visible()
    shot(page, "44-saved-list")


def test_change_your_password_and_an_admin_resets_one(server: str, new_page: Any) -> None:
    admin = new_page()
    login(admin, server, "admin", "/users")
    call(admin, "POST", "/api/users", {"name": "robin", "role": "viewer",
                                       "password": PASSWORD})
    other = new_page()
    login(other, server, "robin", "/saved")
    page = new_page()
    login(page, server, "robin", "/account")
    page.get_by_label("Current password").fill("not-my-password")
    page.get_by_label("New password", exact=True).fill("robin-new-pass-1")
    page.get_by_label("New password again").fill("robin-new-pass-1")
    page.get_by_role("button", name="Change password").click()
    expect(page.locator(".form-error").first).to_contain_text("The current password is not right")
    shot(page, "45-account-password-error")
    page.get_by_label("Current password").fill(PASSWORD)
    page.get_by_role("button", name="Change password").click()
    expect(page.locator("#toast")).to_contain_text("Your password is changed")
    expect(page.get_by_label("Current password")).to_have_value("")
    shot(page, "46-account-password-changed")
    page.reload()
    expect(page.get_by_role("heading", name="robin")).to_be_visible()  # still logged in
    other.reload()
    expect(other).to_have_url(re.compile(r"/login\?next="))  # the other session ended

    admin.reload()
    row = admin.locator("tr", has_text="robin")
    row.get_by_label("Set a new password for robin").click()
    row.get_by_role("textbox", name="New password for robin").fill("set-by-admin-22")
    shot(admin, "47-users-set-password")
    row.get_by_role("button", name="Set", exact=True).click()
    expect(admin.locator("#toast")).to_contain_text("New password set for robin")
    page.reload()
    expect(page).to_have_url(re.compile(r"/login\?next="))
    page.get_by_label("User name").fill("robin")
    page.get_by_label("Password").fill("set-by-admin-22")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="robin")).to_be_visible()


def test_show_resolved_and_dismissed_gaps_with_their_status(server: str,
                                                            new_page: Any) -> None:
    page = new_page()
    login(page, server, "editor", "/gaps")
    wait_gaps(page)
    every = call(page, "GET", "/api/gaps?all=true")["topics"]
    if all(q["status"] == "open" for t in every for q in t["questions"]):
        first = every[0]["questions"][0]["message_id"]
        call(page, "POST", "/api/gaps/dismiss", {"message_ids": [first]})
        every = call(page, "GET", "/api/gaps?all=true")["topics"]
    expect(page.locator("#topics-table th", has_text="Status")).to_be_hidden()
    toggle = page.get_by_label("Show resolved and dismissed")
    toggle.focus()
    page.keyboard.press("Space")
    wait_gaps(page)
    expect(page).to_have_url(re.compile(r"/gaps\?all=true$"))
    expect(page.locator("#topics-table th", has_text="Status")).to_be_visible()
    expect(page.locator("#topics-table tbody tr")).to_have_count(len(every))
    expect(page.locator("#gap-count")).to_contain_text("resolved or dismissed")
    shot(page, "48-gaps-all")
    topic = next(t for t in every if any(q["status"] != "open" for q in t["questions"]))
    page.locator(f'a.topic-link[data-topic="{topic["topic_id"]}"]').click()
    expect(page).to_have_url(re.compile(rf"topic={topic['topic_id']}&all=true$"))
    rows = page.locator("#questions-table tbody tr")
    expect(rows).to_have_count(len(topic["questions"]))
    closed = next(q for q in topic["questions"] if q["status"] != "open")
    row = rows.filter(has_text=closed["ticket_id"]).first
    expect(row.locator(".gap-status")).to_have_text(closed["status"].capitalize())
    expect(row.locator("input.pick")).to_have_count(0)  # only open questions can be chosen
    shot(page, "49-gaps-topic-all")
    page.get_by_role("link", name="← All topics").click()
    expect(page).to_have_url(re.compile(r"/gaps\?all=true$"))
    page.get_by_label("Show resolved and dismissed").uncheck()
    wait_gaps(page)
    expect(page).to_have_url(re.compile(r"/gaps$"))
    expect(page.locator("#topics-table th", has_text="Status")).to_be_hidden()
