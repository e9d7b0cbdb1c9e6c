"""What is broken in a vault: the findings behind `syntopic check`."""

from __future__ import annotations

from typing import Literal, NamedTuple

from syntopic.core.resolve import find_heading
from syntopic.core.vault import Vault

Severity = Literal["error", "warning", "notice"]

# File problems that mean content was lost or misread are errors; the rest warn.
_ERROR_KINDS = {"yaml", "binary", "unreadable", "too-large", "encoding"}
# Skipped by our own safety policy, not wrong in the vault: said, never a failure.
_NOTICE_KINDS = {"outside"}


class Finding(NamedTuple):
    path: str
    line: int
    kind: str
    severity: Severity
    message: str

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.kind}: {self.message}"


def check(vault: Vault, *, obsidian: bool = False) -> list[Finding]:
    """Every finding, sorted by file and line.

    ``obsidian`` judges links as Obsidian does: a link that finds its note only
    through an alias is unresolved there, so it is reported as unresolved.
    """
    found: list[Finding] = []
    for path, problems in vault.scan_problems.items():
        for p in problems:
            scanned: Severity = "notice" if p.kind in _NOTICE_KINDS else "error"
            found.append(Finding(path, p.line, p.kind, scanned, p.message))
    for path, note in vault.notes.items():
        for p in note.problems:
            severity: Severity = "error" if p.kind in _ERROR_KINDS else "warning"
            found.append(Finding(path, p.line, p.kind, severity, p.message))
        found.extend(_link_findings(vault, path, obsidian))
    found.extend(_duplicate_names(vault))
    found.sort(key=lambda f: (f.path, f.line, f.kind))
    return found


def _link_findings(vault: Vault, source: str, obsidian: bool) -> list[Finding]:
    out: list[Finding] = []
    for link, res in vault.resolved.get(source, ()):
        shown = link.target or "#" + (link.heading or "^" + (link.block or ""))
        if res.path is None:
            what = "attachment" if res.attachment else "note"
            out.append(
                Finding(
                    source,
                    link.line,
                    "unresolved",
                    "warning",
                    f"no {what} named '{link.target}'",
                )
            )
            continue
        if res.via_alias:
            alias = _alias_finding(source, link.line, link.target, res.path, obsidian)
            out.append(alias)
            if obsidian:
                continue  # Obsidian stops at the missing note: no heading to look for
        if len(res.candidates) > 1:
            others = ", ".join(res.candidates[1:4])
            out.append(
                Finding(
                    source,
                    link.line,
                    "ambiguous",
                    "warning",
                    f"'{link.target}' matches {len(res.candidates)} notes; "
                    f"using {res.candidates[0]} (also {others})",
                )
            )
        if res.attachment:
            continue
        target = vault.notes.get(res.path)
        if target is None:
            continue
        if link.heading is not None and find_heading(target.headings, link.heading) is None:
            out.append(
                Finding(
                    source,
                    link.line,
                    "missing-heading",
                    "error",
                    f"'{shown}': {res.path} has no heading '{link.heading}'",
                )
            )
        if link.block is not None and not any(b == link.block for b, _ in target.block_ids):
            out.append(
                Finding(
                    source,
                    link.line,
                    "missing-block",
                    "error",
                    f"'{shown}': {res.path} has no block ^{link.block}",
                )
            )
    return out


def _alias_finding(source: str, line: int, target: str, path: str, obsidian: bool) -> Finding:
    if obsidian:
        message = f"no note named '{target}' (Syntopic finds {path} by its alias)"
        return Finding(source, line, "unresolved", "warning", message)
    message = f"'{target}' resolves only through an alias of {path}; Obsidian leaves it unresolved"
    return Finding(source, line, "alias-only", "warning", message)


def _duplicate_names(vault: Vault) -> list[Finding]:
    out: list[Finding] = []
    for name, paths in vault.resolver.by_name.items():
        if len(paths) > 1:
            ordered = sorted(paths)
            for path in ordered:
                others = ", ".join(p for p in ordered if p != path)
                out.append(
                    Finding(
                        path,
                        0,
                        "duplicate-name",
                        "warning",
                        f"another note is also named '{name}': {others}",
                    )
                )
    return out


def fails_strict(findings: list[Finding]) -> bool:
    """Whether `check --strict` fails: any error or warning; notices never."""
    return any(f.severity != "notice" for f in findings)


def summary(findings: list[Finding]) -> dict[str, int]:
    """Counts by kind, for the last line of the report."""
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.kind] = counts.get(f.kind, 0) + 1
    return dict(sorted(counts.items()))
