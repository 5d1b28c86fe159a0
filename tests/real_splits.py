"""Shared by the risk-check tests: one real table cut three ways."""

import dataclasses

import numpy as np

import synthlab


def three_way(name="actg175", sizes=(900, 600, 600), seed=0, reset_fresh=True):
    """Real rows cut into training, fresh rows posing as synthetic, and a holdout."""
    dataset = synthlab.datasets.load(name)
    order = np.random.default_rng(seed).permutation(len(dataset.data))
    cuts = np.cumsum(sizes)
    train, fresh, holdout = (
        dataset.data.iloc[np.sort(order[a:b])] for a, b in zip([0, *cuts[:-1]], cuts)
    )
    if reset_fresh:
        fresh = fresh.reset_index(drop=True)
    return dataclasses.replace(dataset, data=train), fresh, holdout
