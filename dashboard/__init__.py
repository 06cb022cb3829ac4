"""Annual-target tracking dashboard of the group: flash reports in, progress against targets out."""

__version__ = "0.1.0"
