"""Strawberry types, one module per entity; ``schema.schema.schema`` is the assembled Schema."""
