"""Grouping gap questions into topics by meaning, with readable labels and stable ids.

Customers write in many languages, so the default assumes none: each question becomes
a vector of character n-grams (2–5 characters inside word boundaries, TF-IDF weighted,
sublinear), which catches shared stems across inflections ("invoice", "invoices",
"fakturan", "laskun") in any script. Questions are then clustered without fixing the
number of topics: average-linkage agglomerative clustering on cosine distance, cut
at `THRESHOLD` — two groups merge while their questions are, on average, closer than
that. Identical texts (after case and space folding) are clustered once.

With the optional `embeddings` extra installed (sentence-transformers), setting
`SUPPORTLENS_GAP_TOPICS=embeddings` uses multilingual sentence embeddings instead,
which also put the same question in different languages together.

Hierarchical clustering needs the distances between every two distinct texts, so at
most `MAX_CLUSTERED` distinct texts are clustered that way (a deterministic choice);
the rest join the topic whose centroid is nearest. See bench/gap_topics.py for topic
quality (purity, NMI) and timing on the generator's labelled questions.

The result is deterministic for the same questions. Topic ids stay stable: a new
topic takes the id of the previous topic most of its questions came from (each old id
goes to one new topic at most); a topic with no such history gets an id made from
its questions.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from supportlens.errors import SupportlensError

METHODS = ("tfidf", "embeddings")
THRESHOLD = {"tfidf": 0.75, "embeddings": 0.45}  # cosine distance at which groups stop merging
MAX_CLUSTERED = 8000  # distinct texts clustered hierarchically (memory ~ n² × 12 bytes)
LABEL_WORDS = 3
Vectors = Any  # rows of unit vectors: a scipy sparse matrix (tfidf) or an ndarray
EMBEDDING_MODEL = "paraphrase-multilingual-MiniLM-L12-v2"
WORD = re.compile(r"[^\W\d_]{2,}")  # letters only, any script, two or more


@dataclass(frozen=True)
class Question:
    """A gap question to group: its message id and text."""

    message_id: str
    text: str


@dataclass(frozen=True)
class Topic:
    """A group of questions about the same thing."""

    topic_id: str
    label: str
    message_ids: tuple[str, ...]


def group_questions(questions: Sequence[Question], previous: Mapping[str, str] | None = None,
                    *, method: str | None = None) -> list[Topic]:
    """Group questions into topics by meaning.

    `previous` maps message ids to the topic ids of the last grouping, so that topics
    keep their ids; `method` is `tfidf` (default) or `embeddings`, else the
    SUPPORTLENS_GAP_TOPICS setting.
    """
    method = method or os.environ.get("SUPPORTLENS_GAP_TOPICS", "tfidf")
    if method not in METHODS:
        raise SupportlensError(f"gap topic method {method!r} is unknown: use one of "
                               f"{', '.join(METHODS)} (SUPPORTLENS_GAP_TOPICS)")
    if not questions:
        return []
    texts = sorted({normal(q.text) for q in questions})
    cluster_of_text = dict(zip(texts, cluster_texts(texts, method), strict=True))
    members: dict[int, list[Question]] = {}
    for q in questions:
        members.setdefault(cluster_of_text[normal(q.text)], []).append(q)
    groups = sorted((sorted(m.message_id for m in ms) for ms in members.values()),
                    key=lambda ids: ids[0])
    ids = stable_ids(groups, previous or {})
    text_of = {q.message_id: q.text for q in questions}
    everywhere = word_counts(text_of.values())
    return [Topic(topic_id, label_for([text_of[m] for m in group], everywhere, len(text_of)),
                  tuple(group))
            for topic_id, group in zip(ids, groups, strict=True)]


def normal(text: str) -> str:
    """Case- and space-folded text: questions that read the same are clustered once."""
    return " ".join(text.casefold().split())


def cluster_texts(texts: list[str], method: str) -> list[int]:
    """A cluster number for each of the distinct `texts`."""
    if len(texts) == 1:
        return [0]
    vectors = embed(texts, method)
    core = core_indices(texts)
    labels = np.full(len(texts), -1)
    labels[core] = cut_tree(vectors[core], THRESHOLD[method])
    rest = np.setdiff1d(np.arange(len(texts)), core)
    if rest.size:
        labels[rest] = nearest_centroid(vectors[core], labels[core], vectors[rest])
    return [int(x) for x in labels]


def embed(texts: list[str], method: str) -> Vectors:
    """Unit-length vectors of the texts (rows), dense float32."""
    if method == "embeddings":
        return sentence_embeddings(texts)
    # imported here: scikit-learn takes ~1 s to import, which every CLI command would pay
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True,
                                 min_df=2 if len(texts) >= 50 else 1, dtype=np.float32)
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # no n-gram at all (e.g. only empty texts)
        return np.ones((len(texts), 1), dtype=np.float32)
    return matrix  # sparse, rows already unit length


def sentence_embeddings(texts: list[str]) -> np.ndarray:
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError:
        raise SupportlensError(
            "SUPPORTLENS_GAP_TOPICS=embeddings needs the embeddings extra: "
            "pip install 'supportlens[embeddings]' (or unset it to use tfidf)") from None
    model = SentenceTransformer(os.environ.get("SUPPORTLENS_EMBEDDING_MODEL", EMBEDDING_MODEL))
    vectors = model.encode(texts, normalize_embeddings=True, show_progress_bar=False)
    return np.asarray(vectors, dtype=np.float32)


def core_indices(texts: list[str]) -> np.ndarray:
    """The texts clustered hierarchically: all, or MAX_CLUSTERED chosen by hash."""
    if len(texts) <= MAX_CLUSTERED:
        return np.arange(len(texts))
    digest = [hashlib.sha1(t.encode()).hexdigest() for t in texts]
    return np.sort(np.argsort(digest, kind="stable")[:MAX_CLUSTERED])


def cut_tree(vectors: Vectors, threshold: float) -> np.ndarray:
    """Average-linkage clusters of unit vectors, cut at a cosine distance."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    product = vectors @ vectors.T
    distance = np.asarray(product.toarray() if hasattr(product, "toarray") else product,
                          dtype=np.float32)
    np.clip(distance, 0.0, 1.0, out=distance)
    np.subtract(1.0, distance, out=distance)  # in place: n² floats is the memory bound
    np.fill_diagonal(distance, 0.0)
    condensed = squareform(distance, checks=False)
    del distance
    tree = linkage(condensed, method="average")
    return np.asarray(fcluster(tree, t=threshold, criterion="distance"))


