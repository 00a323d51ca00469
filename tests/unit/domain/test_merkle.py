"""The transparency log's Merkle tree agrees with RFC 6962's published test vectors and, for
every tree size and index up to a bound, with a naive transcription of the RFC."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import ProofError
from domain.merkle import (
    EMPTY_ROOT,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    root_of,
    verify_consistency,
    verify_inclusion,
)
from domain.merkle_frontier import Frontier

# The inputs and tree heads of the Certificate Transparency reference tests.
RFC_INPUTS = [bytes.fromhex(h) for h in (
    "", "00", "10", "2021", "3031", "40414243", "5051525354555657",
    "606162636465666768696a6b6c6d6e6f",
)]  # fmt: skip
RFC_ROOTS = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
H_01 = "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"
H_23 = "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"
H_4567 = "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"
H_4 = "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"
H_7 = "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"
H_45 = "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"
H_0123 = RFC_ROOTS[3]
RFC_INCLUSION = [  # (index, size, path)
    (0, 8, [H_01, H_23, H_4567]),
    (5, 8, [H_4, H_7, H_0123]),
    (2, 3, [RFC_ROOTS[1]]),
    (1, 5, [RFC_ROOTS[0], H_23, H_4]),
]
RFC_CONSISTENCY = [  # (old size, new size, proof)
    (1, 1, []),
    (1, 8, [H_01, H_23, H_4567]),
    (6, 8, [H_45, H_7, H_0123]),
    (2, 5, [H_23, H_4]),
]
LEAVES = [leaf_hash(data) for data in RFC_INPUTS]


def test_the_roots_are_rfc_6962s_for_every_size() -> None:
    assert root_of([]) == EMPTY_ROOT == hashlib.sha256(b"").digest()
    assert [root_of(LEAVES[:n]).hex() for n in range(1, 9)] == RFC_ROOTS


@pytest.mark.parametrize(("index", "size", "path"), RFC_INCLUSION)
def test_inclusion_proofs_are_rfc_6962s(index: int, size: int, path: list[str]) -> None:
    proof = inclusion_proof(LEAVES[:size], index)

    assert [p.hex() for p in proof] == path
    assert verify_inclusion(LEAVES[index], index, size, proof, root_of(LEAVES[:size]))


@pytest.mark.parametrize(("old", "new", "path"), RFC_CONSISTENCY)
def test_consistency_proofs_are_rfc_6962s(old: int, new: int, path: list[str]) -> None:
    proof = consistency_proof(LEAVES[:new], old)

    assert [p.hex() for p in proof] == path
    assert verify_consistency(old, new, root_of(LEAVES[:old]), root_of(LEAVES[:new]), proof)


def test_a_proof_for_a_leaf_outside_the_tree_is_refused_by_name() -> None:
    with pytest.raises(ProofError, match=r"leaf 8 is not in a tree of 8 leaves \(0–7\)"):
        inclusion_proof(LEAVES, 8)
    with pytest.raises(ProofError, match="a tree of 9 leaves cannot precede one of 8"):
        consistency_proof(LEAVES, 9)


# A naive transcription of RFC 6962 §2.1, recursion and slices as written there.
def naive_mth(d: list[bytes]) -> bytes:
    if len(d) == 1:
        return d[0]
    k = 1
    while k * 2 < len(d):
        k *= 2
    return hashlib.sha256(b"\x01" + naive_mth(d[:k]) + naive_mth(d[k:])).digest()


def naive_path(m: int, d: list[bytes]) -> list[bytes]:
    if len(d) == 1:
        return []
    k = 1
    while k * 2 < len(d):
        k *= 2
    if m < k:
        return [*naive_path(m, d[:k]), naive_mth(d[k:])]
    return [*naive_path(m - k, d[k:]), naive_mth(d[:k])]


def naive_subproof(m: int, d: list[bytes], b: bool) -> list[bytes]:
    if m == len(d):
        return [] if b else [naive_mth(d)]
    k = 1
    while k * 2 < len(d):
        k *= 2
    if m <= k:
        return [*naive_subproof(m, d[:k], b), naive_mth(d[k:])]
    return [*naive_subproof(m - k, d[k:], False), naive_mth(d[:k])]


def tree(size: int, seed: int) -> list[bytes]:
    return [leaf_hash(f"{seed}/{i}".encode()) for i in range(size)]


sizes = st.integers(1, 70)


@given(sizes, st.integers(0, 10**6), st.data())
def test_every_inclusion_proof_matches_the_rfc_and_verifies(
    size: int, seed: int, data: st.DataObject
) -> None:
    leaves = tree(size, seed)
    root = root_of(leaves)
    assert root == naive_mth(leaves)
    index = data.draw(st.integers(0, size - 1))
    proof = inclusion_proof(leaves, index)

    assert proof == naive_path(index, leaves)
    assert verify_inclusion(leaves[index], index, size, proof, root)
    other = data.draw(st.integers(0, size - 1).filter(lambda i: leaves[i] != leaves[index]))
    assert other == index or not verify_inclusion(leaves[other], index, size, proof, root)
    longer = root_of([*leaves, leaf_hash(b"appended")])
    assert not verify_inclusion(leaves[index], index, size + 1, proof, longer)
    assert not verify_inclusion(leaves[index], index, size, proof[:-1], root) or size == 1


@given(sizes, st.integers(0, 10**6), st.data())
def test_every_consistency_proof_matches_the_rfc_and_verifies(
    new: int, seed: int, data: st.DataObject
) -> None:
    leaves = tree(new, seed)
    old = data.draw(st.integers(1, new))
    proof = consistency_proof(leaves, old)
    old_root, new_root = root_of(leaves[:old]), root_of(leaves)

    assert proof == ([] if old == new else naive_subproof(old, leaves, True))
    assert verify_consistency(old, new, old_root, new_root, proof)
    forked = [*leaves[: old - 1], leaf_hash(b"rewritten"), *leaves[old:]]
    assert not verify_consistency(old, new, old_root, root_of(forked), proof)
    assert not verify_consistency(old, new, root_of(forked[:old]), new_root, proof)


@given(sizes, st.integers(0, 10**6))
def test_a_frontier_gives_every_prefix_root(size: int, seed: int) -> None:
    leaves = tree(size, seed)
    frontier = Frontier()
    for n, leaf in enumerate(leaves, start=1):
        frontier.append(leaf)
        assert frontier.root() == root_of(leaves[:n])
    assert Frontier.from_json(frontier.to_json()) == frontier


def test_a_frontier_with_the_wrong_number_of_nodes_is_refused() -> None:
    with pytest.raises(ValueError, match="a frontier of 3 leaves has 2 nodes"):
        Frontier(3, [EMPTY_ROOT])
