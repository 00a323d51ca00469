"""Spot checks on the read side: verification factors, risk signals and the risk report."""
