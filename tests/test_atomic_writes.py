"""Nothing lost when writing output: every file tocmodel writes goes through `tocmodel.writing`, and real
failures prove it. The command line runs in a fresh process, as users run it; the failures are real ones: a
file size limit (`RLIMIT_FSIZE`) that makes the disk refuse a write part way, SIGKILL at moments spread over
a large render, a folder the process may not write in, a folder in the way of a file.

Each situation is a row of docs/reliability.md (`RELIABILITY_CASES`, area "Writing output").
"""

from __future__ import annotations

import os
import resource
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pytest

from conftest import MODELS, ROOT
from reliability import Case, case_ids

AREA = "Writing output"
RELIABILITY_CASES: list[Case] = [
    Case(
        "write-model-with-errors",
        AREA,
        "`-o FILE` over an existing file, for a model with errors",
        "Exit 1 with the model's errors; the file is byte for byte as it was and no temporary file is left.",
    ),
    Case(
        "write-bad-focus",
        AREA,
        "`diagram --view pathway --focus` naming nothing of the model, `-o` over an existing file",
        "Exit 2 naming the focus; the previous file is untouched.",
    ),
    Case(
        "write-bad-option",
        AREA,
        "an unknown format, style or view, or a user template that fails, `-o` over an existing file",
        "Exit 2 for the option (1 for the template, with its line); the previous file is untouched.",
    ),
    Case(
        "write-file-too-large",
        AREA,
        "the disk refuses the write part way (a file size limit: `EFBIG`), for every command that writes a file",
        "`Error: cannot write FILE: File too large`, exit 1, no traceback; the previous file is intact and the "
        "temporary file is removed.",
    ),
    Case(
        "write-killed",
        AREA,
        "the process is killed (SIGKILL) at ten moments spread over a large render, and once while the file "
        "is being written",
        "The file is always the whole old one or the whole new one. A kill during the write leaves a "
        "temporary `.FILE.PID.XXXXXXXX.tmp` beside it, the one leftover; the next write of the file removes it.",
    ),
    Case(
        "write-read-only-folder",
        AREA,
        "`-o` in a folder tocmodel may not write in",
        "`Error: cannot write FILE: Permission denied`, exit 1, no traceback; what the folder held is intact.",
    ),
    Case(
        "write-target-is-folder",
        AREA,
        "`-o` naming a folder",
        "Exit 2: `… is a folder, not a file`; the folder is untouched.",
    ),
    Case(
        "write-missing-folder",
        AREA,
        "`-o` in a folder that does not exist yet",
        "The folder (and any missing parents) is made and the file written, exit 0.",
    ),
    Case(
        "write-file-in-the-way",
        AREA,
        "`-o` below a path that is a file (`model.yaml/out.svg`)",
        "`Error: cannot write …: model.yaml is a file, not a folder`, exit 1, no traceback.",
    ),
    Case(
        "write-keeps-permissions",
        AREA,
        "`-o` over an existing file with its own permissions (`0640`)",
        "The file is replaced whole and keeps its permissions; a new file gets the usual ones (`0666` less the umask).",
    ),
    Case(
        "write-standard-output",
        AREA,
        "`-o /dev/stdout`, with standard output a pipe or a file",
        "The document goes through standard output, byte-identical to `-o FILE`; `/dev/stdout` stays a link.",
    ),
    Case(
        "write-symbolic-link",
        AREA,
        "`-o` naming a symbolic link to a file",
        "The file the link points to is replaced whole; the link stays a link.",
    ),
]

MINIMAL = MODELS / "minimal.yaml"
OLD = b"the previous output, which must survive\n" * 50


def run(
    *args: str | Path,
    cwd: Path = ROOT,
    size_limit: int | None = None,
    stdout: int | IO[bytes] = subprocess.PIPE,
) -> subprocess.CompletedProcess[bytes]:
    """Run `python -m tocmodel ARGS` in a fresh process; with `size_limit`, no file it writes may grow past that
    many bytes (writing more fails with EFBIG rather than the signal that would otherwise kill the process)."""

    def limited() -> None:
        assert size_limit is not None
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size_limit, size_limit))

    return subprocess.run(
        [sys.executable, "-m", "tocmodel", *map(str, args)],
        cwd=cwd,
        env=_environment(),
        stdout=stdout,
        stderr=subprocess.PIPE,
        preexec_fn=limited if size_limit else None,
        timeout=120,
        check=False,
    )


def _environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1"}


def messages(result: subprocess.CompletedProcess[bytes]) -> str:
    """What the command said, on either stream; never a traceback."""
    said = (result.stdout or b"").decode("utf-8", "replace") + result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in said, said
    return said


