"""Faithful local stand-ins for the four upstream APIs staffgraph puts behind one graph.

Public entry point: ``create_simulator_app(SimConfig(...))``; ``staffgraph simulators``
serves it. Each upstream lives in its own package with a ``create_upstream(config)``.
"""

from simulators.config import SimConfig
from simulators.server import create_simulator_app

__all__ = ["SimConfig", "create_simulator_app"]
