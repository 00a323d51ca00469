"""An evidence file changed on disk after it was recorded is never served as if it were the
one the ledger names: the download says so, in English and Chinese, and plain verify fails."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from tests.integration.web.world import World


def test_an_altered_evidence_file_is_refused_not_served(world: World, tmp_path: Path) -> None:
    aid = world.assessment("V1", "2023Q2")
    headers = world.login("staff")
    content = b"village notice board, photographed"
    attached = world.client.post(
        f"/api/v1/assessments/{aid}/evidence",
        data={"file": (io.BytesIO(content), "notice.jpg"), "item": "1"},
        headers=headers | {"If-Match": f'"{world.version(aid)}"'},
        content_type="multipart/form-data",
    )
    assert attached.status_code == 200, attached.get_json()
    sha = hashlib.sha256(content).hexdigest()
    url = f"/api/v1/assessments/{aid}/evidence/{sha}"
    assert world.client.get(url, headers=headers).data == content

    [stored] = [p for p in tmp_path.rglob(sha) if p.is_file()]
    stored.write_bytes(b"a substituted photograph")
    response = world.client.get(url, headers=headers)

    assert response.status_code == 409
    problem = response.get_json()
    assert sha in problem["detail"] and "altered" in problem["detail"]
    assert "证据文件已被改动" in problem["detail_zh"]
    assert b"substituted" not in response.data
