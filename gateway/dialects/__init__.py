"""Pure translation from the graph's typed inputs into each upstream's query dialect (no I/O)."""

from gateway.dialects.filters import AllOf, AnyOf, Condition, Filter, Op, all_of, any_of

__all__ = ["AllOf", "AnyOf", "Condition", "Filter", "Op", "all_of", "any_of"]
