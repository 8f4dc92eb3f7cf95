"""The Needs section and the home page with real widgets: the models pass qtmodeltester, a need's whole life
is done through the forms, overdue commitments stand out, home lines open their records, and a member brings a
need of their own from the member window without seeing anyone else's private one."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from coopdesk.domain.needs import NeedKind, NeedState, Viewer
from coopdesk.domain.users import UserRole
from coopdesk.services import meetings, needs
from coopdesk.services.users import add_user, authenticate
from coopdesk.ui.main_window import HOME, NEEDS, MainWindow
from coopdesk.ui.needs.models import CommitmentsModel, IncidentsModel, NeedsModel
from tests.services.needs_council import decide, fill
from tests.ui.conftest import GUI

pytestmark = GUI
TODAY = date.today()


@pytest.fixture
def council(db):  # type: ignore[no-untyped-def]
    meeting_id = fill(db)
    needs.add_need(db, kind=NeedKind.FAMILY, member_code="M001", title="Tratamiento", detail="Reservado",
                   private=True)
    needs.add_need(db, kind=NeedKind.COMMUNITY, title="Agua potable")
    needs.add_commitment(db, owed_by="Gerencia", what="Cobertura de la clínica", due=TODAY - timedelta(days=120))
    needs.add_commitment(db, owed_by="Ministerio", what="Paramédico", due=TODAY + timedelta(days=9))
    needs.add_incident(db, on=TODAY, kind="near_miss", what="Montacargas sin frenos", member_code="M003")
    return meeting_id


def test_the_models_pass_qtmodeltester(qtmodeltester, db, council) -> None:  # type: ignore[no-untyped-def]
    for model in (NeedsModel(db), CommitmentsModel(db), IncidentsModel(db),
                  NeedsModel(db, viewer=Viewer.of(UserRole.MEMBER, "M002"))):
        assert model.rowCount() > 0
        qtmodeltester.check(model)


def test_another_members_private_need_reads_private_in_the_table(db, council) -> None:  # type: ignore[no-untyped-def]
    model = NeedsModel(db, viewer=Viewer.of(UserRole.MEMBER, "M002"))
    cells = [model.index(row, column).data() for row in range(model.rowCount()) for column in range(8)]
    assert "(privada)" in cells and not any("M001" in str(cell) or "Yolimar" in str(cell) for cell in cells)
    incidents = IncidentsModel(db, viewer=Viewer.of(UserRole.MEMBER, "M002"))
    assert "(privada)" in [incidents.index(0, column).data() for column in range(6)]


def test_an_overdue_commitment_stands_out_by_icon_and_words(db, council) -> None:  # type: ignore[no-untyped-def]
    model = CommitmentsModel(db)
    late = model.index(0, 2)
    assert late.data() == "Vencido por 120 días" and late.data(Qt.ItemDataRole.DecorationRole) is not None
    assert late.data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(1, 2).data() == "Pendiente" and model.index(1, 2).data(Qt.ItemDataRole.DecorationRole) is None


def submit(qtbot, wait_ops, form, **values) -> None:  # type: ignore[no-untyped-def]
    for key, value in values.items():
        field = form.fields[key]
        if hasattr(field, "setChecked"):
            field.setChecked(value)
        elif hasattr(field, "findData"):
            field.setCurrentIndex(field.findData(value))
        elif hasattr(field, "setPlainText"):
            field.setPlainText(value)
        else:
            field.setText(value)
    form.buttons.accepted.emit()
    wait_ops()
    assert form.result() == QDialog.DialogCode.Accepted


def test_a_needs_whole_life_in_the_window(qtbot, wait_ops, db, council) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    assert window.pages.currentIndex() == HOME
    window.nav.setCurrentRow(NEEDS)
    tab = window.needs_page.needs_tab
    submit(qtbot, wait_ops, tab.add(), kind="personal", member="M002", title="Transporte nocturno")
    need_id = tab.selected_id()
    assert tab.selected().title == "Transporte nocturno" and tab.raise_button.isEnabled()
    submit(qtbot, wait_ops, tab.raise_selected(), meeting=council)
    item = meetings.meeting_detail(db, council).items[-1]
    assert item.title == "Transporte nocturno" and tab.selected().state is NeedState.RAISED
    decision = decide(db, item.id, "Pedir a la gerencia una ruta de transporte nocturno")
    assert tab.decide_button.isEnabled()
    submit(qtbot, wait_ops, tab.decide_selected(), decision=decision)
    assert tab.selected().state is NeedState.DECIDED and tab.selected().decision_id == decision
    form = tab.meet_selected()
    submit(qtbot, wait_ops, form, how="Ruta de transporte desde enero", evidence="Contrato de la ruta")
    tab.select(need_id)
    met = tab.selected()
    assert met.state is NeedState.MET and met.met_on == TODAY and met.evidence == "Contrato de la ruta"
    assert "Personal: 0" in window.home_page.line_texts("needs")  # the home page read again


def test_a_commitment_and_its_letter_in_the_window(qtbot, wait_ops, db, council) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    window.nav.setCurrentRow(NEEDS)
    page = window.needs_page
    page.show_tab(1)
    tab = page.commitments_tab
    form = tab.add()
    form.fields["owed_by"].setEditText("El consejo comunal")
    submit(qtbot, wait_ops, form, what="Jornada de vacunación", decision="")
    assert tab.selected().owed_by == "El consejo comunal"
    tab.select(1)
    preview = tab.letter_selected()
    qtbot.waitUntil(lambda: getattr(preview, "pdf_bytes", None) is not None or preview.isVisible(), timeout=20_000)
    preview.close()
    wait_ops()
    submit(qtbot, wait_ops, tab.done_selected(), evidence="Acta de entrega")
    assert needs.list_commitments(db, overdue_only=True) == []


def test_home_lines_open_their_records(qtbot, wait_ops, db, council) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime, time

    from coopdesk.domain.meeting_record import MeetingDraft
    from coopdesk.domain.meetings import MeetingKind
    from coopdesk.i18n import format_date

    upcoming = meetings.create_meeting(db, draft=MeetingDraft(
        "Asamblea de enero", MeetingKind.ORDINARY, datetime.combine(TODAY + timedelta(days=10), time(9)), "Comedor"))
    meetings.add_item(db, meeting_id=upcoming.id, title="Informe de la clínica")
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    home = window.home_page
    assert home.line_texts("assembly")[0].startswith("Asamblea de enero")
    assert f"{format_date(TODAY + timedelta(days=10))}, 9:00\u202fa.\u202fm." in home.line_texts("assembly")[0]
    assert home.line_texts("assembly")[1] == "1. Informe de la clínica"
    assert home.line_texts("needs") == ["Personal: 0", "Familiar: 1", "Comunitaria: 1"]
    overdue = home.lists["commitments"]
    assert "Cobertura de la clínica" in overdue.item(0).text() and not overdue.item(0).icon().isNull()
    overdue.itemActivated.emit(overdue.item(0))
    assert window.pages.currentIndex() == NEEDS and window.needs_page.tabs.currentIndex() == 1
    assert window.needs_page.commitments_tab.selected().what == "Cobertura de la clínica"
    window.nav.setCurrentRow(HOME)
    home.lists["assembly"].itemActivated.emit(home.lists["assembly"].item(0))
    wait_ops()
    assert window.pages.currentWidget() is window.meetings_page


def test_a_member_brings_a_need_of_their_own(qtbot, wait_ops, db, council) -> None:  # type: ignore[no-untyped-def]
    from coopdesk.ui.member_view import MemberWindow

    add_user(db, username="carmen", password="clave-larga-0", role=UserRole.ADMINISTRATOR)  # the first user
    add_user(db, username="nestor", password="clave-larga-1", role=UserRole.MEMBER, member_code="M002")
    user = authenticate(db, username="nestor", password="clave-larga-1")
    window = MemberWindow(db, user)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.needs_tab)
    tab = window.needs_tab
    assert tab.model.rowCount() == 0  # M001's private need is not M002's
    form = tab.add()
    assert "member" not in form.fields  # always the signed-in member
    submit(qtbot, wait_ops, form, kind="family", title="Consulta de pediatría", private=True)
    assert tab.model.rowCount() == 1
    mine = needs.list_needs(db, viewer=Viewer.desk())[-1]
    assert mine.member_code == "M002" and mine.private and mine.title == "Consulta de pediatría"
    texts = " ".join(str(tab.model.index(0, c).data()) for c in range(8))
    assert "M002" in texts
    QApplication.processEvents()


def test_an_incident_raises_a_commitment_in_the_window(qtbot, wait_ops, db, council) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    window.nav.setCurrentRow(NEEDS)
    window.needs_page.show_tab(2)
    tab = window.needs_page.incidents_tab
    tab.select(1)
    form = tab.raise_commitment()
    form.fields["owed_by"].setEditText("Gerencia")
    submit(qtbot, wait_ops, form, what="Reparar los frenos del montacargas")
    assert tab.selected_id() == 1 and tab.model.index(0, 6).data() == "compromiso 3"
    raised = needs.list_commitments(db)[-1]
    assert raised.incident_id == 1 and raised.what == "Reparar los frenos del montacargas"


def test_a_follow_up_action_owed_by_an_outside_party(qtbot, wait_ops, db, council) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QWidget

    from coopdesk.ui.meetings.decision_dialogs import ActionDialog

    item = meetings.add_item(db, meeting_id=council, title="Salud")
    decision = decide(db, item.id)
    parent = QWidget()
    qtbot.addWidget(parent)
    saved = []
    dialog = ActionDialog.ask(parent, db, decision, None, [], saved.append)
    assert dialog.owed_by.itemText(0) == "La gerencia"  # the suggestions, in the window's language
    dialog.description.setText("Contratar un paramédico")
    dialog.owed_by.setEditText("Gerencia de la EPS")
    dialog.save()
    wait_ops()
    assert saved and saved[0].owed_by == "Gerencia de la EPS" and saved[0].responsible is None
    assert meetings.open_actions(db)[0].action.owed_by == "Gerencia de la EPS"


def test_a_decision_number_that_is_not_one_is_refused(qtbot, wait_ops, db, council) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    window.nav.setCurrentRow(NEEDS)
    window.needs_page.show_tab(1)
    form = window.needs_page.commitments_tab.add()
    form.fields["owed_by"].setEditText("Gerencia")
    form.fields["what"].setText("Paramédico")
    form.fields["decision"].setText("tres")
    form.buttons.accepted.emit()
    wait_ops()
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert any("tres" in box.text() for box in boxes) and form.isVisible()
    assert len(needs.list_commitments(db)) == 2
