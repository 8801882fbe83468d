"""`hrkit combo A B [C ...]`: how risky is it to take these together?

Names may be separated by spaces or commas (`fentanyl xanax`, `fentanyl,xanax`,
`"fentanyl, xanax"`); two-word names such as `tranq dope` or `special k` need
no quotes.
"""

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext

from hrkit.core.errors import ApiError
from hrkit.saferuse.combinations import TooFewSubstances, check_combination, split_names
from hrkit.saferuse.presenters import combination_as_dict


class Command(BaseCommand):
    help = "Rate the risk of taking two or more substances together."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "substances",
            nargs="+",
            help="names, brand names or street names, separated by spaces or commas",
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--language", choices=["en", "es"], default="en")

    def handle(self, *args: object, **options: object) -> None:
        language = str(options["language"])
        with translation.override(language):
            names = split_names(" ".join(options["substances"]))  # type: ignore[arg-type]
            try:
                result = check_combination(names)
            except TooFewSubstances as problem:
                message = gettext(
                    "Give at least two different drugs or medicines, separated by spaces or commas."
                )
                raise CommandError(message) from problem
            except ApiError as problem:
                raise CommandError(problem.message) from problem
            report = combination_as_dict(result, language)
            if options["format"] == "json":
                self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
            else:
                self.stdout.write(as_text(report))


def as_text(report: dict) -> str:
    """The page's answer as plain lines: level and meaning, why, what to do, sources."""
    names = " + ".join(s["name"] for s in report["substances"])
    lines = [f"{names}: {report['risk_label'].upper()}. {report['risk_meaning']}"]
    lines += [f"{mixture['name']}: {mixture['note']}" for mixture in report["mixtures"]]
    if len(report["pairs"]) == 1:
        lines.append(report["reason"])
    else:
        lines += [f"  {' + '.join(p['names'])}: {p['risk_label']}" for p in report["pairs"]]
        for why in report["explanations"]:
            pairs = "; ".join(" + ".join(names) for names in why["pairs"])
            lines.append(f"{pairs} ({why['risk_label']}): {why['reason']}")
    lines += [f"- {advice}" for advice in report["advice"]]
    lines += [f"  [{s['publisher']}] {s['title']} <{s['url']}>" for s in report["sources"]]
    return "\n".join(lines)
