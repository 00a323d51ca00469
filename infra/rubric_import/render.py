"""A proposed rubric definition written as a rubric file (YAML): points as plain numbers,
keys in the order the format documents them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import yaml


class RubricDumper(yaml.SafeDumper):
    """Decimals are written as plain numbers, never floats' approximations; a value met
    twice is written twice, never as an anchor and alias."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    if value == value.to_integral():
        return dumper.represent_scalar("tag:yaml.org,2002:int", str(int(value)))
    return dumper.represent_scalar("tag:yaml.org,2002:float", format(value.normalize(), "f"))


RubricDumper.add_representer(Decimal, represent_decimal)


def rubric_yaml(definition: dict[str, Any]) -> str:
    return yaml.dump(
        definition,
        Dumper=RubricDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1000,
    )
