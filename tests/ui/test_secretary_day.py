"""The secretary's day, from convocation to the filed acta: the convened time kept beside the actual start,
windows that fit a 1366×768 laptop, one name matcher, a roll call of one key per member, and the guard on
opening a session."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtWidgets import QApplication

from coopdesk.services import meetings as service
from coopdesk.ui.meetings.page import MeetingsPage
from tests.reports.helpers import flat, pdf_text
from tests.ui.conftest import GUI
from tests.ui.test_meetings import STARTS, make_council, make_meeting

pytestmark = GUI


@pytest.fixture
def council(db):  # type: ignore[no-untyped-def]
    return make_council(db)


@pytest.fixture
def page(qtbot, db, wait_ops):  # type: ignore[no-untyped-def]
    widget = MeetingsPage(db)
    qtbot.addWidget(widget)
    widget.resize(1100, 720)
    widget.show()
    wait_ops()
    return widget


def open_workspace(page, wait_ops, meeting_id: int):  # type: ignore[no-untyped-def]
    page.open_meeting(meeting_id)
    wait_ops()
    return page.workspace


def visible(kind):  # type: ignore[no-untyped-def]
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible())


def test_opening_the_session_keeps_the_convened_time_and_the_acta_prints_both(qtbot, db, council, page, wait_ops):
    from coopdesk.ui.meetings.fields import set_datetime
    from coopdesk.ui.meetings.lifecycle import SessionTimeDialog

    meeting_id = make_meeting(db, council, present=(), open_it=False)  # convened for 9:00
    workspace = open_workspace(page, wait_ops, meeting_id)
    workspace.open_session()
    dialog = visible(SessionTimeDialog)
    set_datetime(dialog.at, STARTS.replace(hour=10, minute=12))
    dialog.choose()
    wait_ops()
    detail = service.meeting_detail(db, meeting_id)
    assert (detail.starts_at, detail.opened_at) == (STARTS, datetime(2026, 12, 17, 10, 12))
    convocation = flat(pdf_text(service.convocation_report(db, meeting_id=meeting_id, lang="en")))
    assert "9:00" in convocation and "10:12" not in convocation  # the reprint still calls for 9:00
    acta = flat(pdf_text(service.assembly_report(db, meeting_id=meeting_id, lang="en")))
    assert "Convened for 9:00 AM" in acta and "Started 10:12 AM" in acta
