"""The standalone app: build it with build.spec and run its self-test (slow: ~1 minute)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from test_packaging import run_packager

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("PyInstaller", reason="pyinstaller is not installed (the `build` extra)")
    out = tmp_path_factory.mktemp("pyinstaller")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level=WARN",
            f"--distpath={out / 'dist'}",
            f"--workpath={out / 'work'}",
            str(ROOT / "build.spec"),
        ],
        cwd=ROOT,
        check=True,
    )
    return out / "dist" / "syntopic"


def app_env(home: Path) -> dict[str, str]:
    """A clean user: no display, settings and documents under ``home``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "SYNTOPIC_"))}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(home), USERPROFILE=str(home))
    env["SYNTOPIC_CACHE_DIR"] = str(home / "cache")
    return env


def run_app(bundle: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    exe = bundle / ("syntopic.exe" if sys.platform == "win32" else "syntopic")
    return subprocess.run(
        [str(exe), *args],
        env=app_env(home),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_bundle_passes_its_self_test(bundle: Path, tmp_path: Path) -> None:
    done = run_app(bundle, tmp_path, "--self-test")
    print(done.stdout)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "(standalone," in done.stdout
    assert done.stdout.rstrip().splitlines()[-1].startswith("self-test passed")


def test_the_bundle_knows_its_version_and_its_subcommands(bundle: Path, tmp_path: Path) -> None:
    from syntopic import __version__

    assert run_app(bundle, tmp_path, "--version").stdout.strip() == f"syntopic {__version__}"
    vault = bundle / "_internal" / "vault"
    stats = run_app(bundle, tmp_path, "stats", str(vault), "--json")
    assert stats.returncode == 0, stats.stderr
    assert '"notes": ' in stats.stdout


def test_the_first_run_opens_a_copy_of_the_example_library(bundle: Path, tmp_path: Path) -> None:
    bundled = bundle / "_internal" / "vault"
    before = sorted(p.relative_to(bundled) for p in bundled.rglob("*"))
    shot = tmp_path / "first.png"
    done = run_app(bundle, tmp_path, "--screenshot", str(shot))
    assert done.returncode == 0, done.stderr
    assert shot.stat().st_size > 10_000
    library = tmp_path / "Documents" / "Syntopic Library"
    assert sorted(p.relative_to(library) for p in library.rglob("*")) == before
    # the second run opens the same library and copies nothing more
    done = run_app(bundle, tmp_path, "--screenshot", str(tmp_path / "second.png"))
    assert done.returncode == 0, done.stderr
    assert [p.name for p in (tmp_path / "Documents").iterdir()] == ["Syntopic Library"]
    assert sorted(p.relative_to(bundled) for p in bundled.rglob("*")) == before


def test_the_bundle_leaves_out_what_the_app_does_not_use(bundle: Path) -> None:
    inside = bundle / "_internal"
    assert (inside / "resources" / "icons" / "syntopic.png").is_file()
    assert (inside / "vault").is_dir()
    unused_parts = (
        "numpy",
        "PySide6/QtNetwork.abi3.so",
        "PySide6/Qt/translations",
        "PySide6/Qt/qml",
    )
    for unused in unused_parts:
        assert not (inside / unused).exists(), unused
    qt_libs = {p.name.split(".")[0] for p in (inside / "PySide6" / "Qt" / "lib").iterdir()}
    assert not qt_libs & {"libQt6Network", "libQt6Qml", "libQt6Quick", "libQt6OpenGLWidgets"}


# -- the Linux packages of that same folder (packaging/linux.py): installed, they work --
# Built with light compression (--fast): what is tested is their contents and
# install steps; `make tarball` and `make deb` compress harder.


def self_test(exe: Path, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(exe), "--self-test"], env=app_env(home), capture_output=True, text=True, timeout=120
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the tarball is Linux's")
def test_the_tarball_installs_and_the_installed_app_passes_its_self_test(
    bundle: Path, tmp_path: Path
) -> None:
    import tarfile

    tarball = run_packager("tarball", bundle, tmp_path / "out")
    with tarfile.open(tarball) as tar:
        tar.extractall(tmp_path / "unpacked", filter="tar")
    (top,) = (tmp_path / "unpacked").iterdir()
    prefix = tmp_path / "prefix"
    installer = str(top / "install.sh")
    subprocess.run([installer, "--prefix", str(prefix)], check=True, capture_output=True)
    done = self_test(prefix / "bin" / "syntopic", tmp_path / "home")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.rstrip().splitlines()[-1].startswith("self-test passed")
    subprocess.run([installer, "--uninstall", "--prefix", str(prefix)], check=True)
    assert not (prefix / "opt").exists() and not (prefix / "bin" / "syntopic").exists()


def test_the_deb_unpacked_passes_its_self_test(bundle: Path, tmp_path: Path) -> None:
    import shutil

    if shutil.which("dpkg-deb") is None:
        pytest.skip("dpkg-deb is not installed (Debian: dpkg)")
    deb = run_packager("deb", bundle, tmp_path / "out")
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    assert os.readlink(root / "usr" / "bin" / "syntopic") == "/opt/syntopic/syntopic"
    done = self_test(root / "opt" / "syntopic" / "syntopic", tmp_path / "home")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.rstrip().splitlines()[-1].startswith("self-test passed")
