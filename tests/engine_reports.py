"""Publish a store to a Spark engine, run the engine tests' reports there and print
them as JSON: `python -m tests.engine_reports STORE ENGINE_URL`.

For the Spark cluster test (test_spark_cluster.py), which needs a process of its own:
one process holds one Spark context, and the test process already runs a local one.
"""

from __future__ import annotations

import json
import sys

from supportlens.api import Workspace
from tests.test_engines import NOW, REPORTS


def main(store: str, engine: str) -> None:
    """Prints {"master": the Spark master the reports ran on, "reports": [...]}."""
    ws = Workspace.open(store, engine=engine)
    ws.publish()
    reports = [ws.report(metric, now=NOW, **kwargs) for metric, kwargs in REPORTS]
    master = ws.source.reader()._session.sparkContext.master
    ws.close()
    print(json.dumps({"master": master, "reports": reports}, default=str))


if __name__ == "__main__":
    main(*sys.argv[1:])