def nearest_centroid(vectors: Vectors, labels: np.ndarray, others: Vectors) -> np.ndarray:
    """The cluster whose mean vector is closest (cosine) to each of `others`."""
    clusters = np.unique(labels)
    dense = vectors.toarray() if hasattr(vectors, "toarray") else np.asarray(vectors)
    centroids = np.vstack([dense[labels == c].mean(axis=0) for c in clusters])
    centroids /= np.linalg.norm(centroids, axis=1, keepdims=True) + 1e-12
    scores = others @ centroids.T
    return np.asarray(clusters[np.asarray(scores).argmax(axis=1)])


def stable_ids(groups: list[list[str]], previous: Mapping[str, str]) -> list[str]:
    """Topic ids: each previous id goes to the group holding most of its questions."""
    overlaps = Counter((i, previous[m]) for i, group in enumerate(groups) for m in group
                       if m in previous)
    ids: dict[int, str] = {}
    taken: set[str] = set()
    for (i, old), _ in sorted(overlaps.items(), key=lambda kv: (-kv[1], kv[0])):
        if i not in ids and old not in taken:
            ids[i], taken = old, taken | {old}
    out = []
    for i, group in enumerate(groups):
        if i not in ids:
            ids[i] = "t-" + hashlib.sha1("\n".join(group).encode()).hexdigest()[:8]
        out.append(ids[i])
    return out


def word_counts(texts: Iterable[str]) -> Counter[str]:
    """In how many of the texts each word occurs."""
    return Counter(w for t in texts for w in set(WORD.findall(t.casefold())))


def label_for(texts: Sequence[str], everywhere: Counter[str], n: int) -> str:
    """A few words that set these texts apart: frequent here, rare in all `n` questions
    (`everywhere` counts, per word, the questions that have it)."""
    inside = word_counts(texts)
    if not inside:
        return texts[0][:40] if texts else ""

    def weight(word: str) -> float:
        return inside[word] / len(texts) * float(np.log((1 + n) / (1 + everywhere[word])) + 1)

    # ties go to longer words, which carry the content in most languages
    best = sorted(inside, key=lambda w: (-weight(w), -len(w), w))[:LABEL_WORDS]
    return " ".join(best)
