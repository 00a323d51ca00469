"""GET /api/v1/health: whether the store answers and how the read models stand."""
