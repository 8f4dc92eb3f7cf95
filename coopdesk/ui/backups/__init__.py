"""Backups, verification and the one-writer lock in the window (see `controller`)."""
