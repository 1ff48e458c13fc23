"""`supportlens gaps`: the knowledge-gap topics, and what an editor does with them.

The person at the terminal acts as an editor (whoever can write the store file can
change it); `--user` names them in the record of who resolved or dismissed what.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from supportlens.access import Actor, local_operator
from supportlens.errors import SupportlensError
from supportlens.gaps.workflow import Gaps
from supportlens.store.store import Store

console = Console()

DbOption = Annotated[Path | None, typer.Option(
    "--db", help="Store file (default: $SUPPORTLENS_DB, else ./supportlens.duckdb).")]
FormatOption = Annotated[str, typer.Option("--format", help="table or json.")]
UserOption = Annotated[str | None, typer.Option("--user", help="Who is acting (recorded).")]
TopicOption = Annotated[str | None, typer.Option("--topic", help="A topic id.")]
QuestionOption = Annotated[list[str] | None, typer.Option(
    "--question", help="A question's message id (repeatable).")]

app = typer.Typer(help="Knowledge gaps: questions the AI agent could not answer, by topic.",
                  invoke_without_command=True, no_args_is_help=False)


def gaps_for(db: Path | None) -> Gaps:
    store = Store(db)
    store.require()
    return Gaps(store)


def actor(user: str | None) -> Actor:
    me = local_operator()
    return Actor(user, me.role) if user else me


def check_format(fmt: str, allowed: tuple[str, ...] = ("table", "json")) -> None:
    if fmt not in allowed:
        raise SupportlensError(f"unknown format {fmt!r}: use {' or '.join(allowed)}")


@app.callback()
def topics(ctx: typer.Context, db: DbOption = None, fmt: FormatOption = "table",
           include_all: Annotated[bool, typer.Option(
               "--all", help="Include resolved and dismissed questions.")] = False) -> None:
    """List the knowledge-gap topics (label, conversations, last conversation)."""
    if ctx.invoked_subcommand is not None:
        return
    check_format(fmt)
    result = gaps_for(db).topics(include_all=include_all)
    if fmt == "json":
        print(json.dumps({"topics": result}, ensure_ascii=False, indent=2))
        return
    table = Table(title="Knowledge gaps", title_justify="left")
    table.add_column("topic", no_wrap=True)
    table.add_column("label", min_width=20)
    table.add_column("conversations", justify="right")
    table.add_column("last conversation (UTC)", no_wrap=True)
    table.add_column("status")
    for t in result:
        last = t["last_at"].replace("T", " ")[:16]
        table.add_row(t["topic_id"], t["label"], str(t["conversations"]), last, t["status"])
    console.print(table if result else "No open knowledge gaps.")


@app.command()
def show(topic_id: str, db: DbOption = None, fmt: FormatOption = "table") -> None:
    """A topic's questions: text, ticket and link, date, status."""
    check_format(fmt)
    topic = gaps_for(db).topic(topic_id)
    if fmt == "json":
        print(json.dumps(topic, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{topic['topic_id']}: {topic['label']}", title_justify="left")
    for name in ("question", "ticket", "date", "status"):
        table.add_column(name, overflow="fold")
    table.add_column("message id", no_wrap=True)
    for q in topic["questions"]:
        ticket = q["ticket_id"] + (f"\n{q['url']}" if q["url"] else "")
        table.add_row(q["text"], ticket, q["at"], q["status"], q["message_id"])
    console.print(table)


@app.command()
def answer(question: Annotated[str, typer.Option("--q", help="The question, as customers ask.")],
           text: Annotated[str, typer.Option("--a", help="The short answer.")],
           db: DbOption = None, topic: TopicOption = None, message: QuestionOption = None,
           preview: Annotated[bool, typer.Option("--preview", help="Show, change nothing.")]
           = False, user: UserOption = None) -> None:
    """Create a short answer from a topic or chosen questions, which resolves them."""
    gaps = gaps_for(db)
    if preview:
        print(json.dumps(gaps.preview(question, text, topic, message), ensure_ascii=False,
                         indent=2))
        return
    made = gaps.create_short_answer(actor(user), question, text, topic, message)
    console.print(f"[green]Short answer {made['id']} created; it resolves "
                  f"{made['resolved']} question(s).[/green]")


@app.command()
def dismiss(db: DbOption = None, topic: TopicOption = None, message: QuestionOption = None,
            user: UserOption = None) -> None:
    """Dismiss a topic or chosen questions (they leave the gaps table)."""
    n = gaps_for(db).dismiss(actor(user), topic, message)
    console.print(f"Dismissed {n} question(s).")


@app.command()
def answers(db: DbOption = None, fmt: FormatOption = "table") -> None:
    """List the short answers."""
    check_format(fmt)
    items: list[dict[str, Any]] = gaps_for(db).short_answers()
    if fmt == "json":
        print(json.dumps(items, ensure_ascii=False, indent=2))
        return
    table = Table(title="Short answers", title_justify="left")
    for name in ("id", "question", "answer", "questions", "updated"):
        table.add_column(name, overflow="fold")
    for a in items:
        table.add_row(str(a["id"]), str(a["question"]), str(a["answer"]), str(a["questions"]),
                      f"{a['updated_at']} by {a['updated_by']}")
    console.print(table)


@app.command()
def edit(answer_id: int, question: Annotated[str, typer.Option("--q")],
         text: Annotated[str, typer.Option("--a")], db: DbOption = None,
         user: UserOption = None) -> None:
    """Change a short answer's question and answer."""
    gaps_for(db).edit_short_answer(actor(user), answer_id, question, text)
    console.print(f"Short answer {answer_id} updated.")


@app.command()
def delete(answer_id: int, db: DbOption = None, user: UserOption = None) -> None:
    """Delete a short answer (its questions stay resolved)."""
    gaps_for(db).delete_short_answer(actor(user), answer_id)
    console.print(f"Short answer {answer_id} deleted.")


@app.command()
def export(db: DbOption = None,
           fmt: Annotated[str, typer.Option("--format", help="json or csv.")] = "json",
           out: Annotated[Path | None, typer.Option("--out", help="File to write.")] = None
           ) -> None:
    """Export the short answers (JSON or CSV) for loading into the agent's knowledge."""
    text = gaps_for(db).export_short_answers(fmt)
    if out is None:
        print(text, end="" if text.endswith("\n") else "\n")
    else:
        out.write_text(text)
        console.print(f"Wrote {out}")
