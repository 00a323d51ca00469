"""Which layer's entry counts for each item: the highest layer present."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from domain.workflow import PRECEDENCE, Layer

Layers = Mapping[str, Mapping[str, Mapping[str, Any]]]
"""Entries as stored: layer name → item number → entry data."""


def counting_layers(layers: Layers, top: Layer = Layer.VERIFICATION) -> dict[str, Layer]:
    """Per item, the highest layer present, up to `top`, in item-number order."""
    order = PRECEDENCE[PRECEDENCE.index(top) :]
    numbers = {n for layer in order for n in layers.get(layer.value, {})}
    return {n: next(la for la in order if n in layers.get(la.value, {})) for n in sorted(numbers)}


def counting_entries(layers: Layers, top: Layer = Layer.VERIFICATION) -> dict[str, Any]:
    """Per item, the entry data of the layer that counts."""
    return {n: layers[la.value][n] for n, la in counting_layers(layers, top).items()}


def counting_entry(
    layers: Layers, number: str, top: Layer = Layer.VERIFICATION
) -> Mapping[str, Any] | None:
    """One item's entry data in the highest layer present, up to `top` (None: none)."""
    for layer in PRECEDENCE[PRECEDENCE.index(top) :]:
        found = layers.get(layer.value, {}).get(number)
        if found is not None:
            return found
    return None


def counted_before(layers: Layers, number: str, layer: Layer) -> dict[str, Any] | None:
    """What counts for one item up to `layer`, and the layer it comes from, as an entry
    change records it: `{"layer": …, "entry": …}` (None: no layer up to it holds one)."""
    for below in PRECEDENCE[PRECEDENCE.index(layer) :]:
        found = layers.get(below.value, {}).get(number)
        if found is not None:
            return {"layer": below.value, "entry": dict(found)}
    return None
