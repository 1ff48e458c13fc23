"""The CLI as interfaces.md describes it: commands, formats, exit codes, one-line errors."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import dataset_copy

HANDBUILT = Path(__file__).parent / "handbuilt" / "data"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "supportlens.cli.main", *args],
                          capture_output=True, text=True, env={**os.environ, **(env or {})},
                          timeout=120)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = dataset_copy(tmp_path_factory, HANDBUILT, "cli")
    path = folder.parent / "cli.duckdb"
    result = run("import", str(folder), "--db", str(path))
    assert result.returncode == 0, result.stderr
    assert "Imported" in result.stdout
    return path


NOW = "2026-04-06T00:00:00Z"


def test_report_json_has_the_documented_shape(db: Path) -> None:
    out = run("report", "first_response_time", "--db", str(db), "--by", "month",
              "--group-by", "channel", "--now", NOW, "--format", "json",
              "--from", "2026-03-01", "--to", "2026-03-31")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert set(report) == {"metric", "unit", "from", "to", "rows"}
    assert report["unit"] == "seconds" and report["from"] == "2026-03-01"
    row = report["rows"][0]
    assert {"period", "group", "value", "n", "median", "p90"} <= set(row)
    assert row["period"] == "2026-03-01" and set(row["group"]) == {"channel"}


def test_report_csv_and_table(db: Path) -> None:
    out = run("report", "tickets_created", "--db", str(db), "--group-by", "channel",
              "--format", "csv", "--now", NOW)
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert rows and set(rows[0]) == {"period", "channel", "value", "n"}
    assert sum(int(r["value"]) for r in rows) == 12
    table = run("report", "first_response_sla_rate", "--db", str(db), "--now", NOW)
    assert table.returncode == 0 and "%" in table.stdout


def test_store_from_environment(db: Path) -> None:
    out = run("report", "tickets_created", "--format", "json", env={"SUPPORTLENS_DB": str(db)})
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["rows"][0]["value"] == 12


def test_metrics_catalog(db: Path) -> None:
    out = run("metrics", "--format", "json")
    ids = {m["id"] for m in json.loads(out.stdout)}
    assert {"tickets_created", "first_response_time", "sla_breaches"} <= ids
    assert "first_response_time" in run("metrics").stdout


@pytest.mark.parametrize("args, message", [
    (["report", "no_such_metric"], "unknown metric 'no_such_metric'"),
    (["report", "tickets_created", "--group-by", "colour"], "unknown dimension 'colour'"),
    (["report", "tickets_created", "--by", "fortnight"], "unknown frequency 'fortnight'"),
    (["report", "tickets_created", "--from", "March"], "--from 'March' is not a date"),
    (["report", "tickets_created", "--where", "channel~chat"], "cannot read the filter"),
    (["report", "first_response_time", "--option", "fast=1"], "has no option 'fast'"),
    (["report", "tickets_created", "--tz", "Mars/Base"], "unknown timezone"),
])
def test_bad_input_is_one_line_without_traceback(db: Path, args: list[str], message: str) -> None:
    out = run(*args, "--db", str(db))
    assert out.returncode == 2
    assert message in out.stderr
    assert "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_missing_store_and_bad_import(tmp_path: Path) -> None:
    out = run("report", "tickets_created", "--db", str(tmp_path / "none.duckdb"))
    assert out.returncode == 2 and "import data first" in out.stderr
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "tickets.csv").write_text("ticket_id,created_at,channel\nT1,soon,email\n")
    out = run("import", str(bad), "--db", str(tmp_path / "x.duckdb"))
    assert out.returncode == 2
    assert "tickets.csv, line 2, column 'created_at'" in out.stderr
    assert "Traceback" not in out.stderr
