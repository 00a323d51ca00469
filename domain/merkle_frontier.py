"""The right edge of a Merkle tree: enough to append leaves and give the root in O(log n)."""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.merkle import EMPTY_ROOT, node_hash


@dataclass
class Frontier:
    """The roots of the perfect subtrees that make up a tree of `size` leaves, largest
    first (one per 1 bit of `size`), so a checkpoint needs only the leaves added since
    the last one instead of the whole log."""

    size: int = 0
    nodes: list[bytes] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.size < 0 or len(self.nodes) != self.size.bit_count():
            msg = (
                f"a frontier of {self.size} leaves has {self.size.bit_count()} nodes "
                f"(one per 1 bit of the size), not {len(self.nodes)}"
            )
            raise ValueError(msg)

    def append(self, leaf: bytes) -> None:
        node, carry = leaf, self.size
        while carry & 1:  # each trailing 1 bit is a full subtree the new leaf completes
            node = node_hash(self.nodes.pop(), node)
            carry >>= 1
        self.nodes.append(node)
        self.size += 1

    def root(self) -> bytes:
        if not self.nodes:
            return EMPTY_ROOT
        root = self.nodes[-1]
        for node in reversed(self.nodes[:-1]):
            root = node_hash(node, root)
        return root

    def to_json(self) -> dict[str, object]:
        return {"size": self.size, "nodes": [node.hex() for node in self.nodes]}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Frontier:
        size, nodes = data.get("size"), data.get("nodes")
        if not isinstance(size, int) or not isinstance(nodes, list):
            msg = f"a frontier is {{size: int, nodes: [hex]}}, got {data!r}"
            raise ValueError(msg)
        return cls(size, [bytes.fromhex(str(node)) for node in nodes])
