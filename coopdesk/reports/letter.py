"""A letter to the party that owes the council a commitment (`report letter`): who owes what by when, the
decision that demanded it — meeting, date, the agreement's text and the acta's verification code — ready to
sign and deliver, with a receipt block for whoever receives it. A fund management pays and is behind with
("fund:CODE") gets the fund's figures instead: owed, deposited, since when, and each deposit made.

The data is a `coopdesk.domain.needs.CommitmentLetter`.
"""

from __future__ import annotations

from datetime import datetime

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Spacer

from coopdesk.domain.audit import printed_code
from coopdesk.domain.needs import Commitment, CommitmentLetter, FundArrearsFacts, in_words, months_between
from coopdesk.i18n import N_
from coopdesk.reports.base import Report, Signer
from coopdesk.reports.style import FONT_BOLD
from coopdesk.reports.tables import data_table


class LetterReport(Report):
    title = N_("Request to honour a commitment")
    subject = N_("A letter to the party that owes the council a commitment, citing the council's decision")

    def __init__(self, *, letter: CommitmentLetter, lang: str, generated_at: datetime | None = None) -> None:
        super().__init__(council=letter.council, lang=lang, generated_at=generated_at)
        self.letter = letter

    def story(self) -> list[Flowable]:
        labels, letter = self.labels, self.letter
        # a fund's arrears are worded in the letter's language, not in the one the data was read in
        commitment = in_words(letter.commitment, labels.primary)
        sheet = self.styles
        right = ParagraphStyle("right", sheet.body, alignment=TA_RIGHT)
        strong = ParagraphStyle("strong", sheet.body, fontName=FONT_BOLD)
        story: list[Flowable] = [
            self.para(labels.date(letter.today, "long"), right), Spacer(0, 8),
            self.para(labels.t(N_("To: %(party)s"), party=commitment.owed_by), strong),
            self.para(labels.t(N_("Subject: %(what)s"), what=commitment.what), strong), Spacer(0, 8),
        ]
        if letter.decision_text and letter.meeting_on is not None:
            story.append(self.para(labels.t(
                N_("The %(council)s writes to you about an agreement of its meeting “%(meeting)s” of %(date)s, "
                   "which reads:"), council=letter.council.name, meeting=letter.meeting_title or "",
                date=labels.date(letter.meeting_on, "long"))))
            story.append(self.para(f"«{letter.decision_text}»", ParagraphStyle(
                "quote", sheet.body, leftIndent=24, rightIndent=24, fontName="DejaVuSans-Oblique")))
        elif letter.fund is not None:
            story.append(self.para(labels.t(
                N_("The %(council)s writes to you about the fund “%(fund)s”, into which management pays for every "
                   "pay period posted."), council=letter.council.name, fund=commitment.fund_name)))
        else:
            story.append(self.para(labels.t(N_("The %(council)s writes to you about a commitment owed to it."),
                                            council=letter.council.name)))
        if letter.fund is not None:
            story += self._arrears(commitment, letter.fund)
        else:
            story.append(self.para(labels.t(
                N_("Under it, %(party)s owes the following: %(what)s, by %(due)s."), party=commitment.owed_by,
                what=commitment.what, due=labels.date(commitment.due, "long"))))
            late = commitment.days_overdue(letter.today)
            if late:
                story.append(self.para(labels.t(
                    N_("Days since that date, with no record that it was done: %(days)s."), days=labels.number(late))))
        story.append(self.para(labels.t(
            N_("We ask you to honour this commitment and to tell the council in writing when and how it was done, "
               "so that the assembly can be informed."))))
        if letter.verification_code:
            story += [Spacer(0, 4), self.para(labels.t(
                N_("The agreement is recorded in the approved minutes (acta) of that meeting, which anyone can check "
                   "with this verification code:"))),
                self.verification(printed_code(letter.verification_code),
                                  payload=f"coopdesk:acta:{letter.meeting_id}:{letter.verification_code}")]
        elif letter.decision_text:
            story.append(self.para(labels.t(N_("The minutes of that meeting are still to be approved; a copy of the "
                                               "agreement can be requested from the council's secretary.")),
                                   sheet.small))
        story += [Spacer(0, 10), self.para(labels.t(N_("Yours sincerely,"))), Spacer(0, 6),
                  self.signatures([Signer(labels.t(N_("Spokesperson of the Workers' Council"))),
                                   Signer(labels.t(N_("Secretary")))]),
                  Spacer(0, 22),
                  KeepTogether([self.para(labels.t(N_("Received by (name, date and signature):")), sheet.small),
                                self.signatures([Signer(labels.t(N_("Received by")))])])]
        return story

    def _arrears(self, commitment: Commitment, fund: FundArrearsFacts) -> list[Flowable]:
        """What management owes the fund, since when, and what it deposited (each deposit on its day)."""
        labels = self.labels
        months = months_between(commitment.due, self.letter.today)
        story: list[Flowable] = [self.para(labels.t(
            N_("For the pay periods posted so far, management owes the fund %(owed)s in all and has deposited "
               "%(deposited)s: %(arrears)s are still to be deposited."), owed=labels.money(fund.owed_cents),
            deposited=labels.money(fund.deposited_cents), arrears=labels.money(fund.arrears_cents)))]
        story.append(self.para(labels.t(N_("The arrears began on %(since)s. Months in arrears: %(months)s."),
                                        since=labels.date(commitment.due, "long"), months=labels.number(months))))
        if not fund.deposits:
            story.append(self.para(labels.t(N_("No deposit into the fund has been recorded."))))
            return story
        story.append(self.para(labels.t(N_("Deposits made into the fund:"))))
        rows = [[labels.date(day, "long"), labels.money(cents)] for day, cents in fund.deposits]
        rows.append([labels.t(N_("Total deposited")), labels.money(fund.deposited_cents)])
        story += [data_table([labels.t(N_("Date")), labels.t(N_("Amount"))], rows, [200.0, 140.0], right=[1]),
                  Spacer(0, 6)]
        return story