def temporary_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp"))


def broken_model(folder: Path) -> Path:
    path = folder / "broken.yaml"
    path.write_text(MINIMAL.read_text(encoding="utf-8").replace("lead: moe", "lead: nobody"), encoding="utf-8")
    return path


def previous(folder: Path, name: str) -> Path:
    target = folder / name
    target.write_bytes(OLD)
    return target


# -- the commands that write a file ------------------------------------------------------------------------


@dataclass(frozen=True)
class Writer:
    """A command that writes a file with `-o`, and what it needs."""

    name: str
    arguments: Callable[[Path, Path], list[str | Path]]
    """The command's arguments given the scratch folder and the output file."""


def _xlsx_logframe(folder: Path) -> Path:
    path = folder / "logframe.xlsx"
    if not path.exists():
        assert run("logframe", MINIMAL, "-f", "xlsx", "-o", path).returncode == 0
    return path


def _iati_file(folder: Path) -> Path:
    path = folder / "activity.xml"
    if not path.exists():
        assert run("export", "iati", MINIMAL, "-o", path).returncode == 0
    return path


WRITERS = (
    Writer("diagram svg", lambda folder, out: ["diagram", MINIMAL, "-f", "svg", "-o", out]),
    Writer("diagram png", lambda folder, out: ["diagram", MINIMAL, "-f", "png", "-o", out]),
    Writer("diagram pdf", lambda folder, out: ["diagram", MINIMAL, "-f", "pdf", "--engine", "dot", "-o", out]),
    Writer("diagram mermaid", lambda folder, out: ["diagram", MINIMAL, "-f", "mermaid", "-o", out]),
    Writer("logframe html", lambda folder, out: ["logframe", MINIMAL, "-f", "html", "-o", out]),
    Writer("logframe md", lambda folder, out: ["logframe", MINIMAL, "-f", "md", "-o", out]),
    Writer("logframe docx", lambda folder, out: ["logframe", MINIMAL, "-f", "docx", "-o", out]),
    Writer("logframe xlsx", lambda folder, out: ["logframe", MINIMAL, "-f", "xlsx", "-o", out]),
    Writer("export iati", lambda folder, out: ["export", "iati", MINIMAL, "-o", out]),
    Writer("import iati", lambda folder, out: ["import", "iati", _iati_file(folder), "-o", out]),
    Writer("import xlsx", lambda folder, out: ["import", "xlsx", _xlsx_logframe(folder), "-o", out]),
    Writer("schema", lambda folder, out: ["schema", "-o", out]),
)
"""Every command that writes a file, in every output format (`tocmodel new` is tried on its own)."""


# -- the cases ---------------------------------------------------------------------------------------------


def _failed_render_keeps(tmp_path: Path, commands: Sequence[Sequence[str | Path]], code: int) -> None:
    for number, command in enumerate(commands):
        target = previous(tmp_path, f"out{number}")
        result = run(*command, "-o", target)
        said = messages(result)
        assert result.returncode == code, (command, said)
        assert target.read_bytes() == OLD, command
        assert temporary_files(tmp_path) == []


def case_model_with_errors(tmp_path: Path) -> None:
    model = broken_model(tmp_path)
    commands: list[list[str | Path]] = [
        ["diagram", model, "-f", "svg"],
        ["logframe", model, "-f", "docx"],
        ["logframe", model, "-f", "xlsx"],
        ["export", "iati", model],
    ]
    _failed_render_keeps(tmp_path, commands, 1)
    said = messages(run("diagram", model, "-o", tmp_path / "out0"))
    assert "TOC101" in said and "nobody" in said and "nothing else was done" in said


def case_bad_focus(tmp_path: Path) -> None:
    for view in ("pathway", "stage", "actor"):
        target = previous(tmp_path, f"{view}.svg")
        result = run("diagram", MINIMAL, "--view", view, "--focus", "no-such-thing", "-o", target)
        assert result.returncode == 2 and "`no-such-thing`" in messages(result)
        assert target.read_bytes() == OLD and temporary_files(tmp_path) == []


def case_bad_option(tmp_path: Path) -> None:
    commands: list[list[str | Path]] = [
        ["diagram", MINIMAL, "-f", "svgz"],
        ["diagram", MINIMAL, "--view", "galaxy"],
        ["logframe", MINIMAL, "--style", "world-bank"],
        ["logframe", MINIMAL, "-f", "pdf"],
    ]
    _failed_render_keeps(tmp_path, commands, 2)
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "logframe.html.j2").write_text("<h1>{{ lf.title }}</h1>\n{% for x in %}\n", encoding="utf-8")
    target = previous(tmp_path, "logframe.html")
    result = run("logframe", MINIMAL, "--templates", templates, "-o", target)
    assert result.returncode == 1 and "line 2" in messages(result)
    assert target.read_bytes() == OLD and temporary_files(tmp_path) == []


