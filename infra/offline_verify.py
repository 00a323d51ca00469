"""kaohe-verify: check a ledger bundle with the public keys alone (standard library and
`cryptography` only, so this file can be copied and audited on its own)."""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import struct
import sys
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


class Refused(Exception):
    """The bundle does not verify; the message says what failed."""


def read_key(text: str) -> tuple[str, int, bytes, bytes]:
    """A signed-note verifier key: name, algorithm (1 log, 4 witness), key id, public key."""
    name, key_id, encoded = text.strip().split("+", 2)
    raw = base64.b64decode(encoded, validate=True)
    if len(raw) != 33 or hashlib.sha256(name.encode() + b"\n" + raw).digest()[:4].hex() != key_id:
        raise Refused(f"the key of {name} is not a valid Ed25519 verifier key")
    return name, raw[0], bytes.fromhex(key_id), raw[1:]


def check_signature(note: str, key: tuple[str, int, bytes, bytes]) -> None:
    name, algorithm, key_id, public = key
    body, _, signatures = note.partition("\n\n")
    body += "\n"
    for line in signatures.splitlines():
        signer, _, encoded = line.removeprefix("— ").rpartition(" ")
        raw = base64.b64decode(encoded)
        if signer != name or raw[:4] != key_id:
            continue
        message = body.encode()
        if algorithm == 4:  # tlog-cosignature/v1: a timestamped message
            stamp = struct.unpack(">Q", raw[4:12])[0]
            message = f"cosignature/v1\ntime {stamp}\n{body}".encode()
        try:
            Ed25519PublicKey.from_public_bytes(public).verify(raw[-64:], message)
            return
        except InvalidSignature:
            continue
    raise Refused(f"the checkpoint carries no valid signature of {name}")


def node(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def included(leaf: bytes, index: int, size: int, proof: list[bytes], root: bytes) -> bool:
    """RFC 9162 §2.1.3.2."""
    if not 0 <= index < size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node(p, r)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == root


def leaf_hash(event: dict[str, Any]) -> bytes:
    """kaohe-event/v1: format, aggregate id, version, topic, then SHA-256 of the stored bytes."""
    head = f"kaohe-event/v1\n{event['aggregate_id']}\n{event['version']}\n{event['topic']}\n"
    data = head.encode() + hashlib.sha256(event["state"].encode("utf-8")).digest()
    return hashlib.sha256(b"\x00" + data).digest()


def verify_bundle(bundle: dict[str, Any], log_key: str, witnesses: list[str]) -> list[str]:
    """What was checked, one line each; raises Refused at the first thing that fails."""
    note = bundle["note"]
    check_signature(note, read_key(log_key))
    for witness in witnesses:
        check_signature(note, read_key(witness))
    lines = note.split("\n")
    size, root = int(lines[1]), base64.b64decode(lines[2])
    for event in bundle["events"]:
        proof = [bytes.fromhex(h) for h in event["proof"]]
        where = f"aggregate {event['aggregate_id']} version {event['version']}"
        if not included(leaf_hash(event), event["index"], size, proof, root):
            raise Refused(f"{where} is not in the signed log (its proof fails)")
    chains = check_chains(bundle)
    signers = 1 + len(witnesses)
    whole = f"{chains} chains, each whole" if chains > 1 else "1 chain, whole"
    return [
        f"{len(bundle['events'])} events are in the log of {size} events, signed by {signers}",
        f"{whole} from version 1 and linked",
    ]


def check_chains(bundle: dict[str, Any]) -> int:
    """Each aggregate's events run from version 1 without a gap, in the log's order, each
    naming its predecessor's hash; the bundle holds exactly the chains it names."""
    heads: dict[str, tuple[int, str, int]] = {}
    for event in sorted(bundle["events"], key=lambda e: (e["aggregate_id"], e["version"])):
        aggregate, version = event["aggregate_id"], event["version"]
        last, last_hash, last_index = heads.get(aggregate, (0, "0" * 64, -1))
        if version != last + 1:
            before = f"goes from version {last} to" if last else "starts at"
            missing = "-".join(sorted({str(last + 1), str(version - 1)}))
            raise Refused(f"aggregate {aggregate} {before} version {version}: version "
                          f"{missing} is missing")  # fmt: skip
        state = json.loads(event["state"])
        if state.get("prev_hash") != last_hash:
            raise Refused(f"aggregate {aggregate} version {version} does not follow version "
                          f"{last} (prev_hash)")  # fmt: skip
        if event["index"] <= last_index:
            raise Refused(f"aggregate {aggregate} version {version} is out of the log's order")
        heads[aggregate] = (version, state.get("hash", ""), event["index"])
    for named in bundle.get("chains", heads):
        if named not in heads:
            raise Refused(f"the bundle names {named} but holds none of its events")
    for held in heads:
        if held not in bundle.get("chains", heads):
            raise Refused(f"the bundle holds events of {held} but does not name it")
    return len(heads)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kaohe-verify", description=__doc__)
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--key", type=Path, required=True, help="the log's public key file")
    parser.add_argument("--witness", type=Path, action="append", default=[],
                        help="a witness's public key file (repeatable)")  # fmt: skip
    args = parser.parse_args(argv)
    try:
        bundle = json.loads(args.bundle.read_text(encoding="utf-8"))
        witnesses = [path.read_text(encoding="utf-8") for path in args.witness]
        checked = verify_bundle(bundle, args.key.read_text(encoding="utf-8"), witnesses)
    except (Refused, OSError, ValueError, KeyError, TypeError, IndexError) as error:
        print(f"bundle NOT verified: {error}")
        return 1
    print("bundle verified: " + "; ".join(checked))
    return 0


if __name__ == "__main__":
    sys.exit(main())
