"""Grouping gap questions into topics: meaning across phrasings, languages, stable ids."""

from __future__ import annotations

import importlib.util
import random

import pytest

from supportlens.errors import SupportlensError
from supportlens.gaps import topics as topics_mod
from supportlens.gaps.topics import Question, Topic, group_questions, label_for, word_counts

QUESTIONS = [
    Question("en-1", "How do I export my invoices to PDF?"),
    Question("en-2", "Can I export an invoice as a PDF file?"),
    Question("en-3", "how do i export invoices to pdf"),
    Question("en-4", "Do you ship orders to Iceland?"),
    Question("en-5", "Is shipping orders to Iceland possible?"),
    Question("sv-1", "Hur återställer jag mitt lösenord?"),
    Question("sv-2", "Jag behöver återställa lösenordet, hur gör jag?"),
    Question("fi-1", "Miten vaihdan salasanani?"),
    Question("fi-2", "Haluan vaihtaa salasanan, miten?"),
    Question("ko-1", "비밀번호를 재설정하려면 어떻게 하나요?"),
    Question("ko-2", "비밀번호 재설정은 어떻게 하나요?"),
]


def by_member(topics: list[Topic]) -> dict[str, str]:
    return {m: t.topic_id for t in topics for m in t.message_ids}


def test_phrasings_of_one_question_share_a_topic_in_each_language() -> None:
    topic = by_member(group_questions(QUESTIONS))
    for same in (("en-1", "en-2", "en-3"), ("en-4", "en-5"), ("sv-1", "sv-2"),
                 ("fi-1", "fi-2"), ("ko-1", "ko-2")):
        assert len({topic[m] for m in same}) == 1, same
    groups = {topic[m] for m in ("en-1", "en-4", "sv-1", "fi-1", "ko-1")}
    assert len(groups) == 5  # different questions, different topics


def test_labels_are_distinctive_words_of_the_topic() -> None:
    topics = group_questions(QUESTIONS)
    label = next(t.label for t in topics if "en-1" in t.message_ids)
    # export and pdf are in all three questions and nowhere else; "invoices" (2 of 3)
    # beats the other 2-of-3 words by length
    assert label == "export pdf invoices"
    korean = next(t.label for t in topics if "ko-1" in t.message_ids)
    # 어떻게 and 하나요 are in both (equal length: code-point order), then the longest
    # of the words in one: 재설정하려면
    assert korean == "어떻게 하나요 재설정하려면"


def test_label_for_falls_back_to_the_text_without_words() -> None:
    assert label_for(["1234 ???"], word_counts(["1234 ???", "hello"]), 2) == "1234 ???"


def test_grouping_is_deterministic_whatever_the_order() -> None:
    first = group_questions(QUESTIONS)
    shuffled = QUESTIONS[:]
    random.Random(3).shuffle(shuffled)
    assert group_questions(shuffled) == first


def test_small_and_degenerate_inputs() -> None:
    assert group_questions([]) == []
    [one] = group_questions([Question("a", "Where is my parcel?")])
    assert one.message_ids == ("a",) and one.label == "parcel where is"
    same = group_questions([Question("a", "Where is my parcel?"),
                            Question("b", "  where IS my   parcel? ")])
    assert [t.message_ids for t in same] == [("a", "b")]  # same text after folding
    empty = group_questions([Question("a", ""), Question("b", "")])
    assert [t.message_ids for t in empty] == [("a", "b")]
    two = group_questions([Question("a", "Where is my parcel?"),
                           Question("b", "Kan jag byta lösenord?")])
    assert len(two) == 2


def test_topic_ids_stay_when_new_questions_arrive() -> None:
    before = by_member(group_questions(QUESTIONS))
    later = [*QUESTIONS, Question("en-6", "How can I export invoices to PDF?"),
             Question("en-7", "What are your opening hours on Sundays?")]
    after = by_member(group_questions(later, previous=before))
    assert all(after[m] == before[m] for m in before)
    assert after["en-6"] == before["en-1"]  # joins the invoices topic, keeps its id
    assert after["en-7"] not in before.values()  # a new topic gets a new id


def test_an_old_id_goes_to_one_topic_only() -> None:
    # the previous grouping had everything in one topic; now it splits in two:
    # the larger part keeps the id, the other gets a new one
    previous = {q.message_id: "t-old" for q in QUESTIONS[:5]}
    after = by_member(group_questions(QUESTIONS[:5], previous=previous))
    assert after["en-1"] == "t-old"  # 3 invoice questions beat 2 shipping ones
    assert after["en-4"] != "t-old" and after["en-4"].startswith("t-")


def test_questions_beyond_the_clustered_set_join_the_nearest_topic(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(topics_mod, "MAX_CLUSTERED", 6)
    topic = by_member(group_questions(QUESTIONS))
    assert topic["en-1"] == topic["en-2"] == topic["en-3"]
    assert topic["sv-1"] == topic["sv-2"]
    assert topic["ko-1"] == topic["ko-2"]


def test_unknown_method_says_which_are_valid() -> None:
    with pytest.raises(SupportlensError, match="use one of tfidf, embeddings"):
        group_questions(QUESTIONS, method="lda")


@pytest.mark.skipif(importlib.util.find_spec("sentence_transformers") is not None,
                    reason="sentence-transformers is installed")
def test_embeddings_without_the_extra_say_how_to_install_it() -> None:
    with pytest.raises(SupportlensError, match=r"supportlens\[embeddings\]"):
        group_questions(QUESTIONS, method="embeddings")