def case_file_too_large(tmp_path: Path) -> None:
    for writer in WRITERS:
        target = tmp_path / "out"
        assert run(*writer.arguments(tmp_path, target)).returncode == 0, writer.name
        whole = target.read_bytes()
        target.write_bytes(OLD)
        # The disk takes half of the file, then refuses the rest.
        result = run(*writer.arguments(tmp_path, target), size_limit=len(whole) // 2)
        said = messages(result)
        assert result.returncode == 1, (writer.name, said)
        assert f"Error: cannot write {target}: File too large" in said, (writer.name, said)
        assert target.read_bytes() == OLD, writer.name
        assert temporary_files(tmp_path) == [], writer.name
    # openpyxl writes each sheet to a scratch file in the system's temporary folder before the workbook.
    target = previous(tmp_path, "logframe.xlsx")
    result = run("logframe", MINIMAL, "-f", "xlsx", "-o", target, size_limit=512)
    assert result.returncode == 1
    assert "Error: cannot write the workbook's scratch files in " in messages(result)
    assert "File too large" in messages(result) and "Exception ignored" not in messages(result)
    assert target.read_bytes() == OLD and temporary_files(tmp_path) == []
    folder = tmp_path / "country"
    result = run("new", folder, "--country", "KE", size_limit=512)
    assert result.returncode == 1
    assert f"Error: cannot write in {folder}: File too large" in messages(result)
    assert list(folder.iterdir()) == []


def _synthetic_model(folder: Path, nodes: int) -> Path:
    path = folder / f"synthetic-{nodes}.yaml"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "synthetic.py"), str(nodes), "-o", str(path)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return path


def _start(arguments: Sequence[str | Path]) -> subprocess.Popen[bytes]:
    """The command in a session of its own, so that killing it kills its layout engine too."""
    return subprocess.Popen(
        [sys.executable, "-m", "tocmodel", *map(str, arguments)],
        cwd=ROOT,
        env=_environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _kill(process: subprocess.Popen[bytes]) -> None:
    with suppress(ProcessLookupError):  # it had finished
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=60)


def _kill_while_writing(arguments: Sequence[str | Path], target: Path) -> list[str]:
    """Start the command over the old file and kill it the moment its temporary file appears: the temporary
    files left, or [] when the kill came too late to catch the write (the file was renamed into place)."""
    target.write_bytes(OLD)
    process = _start(arguments)
    try:
        while process.poll() is None and not temporary_files(target.parent):
            pass
    finally:
        _kill(process)
    return temporary_files(target.parent) if target.read_bytes() == OLD else []


def case_killed(tmp_path: Path) -> None:
    model = _synthetic_model(tmp_path, 300)
    output = tmp_path / "out"
    output.mkdir()
    target = output / "toc.svg"
    command: list[str | Path] = ["diagram", model, "-f", "svg", "--engine", "dot", "-o", target]
    started = time.monotonic()
    assert run(*command).returncode == 0
    duration = time.monotonic() - started
    new = target.read_bytes()
    assert len(new) > 100_000 and new != OLD
    outcomes = []
    for trial in range(10):
        target.write_bytes(OLD)
        process = _start(command)
        time.sleep(duration * (trial + 0.5) / 10)
        _kill(process)
        found = target.read_bytes()
        assert found in (OLD, new), f"trial {trial}: a partial file of {len(found)} bytes"
        outcomes.append("old" if found == OLD else "new")
        for stray in temporary_files(output):  # only from a kill inside the write
            (output / stray).unlink()
        assert sorted(p.name for p in output.iterdir()) == ["toc.svg"]
    assert "old" in outcomes  # the early kills came before the write
    strays = next(filter(None, (_kill_while_writing(command, target) for _ in range(10))), [])
    assert len(strays) == 1 and strays[0].startswith(".toc.svg."), "never caught the write in progress"
    assert target.read_bytes() == OLD
    assert new.startswith((output / strays[0]).read_bytes())  # as much of the new file as was written
    # The next run writes the file whole and removes the stray: the process that left it is gone.
    (output / ".toc.svg.notapid.tmp").write_bytes(b"")  # not one of tocmodel's: left alone
    assert run(*command).returncode == 0
    assert target.read_bytes() == new and temporary_files(output) == [".toc.svg.notapid.tmp"]


