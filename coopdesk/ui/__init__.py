"""The Qt user interface — the only package that imports PySide6.

Thin on purpose: windows, dialogs and table models that hold DTOs and call services through
`ops.run_op`, which runs them on one worker thread and brings the result back to the GUI thread.

PySide6 reads the source of every module imported after it (to see whether it asks for a `__feature__`),
so what the first screen needs that has no Qt in it is imported here, before PySide6: a twentieth of the
time until the window is painted.
"""

import babel.dates  # the members' dates
import babel.numbers  # noqa: F401
import platformdirs  # noqa: F401 — the data and settings folders

import coopdesk.domain.ledger
import coopdesk.domain.members
import coopdesk.domain.needs
import coopdesk.domain.users
import coopdesk.services.anchor
import coopdesk.services.change_log  # who is signed in
import coopdesk.services.home  # Inicio, the first page
import coopdesk.services.overview  # noqa: F401 — the first screen's reads, and the SQLite dialect
