"""Plain-Python rules of coopdesk: no Qt, no SQL."""
