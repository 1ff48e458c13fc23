"""Knowledge-gap topic quality and speed: `python bench/gap_topics.py` (part of `make bench`).

The generator records the true intent and language of every gap question it writes
(`_labels_gap_questions.parquet`). This groups 10,000 of them with the default method
and reports, against the labels:
- purity: the share of questions whose topic's most common label is their own;
- NMI (normalised mutual information, arithmetic mean) against intent × language —
  what character n-grams can see — and against intent alone (across languages, which
  only the embeddings method can reach);
- the number of topics, the seconds to group and the peak memory of the process.
Seed 7 is the set the threshold was chosen on; seed 11 is held out. Timing lives here,
never in tests.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
from sklearn.metrics import normalized_mutual_info_score

from supportlens.gaps.topics import Question, group_questions

DATA = Path(__file__).resolve().parent / "data"
TICKETS = 80_000  # about 10,700 gap questions


def labelled_questions(seed: int, limit: int) -> tuple[list[Question], dict[str, str],
                                                            dict[str, str]]:
    """The first `limit` gap questions of a generated dataset with their labels."""
    folder = DATA / f"gaps-s{seed}"
    if not (folder / "_labels_gap_questions.parquet").exists():
        from supportlens.generate import generate

        generate(folder, tickets=TICKETS, seed=seed)
    labels = pq.read_table(folder / "_labels_gap_questions.parquet").to_pylist()[:limit]
    wanted = {r["message_id"] for r in labels}
    texts = {r["message_id"]: r["text"]
             for r in pq.read_table(folder / "messages.parquet",
                                    columns=["message_id", "text"]).to_pylist()
             if r["message_id"] in wanted}
    questions = [Question(r["message_id"], texts[r["message_id"]]) for r in labels]
    intent_language = {r["message_id"]: f"{r['intent']}/{r['language']}" for r in labels}
    intent = {r["message_id"]: r["intent"] for r in labels}
    return questions, intent_language, intent


def purity(truth: list[str], found: list[str]) -> float:
    by_topic: dict[str, Counter[str]] = {}
    for t, f in zip(truth, found, strict=True):
        by_topic.setdefault(f, Counter())[t] += 1
    return sum(c.most_common(1)[0][1] for c in by_topic.values()) / len(truth)


def measure(seed: int, limit: int) -> dict[str, float | int]:
    questions, intent_language, intent = labelled_questions(seed, limit)
    t0 = time.perf_counter()
    topics = group_questions(questions)
    seconds = time.perf_counter() - t0
    topic_of = {m: t.topic_id for t in topics for m in t.message_ids}
    ids = [q.message_id for q in questions]
    found = [topic_of[m] for m in ids]
    truth = [intent_language[m] for m in ids]
    return {
        "seed": seed,
        "questions": len(questions),
        "true_groups": len(set(truth)),
        "topics": len(topics),
        "purity": round(purity(truth, found), 3),
        "nmi_intent_language": round(normalized_mutual_info_score(truth, found), 3),
        "nmi_intent": round(normalized_mutual_info_score([intent[m] for m in ids], found), 3),
        "seconds": round(seconds, 2),
        "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--seeds", type=int, nargs="+", default=[7, 11])
    args = parser.parse_args()
    results = [measure(seed, args.questions) for seed in args.seeds]
    header = list(results[0])
    print(" ".join(f"{h:>20}" for h in header))
    for r in results:
        print(" ".join(f"{r[h]!s:>20}" for h in header))
    print(json.dumps({"gap_topics": results}))


if __name__ == "__main__":
    main()
