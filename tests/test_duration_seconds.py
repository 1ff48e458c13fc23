"""A duration record's own `seconds` (registry.py): kb_time_on_page gives each view's
seconds_on_page, which serve calendar hours as they are, while --hours business still
measures the view's span [at, at + seconds) against the schedule.

Schedule `default`: UTC, Monday to Friday 09:00–17:00. Views, worked out by hand:

| view | at (UTC)                 | seconds | business seconds                 |
|------|--------------------------|---------|----------------------------------|
| K1   | Wed 2026-03-04 08:59:30  | 60      | 30 (from 09:00:00 to 09:00:30)   |
| K2   | Sat 2026-03-07 10:00:00  | 40      | 0 (closed on Saturdays)          |
| K3   | Wed 2026-03-04 12:00:00  | 12.5    | 12.5                             |
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from supportlens.api import Workspace
from tests.support import store_of_files

NOW = "2026-04-01T00:00:00Z"
HOURS = '{""mon"": [[""09:00"", ""17:00""]], ""tue"": [[""09:00"", ""17:00""]], ' \
        '""wed"": [[""09:00"", ""17:00""]], ""thu"": [[""09:00"", ""17:00""]], ' \
        '""fri"": [[""09:00"", ""17:00""]]}'
FILES = {
    "schedules": f'schedule_id,timezone,hours,holidays\ndefault,UTC,"{HOURS}",[]\n',
    "kb_articles": "article_id,title,category\nA1,One,account\n",
    "kb_events": "event_id,article_id,session_id,at,type,seconds_on_page,bounced\n"
                 "K1,A1,s1,2026-03-04T08:59:30Z,view,60,false\n"
                 "K2,A1,s2,2026-03-07T10:00:00Z,view,40,false\n"
                 "K3,A1,s3,2026-03-04T12:00:00Z,view,12.5,false\n",
}


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    ws = Workspace.open(store_of_files(tmp_path_factory, "seconds", FILES))
    yield ws
    ws.close()


def test_calendar_hours_take_the_records_seconds(ws: Workspace) -> None:
    # 60, 40, 12.5: mean 112.5 / 3 = 37.5, median 40
    row = ws.report("kb_time_on_page", now=NOW)["rows"][0]
    assert (row["n"], row["value"], row["median"]) == (3, pytest.approx(37.5), pytest.approx(40))


def test_business_hours_measure_the_span(ws: Workspace) -> None:
    # 30, 0, 12.5: mean 42.5 / 3, median 12.5
    row = ws.report("kb_time_on_page", now=NOW, hours="business")["rows"][0]
    assert row["n"] == 3
    assert row["value"] == pytest.approx(42.5 / 3)
    assert row["median"] == pytest.approx(12.5)
