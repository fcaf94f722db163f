"""Run the rules over a model and collect their findings into a `Report`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .diagnostics import Diagnostic, Report, Severity
from .rules import BUILTIN_RULES, Context, Rule
from .schema import Model, ValidationSettings


def matches(rule: type[Rule], patterns: Iterable[str]) -> bool:
    """Whether a rule is named by any pattern: its code, its name, or a code prefix such as `TOC2`."""
    return any(p in (rule.code, rule.name) or rule.code.startswith(p) for p in patterns)


def merge_settings(*layers: ValidationSettings | None) -> ValidationSettings:
    """Combine settings; later layers add to `select`/`ignore` and override severities."""
    merged = ValidationSettings()
    for layer in layers:
        if layer is None:
            continue
        merged.select = [*merged.select, *layer.select]
        merged.ignore = [*merged.ignore, *layer.ignore]
        merged.severity = {**merged.severity, **layer.severity}
    return merged


def active_rules(settings: ValidationSettings, rules: Sequence[type[Rule]] = BUILTIN_RULES) -> list[type[Rule]]:
    """The rules that run under `settings`."""
    return [
        rule
        for rule in rules
        if (not settings.select or matches(rule, settings.select)) and not matches(rule, settings.ignore)
    ]


def validate(
    model: Model, *, settings: ValidationSettings | None = None, rules: Sequence[type[Rule]] = BUILTIN_RULES
) -> Report:
    """Check a model against the rules and return every finding, in file order.

    Args:
        model: The model to check.
        settings: Rule selection and severities; added on top of the model's own `validation:` section.
        rules: The rules to choose from (the built-in ones by default).
    """
    effective = merge_settings(model.validation, settings)
    context = Context(model)
    report = Report()
    for rule in active_rules(effective, rules):
        override = _severity_for(rule, effective)
        report.extend(_with(found, override) for found in rule().check(context))
    return report.sorted()


def _severity_for(rule: type[Rule], settings: ValidationSettings) -> Severity | None:
    for key in (rule.code, rule.name):
        if key in settings.severity:
            return Severity(settings.severity[key])
    return None


def _with(diagnostic: Diagnostic, severity: Severity | None) -> Diagnostic:
    return diagnostic.with_severity(severity) if severity else diagnostic
