"""Generated, plausible names and contacts for the demo hierarchy (deterministic)."""

from __future__ import annotations

import random
from dataclasses import dataclass

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国红梅志强海燕春生玉兰"
PLACES = "东西南北中新安康平和兴隆丰泰宁福永长青河山桥湖林源溪岭坪川城塘庄园"
COUNTY_SUFFIX = ("区", "县", "县")
TOWN_SUFFIX = ("街道", "镇", "乡")
VILLAGE_SUFFIX = ("社区", "村", "村")


@dataclass(frozen=True)
class DemoUnit:
    code: str
    name: str
    contact: str
    phone: str


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def phone(rng: random.Random) -> str:
    return "1" + rng.choice("35789") + "".join(rng.choice("0123456789") for _ in range(9))


def place(rng: random.Random, used: set[str], suffix: str) -> str:
    while True:
        name = "".join(rng.sample(PLACES, 2)) + suffix
        if name not in used:
            used.add(name)
            return name


def unit(rng: random.Random, used: set[str], code: str, suffixes: tuple[str, ...]) -> DemoUnit:
    return DemoUnit(code, place(rng, used, rng.choice(suffixes)), person(rng), phone(rng))
