"""The Qt user interface — the only package that imports PySide6.

Thin on purpose: windows, dialogs and table models that hold DTOs and call services through
`ops.run_op`, which runs them on one worker thread and brings the result back to the GUI thread.
"""
