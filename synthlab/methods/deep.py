"""Deep generative methods: SDV's CTGAN (a conditional GAN) and TVAE (an autoencoder).

Two presets set the training budget:

* ``quick`` (the default) trains for a few seconds on a 1,000-row table on one
  core: enough to see what the method does, not enough to see it at its best;
* ``thorough`` uses SDV's own defaults (300 epochs): minutes on a laptop.

``epochs=`` overrides the preset. Progress bars show only when
``synthlab._env.show_progress()`` is true (at a terminal or in Jupyter, never
under the test suite). ``condition={"risk": 0}`` samples rows of one class, for
instance a rare one, through SDV's conditional sampling.
"""

from __future__ import annotations

import pandas as pd

from synthlab import _env
from synthlab.datasets import Dataset
from synthlab.errors import MethodError
from synthlab.methods._sdv import fit_and_sample

PRESETS = {
    "ctgan": {
        "quick": {"epochs": 20},
        "thorough": {"epochs": 300},
    },
    "tvae": {
        "quick": {"epochs": 50, "batch_size": 100},
        "thorough": {"epochs": 300},
    },
}


def _settings(method: str, preset: str, epochs: int | None) -> dict:
    if preset not in PRESETS[method]:
        raise MethodError(
            f"{method} has no preset {preset!r}; the presets are: "
            f"{', '.join(PRESETS[method])}."
        )
    settings = dict(PRESETS[method][preset])
    if epochs is not None:
        if isinstance(epochs, bool) or not isinstance(epochs, int) or epochs < 1:
            raise MethodError(
                f"epochs must be a whole number 1 or above; got {epochs!r}."
            )
        settings["epochs"] = epochs
    return settings


def factory(method: str, preset: str = "quick", epochs: int | None = None):
    """A builder of unfitted CTGAN or TVAE synthesizers, and its settings."""
    settings = _settings(method, preset, epochs)

    def make(metadata):
        from sdv.single_table import CTGANSynthesizer, TVAESynthesizer

        synthesizer = CTGANSynthesizer if method == "ctgan" else TVAESynthesizer
        return synthesizer(
            metadata, enable_gpu=False, verbose=_env.show_progress(), **settings
        )

    return make, settings


def ctgan(
    dataset: Dataset,
    n_rows: int,
    seed: int = 0,
    preset: str = "quick",
    epochs: int | None = None,
    condition: dict | None = None,
    enforce_rules: bool = True,
) -> tuple[pd.DataFrame, list[str]]:
    """Sample ``n_rows`` rows from a CTGAN trained on ``dataset``."""
    return _train_and_sample(
        "ctgan", dataset, n_rows, seed, preset, epochs, condition, enforce_rules
    )


def tvae(
    dataset: Dataset,
    n_rows: int,
    seed: int = 0,
    preset: str = "quick",
    epochs: int | None = None,
    condition: dict | None = None,
    enforce_rules: bool = True,
) -> tuple[pd.DataFrame, list[str]]:
    """Sample ``n_rows`` rows from a TVAE trained on ``dataset``."""
    return _train_and_sample(
        "tvae", dataset, n_rows, seed, preset, epochs, condition, enforce_rules
    )


def _train_and_sample(method, dataset, n_rows, seed, preset, epochs, condition,
                      enforce_rules):
    make, settings = factory(method, preset, epochs)
    table, notes = fit_and_sample(
        dataset, make, n_rows, seed, condition, enforce_rules, uses_torch=True
    )
    return table, [f"trained {settings['epochs']} epochs ({preset} preset)"] + notes
