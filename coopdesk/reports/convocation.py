"""The convocation of a meeting (`report convocation ID`): who convenes, when ("viernes, 20 de noviembre de
2026, 9:00 a. m."), where, the quorum it needs, the ordered agenda, what happens without quorum (the second
call), the proxy rules, the date of issue and the signatures in the acta's order. The date of issue is the one recorded
when the meeting was convened; a draft not yet convened shows the day it is printed, and a meeting convened
before the day was kept leaves a line to write it by hand."""

from __future__ import annotations

from datetime import datetime

from reportlab.platypus import Flowable, KeepTogether, Spacer

from coopdesk.domain.meeting_record import MeetingDetail
from coopdesk.domain.meetings import MeetingKind, MeetingState
from coopdesk.domain.organs import Organ
from coopdesk.i18n import N_
from coopdesk.reports.base import Report, Signer
from coopdesk.reports.meeting_papers import NO_VALUE, key_values, long_date, long_datetime, named
from coopdesk.reports.tables import data_table, fitted_width

TITLES = {MeetingKind.ORDINARY: N_("Convocation of the ordinary assembly"),
          MeetingKind.EXTRAORDINARY: N_("Convocation of the extraordinary assembly"),
          MeetingKind.COUNCIL: N_("Convocation of the Workers' Council session")}
CALLS = {
    MeetingKind.ORDINARY: N_("The Workers' Council convenes all its members to the ordinary assembly to be held on "
                             "%(when)s at %(place)s, to deal with the following agenda."),
    MeetingKind.EXTRAORDINARY: N_("The Workers' Council convenes all its members to an extraordinary assembly to be "
                                  "held on %(when)s at %(place)s, to deal with the following agenda."),
    MeetingKind.COUNCIL: N_("The members of the Workers' Council are convened to a session to be held on %(when)s "
                            "at %(place)s, to deal with the following agenda."),
}
# The joint body is convened as such, whatever the kind of its meeting.
JOINT_CALL = N_("The Workers' Council convenes the joint co-management assembly of the workers, the communal "
                "councils' delegates and the state's representatives, to be held on %(when)s at %(place)s, to deal "
                "with the following agenda.")
SECOND_CALL = N_("If the quorum is not reached at the time set, the meeting is called again on second call: the "
                 "minutes of no constitution record who came, and a new convocation sets the date.")
PROXY_RULES = N_("A member who cannot attend may be represented by another member with a vote who attends in "
                 "person, by a written proxy handed to the secretary before the roll call. Each member may carry "
                 "one proxy only.")


class ConvocationReport(Report):
    title = N_("Convocation")
    subject = N_("Convocation of a meeting of the Workers' Council, with its agenda")

    def __init__(self, *, detail: MeetingDetail, lang: str, generated_at: datetime | None = None) -> None:
        super().__init__(council=detail.council, lang=lang, generated_at=generated_at)
        self.detail = detail
        self.title = TITLES[detail.kind]

    def subtitle(self) -> str:
        return f"{self.labels.t(self.detail.organ.label)} · {self.detail.title}"

    def story(self) -> list[Flowable]:
        labels, d = self.labels, self.detail
        when = long_datetime(labels, d.starts_at)
        place = d.place or NO_VALUE
        c = d.counters
        quorum = labels.built(lambda tr: tr.gettext(c.quorum_rule.label) + (
            " " + tr.gettext(N_("(at least %(minimum)d of today's %(entitled)d entitled voters)"))
            % {"minimum": c.quorum_minimum, "entitled": c.entitled} if c.quorum_minimum else "")
            + (" " + tr.gettext(N_("The rule must also hold inside each body.")) if d.quorum_per_body else ""))
        story: list[Flowable] = [
            self.para(labels.built(lambda tr: tr.gettext(JOINT_CALL if d.organ is Organ.JOINT else CALLS[d.kind])
                           % {"when": when, "place": place})),
            Spacer(0, 4),
            key_values([(labels.t(N_("Organ")), labels.t(d.organ.label)), (labels.t(N_("Date and time")), when),
                        (labels.t(N_("Place")), place),
                        (labels.t(N_("Quorum")), quorum), (labels.t(N_("Chair")), named(d.chair)),
                        (labels.t(N_("Secretary")), named(d.secretary))], self.width),
            self.heading(labels.t(N_("Agenda")))]
        if d.items:
            header = ["#", labels.t(N_("Item")), labels.t(N_("Proposed by")), labels.t(N_("Expected minutes"))]
            rows = [(f"{item.position}.", item.title, item.proposer.full_name if item.proposer else NO_VALUE,
                     labels.number(item.expected_minutes) if item.expected_minutes is not None else NO_VALUE)
                    for item in d.items]
            w = self.width
            minutes = fitted_width([row[3] for row in rows], header[3])  # "Expected minutes" whole, side by side
            story.append(data_table(header, rows, [24, (w - 24 - minutes) * 0.62, (w - 24 - minutes) * 0.38, minutes],
                                    right=(3,)))
            planned = sum(item.expected_minutes or 0 for item in d.items)
            if planned:
                story.append(Spacer(0, 3))
                story.append(self.para(labels.t(N_("Planned duration: %(minutes)s minutes."),
                                                minutes=labels.number(planned)), self.styles.small))
        else:
            story.append(self.para(labels.t(N_("The agenda has no items yet.")), self.styles.small))
        story += [Spacer(0, 8), self.para(labels.t(SECOND_CALL), self.styles.small),
                  self.para(labels.t(PROXY_RULES), self.styles.small),
                  self.para(self._issued(), self.styles.body),
                  Spacer(0, 40),
                  KeepTogether([self.signatures([  # the acta's order: chair, then secretary
                      Signer(labels.t(N_("Chair")), d.chair.full_name if d.chair else ""),
                      Signer(labels.t(N_("Secretary")), d.secretary.full_name if d.secretary else "")])])]
        return story

    def _issued(self) -> str:
        labels, d = self.labels, self.detail
        issued = d.convened_on or (self.generated_at.date() if d.state is MeetingState.DRAFT else None)
        if issued is None:
            return labels.t(N_("Issued on %(date)s."), date="_" * 28)
        return labels.t(N_("Issued on %(date)s."), date=long_date(labels, issued))
