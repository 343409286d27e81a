"""PostgreSQL clusters and Odoo configurations for ``scripts/test-replica``
and ``scripts/test-load``: a cluster in a folder of its own (its data, socket
and port), run as its owner (the postgres system user when run as root: initdb
refuses root), and the Odoo configuration that points at a primary and,
optionally, its read replica. Everything stays on this machine."""

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def cluster_folder(name):
    """``.pgdata/<name>`` of the checkout, or a folder under /tmp when the
    postgres system user cannot reach the checkout (e.g. under /root)."""
    folder = ROOT / ".pgdata" / name
    if (
        os.getuid() == 0
        and subprocess.run(
            ["runuser", "-u", "postgres", "--", "test", "-x", str(ROOT)], check=False
        ).returncode
    ):
        import hashlib

        digest = hashlib.md5(str(ROOT).encode()).hexdigest()[:12]
        folder = Path("/tmp") / f"client_base_{name}_{digest}"
    return folder


def pg_bin(name):
    found = subprocess.run(
        ["pg_config", "--bindir"], capture_output=True, text=True, check=False
    ).stdout.strip()
    candidates = [found] if found else []
    candidates += sorted(
        (str(path) for path in Path("/usr/lib/postgresql").glob("*/bin")),
        reverse=True,
    )
    for directory in candidates:
        if directory and os.access(os.path.join(directory, name), os.X_OK):
            return os.path.join(directory, name)
    found = shutil.which(name)
    if not found:
        sys.exit(f"PostgreSQL's {name} is not installed (Debian: postgresql)")
    return found


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """A PostgreSQL cluster of this test: its own folder, socket and port.
    As root, it belongs to the postgres system user (initdb refuses root).
    ``data``, ``socket`` and ``port`` name an existing cluster instead (the
    project's own, whose replica a load test serves)."""

    def __init__(self, folder, data=None, socket=None, port=None):
        self.folder = folder
        self.data = data or folder / "data"
        self.socket = socket or folder / "run"
        self.port_file = folder.parent / f"{folder.name}.port"
        if port:
            self.port = port
        elif self.port_file.exists():
            self.port = int(self.port_file.read_text())
        else:
            self.port = free_port()
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []

    def run(self, *command, **kwargs):
        return subprocess.run(
            [*self.as_owner, *command],
            check=True,
            capture_output=True,
            text=True,
            **kwargs,
        )

    def prepare(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        self.port_file.write_text(str(self.port))
        self.socket.mkdir(exist_ok=True)
        if self.as_owner:
            shutil.chown(self.folder, "postgres")
            shutil.chown(self.socket, "postgres")

    def start(self, *settings):
        options = [
            f"-k {self.socket}",
            f"-p {self.port}",
            "-c listen_addresses=''",
            "-c fsync=off",
            *(f"-c {setting}" for setting in settings),
        ]
        self.run(
            pg_bin("pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.folder / "log"),
            "-w",
            "-t",
            "120",
            "-o",
            " ".join(options),
            "start",
        )

    def stop(self):
        if (self.data / "postmaster.pid").exists():
            subprocess.run(
                [
                    *self.as_owner,
                    pg_bin("pg_ctl"),
                    "-D",
                    str(self.data),
                    "stop",
                    "-m",
                    "fast",
                ],
                check=False,
                capture_output=True,
            )

    def sql(self, query, database="postgres"):
        return subprocess.run(
            [
                pg_bin("psql"),
                "-X",
                "-At",
                "-h",
                str(self.socket),
                "-p",
                str(self.port),
                "-U",
                "odoo",
                "-d",
                database,
                "-c",
                query,
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()


def odoo_conf(folder, primary, replica=None):
    # the suite and Odoo's own addons, as scripts/odoo-env gives them
    import odoo

    odoo_root = Path(odoo.__file__).resolve().parent
    paths = [str(ROOT), str(odoo_root / "addons")]
    if (odoo_root.parent / "addons" / "sale").is_dir():
        paths.insert(1, str(odoo_root.parent / "addons"))
    addons_path = ",".join(paths)
    lines = [
        "[options]",
        f"addons_path = {addons_path}",
        f"data_dir = {folder / 'filestore'}",
        f"db_host = {primary.socket}",
        f"db_port = {primary.port}",
        "db_user = odoo",
        "db_password = False",
    ]
    if replica:
        lines += [
            f"db_replica_host = {replica.socket}",
            f"db_replica_port = {replica.port}",
        ]
    conf = folder / ("odoo-replica.conf" if replica else "odoo.conf")
    conf.write_text("\n".join(lines) + "\n")
    return conf
