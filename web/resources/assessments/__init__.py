"""Assessments: open, score by layer, review, verify, finalize; read now or as of any time."""
