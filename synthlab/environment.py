"""What the kit runs on, and proof that it works with the network switched off."""

from __future__ import annotations

import contextlib
import importlib.metadata
import platform
import socket
from collections.abc import Iterator
from dataclasses import dataclass

PACKAGES = ("synthlab", "pandas", "numpy", "sdv", "sdmetrics", "torch", "scikit-learn",
            "imbalanced-learn", "Faker", "matplotlib", "ipywidgets", "jupyterlab")


class NetworkUsed(RuntimeError):
    """Raised when code inside ``no_network()`` tries to open a connection."""


def versions() -> dict[str, str]:
    """The installed version of Python and of each package the kit builds on."""
    found = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def format_versions(found: dict[str, str]) -> str:
    """One line per package, dotted to line up: ``sdv ........ 2.0.0``."""
    width = max(map(len, found)) + 4
    return "\n".join(f"{name} {'.' * (width - len(name))} {version}"
                     for name, version in found.items())


@contextlib.contextmanager
def no_network() -> Iterator[list[str]]:
    """Refuse every outgoing connection inside the block, and list the attempts.

    Connections to this machine (127.0.0.1, ::1, local sockets) stay allowed:
    Jupyter itself talks to its kernel that way.
    """
    attempts: list[str] = []
    original = socket.socket.connect

    def guarded(sock, address):
        host = address[0] if isinstance(address, tuple) else str(address)
        if sock.family == socket.AF_UNIX or host in ("127.0.0.1", "::1", "localhost"):
            return original(sock, address)
        attempts.append(str(host))
        raise NetworkUsed(f"synthlab tried to reach {host} while the network was off")

    socket.socket.connect = guarded
    try:
        yield attempts
    finally:
        socket.socket.connect = original


def offline_check(seed: int = 0) -> dict:
    """Load a shipped table, fit a generator and sample from it, network off.

    Returns what was done and the connections that were attempted (none, for
    the check to pass).
    """
    import synthlab

    with no_network() as attempts:
        dataset = synthlab.datasets.load("german_credit")
        synthetic = synthlab.generate(dataset, "gaussian_copula", 100, seed=seed)
    return {
        "dataset": dataset.name,
        "synthetic_rows": len(synthetic),
        "connections_attempted": list(attempts),
    }
