"""The Needs section: needs, commitments owed to the council, and the incident log."""
