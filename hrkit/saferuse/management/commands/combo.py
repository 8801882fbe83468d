"""`hrkit combo A B [C ...]`: how risky is it to take these together?"""

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from hrkit.core.errors import ApiError
from hrkit.saferuse.combinations import check_combination
from hrkit.saferuse.presenters import combination_as_dict


class Command(BaseCommand):
    help = "Rate the risk of taking two or more substances together."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("substances", nargs="+", help="names, brand names or street names")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--language", choices=["en", "es"], default="en")

    def handle(self, *args: object, **options: object) -> None:
        language = str(options["language"])
        with translation.override(language):
            try:
                result = check_combination(list(options["substances"]))  # type: ignore[call-overload]
            except ApiError as problem:
                raise CommandError(problem.message) from problem
            report = combination_as_dict(result, language)
            if options["format"] == "json":
                self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
            else:
                self.stdout.write(as_text(report))


def as_text(report: dict) -> str:
    names = " + ".join(s["name"] for s in report["substances"])
    lines = [f"{names}: {report['risk_label'].upper()}", report["reason"], report["advice"]]
    if len(report["pairs"]) > 1:
        for pair in report["pairs"]:
            lines.append(f"  {' + '.join(pair['substances'])}: {pair['risk_label']}")
    return "\n".join(lines)
