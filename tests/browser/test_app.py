"""The web app in a real browser: log in, find a report, change it, save it, share it."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, expect

from .helpers import login, shot, wait_report


def table_head(page: Page) -> list[str]:
    return page.locator("#table thead th").all_inner_texts()


def table_rows(page: Page) -> int:
    return page.locator("#table tbody tr").count()


def test_log_in_and_open_a_report_from_a_quick_answer(server: str, new_page: Any) -> None:
    page = new_page()
    page.goto(server + "/")
    expect(page).to_have_url(re.compile(r"/login\?next=%2F$"))
    shot(page, "01-login")
    login(page, server, "editor")
    expect(page.get_by_role("heading", name="Reports", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Quick answers")).to_be_visible()
    shot(page, "02-library")
    page.get_by_role("link", name=re.compile("Which customers wait longest")).click()
    expect(page).to_have_url(re.compile(r"/report/first_response_time\?.*group_by=customer"))
    wait_report(page)
    expect(page.locator("#chart .main-svg").first).to_be_attached()
    assert table_head(page)[:2] == ["Customer", "Value"]
    assert 1 <= table_rows(page) <= 10  # the top 10 customers
    shot(page, "03-quick-answer-report")


def test_date_range_frequency_and_group_by_change_chart_and_table(server: str,
                                                                  new_page: Any) -> None:
    page = new_page()
    login(page, server, "viewer", "/report/tickets_created?by=week")
    wait_report(page)
    assert table_head(page) == ["Period", "Value", "Count"]
    weeks_all_time = table_rows(page)

    page.get_by_label("From", exact=True).fill("2026-05-01")
    page.get_by_label("To", exact=True).fill("2026-07-31")
    page.get_by_label("To", exact=True).press("Enter")
    wait_report(page)
    expect(page.locator("#status")).to_contain_text("2026-05-01 – 2026-07-31")
    assert 12 <= table_rows(page) <= 14 < weeks_all_time
    # A three-month range offers daily to quarterly, not yearly.
    assert page.locator("#by option[value=year]").is_disabled()
    assert page.locator("#by option[value=day]").is_enabled()
    shot(page, "04-weekly-three-months")

    page.get_by_label("Frequency").select_option("month")
    wait_report(page)
    assert page.locator("#table tbody tr td:first-child").all_inner_texts() == [
        "2026-05-01", "2026-06-01", "2026-07-01"]
    bars_by_month = page.locator("#chart .point").count()
    assert bars_by_month == 3

    page.get_by_label("Group by").select_option("channel")
    wait_report(page)
    assert table_head(page)[:3] == ["Period", "Channel", "Value"]
    assert page.locator("#chart .legend .traces").count() >= 2
    assert "group_by=channel" in page.url and "by=month" in page.url
    shot(page, "05-monthly-by-channel")

    picker = page.locator("details.picker[data-dim=channel]")
    picker.locator("summary").click()
    picker.get_by_label("chat", exact=True).check()
    wait_report(page)
    picker.get_by_label("email", exact=True).check()
    wait_report(page)
    expect(picker.locator(".picked")).to_have_text("2 chosen")
    assert set(page.locator("#table tbody td:nth-child(2)").all_inner_texts()) == {"chat", "email"}
    assert "where=channel+in+%28chat%2Cemail%29" in page.url
    shot(page, "05b-picked-channels")

    page.get_by_role("button", name="Totals").click()
    wait_report(page)
    assert table_head(page)[:2] == ["Channel", "Value"]
    expect(page.get_by_label("Frequency")).to_be_disabled()
    assert "view=totals" in page.url
    shot(page, "06-totals-by-channel")
    page.get_by_role("button", name="Over time").click()
    wait_report(page)
    assert table_head(page)[0] == "Period"

    page.get_by_role("tab", name="About this report").click()
    expect(page.locator("#pane-about")).to_contain_text("Tickets created")
    expect(page.locator("#cli-equivalent")).to_contain_text("--group-by channel")
    shot(page, "07-about")


def test_compare_and_exports(server: str, new_page: Any) -> None:
    page = new_page()
    login(page, server, "viewer", "/report/first_response_time?by=month&from=2026-06-01"
                                  "&to=2026-08-31")
    wait_report(page)
    page.get_by_label("Compare with previous period").check()
    wait_report(page)
    assert table_head(page)[-2:] == ["Previous", "Change"]
    assert "compare=previous" in page.url
    shot(page, "08-compare")
    with page.expect_download() as csv_download:
        page.get_by_role("button", name="Export CSV").click()
    assert csv_download.value.suggested_filename.endswith(".csv")
    with page.expect_download() as png_download:
        page.get_by_role("button", name="Export PNG").click()
    assert png_download.value.suggested_filename == "first_response_time.png"


def test_save_to_a_dashboard_and_open_it(server: str, new_page: Any) -> None:
    page = new_page()
    login(page, server, "editor", "/report/csat?by=month&view=over_time")
    wait_report(page)
    page.get_by_role("button", name="Save report").click()
    page.get_by_label("Name", exact=True).fill("CSAT by month")
    page.get_by_label("Add to").select_option("new")
    page.get_by_label("New dashboard name").fill("Team weekly")
    shot(page, "09-save-dialog")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#toast")).to_contain_text("Saved to the dashboard")
    page.get_by_role("link", name="Dashboards").click()
    page.get_by_role("link", name=re.compile("Team weekly")).click()
    expect(page.get_by_role("heading", name="Team weekly")).to_be_visible()
    tile = page.locator(".tile").filter(has_text="CSAT by month")
    expect(tile.locator(".main-svg").first).to_be_attached()
    shot(page, "10-dashboard")
    tile.get_by_role("link", name="CSAT by month").click()
    expect(page).to_have_url(re.compile(r"/report/csat\?.*by=month"))


def test_a_copied_url_opens_for_another_user_and_asks_visitors_to_log_in(
        server: str, new_page: Any) -> None:
    page = new_page()
    login(page, server, "editor", "/report/tickets_created?by=week")
    wait_report(page)
    page.get_by_label("Group by").select_option("priority")
    wait_report(page)
    page.get_by_role("button", name="Totals").click()
    wait_report(page)
    page.locator("#chart-type").select_option("pie")
    wait_report(page)
    page.get_by_role("button", name="Copy report URL").click()
    url = page.locator("#share-url").input_value()
    assert "group_by=priority" in url and "view=totals" in url and "chart=pie" in url
    shot(page, "11-share")

    other = new_page()
    login(other, server, "viewer", url.removeprefix(server))
    wait_report(other)
    assert other.url == url
    expect(other.get_by_label("Group by")).to_have_value("priority")
    expect(other.get_by_role("button", name="Totals")).to_have_attribute("aria-pressed", "true")
    expect(other.locator("#chart .pielayer")).to_be_attached()
    shot(other, "12-shared-as-viewer")

    visitor = new_page()
    visitor.goto(url)
    expect(visitor).to_have_url(re.compile(r"/login\?next=%2Freport%2Ftickets_created"))
    expect(visitor.get_by_role("heading", name="Log in")).to_be_visible()
    assert visitor.locator("#chart").count() == 0


def test_a_viewer_has_no_editing_controls_and_the_api_refuses(server: str,
                                                              new_page: Any) -> None:
    page = new_page()
    login(page, server, "viewer", "/report/csat?by=month")
    wait_report(page)
    expect(page.get_by_role("button", name="Save report")).to_have_count(0)
    expect(page.get_by_role("button", name="Copy report URL")).to_be_visible()
    page.get_by_role("link", name="Dashboards").click()
    expect(page.get_by_role("button", name="Create dashboard")).to_have_count(0)
    expect(page.get_by_role("link", name="Users")).to_have_count(0)
    answer = page.evaluate("""async () => {
        const csrf = document.querySelector('meta[name=csrf-token]').content;
        const r = await fetch('/api/saved-reports', {method: 'POST', headers: {
            'Content-Type': 'application/json', 'X-CSRF-Token': csrf},
            body: JSON.stringify({name: 'sneaky', metric: 'csat', query: ''})});
        return {status: r.status, body: await r.json()};
    }""")
    assert answer["status"] == 403
    assert "viewer is a viewer and cannot save" in answer["body"]["error"].lower()
    shot(page, "13-viewer-dashboards")


def test_tablet_width_and_keyboard(server: str, new_page: Any) -> None:
    page = new_page(width=820, height=1100)
    login(page, server, "admin", "/report/tickets_created?by=month&group_by=channel")
    wait_report(page)
    shot(page, "14-tablet-report")
    page.goto(server + "/users")
    expect(page.get_by_role("heading", name="Add a user")).to_be_visible()
    shot(page, "15-tablet-users")
    page.goto(server + "/")
    page.get_by_role("link", name=re.compile("Rep leaderboard")).click()
    wait_report(page)
    head = table_head(page)
    assert head[:3] == ["Rep", "Value", "Count"] and "Rep name" in head and "Csat" in head
    csat = page.locator(f"#table tbody tr:first-child td:nth-child({head.index('Csat') + 1})")
    expect(csat).to_have_text(re.compile(r"^(\d+\.\d%|—)$"))
    shot(page, "15b-tablet-leaderboard")
    page.goto(server + "/")
    page.keyboard.press("Tab")
    expect(page.locator(".skip")).to_be_focused()
    page.locator("#q").fill("backlog")
    expect(page.get_by_role("link", name=re.compile("Backlog")).first).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("CSAT"))).to_have_count(0)


def test_filters_on_any_dimension_empty_ranges_and_plain_errors(server: str,
                                                                new_page: Any) -> None:
    page = new_page()
    login(page, server, "viewer", "/report/tickets_created?view=totals&group_by=priority")
    wait_report(page)
    page.get_by_role("button", name="+ Add filter").click()
    page.get_by_label("Filter dimension").fill("priority")
    page.get_by_label("Filter operator").select_option("in")
    page.get_by_label("Filter value").fill("high, urgent")
    page.get_by_label("Filter value").press("Enter")
    wait_report(page)
    assert page.locator("#table tbody td:first-child").all_inner_texts() == ["high", "urgent"]
    assert "where=priority+in+%28high%2Curgent%29" in page.url
    shot(page, "16-added-filter")

    page.get_by_label("Filter dimension").fill("no_such_field")
    page.get_by_label("Filter value").press("Enter")
    wait_report(page)
    expect(page.locator("#status.error")).to_contain_text("Unknown dimension 'no_such_field'")
    shot(page, "17-plain-error")

    page.get_by_role("button", name="Remove filter").click()
    page.get_by_label("From", exact=True).fill("2020-01-01")
    page.get_by_label("To", exact=True).fill("2020-01-31")
    page.get_by_label("To", exact=True).press("Enter")
    wait_report(page)
    expect(page.locator("#status.empty")).to_contain_text("No data for 2020-01-01 – 2020-01-31")
    expect(page.locator("#table tbody tr")).to_have_count(0)
    shot(page, "18-empty")

    page.goto(server + "/users")
    expect(page.get_by_role("heading", name="Not allowed")).to_be_visible()
    expect(page.locator("main")).to_contain_text(
        re.compile("viewer is a viewer and cannot manage users", re.IGNORECASE))
    shot(page, "19-not-allowed")


def test_make_an_api_token_and_read_the_api_with_it(server: str, new_page: Any) -> None:
    import httpx

    page = new_page()
    login(page, server, "editor", "/account")
    page.get_by_label("Token label").fill("weekly export")
    page.get_by_role("button", name="Make a token").click()
    token = page.locator("#new-token-value")
    expect(token).to_have_value(re.compile(r"^slk_"))
    shot(page, "20-account-token")
    headers = {"Authorization": f"Bearer {token.input_value()}"}
    me = httpx.get(f"{server}/api/me", headers=headers)
    assert me.status_code == 200 and me.json()["name"] == "editor"
    report = httpx.get(f"{server}/api/report/tickets_created", headers=headers,
                       params={"by": "month", "group_by": "channel"})
    assert report.status_code == 200 and report.json()["metric"] == "tickets_created"
    page.reload()
    expect(page.locator("table.list")).to_contain_text("weekly export")
    page.get_by_role("link", name="API", exact=True).click()
    expect(page.get_by_role("heading", name="JSON API")).to_be_visible()
    expect(page.locator("main")).to_contain_text("/api/report/{metric}")
    shot(page, "21-api-docs")
    page.goto(server + "/?q=reply")
    expect(page.get_by_role("heading", name=re.compile("Results for"))).to_be_visible()
    shot(page, "22-search")
