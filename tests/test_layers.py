"""The layers stay layers: what each package may import, read from the source itself.

handlers/ (Telegram in, replies out) -> bot/ (rules and words) -> storage/ (SQL). Only the
composition root (chapterbot/) sees them all. A module that breaks a rule fails here by name.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("chapterbot", "bot", "handlers", "storage")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Modules imported at run time (imports under `if TYPE_CHECKING:` don't count)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped |= {id(child) for child in ast.walk(node)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found


MODULES = {
    _module_name(path): _imports(path)
    for package in PACKAGES
    for path in sorted((ROOT / package).rglob("*.py"))
}


def _importers(prefix: str, of: str) -> list[str]:
    return sorted(
        module
        for module, imports in MODULES.items()
        if module.startswith(prefix) and any(name.split(".")[0] == of for name in imports)
    )


@pytest.mark.parametrize("upper", ["bot", "handlers", "chapterbot", "telegram"])
def test_storage_imports_no_layer_above_it_and_no_telegram(upper):
    assert _importers("storage", upper) == []


@pytest.mark.parametrize("upper", ["handlers", "chapterbot"])
def test_the_domain_imports_no_handler_and_not_the_composition_root(upper):
    assert _importers("bot", upper) == []


def test_telegram_types_stay_in_handlers_texts_and_the_messenger():
    """The messenger and its rate limiter are the domain's one adapter to Telegram."""
    allowed = ("bot.texts.", "bot.core.messenger", "bot.core.rate_limiter")
    assert [m for m in _importers("bot", "telegram") if not m.startswith(allowed)] == []


def test_handlers_reach_storage_only_for_its_records():
    """Records and their enums, yes; a repository, the database or the store, never."""
    used = {
        name
        for module, imports in MODULES.items()
        if module.startswith("handlers")
        for name in imports
        if name.startswith("storage.")
    }
    forbidden = {"storage.db", "storage.store"}
    assert [n for n in used if n in forbidden or n.endswith("Repository")] == []


def test_handlers_call_services_not_the_store():
    offenders = [
        path.name
        for path in (ROOT / "handlers").glob("*.py")
        if ".store." in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_no_module_imports_itself_through_a_cycle():
    graph = {
        module: {name for name in imports if name in MODULES and name != module}
        for module, imports in MODULES.items()
    }
    graph = {
        module: {d for d in deps if not module.startswith(d + ".")}
        for module, deps in graph.items()
    }
    visiting: list[str] = []
    done: set[str] = set()
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        visiting.append(module)
        for dependency in sorted(graph[module]):
            if dependency in visiting:
                cycles.append([*visiting[visiting.index(dependency) :], dependency])
            elif dependency not in done:
                visit(dependency)
        visiting.pop()
        done.add(module)

    for module in sorted(graph):
        if module not in done:
            visit(module)
    assert cycles == []


def test_services_get_their_unit_of_work_instead_of_reaching_into_a_repository():
    """`transaction` is handed to a service (chapterbot/bootstrap.py); `x.db.transaction()` or a
    messenger's `.bot` from inside the domain means a service reached through an object."""
    reach = re.compile(r"\.db\.transaction\b|\bmessenger\.bot\b")
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "bot").rglob("*.py"))
        if reach.search(path.read_text(encoding="utf-8"))
    ]
    # The outbox owns its repository's database (it commits its own claims): the one exception.
    assert [path for path in offenders if path != "bot/core/outbox.py"] == []


def test_handlers_read_button_data_and_start_links_with_the_parsers():
    """Patterns and /start filters come from bot/core/callback_data.py (`matches`, `is_...`,
    `start_with(parse_...)`), never a regular expression written again in a handler."""
    by_hand = re.compile(r"pattern=r?[\"']|filters\.Regex\(r?[\"']\^/start|[\"'](ref|oo|visitor)_")
    offenders = [
        path.name
        for path in sorted((ROOT / "handlers").glob("*.py"))
        if by_hand.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
