"""The package reads as its pipeline: one folder per stage, and no stage imports a later one.

The order is declared once, in ``masterplan.STAGES``. Every import of the package's own
modules is checked against it, at the top of a file and inside a function alike.
"""

import ast
from pathlib import Path

import masterplan

PACKAGE = Path(masterplan.__file__).parent
SHARED = "shared helpers"


def module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def stage_of(module: str) -> str:
    """``masterplan.derive.views`` -> ``derive``; a module beside ``__init__.py`` is a shared helper."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in masterplan.STAGES else SHARED


def rank(stage: str) -> int:
    return -1 if stage == SHARED else masterplan.STAGES.index(stage)


def is_module(name: str, package: Path) -> bool:
    relative = Path(*name.split(".")[1:])
    return (package / relative).with_suffix(".py").is_file() or (package / relative / "__init__.py").is_file()


def imported_modules(path: Path, package: Path = PACKAGE) -> list[tuple[int, str]]:
    """Every module of the package that ``path`` imports, with the line of the import."""
    this = module_name(path, package)
    home = this if path.name == "__init__.py" else this.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.split(".")[0] == package.name]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = home.split(".")
                source = ".".join(parts[: len(parts) - node.level + 1] + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            if source.split(".")[0] != package.name:
                continue
            for alias in node.names:  # `from .. import formats` names a module, `from ..formats import number` a value
                candidate = f"{source}.{alias.name}"
                found.append((node.lineno, candidate if is_module(candidate, package) else source))
    return found


def backward_imports(package: Path = PACKAGE) -> list[str]:
    wrong = []
    for path in sorted(package.rglob("*.py")):
        here = stage_of(module_name(path, package))
        for line, target in imported_modules(path, package):
            there = stage_of(target)
            if rank(there) > rank(here):
                wrong.append(
                    f"{path.relative_to(package.parent)}:{line}: {here} imports {target} of a later stage ({there})"
                )
    return wrong


def test_no_module_imports_from_a_later_stage():
    assert backward_imports() == []


def test_each_stage_is_a_folder_that_says_its_job_and_what_it_may_import():
    folders = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    assert folders == sorted(masterplan.STAGES)
    for stage in masterplan.STAGES:
        doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text(encoding="utf-8"))) or ""
        assert doc.startswith(f"Stage {masterplan.STAGES.index(stage) + 1}, {stage}:"), stage
        assert "May import:" in doc, stage
    shared = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert shared == [
        "__init__.py",
        "datatypes.py",
        "errors.py",
        "fieldtypes.py",
        "formats.py",
        "framework.py",
        "labels.py",
        "owncode.py",
        "schema.py",
        "schema_monev.py",
        "schema_wilayah.py",
        "templatecache.py",
    ]


def test_a_backward_import_is_found_at_its_line_even_inside_a_function(tmp_path):
    package = tmp_path / "masterplan"
    for folder in (package, package / "validate", package / "site"):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "__init__.py").write_text('"""x"""\n')
    (package / "formats.py").write_text("")
    (package / "site" / "plugin.py").write_text("from ..validate import rules\n")
    (package / "validate" / "rules.py").write_text(
        "from .. import formats\nfrom ..formats import x\n\n\ndef f():\n    from ..site import plugin\n"
    )
    assert imported_modules(package / "validate" / "rules.py", package) == [
        (1, "masterplan.formats"),
        (2, "masterplan.formats"),
        (6, "masterplan.site.plugin"),
    ]
    assert backward_imports(package) == [
        "masterplan/validate/rules.py:6: validate imports masterplan.site.plugin of a later stage (site)"
    ]


# ------------------------------------------------------------------ house rules (issue: the house, round two)


MODULE_LIMIT = 500


def test_no_module_of_the_package_is_over_500_lines():
    sizes = {
        str(p.relative_to(PACKAGE)): len(p.read_text(encoding="utf-8").splitlines()) for p in PACKAGE.rglob("*.py")
    }
    assert {name: n for name, n in sizes.items() if n > MODULE_LIMIT} == {}


def private_reaches(path: Path, package_modules: set[str]) -> list[str]:
    """Where ``path`` uses another module's private name: ``from .x import _y`` or ``x._y`` for a module ``x`` of
    the package (third-party private names, such as python-docx's ``_Cell``, are their own business)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found, aliases = [], set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.level > 0 or (node.module or "").startswith("masterplan")):
            found += [f"{path.name}:{node.lineno}: import {a.name}" for a in node.names if a.name.startswith("_")]
            aliases |= {a.asname or a.name for a in node.names if a.name in package_modules}
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in aliases
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
        ):
            found.append(f"{path.name}:{node.lineno}: {node.value.id}.{node.attr}")
    return found


def test_no_module_of_the_package_reaches_into_another_modules_private_names():
    package_modules = {p.stem for p in PACKAGE.rglob("*.py")} | {p.name for p in PACKAGE.iterdir() if p.is_dir()}
    assert [hit for path in sorted(PACKAGE.rglob("*.py")) for hit in private_reaches(path, package_modules)] == []


def test_a_reach_into_a_private_name_is_found(tmp_path):
    module = tmp_path / "contoh.py"
    module.write_text("from . import rules\nfrom .yamlfiles import _decode\n\nrules._LINK\n", encoding="utf-8")
    assert private_reaches(module, {"rules", "yamlfiles"}) == [
        "contoh.py:2: import _decode",
        "contoh.py:4: rules._LINK",
    ]
