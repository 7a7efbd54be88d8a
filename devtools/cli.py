"""``steadyheart``: talk to the skill in a terminal, build the models, lint and validate content,
serve it."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from skill.config import Settings


def default_store_path() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "steadyheart" / "steadyheart.db"


def _store_spec(arg: str | None) -> str:
    if arg is None:
        return f"sqlite:{default_store_path()}"
    if arg in (":memory:", "memory"):
        return "memory"
    if arg.startswith(("sqlite:", "dynamodb:")):
        return arg
    return f"sqlite:{arg}"


class Chat:
    """The terminal conversation: typed text -> intent (via our own model) -> skill -> text."""

    def __init__(self, cfg: Settings, args: argparse.Namespace, out: TextIO) -> None:
        from devtools.nlu import Resolver
        from devtools.simulator import Simulator
        from skill.app import SteadyHeart

        self.out = out
        self.espeak = shutil.which("espeak-ng") if args.speak else None
        app = SteadyHeart(cfg)
        self.store_problem = getattr(app.store, "reason", None)
        """Why the notes file cannot be used (a ``BrokenStore``'s reason), if it cannot."""
        self.sim = Simulator(app, locale=args.locale, person_id=args.person, has_screen=args.screen)
        model = cfg.models_dir / f"{args.locale}.json"
        self.resolver = Resolver.from_file(model, skill_id=self.sim.skill_id)
        self.last_reprompt: str | None = None
        self.last_ssml = ""

    def turn(self, line: str) -> None:
        from devtools.models import INVOCATION_NAME
        from devtools.nlu import parse_invocation

        text = line.strip()
        if not text:
            if self.sim.in_session and self.last_reprompt:
                self._print(self.last_reprompt, self.last_ssml)
            return
        kind, rest = parse_invocation(text, INVOCATION_NAME)
        if kind == "launch":
            ex = self.sim.launch()
        else:
            intent = self.resolver.resolve(rest).intent
            ex = self.sim.intent(
                intent["name"], intent.get("slots") or {}, one_shot=(kind == "intent")
            )
        reprompt = ex.response.get("response", {}).get("reprompt") or {}
        self.last_reprompt = ex.reprompt
        self.last_ssml = (reprompt.get("outputSpeech") or {}).get("ssml", "")
        ssml = (ex.response.get("response", {}).get("outputSpeech") or {}).get("ssml", "")
        if ex.speech:
            self._print(ex.speech, ssml)
        if ex.card:
            self.out.write(f"  [card: {ex.card[0]}] {ex.card[1]}\n")
        if ex.ended:
            self.out.write("[session ended]\n")
        self.out.flush()

    def close(self) -> None:
        if self.sim.in_session:
            self.sim.end_session("USER_INITIATED")

    def _print(self, text: str, ssml: str) -> None:
        self.out.write(f"Alexa: {text}\n")
        self.out.flush()
        if self.espeak and ssml:
            subprocess.run(  # noqa: S603 - a resolved program path and our own SSML
                [self.espeak, "-m", "-v", "en-us", ssml], check=False, capture_output=True
            )


def cmd_chat(args: argparse.Namespace) -> int:
    cfg = replace(Settings.from_env(), store=_store_spec(args.store))
    chat = Chat(cfg, args, sys.stdout)
    if chat.store_problem:
        where = cfg.store.partition(":")[2]
        sys.stderr.write(
            f"The notes file {where} can't be used: {chat.store_problem}. "
            "It is left exactly as it is; this conversation keeps nothing.\n"
        )
    interactive = sys.stdin.isatty()
    if interactive:
        sys.stdout.write(
            "Talk to Steady Heart. Try 'open steady heart'. "
            "An empty line hears the reprompt; Ctrl-D quits.\n"
        )
    try:
        while True:
            try:
                line = input("you> ") if interactive else sys.stdin.readline()
            except EOFError:
                break
            if not interactive:
                if not line:
                    break
                sys.stdout.write(f"you> {line.rstrip()}\n")
            chat.turn(line)
    except KeyboardInterrupt:
        pass
    finally:
        chat.close()
    return 0


def cmd_models(args: argparse.Namespace) -> int:
    from devtools.models import LOCALES, build_model, render

    cfg = Settings.from_env()
    stale = []
    for locale in LOCALES:
        path = cfg.models_dir / f"{locale}.json"
        fresh = render(build_model(cfg.models_dir / "src", cfg.content_dir, locale))
        if args.check:
            if not path.exists() or path.read_text("utf-8") != fresh:
                stale.append(path.name)
        else:
            path.write_text(fresh, "utf-8")
            print(f"wrote {path}")
    if stale:
        print(f"out of date: {', '.join(stale)} (run: steadyheart models)", file=sys.stderr)
        return 1
    return 0


def cmd_safety_model(args: argparse.Namespace) -> int:
    from devtools.safety_model import main as safety_model_main

    return safety_model_main(check=args.check, cv_only=args.cv, measure_files=args.measure)


def cmd_serve(args: argparse.Namespace, rest: Sequence[str]) -> int:
    from selfhost.web import serve_main

    return serve_main(list(rest))


def cmd_lint(args: argparse.Namespace) -> int:
    from devtools.lint import main as lint_main

    return lint_main(args)


def cmd_validate(args: argparse.Namespace) -> int:
    from devtools.validate import main as validate_main

    return validate_main(args)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="steadyheart", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    chat = sub.add_parser("chat", help="talk to the skill in the terminal")
    chat.add_argument("--store", help="SQLite file, or :memory: (default: your data folder)")
    chat.add_argument("--locale", default="en-US")
    chat.add_argument("--person", help="simulate a recognised voice with this person id")
    chat.add_argument("--screen", action="store_true", help="simulate a device with a screen")
    chat.add_argument("--speak", action="store_true", help="speak answers with espeak-ng")
    models = sub.add_parser("models", help="build intents/<locale>.json from intents/src")
    models.add_argument("--check", action="store_true", help="fail if the JSON is out of date")
    safety = sub.add_parser(
        "safety-model",
        help="train the safety screen's second opinion (skill/language/safety/second_opinion.*)",
    )
    safety.add_argument("--check", action="store_true", help="fail if the weights are out of date")
    safety.add_argument("--cv", action="store_true", help="print cross-validated figures only")
    safety.add_argument(
        "--measure", nargs="+", default=[], metavar="ROUND", help="screen a round: rules vs model"
    )
    sub.add_parser(
        "serve", help="self-hosted HTTPS endpoint (see docs/self-hosting.md)", add_help=False
    )
    lint = sub.add_parser("lint", help="check content and estimate exercise durations")
    lint.add_argument("--locale", default="en-US")
    validate = sub.add_parser(
        "validate", help="find unreachable prompts, unknown keys, intents no transcript sends"
    )
    validate.add_argument("--root", help="project folder (default: this checkout)")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["serve"]:
        return cmd_serve(argparse.Namespace(), argv[1:])
    args = build_parser().parse_args(argv)
    if args.command == "chat":
        return cmd_chat(args)
    if args.command == "models":
        return cmd_models(args)
    if args.command == "safety-model":
        return cmd_safety_model(args)
    if args.command == "validate":
        return cmd_validate(args)
    return cmd_lint(args)


if __name__ == "__main__":
    raise SystemExit(main())
