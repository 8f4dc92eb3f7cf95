"""The posts editor: problems under their fields as the user types, a good post saved, a code already taken
refused by the service and shown under the code, and an edit that lost a race with another one."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from coopdesk.domain.rotation import Category
from coopdesk.services import rotation
from coopdesk.ui.rotation.post_dialog import PostDialog
from tests.ui.conftest import GUI
from tests.ui.rotation_council import sample_council

pytestmark = GUI


def type_into(edit, text: str) -> None:  # type: ignore[no-untyped-def]
    """What typing does (QTest cannot type "é")."""
    edit.setText(text)
    edit.textEdited.emit(text)


def ok(dialog: PostDialog):  # type: ignore[no-untyped-def]
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def shown_errors(dialog: PostDialog) -> dict[str, str]:
    return {name: label.text() for name, label in dialog.errors.items() if label.isVisible()}


@pytest.fixture
def dialog(qtbot, db):  # type: ignore[no-untyped-def]
    dialog = PostDialog(db, None, ["cocina", "soldadura"])
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_new_post_starts_blocked_without_red(dialog):
    assert not ok(dialog).isEnabled()
    assert shown_errors(dialog) == {}


@pytest.mark.parametrize(("field", "action"), [
    ("code", lambda d: type_into(d.code, "SO LD")),
    ("name", lambda d: type_into(d.name, "  ")),
    ("max_members", lambda d: (d.min_members.setValue(3), d.max_members.setValue(2))),
    ("skill", lambda d: d.skill.setEditText("soldadura!")),
])
def test_bad_input_is_shown_under_its_field_and_blocks_ok(dialog, field, action):
    type_into(dialog.code, "SOLD")
    type_into(dialog.name, "Soldadura")
    assert ok(dialog).isEnabled()
    action(dialog)
    errors = shown_errors(dialog)
    assert list(errors) == [field] and errors[field]
    assert not ok(dialog).isEnabled()


def test_a_good_post_is_saved(dialog, db, wait_ops):
    type_into(dialog.code, "SOLD")
    type_into(dialog.name, " Soldadura ")
    dialog.category.setCurrentIndex(list(Category).index(Category.MANUAL))
    dialog.min_members.setValue(2)
    assert dialog.max_members.value() == 2  # a new post's maximum follows the minimum until it is set
    dialog.max_members.setValue(3)
    dialog.skill.setEditText("Soldadura")
    dialog.trainee_slots.setValue(1)
    dialog.burden.setValue(4)
    type_into(dialog.place, "Taller")
    ok(dialog).click()
    wait_ops()
    post = next(p for p in rotation.list_posts(db) if p.code == "SOLD")
    assert (post.name, post.min_members, post.max_members, post.skill, post.trainee_slots, post.burden,
            post.place, post.active) == ("Soldadura", 2, 3, "soldadura", 1, 4, "Taller", True)
    assert dialog.saved_post == post and not dialog.isVisible()


def test_a_code_in_use_is_refused_under_the_code(qtbot, db, data_dir, wait_ops):
    sample_council(db, data_dir)
    dialog = PostDialog(db, None, rotation.skill_codes(db))
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(dialog.code, "SIEM")
    type_into(dialog.name, "Otra siembra")
    ok(dialog).click()
    wait_ops()
    assert dialog.isVisible() and "SIEM" in shown_errors(dialog)["code"]
    assert not ok(dialog).isEnabled()
    type_into(dialog.code, "SIEM2")  # changing the code clears the service's complaint
    assert ok(dialog).isEnabled() and shown_errors(dialog) == {}


def test_an_edit_that_lost_a_race_says_so_and_loads_the_other_version(qtbot, db, data_dir, wait_ops):
    sample_council(db, data_dir)
    post = next(p for p in rotation.list_posts(db) if p.code == "LIMP")
    dialog = PostDialog(db, post, rotation.skill_codes(db))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.code.text() == "LIMP" and dialog.burden.value() == post.burden
    rotation.update_post(db, post_id=post.id, version=post.version, draft=replace(post, name="Limpieza general"))
    dialog.burden.setValue(3)
    ok(dialog).click()
    wait_ops()
    assert dialog.isVisible() and dialog.general_error.isVisible()
    assert dialog.general_error.text() and dialog.reload_button.isVisible()
    dialog.reload_button.click()
    wait_ops()
    assert dialog.name.text() == "Limpieza general" and not dialog.general_error.isVisible()
    dialog.burden.setValue(3)
    ok(dialog).click()
    wait_ops()
    saved = rotation.get_post(db, post.id)
    assert (saved.name, saved.burden) == ("Limpieza general", 3)


def test_the_posts_tab_lists_adds_and_exports(qtbot, db, data_dir, tmp_path, wait_ops):
    from coopdesk.ui.rotation.context import RotationContext
    from coopdesk.ui.rotation.posts_tab import PostsTab

    context = RotationContext()
    tab = PostsTab(context)
    qtbot.addWidget(tab)
    tab.set_database(db)
    tab.show()
    assert tab.model.rowCount() == 0
    tab.import_from(data_dir / "posts.csv")
    wait_ops()
    assert tab.model.rowCount() == 11 and "11" in tab.count.text()
    changed = []
    context.changed.connect(lambda: changed.append(True))
    dialog = tab.edit_post(None)
    type_into(dialog.code, "SOLD")
    type_into(dialog.name, "Soldadura")
    ok(dialog).click()
    wait_ops()
    assert tab.model.rowCount() == 12 and tab.selected_post().code == "SOLD" and changed
    tab.export_to(tmp_path / "posts.csv")
    wait_ops()
    assert len((tmp_path / "posts.csv").read_text(encoding="utf-8").splitlines()) == 13
