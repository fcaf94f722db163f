"""Run the rules over a model and collect their findings into a `Report`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..collector import while_paused
from ..diagnostics import Diagnostic, Report, Severity
from ..locations import Path
from ..schema import Model, ValidationSettings
from ..suggest import did_you_mean
from . import BUILTIN_RULES, Context, Rule

UNKNOWN_RULE = ("TOC012", "unknown-rule", "A rule code or name in `select`, `ignore` or `severity` that names no rule.")
"""The code reported for settings that name no rule (a typo would otherwise silently switch rules off)."""


def matches(rule: type[Rule], patterns: Iterable[str]) -> bool:
    """Whether a rule is named by any pattern: its code, its name, or a code prefix such as `TOC2`."""
    return any(p in (rule.code, rule.name) or rule.code.startswith(p) for p in patterns)


def unknown_rule_names(
    settings: ValidationSettings, rules: Sequence[type[Rule]] = BUILTIN_RULES
) -> list[tuple[Path, str, str | None]]:
    """Names in `settings` that match no rule, as `(path in the settings, name, suggestion)`."""
    known = [name for rule in rules for name in (rule.code, rule.name)]
    named: list[tuple[Path, str]] = [(("select", i), n) for i, n in enumerate(settings.select)]
    named += [(("ignore", i), n) for i, n in enumerate(settings.ignore)]
    named += [(("severity", n), n) for n in settings.severity]
    return [
        (path, name, did_you_mean(name, known))
        for path, name in named
        if not any(matches(rule, [name]) for rule in rules)
    ]


def without_unknown(settings: ValidationSettings, rules: Sequence[type[Rule]] = BUILTIN_RULES) -> ValidationSettings:
    """The settings less the names that match no rule, so a typo never switches every rule off."""
    unknown = {name for _, name, _ in unknown_rule_names(settings, rules)}
    return ValidationSettings(
        select=[n for n in settings.select if n not in unknown],
        ignore=[n for n in settings.ignore if n not in unknown],
        severity={k: v for k, v in settings.severity.items() if k not in unknown},
    )


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


@while_paused
def validate(
    model: Model, *, settings: ValidationSettings | None = None, rules: Sequence[type[Rule]] = BUILTIN_RULES
) -> Report:
    """Check a model against the rules and return every finding, in file order.

    Findings are data: nothing is raised for them (`Report.raise_for_errors` does, for callers who want
    that). A model built in Python rather than loaded from files is checked the same way; its findings
    have no file location, only the `path` into the model.

    Args:
        model: The model to check.
        settings: Rule selection and severities; added on top of the model's own `validation:` section.
        rules: The rules to choose from (the built-in ones by default).

    Returns:
        Every finding of the rules that run, in file order.

    Examples:
        >>> import tocmodel
        >>> tocmodel.validate(tocmodel.load(tocmodel.shipped_model_path())).ok
        True
        >>> model = tocmodel.Model.model_validate(
        ...     {
        ...         "tocmodel": 1,
        ...         "model": {"id": "demo", "title": "Demo", "start": 2027},
        ...         "outputs": {"o-points": {"title": "Collection points open", "leads_to": ["oc-colected"]}},
        ...     }
        ... )
        >>> report = tocmodel.validate(model)
        >>> for finding in report:
        ...     print(finding.format())
        TOC101 error: unknown result led to `oc-colected`
        TOC203 warning: the model has no impact, so no result can lead to one
        TOC204 warning: no intervention leads to output `o-points`
        >>> report.errors[0].path
        ('outputs', 'o-points', 'leads_to', 0, 'to')
        >>> stricter = tocmodel.ValidationSettings(ignore=["TOC204"], severity={"TOC203": "error"})
        >>> tocmodel.validate(model, settings=stricter).counts()
        {'error': 2, 'warning': 0, 'info': 0}
    """
    report = Report(list(_unknown_in_model(model, rules)))
    own = without_unknown(model.validation, rules) if model.validation else None
    effective = merge_settings(own, settings)
    context = Context(model)
    for rule in active_rules(effective, rules):
        override = _severity_for(rule, effective)
        report.extend(_with(found, override) for found in rule().check(context))
    return report.sorted()


def _unknown_in_model(model: Model, rules: Sequence[type[Rule]]) -> list[Diagnostic]:
    if model.validation is None:
        return []
    found = []
    for path, name, hint in unknown_rule_names(model.validation, rules):
        where = ("validation", *path)
        location = model.source_map.locate(where, key=path[0] == "severity") if model.source_map else None
        message = f"`{name}` names no rule"
        code, rule_name, _ = UNKNOWN_RULE
        found.append(Diagnostic(code, Severity.ERROR, message, location, hint or "see docs/rules.md", rule_name, where))
    return found


def _severity_for(rule: type[Rule], settings: ValidationSettings) -> Severity | None:
    for key in (rule.code, rule.name):
        if key in settings.severity:
            return Severity(settings.severity[key])
    return None


def _with(diagnostic: Diagnostic, severity: Severity | None) -> Diagnostic:
    return diagnostic.with_severity(severity) if severity else diagnostic
