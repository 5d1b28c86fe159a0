import subprocess
import sys
import warnings

import numpy as np
import pytest

from synthlab import _env, environment


def run_python(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    return result.stdout.strip()


def test_import_synthlab_loads_no_heavy_library():
    loaded = run_python(
        "import sys, synthlab\n"
        "heavy = ['sdv', 'torch', 'sklearn', 'matplotlib', 'ipywidgets', 'sdmetrics']\n"
        "print(','.join(m for m in heavy if m in sys.modules))"
    )
    assert loaded == ""


def test_import_synthlab_limits_native_threads():
    limits = run_python(
        "import synthlab, threadpoolctl\n"
        "print(sorted({p['num_threads'] for p in threadpoolctl.threadpool_info()}))"
    )
    assert limits == "[1]"


def test_rng_gives_the_same_draws_for_the_same_seed():
    assert _env.rng(7).random(3).tolist() == _env.rng(7).random(3).tolist()
    assert _env.rng(7).random(3).tolist() != _env.rng(8).random(3).tolist()
    generator = np.random.default_rng(1)
    assert _env.rng(generator) is generator


def test_seed_everything_seeds_numpy_and_torch():
    torch = pytest.importorskip("torch")
    _env.seed_everything(3)
    first = (np.random.random(), torch.rand(1).item())
    _env.seed_everything(3)
    assert (np.random.random(), torch.rand(1).item()) == first
    assert torch.get_num_threads() == 1


def test_quiet_filters_are_narrow():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        _env.configure()
        warnings.warn("something the learner should see", UserWarning)
    assert [str(w.message) for w in caught] == ["something the learner should see"]


def test_show_progress_is_off_under_the_test_suite():
    assert _env.show_progress() is False


def test_no_network_refuses_outside_connections_and_lists_them():
    import socket

    with environment.no_network() as attempts:
        with socket.socket() as sock, pytest.raises(
                environment.NetworkUsed, match="tried to reach 192.0.2.1"):
            sock.connect(("192.0.2.1", 80))
    assert attempts == ["192.0.2.1"]


def test_versions_name_every_package():
    found = environment.versions()
    assert set(environment.PACKAGES) <= set(found)
    text = environment.format_versions({"sdv": "2.0.0", "python": "3.11"})
    assert text.splitlines() == ["sdv ....... 2.0.0", "python .... 3.11"]
