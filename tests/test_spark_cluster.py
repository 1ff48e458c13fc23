"""The same numbers on a real Spark standalone cluster as on DuckDB.

The module starts a master and one worker (2 cores, 1 GiB) from the scripts the pyspark
package ships, on free local ports, publishes the engine tests' store to
`spark://127.0.0.1:PORT?path=DIR` and runs test_engines.REPORTS there in a process of
its own (one process holds one Spark master, and the test process may already run a
local one). The master's log must show an executor launched for the application on the
worker: the reports ran on the cluster, not in the driver.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from supportlens.api import Workspace
from tests.support import free_port
from tests.test_engines import NOW, REPORTS, _normal, engines_store

ROOT = Path(__file__).parent.parent
STARTUP_SECONDS = 120


def _wait_for(log: Path, text: str, process: subprocess.Popen[bytes]) -> None:
    """Until `text` appears in the log; fails with the log's tail when the process ends
    or STARTUP_SECONDS pass first."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if text in log.read_text(errors="replace"):
            return
        if process.poll() is not None:
            break
        time.sleep(0.5)
    tail = "\n".join(log.read_text(errors="replace").splitlines()[-20:])
    pytest.fail(f"the Spark cluster did not start ({text!r} not in {log}):\n{tail}")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A standalone master and one worker: (the master URL, the master's log)."""
    pyspark = pytest.importorskip("pyspark")
    home = Path(pyspark.__file__).parent
    folder = tmp_path_factory.mktemp("spark-cluster")
    env = {**os.environ, "SPARK_HOME": str(home), "PYSPARK_PYTHON": sys.executable,
           "SPARK_LOG_DIR": str(folder)}
    port = free_port()
    url = f"spark://127.0.0.1:{port}"
    spark_class = str(home / "bin" / "spark-class")
    processes: list[subprocess.Popen[bytes]] = []

    def start(name: str, *args: str) -> tuple[subprocess.Popen[bytes], Path]:
        log = folder / f"{name}.log"
        with log.open("wb") as out:
            processes.append(subprocess.Popen([spark_class, *args], stdout=out,
                                              stderr=subprocess.STDOUT, env=env))
        return processes[-1], log

    try:
        master, master_log = start(
            "master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
            "--port", str(port), "--webui-port", str(free_port()))
        _wait_for(master_log, "I have been elected leader", master)
        worker, _ = start(
            "worker", "org.apache.spark.deploy.worker.Worker", url, "--host", "127.0.0.1",
            "--cores", "2", "--memory", "1g", "--webui-port", str(free_port()),
            "--work-dir", str(folder / "work"))
        _wait_for(master_log, "Registering worker", worker)
        yield url, master_log
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def test_spark_cluster_gives_the_numbers_of_duckdb(
        cluster: tuple[str, Path], tmp_path_factory: pytest.TempPathFactory) -> None:
    url, master_log = cluster
    store = engines_store(tmp_path_factory)
    data = tmp_path_factory.mktemp("spark-cluster-data")
    engine = f"{url}?path={data}&spark.executor.memory=512m"
    run = subprocess.run([sys.executable, "-m", "tests.engine_reports", str(store), engine],
                         cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    got = json.loads(run.stdout.splitlines()[-1])
    assert got["master"] == url
    assert "Launching executor" in master_log.read_text()
    reference = Workspace.open(store, engine="duckdb")
    for (metric, kwargs), report in zip(REPORTS, got["reports"], strict=True):
        expected = json.loads(json.dumps(reference.report(metric, now=NOW, **kwargs),
                                         default=str))
        assert any(r["value"] not in (None, 0) for r in expected["rows"]), (metric, kwargs)
        assert _normal(report) == _normal(expected), (metric, kwargs)
    reference.close()
