"""Linux packages from the PyInstaller folder: a self-installing tarball and a .deb.

    python packaging/linux.py tarball dist/syntopic dist/  -> dist/Syntopic-<version>-x86_64.tar.gz
    python packaging/linux.py deb dist/syntopic dist/      -> dist/syntopic_<version>_amd64.deb

Both carry the folder as built (nothing is rebuilt), the menu entry, the AppStream
metainfo and the icon at every size. `make tarball` and `make deb` run these.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP_ID = "org.syntopic.Syntopic"
LINUX = ROOT / "packaging" / "linux"
HICOLOR = ROOT / "resources" / "icons" / "hicolor"
DEB_ARCH = {"x86_64": "amd64", "aarch64": "arm64"}
# What the folder takes from the system rather than carrying (found with ldd over
# every library in it): the C library (the build machine's: Debian 12 asks for
# glibc 2.36), and OpenGL/EGL and the X connection, which must match the machine's
# own. Wayland's client libraries only matter in a Wayland session.
DEB_DEPENDS = "libc6 (>= 2.36), libgl1, libegl1, libxcb1"
DEB_RECOMMENDS = "libwayland-client0, libwayland-cursor0, libwayland-egl1"
MAINTAINER = "Syntopic maintainers <maintainers@syntopic.invalid>"


def version() -> str:
    text = (ROOT / "app" / "syntopic" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if not found:
        raise SystemExit("no __version__ in app/syntopic/__init__.py")
    return found.group(1)


def check_bundle(bundle: Path) -> None:
    if not (bundle / "syntopic").is_file() or not (bundle / "_internal").is_dir():
        raise SystemExit(f"{bundle} is not the PyInstaller folder (run `make build` first)")


def add_desktop_files(share: Path) -> None:
    """share/applications, share/metainfo and share/icons/hicolor under ``share``."""
    (share / "applications").mkdir(parents=True, exist_ok=True)
    (share / "metainfo").mkdir(parents=True, exist_ok=True)
    shutil.copy(LINUX / f"{APP_ID}.desktop", share / "applications")
    shutil.copy(LINUX / f"{APP_ID}.metainfo.xml", share / "metainfo")
    shutil.copytree(HICOLOR, share / "icons" / "hicolor", dirs_exist_ok=True)


def _owned_by_root(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def build_tarball(bundle: Path, out_dir: Path, level: int = 6) -> Path:
    """Syntopic-<version>-<machine>.tar.gz: install.sh beside app/ (the folder) and share/."""
    check_bundle(bundle)
    name = f"Syntopic-{version()}-{platform.machine()}"
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{name}.tar.gz"
    with tempfile.TemporaryDirectory() as tmp:
        share = Path(tmp) / "share"
        add_desktop_files(share)
        partial = target.with_suffix(".part")
        with tarfile.open(partial, "w:gz", compresslevel=level) as tar:
            tar.add(ROOT / "packaging" / "install.sh", f"{name}/install.sh", filter=_owned_by_root)
            tar.add(share, f"{name}/share", filter=_owned_by_root)
            tar.add(bundle, f"{name}/app", filter=_owned_by_root)
        partial.replace(target)
    return target


def _control(size_kib: int) -> str:
    arch = DEB_ARCH.get(platform.machine(), platform.machine())
    return (
        f"Package: syntopic\nVersion: {version()}\nArchitecture: {arch}\n"
        f"Maintainer: {MAINTAINER}\nInstalled-Size: {size_kib}\nDepends: {DEB_DEPENDS}\n"
        f"Recommends: {DEB_RECOMMENDS}\n"
        "Section: text\nPriority: optional\n"
        "Description: browse linked Markdown notes and compare what books say\n"
        " Syntopic opens a vault (a folder of Markdown notes joined by wiki links, as\n"
        " Obsidian keeps them), draws it as a graph and renders every note with its\n"
        " backlinks in context; for a concept it shows what each book in the library\n"
        " says about it, side by side.\n"
        " .\n"
        " A standalone build: Python and Qt are inside /opt/syntopic.\n"
    )


def _tree_size_kib(root: Path) -> int:
    total = sum(p.lstat().st_size for p in root.rglob("*") if not p.is_dir())
    return (total + 1023) // 1024


def stage_deb(bundle: Path, stage: Path) -> None:
    """The installed file tree under ``stage``, with DEBIAN/control."""
    shutil.copytree(bundle, stage / "opt" / "syntopic", symlinks=True)
    (stage / "usr" / "bin").mkdir(parents=True)
    # across top-level folders Debian links absolutely
    (stage / "usr" / "bin" / "syntopic").symlink_to("/opt/syntopic/syntopic")
    add_desktop_files(stage / "usr" / "share")
    doc = stage / "usr" / "share" / "doc" / "syntopic"
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        "Upstream-Name: Syntopic\n\nFiles: *\nLicense: MIT\n"
        " The MIT License (the project's pyproject.toml); the bundled Python, Qt and\n"
        " PySide6 keep their own licences (PSF, LGPL-3.0), in /opt/syntopic/_internal.\n"
    )
    size = _tree_size_kib(stage)
    (stage / "DEBIAN").mkdir()
    (stage / "DEBIAN" / "control").write_text(_control(size))
    for path in [stage, *stage.rglob("*")]:
        if path.is_symlink():
            continue
        # what dpkg expects whatever the umask: directories and programs 755, files 644
        executable = path.is_dir() or os.access(path, os.X_OK)
        path.chmod(0o755 if executable else 0o644)


def build_deb(bundle: Path, out_dir: Path, compression: str = "xz", level: int = 6) -> Path:
    """syntopic_<version>_<arch>.deb, built by dpkg-deb with files owned by root."""
    check_bundle(bundle)
    if shutil.which("dpkg-deb") is None:
        raise SystemExit("dpkg-deb is not installed (Debian: dpkg)")
    arch = DEB_ARCH.get(platform.machine(), platform.machine())
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"syntopic_{version()}_{arch}.deb"
    with tempfile.TemporaryDirectory() as tmp:
        stage = Path(tmp) / "root"
        stage_deb(bundle, stage)
        subprocess.run(
            [
                "dpkg-deb",
                "--root-owner-group",
                f"-Z{compression}",
                f"-z{level}",
                "--build",
                str(stage),
                str(target),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=("tarball", "deb"))
    parser.add_argument("bundle", type=Path, help="the PyInstaller folder (dist/syntopic)")
    parser.add_argument("out", type=Path, help="where to write the package")
    parser.add_argument(
        "--fast", action="store_true", help="light compression (for tests): gzip level 1"
    )
    args = parser.parse_args(argv)
    if args.kind == "tarball":
        made = build_tarball(args.bundle, args.out, level=1 if args.fast else 6)
    else:
        made = build_deb(
            args.bundle, args.out, "gzip" if args.fast else "xz", 1 if args.fast else 6
        )
    print(made)
    return 0


if __name__ == "__main__":
    sys.exit(main())
