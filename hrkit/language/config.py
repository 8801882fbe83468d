"""Per-project settings for the checker: rules switched off, names allowed.

A config file is YAML::

    disable: [relapse, medication-assisted-treatment]
    allow:
      - Our County Substance Abuse Council

Unknown keys and unknown rule ids are errors, so a typo never silently
leaves a rule on.
"""

from dataclasses import dataclass
from pathlib import Path

import jsonschema
import yaml

from hrkit.language.rules import RuleSet

CONFIG_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "disable": {"type": "array", "items": {"type": "string"}},
        "allow": {"type": "array", "items": {"type": "string", "minLength": 2}},
    },
}


class ConfigError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class CheckerConfig:
    disabled: frozenset[str] = frozenset()
    allow: tuple[str, ...] = ()


def make_config(
    rules: RuleSet, disable: list[str] | None = None, allow: list[str] | None = None
) -> CheckerConfig:
    unknown = sorted(set(disable or []) - set(rules.ids))
    if unknown:
        raise ConfigError(
            "disable",
            f"unknown rule {unknown[0]!r}; rules are: {', '.join(rules.ids)}",
        )
    names = tuple(name.strip() for name in (allow or []) if name.strip())
    if any(len(name) < 2 for name in names):
        raise ConfigError("allow", "each allowed name needs at least two characters")
    return CheckerConfig(disabled=frozenset(disable or []), allow=names)


def load_config(path: Path, rules: RuleSet) -> CheckerConfig:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise ConfigError("config", f"cannot read {path}: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise ConfigError("config", f"{path} is not valid YAML: {exc}") from exc
    try:
        jsonschema.validate(data, CONFIG_SCHEMA)
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "config"
        raise ConfigError(where, f"{exc.message} (allowed keys: disable, allow)") from exc
    return make_config(rules, data.get("disable"), data.get("allow"))