def case_read_only_folder(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        # Permissions do not stop root: sysfs refuses to create files, even for root.
        folder = Path("/sys/kernel")
        before = sorted(os.listdir(folder))
        target = folder / "toc.svg"
    else:
        folder = tmp_path / "locked"
        folder.mkdir()
        target = previous(folder, "toc.svg")
        folder.chmod(0o555)
        before = sorted(os.listdir(folder))
    try:
        result = run("diagram", MINIMAL, "-o", target)
        assert result.returncode == 1
        assert f"Error: cannot write {target}: Permission denied" in messages(result)
        assert sorted(os.listdir(folder)) == before
        if os.geteuid() != 0:
            assert target.read_bytes() == OLD
    finally:
        if os.geteuid() != 0:
            folder.chmod(0o755)


def case_target_is_folder(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "inside").write_bytes(OLD)
    for command in (["diagram", MINIMAL], ["logframe", MINIMAL, "-f", "docx"], ["export", "iati", MINIMAL], ["schema"]):
        result = run(*command, "-o", folder)
        assert result.returncode == 2 and f"`{folder}` is a folder, not a file" in messages(result), command
        assert [p.name for p in folder.iterdir()] == ["inside"] and (folder / "inside").read_bytes() == OLD


def case_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "build" / "docs" / "logframe.docx"
    result = run("logframe", MINIMAL, "-f", "docx", "-o", target)
    assert result.returncode == 0 and f"wrote {target}" in messages(result)
    assert target.read_bytes().startswith(b"PK") and temporary_files(target.parent) == []


def case_file_in_the_way(tmp_path: Path) -> None:
    blocking = tmp_path / "model.yaml"
    blocking.write_bytes(OLD)
    for target in (blocking / "out.svg", blocking / "deeper" / "out.svg"):
        result = run("diagram", MINIMAL, "-o", target)
        assert result.returncode == 1
        assert f"Error: cannot write {target}: {blocking} is a file, not a folder" in messages(result)
        assert blocking.read_bytes() == OLD


def case_keeps_permissions(tmp_path: Path) -> None:
    target = previous(tmp_path, "logframe.xlsx")
    target.chmod(0o640)
    assert run("logframe", MINIMAL, "-f", "xlsx", "-o", target).returncode == 0
    assert target.read_bytes().startswith(b"PK")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    fresh = tmp_path / "fresh.svg"
    assert run("diagram", MINIMAL, "-f", "dot", "-o", fresh).returncode == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask
    assert temporary_files(tmp_path) == []


def case_standard_output(tmp_path: Path) -> None:
    reference = tmp_path / "reference.svg"
    assert run("diagram", MINIMAL, "-o", reference).returncode == 0
    piped = run("diagram", MINIMAL, "-o", "/dev/stdout")
    assert piped.returncode == 0 and "wrote /dev/stdout" in messages(piped)
    assert piped.stdout == reference.read_bytes()
    sent = tmp_path / "sent.svg"
    with sent.open("wb") as stream:
        to_file = run("diagram", MINIMAL, "-o", "/dev/stdout", stdout=stream)
    assert to_file.returncode == 0
    assert sent.read_bytes() == reference.read_bytes()
    assert os.path.islink("/dev/stdout")
    assert temporary_files(tmp_path) == []


def case_symbolic_link(tmp_path: Path) -> None:
    real = previous(tmp_path, "real.md")
    link = tmp_path / "link.md"
    link.symlink_to(real.name)
    assert run("logframe", MINIMAL, "-f", "md", "-o", link).returncode == 0
    assert link.is_symlink() and os.readlink(link) == "real.md"
    assert real.read_bytes().startswith(b"# ") and real.read_bytes() != OLD
    assert temporary_files(tmp_path) == []


CASES: dict[str, Callable[[Path], None]] = {
    "write-model-with-errors": case_model_with_errors,
    "write-bad-focus": case_bad_focus,
    "write-bad-option": case_bad_option,
    "write-file-too-large": case_file_too_large,
    "write-killed": case_killed,
    "write-read-only-folder": case_read_only_folder,
    "write-target-is-folder": case_target_is_folder,
    "write-missing-folder": case_missing_folder,
    "write-file-in-the-way": case_file_in_the_way,
    "write-keeps-permissions": case_keeps_permissions,
    "write-standard-output": case_standard_output,
    "write-symbolic-link": case_symbolic_link,
}


def test_every_case_has_a_test() -> None:
    assert list(CASES) == case_ids(RELIABILITY_CASES)
    assert all(case.area == AREA and case.id.startswith("write-") for case in RELIABILITY_CASES)


@pytest.mark.parametrize("case", RELIABILITY_CASES, ids=case_ids(RELIABILITY_CASES))
def test_writing_output(case: Case, tmp_path: Path) -> None:
    CASES[case.id](tmp_path)
