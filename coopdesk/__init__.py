"""coopdesk — the desktop tool a cooperative's Workers' Council runs on."""

__version__ = "0.1.0"
