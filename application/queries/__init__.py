"""Guarded reads: each query takes the caller, authorizes it and reads through read ports.

`application` may import neither `projections` (a sibling layer) nor `infra`, so what the
queries read is described here as protocols (`application.read_ports`) and implemented in
`infra.read_models` over the projections; `web` reads only through these queries."""
