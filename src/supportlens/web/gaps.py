"""Knowledge gaps over HTTP: the JSON API that mirrors `supportlens gaps`, and its pages.

Everyone logged in reads gaps and short answers (and exports them); changing them —
creating, editing and deleting short answers, dismissing questions, even previewing —
needs an editor and, from a browser session, the CSRF token (web/security.py). The
domain (gaps/workflow.py) checks the acting user again, so nothing relies on the pages
hiding controls. The JSON is interfaces.md's "Knowledge gaps JSON".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field

from supportlens.errors import QueryError, SupportlensError
from supportlens.gaps.workflow import Gaps
from supportlens.web.pages import render
from supportlens.web.reports import workspace_of
from supportlens.web.saved import NotFound
from supportlens.web.security import Principal, Reader, reader

router = APIRouter()
T = TypeVar("T")


async def gap_editor(request: Request) -> Principal:
    """A logged-in editor or admin (with the CSRF token when using a session)."""
    principal = await reader(request)
    principal.actor.require_editor("change knowledge gaps")
    return principal


GapEditor = Annotated[Principal, Depends(gap_editor)]


def with_gaps(request: Request, work: Callable[[Gaps], T]) -> T:
    """Run `work` on the app's knowledge gaps, one request at a time: gap questions are
    read through the store's shared DuckDB connection (see reports.run)."""
    with request.app.state.store_lock:
        return work(Gaps(workspace_of(request).store))


class Chosen(BaseModel):
    """Which questions: a whole topic's open questions, or questions by message id."""

    topic_id: str | None = Field(None, description="A topic id (its open questions).")
    message_ids: list[str] | None = Field(None, description="Gap questions' message ids.")


class NewShortAnswer(Chosen):
    """A short answer made from a topic or from chosen questions."""

    question: str = Field(description="The question, as customers ask it.")
    answer: str = Field(description="The short answer.")


class ShortAnswerText(BaseModel):
    """A short answer's new question and answer."""

    question: str
    answer: str


class ShortAnswerChange(BaseModel):
    """New text for a short answer (PATCH may leave either out to keep it)."""

    question: str | None = None
    answer: str | None = None


def find_answer(gaps: Gaps, answer_id: int) -> dict[str, Any]:
    """The short answer `answer_id`, or a 404."""
    for item in gaps.short_answers():
        if item["id"] == answer_id:
            return item
    raise NotFound(f"no short answer {answer_id}: it may have been deleted (reload the list)")


def find_topic(gaps: Gaps, topic_id: str) -> dict[str, Any]:
    """A topic with all its questions (open, resolved and dismissed), or a 404."""
    try:
        return gaps.topic(topic_id, include_all=True)
    except QueryError:
        raise NotFound(f"no knowledge-gap topic {topic_id!r}: its questions may have been "
                       "answered or dismissed (reload the gaps table)") from None


# -- reading ----------------------------------------------------------------------------
@router.get("/api/gaps", tags=["knowledge gaps"])
def api_topics(request: Request, principal: Reader,
               all: Annotated[bool, Query(description="Include resolved and dismissed "
                                                      "questions.")] = False
               ) -> dict[str, Any]:
    """The knowledge-gap topics (as `supportlens gaps --format json [--all]`)."""
    return {"topics": with_gaps(request, lambda g: g.topics(include_all=all))}


@router.get("/api/gaps/answers", tags=["knowledge gaps"])
def api_short_answers(request: Request, principal: Reader) -> list[dict[str, Any]]:
    """Every short answer with how many questions it resolved (`supportlens gaps answers`)."""
    return with_gaps(request, lambda g: g.short_answers())


@router.get("/api/gaps/answers/export", tags=["knowledge gaps"])
def api_export(request: Request, principal: Reader,
               format: Annotated[str, Query(description="json or csv")] = "json") -> Response:
    """The short answers as a JSON or CSV file (`supportlens gaps export`)."""
    if format not in ("json", "csv"):
        raise SupportlensError(f"unknown export format {format!r}: use json or csv")
    text = with_gaps(request, lambda g: g.export_short_answers(format))
    media = "application/json" if format == "json" else "text/csv"
    return Response(text, media_type=media, headers={
        "Content-Disposition": f'attachment; filename="short-answers.{format}"'})


