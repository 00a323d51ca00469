"""The campaigns resource: spot checks (抽查复核), their verification, and the risk report."""
