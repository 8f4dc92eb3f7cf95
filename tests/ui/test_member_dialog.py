from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialogButtonBox

from coopdesk.domain.members import Body, MemberStatus
from coopdesk.services.members import count_members, get_member, get_member_by_code
from coopdesk.ui.members.dialog import MemberDialog
from tests.ui.conftest import GUI, add_members, message_boxes

pytestmark = GUI


def ok_button(dialog: MemberDialog):  # type: ignore[no-untyped-def]
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def type_into(qtbot, edit, text: str) -> None:  # type: ignore[no-untyped-def]
    """What typing does (QTest cannot type "é": it asserts on non-ASCII keys)."""
    edit.setText(text)
    edit.textEdited.emit(text)


@pytest.fixture
def dialog(qtbot, db):  # type: ignore[no-untyped-def]
    dialog = MemberDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_new_form_cannot_be_saved_empty(dialog):
    assert not ok_button(dialog).isEnabled()
    assert not any(label.isVisible() for label in dialog.errors.values())  # nothing typed yet: no red


@pytest.mark.parametrize(("field", "text"), [
    ("full_name", ""),
    ("code", "M 01"),
    ("email", "ana@"),
    ("national_id", "12345"),
    ("skills", "cocina, dos palabras!"),
])
def test_bad_input_is_shown_under_its_field_and_blocks_ok(qtbot, dialog, field, text):
    type_into(qtbot, dialog.code, "M100")
    type_into(qtbot, dialog.full_name, "Ana Pérez")
    assert ok_button(dialog).isEnabled()
    type_into(qtbot, getattr(dialog, field), text)
    assert dialog.errors[field].isVisible()
    assert dialog.errors[field].text()
    assert not ok_button(dialog).isEnabled()
    assert [name for name, label in dialog.errors.items() if label.isVisible()] == [field]


def test_a_good_member_is_saved(qtbot, dialog, db, wait_ops):
    type_into(qtbot, dialog.code, "M100")
    type_into(qtbot, dialog.full_name, "  Ana Pérez ")
    type_into(qtbot, dialog.national_id, "v-12345678")
    dialog.body.setCurrentIndex(list(Body).index(Body.STATE))
    assert not dialog.voting.isChecked()  # state representatives do not vote by default
    dialog.voting.setChecked(True)
    dialog.joined_on.setDate(QDate(2020, 3, 1))
    type_into(qtbot, dialog.skills, "Cocina, primeros auxilios")
    type_into(qtbot, dialog.email, "ana@example.org")
    ok_button(dialog).click()
    wait_ops()
    member = get_member_by_code(db, "M100")
    assert member.full_name == "Ana Pérez"
    assert member.national_id == "V-12345678"
    assert member.body is Body.STATE and member.voting
    assert member.joined_on == date(2020, 3, 1)
    assert member.skills == ("cocina", "primeros_auxilios")
    assert member.email == "ana@example.org"
    assert dialog.saved_member == member
    assert not dialog.isVisible()


def test_a_duplicate_code_is_placed_under_the_code_field(qtbot, db, wait_ops):
    add_members(db, 1)
    dialog = MemberDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(qtbot, dialog.code, "M001")
    type_into(qtbot, dialog.full_name, "Otra Persona")
    ok_button(dialog).click()
    wait_ops()
    assert dialog.isVisible()
    assert dialog.errors["code"].isVisible() and "M001" in dialog.errors["code"].text()
    assert not ok_button(dialog).isEnabled()
    assert count_members(db) == 1
    assert message_boxes() == []
    type_into(qtbot, dialog.code, "M002")  # editing the field clears the server's complaint
    assert ok_button(dialog).isEnabled()


def test_editing_records_a_status_change_with_its_note(qtbot, db, wait_ops):
    add_members(db, 1)
    member = get_member_by_code(db, "M001")
    dialog = MemberDialog(db, get_member(db, member.id))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.status_note.isVisible()
    dialog.status.setCurrentIndex(list(MemberStatus).index(MemberStatus.LEFT))
    assert dialog.status_note.isVisible()
    type_into(qtbot, dialog.status_note, "Se mudó a Mérida")
    ok_button(dialog).click()
    wait_ops()
    detail = get_member(db, member.id)
    assert detail.member.status is MemberStatus.LEFT
    assert detail.member.version == member.version + 1
    assert detail.history[-1].note == "Se mudó a Mérida"
    reopened = MemberDialog(db, detail)
    qtbot.addWidget(reopened)
    assert reopened.history.topLevelItemCount() == len(detail.history)


def test_a_stale_edit_is_a_conflict_and_writes_nothing(qtbot, db, wait_ops):
    add_members(db, 1)
    member = get_member_by_code(db, "M001")
    dialog = MemberDialog(db, get_member(db, member.id))
    qtbot.addWidget(dialog)
    dialog.show()
    other = MemberDialog(db, get_member(db, member.id))
    qtbot.addWidget(other)
    type_into(qtbot, other.phone, "0414-1111111")
    ok_button(other).click()
    wait_ops()
    type_into(qtbot, dialog.phone, "0414-2222222")
    ok_button(dialog).click()
    wait_ops()
    assert dialog.isVisible()
    assert message_boxes()  # "Someone else changed this record…"
    assert get_member(db, member.id).member.phone == "0414-1111111"


def test_edit_opens_the_dialog_after_reading_the_member(qtbot, db, wait_ops):
    from PySide6.QtWidgets import QApplication, QWidget

    add_members(db, 2)
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    MemberDialog.edit(parent, db, get_member_by_code(db, "M002").id)
    wait_ops()
    (opened,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, MemberDialog) and w.isVisible()]
    assert opened.code.text() == "M002"
    opened.close()


def test_dates_are_typed_the_way_the_language_writes_them(qtbot):
    from coopdesk.ui.language import apply_language
    from coopdesk.ui.members.dialog import date_edit

    edit = date_edit(date(2020, 3, 2))
    qtbot.addWidget(edit)
    assert edit.text() == "02/03/2020"
    apply_language("en")
    english = date_edit(date(2020, 3, 2))
    qtbot.addWidget(english)
    assert english.text() == "03/02/2020"
