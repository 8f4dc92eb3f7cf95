"""The acta's figures by body, for a meeting of the joint co-management assembly: entitled and present voters
of each body and, for each concurrent motion, each body's tally, base and result (a motion that fails inside
one body says how many yes votes it lacked there). One function, kept apart from the acta's own layout."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from coopdesk.domain.meeting_record import MeetingDetail, MotionDetail
from coopdesk.domain.meetings import MotionResult
from coopdesk.domain.members import BODY_PLURAL_LABELS
from coopdesk.domain.organs import Organ, body_shortfall_in_words
from coopdesk.domain.votes import Counts, yes_votes_needed
from coopdesk.i18n import N_
from coopdesk.reports import Labels
from coopdesk.reports.style import stylesheet
from coopdesk.reports.tables import data_table, fitted_width, fitted_widths


def by_body_flowables(labels: Labels, detail: MeetingDetail, width: float) -> list[Flowable]:
    """Nothing for the Workers' Council (one body); for the joint body the table of its bodies."""
    if detail.organ is not Organ.JOINT or not detail.counters.by_body:
        return []
    c = detail.counters
    header = [labels.t(N_("Sector")), labels.t(N_("Entitled voters")), labels.t(N_("Present voters"))]
    rows = [[labels.t(BODY_PLURAL_LABELS[body]), labels.number(count.entitled), labels.number(count.present_voters)]
            for body, count in c.by_body]
    first = width * 0.5
    story: list[Flowable] = [
        Paragraph(labels.t(N_("Figures by body")), stylesheet().cell_head), Spacer(0, 2),
        data_table(header, rows, [first, (width - first) / 2, (width - first) / 2], right=(1, 2))]
    for motion in detail.motions:
        if motion.concurrent and motion.by_body:
            story += [Spacer(0, 6), _motion_table(labels, motion, width)]
    return [KeepTogether(story[:3]), *story[3:]]


def _motion_table(labels: Labels, motion: MotionDetail, width: float) -> Flowable:
    header = [labels.t(N_("Motion %(number)s"), number=motion.number), labels.t(N_("Yes")), labels.t(N_("No")),
              labels.t(N_("Abstain")), labels.t(N_("Base")), labels.t(N_("Result"))]
    rows = []
    for vote in motion.by_body:
        result = labels.t(vote.result.label) if vote.result else "—"
        if vote.result is MotionResult.REJECTED:
            needed = yes_votes_needed(motion.majority, motion.base, Counts(vote.yes, vote.no, vote.abstain),
                                      present_voters=vote.present_voters or 0, entitled=vote.entitled or 0)
            result += " — " + labels.built(lambda tr, vote=vote, needed=needed: body_shortfall_in_words(
                vote.body, needed, tr))
        rows.append([labels.t(BODY_PLURAL_LABELS[vote.body]), labels.number(vote.yes), labels.number(vote.no),
                     labels.number(vote.abstain), "—" if vote.base_count is None else labels.number(vote.base_count),
                     result])
    # Every column as wide as its longest word, whole even at half the page's width (each language's acta in
    # es+en): the bodies' names and the figures; the result takes the rest and wraps.
    first = fitted_width([word for row in rows for word in row[0].split()], header[0])
    numbers = fitted_widths(header, rows, (1, 2, 3, 4))
    return data_table(header, rows, [first, *numbers, width - first - sum(numbers)], right=(1, 2, 3, 4))
