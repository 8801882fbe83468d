"""hrkit: a harm reduction kit for programs, coalitions and health departments."""

__version__ = "0.1.0"