@router.get("/api/gaps/{topic_id}", tags=["knowledge gaps"])
def api_topic(topic_id: str, request: Request, principal: Reader) -> dict[str, Any]:
    """One topic with every question, open or not (`supportlens gaps show TOPIC`)."""
    return with_gaps(request, lambda g: find_topic(g, topic_id))


# -- changing -----------------------------------------------------------------------------
@router.post("/api/gaps/preview", tags=["knowledge gaps"])
def api_preview(body: NewShortAnswer, request: Request, principal: GapEditor
                ) -> dict[str, Any]:
    """What creating the short answer would store and resolve; changes nothing."""
    return with_gaps(request, lambda g: g.preview(body.question, body.answer, body.topic_id,
                                                  body.message_ids))


@router.post("/api/gaps/answers", tags=["knowledge gaps"], status_code=201)
def api_create(body: NewShortAnswer, request: Request, principal: GapEditor
               ) -> dict[str, Any]:
    """Create a short answer and resolve its questions (`supportlens gaps answer`)."""
    return with_gaps(request, lambda g: g.create_short_answer(
        principal.actor, body.question, body.answer, body.topic_id, body.message_ids))


def _edit(request: Request, principal: Principal, answer_id: int,
          change: ShortAnswerChange) -> dict[str, Any]:
    def work(gaps: Gaps) -> dict[str, Any]:
        current = find_answer(gaps, answer_id)
        question = current["question"] if change.question is None else change.question
        answer = current["answer"] if change.answer is None else change.answer
        gaps.edit_short_answer(principal.actor, answer_id, question, answer)
        return find_answer(gaps, answer_id)

    return with_gaps(request, work)


@router.put("/api/gaps/answers/{answer_id}", tags=["knowledge gaps"])
def api_replace(answer_id: int, body: ShortAnswerText, request: Request,
                principal: GapEditor) -> dict[str, Any]:
    """Change a short answer's question and answer (`supportlens gaps edit`)."""
    return _edit(request, principal, answer_id, ShortAnswerChange(
        question=body.question, answer=body.answer))


@router.patch("/api/gaps/answers/{answer_id}", tags=["knowledge gaps"])
def api_change(answer_id: int, body: ShortAnswerChange, request: Request,
               principal: GapEditor) -> dict[str, Any]:
    """Change a short answer's question, answer or both."""
    return _edit(request, principal, answer_id, body)


@router.delete("/api/gaps/answers/{answer_id}", tags=["knowledge gaps"])
def api_delete(answer_id: int, request: Request, principal: GapEditor) -> dict[str, Any]:
    """Delete a short answer; its questions stay resolved (`supportlens gaps delete`)."""
    def work(gaps: Gaps) -> dict[str, Any]:
        find_answer(gaps, answer_id)
        gaps.delete_short_answer(principal.actor, answer_id)
        return {"deleted": answer_id}

    return with_gaps(request, work)


@router.post("/api/gaps/dismiss", tags=["knowledge gaps"])
def api_dismiss(body: Chosen, request: Request, principal: GapEditor) -> dict[str, Any]:
    """Dismiss a topic's open questions or chosen ones (`supportlens gaps dismiss`)."""
    count = with_gaps(request, lambda g: g.dismiss(principal.actor, body.topic_id,
                                                   body.message_ids))
    return {"dismissed": count}


# -- pages --------------------------------------------------------------------------------
@router.get("/gaps", response_class=HTMLResponse, include_in_schema=False)
def gaps_page(request: Request, principal: Reader) -> Response:
    """The gaps table; a topic opens to its questions and the short-answer panel."""
    return render(request, "gaps.html", principal)


@router.get("/gaps/answers", response_class=HTMLResponse, include_in_schema=False)
def answers_page(request: Request, principal: Reader) -> Response:
    """The short answers: list, edit, delete, export."""
    return render(request, "gap_answers.html", principal,
                  answers=with_gaps(request, lambda g: g.short_answers()))
