"""The CDNOW sample, public data the predicted client value is proven on.

2,357 customers of the online music shop CDNOW who made their first purchase
in the first quarter of 1997, and their purchases until the end of June 1998
(Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way"; the data as
Bruce Hardie publishes it). The files are those of the ``lifetimes`` wheel on
PyPI (MIT licence), read from the wheel itself, which is downloaded once with
pip into ``$CLIENT_BASE_CACHE`` (``~/.cache/client-base`` by default):

- ``cdnow_customers_summary_with_transactions.csv``: per customer x (repeat
  purchases), t_x and T in weeks over the 39-week calibration period, and
  zbar (the average value of the repeat purchases);
- ``CDNOW_sample.txt``: the purchases (customer, day, CDs, dollar value).

``python3 client_base_analysis/tests/cdnow.py`` downloads the wheel ahead of
the tests (CI does). No test skips for want of it: a failed download fails.
"""

import csv
import io
import os
import subprocess
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path

REQUIREMENT = "lifetimes==0.11.3"
WHEEL_GLOB = "[Ll]ifetimes-0.11.3-*.whl"
# the calibration period of the published estimates ends on this day
CALIBRATION_END = date(1997, 9, 30)
CALIBRATION_WEEKS = 39
HOLDOUT_WEEKS = 39


def cache_dir():
    return Path(
        os.environ.get("CLIENT_BASE_CACHE") or Path.home() / ".cache" / "client-base"
    )


def wheel_path():
    """The wheel's path, downloaded when it is not there yet."""
    folder = cache_dir()
    found = sorted(folder.glob(WHEEL_GLOB))
    if not found:
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                "--disable-pip-version-check", "--dest", str(folder), REQUIREMENT,
            ],
            check=True,
        )  # fmt: skip
        found = sorted(folder.glob(WHEEL_GLOB))
    if not found:
        raise RuntimeError(f"{REQUIREMENT} was not downloaded into {folder}")
    return found[0]


def read(name):
    with zipfile.ZipFile(wheel_path()) as wheel:
        return wheel.read(f"lifetimes/datasets/{name}").decode()


def summary():
    """Per customer, in the order of their ids: ``(x, t_x, T, zbar)``."""
    rows = csv.DictReader(
        io.StringIO(read("cdnow_customers_summary_with_transactions.csv"))
    )
    return [
        (int(row["x"]), float(row["t_x"]), float(row["T"]), float(row["zbar"]))
        for row in sorted(rows, key=lambda row: int(row["ID"]))
    ]


def transactions():
    """The purchases: ``(customer id, day, dollar value)``."""
    purchases = []
    for line in read("CDNOW_sample.txt").splitlines():
        if line.strip():
            _master_id, customer, day, _cds, value = line.split()
            purchases.append(
                (
                    int(customer),
                    datetime.strptime(day, "%Y%m%d").date(),
                    float(value),
                )
            )
    return purchases


if __name__ == "__main__":
    sys.stdout.write(f"{wheel_path()}\n")
