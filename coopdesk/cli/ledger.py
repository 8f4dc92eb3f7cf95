"""`ledger …` and the ledger's reports (`report payroll|statement|funds`), as docs/cli.md describes them.

Amounts, hours and percentages are parsed here (a dot or a comma, at most two decimals — anything else is
invalid input, exit 3); a bad id, year or date in a flag is a usage error (exit 2).
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from coopdesk import i18n
from coopdesk.cli.common import add_output, date_value, open_db, out, positive, say, write_output, year
from coopdesk.i18n import _, ngettext


def add_parsers(commands: argparse._SubParsersAction, reports: argparse._SubParsersAction) -> None:
    ledger = commands.add_parser("ledger", help=_("the equal-wage ledger: rates, funds, pay periods, surpluses"))
    actions = ledger.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    rate = actions.add_parser("rate", help=_("set the equal hourly rate from a date, by a passed motion"))
    rate.add_argument("amount", metavar=_("AMOUNT"))
    rate.add_argument("--from", dest="effective_from", type=date_value, required=True, metavar=_("DATE"))
    rate.add_argument("--motion", type=positive, required=True, metavar="ID", help=_("the passed motion"))
    fund = actions.add_parser("fund", help=_("create or change a social fund taking a percentage of gross pay"))
    fund.add_argument("code", metavar=_("CODE"))
    fund.add_argument("name", metavar=_("NAME"))
    fund.add_argument("percent", metavar=_("PERCENT"))
    fund.add_argument("--motion", type=positive, metavar="ID", help=_("the passed motion that decided it"))
    fund.add_argument("--paid-by", choices=("workers", "management"),
                      help=_("who pays it: the workers, deducted from gross pay, or management, owed on top of it "
                             "(default: management in an spu, workers in a cooperative; a fund keeps its payer)"))
    deposit = actions.add_parser("deposit", help=_("record what management paid into a fund (prints its id)"))
    deposit.add_argument("code", metavar=_("CODE"))
    deposit.add_argument("amount", metavar=_("AMOUNT"))
    deposit.add_argument("--on", dest="paid_on", type=date_value, required=True, metavar=_("DATE"))
    deposit.add_argument("--note", metavar=_("TEXT"))
    payout = actions.add_parser("payout", help=_("pay out of a fund, by a passed motion (prints its id)"))
    payout.add_argument("code", metavar=_("CODE"))
    payout.add_argument("amount", metavar=_("AMOUNT"))
    payout.add_argument("--motion", type=positive, required=True, metavar="ID", help=_("the passed motion"))
    payout.add_argument("--on", dest="paid_on", type=date_value, required=True, metavar=_("DATE"))
    payout.add_argument("--member", metavar="MEMBER_CODE", help=_("the member paid, if any"))
    payout.add_argument("--note", metavar=_("TEXT"))
    balance = actions.add_parser("fund-balance", help=_("what a fund is owed, was deposited and is in arrears"))
    balance.add_argument("code", metavar=_("CODE"))
    balance.add_argument("--json", action="store_true", help=_("print JSON"))

    period = actions.add_parser("period", help=_("open, close, reopen or list pay periods"))
    steps = period.add_subparsers(dest="step", metavar=_("ACTION"), required=True)
    opening = steps.add_parser("open", help=_("open a pay period (prints its id)"))
    opening.add_argument("start", type=date_value, metavar=_("START"))
    opening.add_argument("end", type=date_value, metavar=_("END"))
    steps.add_parser("close", help=_("post the period's payroll and lock it")).add_argument(
        "period_id", type=positive, metavar="PERIOD_ID")
    reopen = steps.add_parser("reopen", help=_("reopen a closed period, by a passed motion"))
    reopen.add_argument("period_id", type=positive, metavar="PERIOD_ID")
    reopen.add_argument("--motion", type=positive, required=True, metavar="ID")
    reopen.add_argument("--reason", required=True, metavar=_("TEXT"))
    listing = steps.add_parser("list", help=_("list the pay periods"))
    listing.add_argument("--year", type=year, metavar="Y")

    hours = actions.add_parser("hours", help=_("import hours worked from CSV (member_code, hours)"))
    hours.add_argument("period_id", type=positive, metavar="PERIOD_ID")
    hours.add_argument("file", type=Path, metavar=_("FILE"))
    advance = actions.add_parser("advance", help=_("record an advance already paid (prints its id)"))
    advance.add_argument("period_id", type=positive, metavar="PERIOD_ID")
    advance.add_argument("member_code", metavar="MEMBER_CODE")
    advance.add_argument("amount", metavar=_("AMOUNT"))
    reverse = actions.add_parser("reverse", help=_("post the exact opposite of a posted entry"))
    reverse.add_argument("entry_id", type=positive, metavar="ENTRY_ID")
    reverse.add_argument("--reason", required=True, metavar=_("TEXT"))
    surplus = actions.add_parser("surplus", help=_("share a year's surplus among the workers, to the cent"))
    surplus.add_argument("year", type=year, metavar=_("YEAR"))
    surplus.add_argument("amount", metavar=_("AMOUNT"))
    surplus.add_argument("--basis", choices=("equal", "hours"), required=True)
    surplus.add_argument("--motion", type=positive, metavar="ID")
    member_statement = actions.add_parser("statement", help=_("a member's entries and totals for a year"))
    member_statement.add_argument("member_code", metavar="MEMBER_CODE")
    member_statement.add_argument("--year", type=year, required=True, metavar="Y")
    member_statement.add_argument("--json", action="store_true", help=_("print JSON"))
    export = actions.add_parser("export", help=_("write every posted entry to a CSV file"))
    export.add_argument("file", type=Path, metavar=_("FILE"))
    export.add_argument("--excel", action="store_true", help=_("for Spanish Excel: a BOM and semicolons"))

    payroll = reports.add_parser("payroll", help=_("the payroll of a pay period, to sign on receipt"))
    payroll.add_argument("period_id", type=positive, metavar="PERIOD_ID")
    add_output(payroll)
    statement = reports.add_parser("statement", help=_("a member's statement for a year"))
    statement.add_argument("member_code", metavar="MEMBER_CODE")
    statement.add_argument("--year", type=year, required=True, metavar="Y")
    add_output(statement)
    funds = reports.add_parser("funds", help=_("each fund's contributions and balance over a year"))
    funds.add_argument("--year", type=year, required=True, metavar="Y")
    add_output(funds)


def _money(cents: int) -> str:
    return i18n.format_money(cents)


def _hours(hundredths: int) -> str:
    from coopdesk.domain.money import to_decimal

    return i18n.format_number(to_decimal(hundredths))


def _day(value: date) -> str:
    return i18n.format_date(value)


def _ledger(args: argparse.Namespace) -> int:
    handler = {"rate": _rate, "fund": _fund, "period": _period, "hours": _hours_import, "advance": _advance,
               "reverse": _reverse, "surplus": _surplus, "statement": _statement, "export": _export,
               "deposit": _deposit, "payout": _payout, "fund-balance": _fund_balance}[args.action]
    db = open_db(args)
    try:
        return handler(db, args)
    finally:
        db.dispose()


def _rate(db, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from coopdesk.domain.money import parse_amount
    from coopdesk.services.ledger import set_rate

    rate = set_rate(db, rate_cents=parse_amount(args.amount), effective_from=args.effective_from,
                    motion_id=args.motion)
    out(_("The equal hourly rate is %(rate)s from %(date)s, by motion %(motion)s.") % {
        "rate": _money(rate.rate_cents), "date": _day(rate.effective_from), "motion": rate.motion_id})
    out(str(rate.id))
    return 0


def _fund(db, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from coopdesk.domain.money import parse_percent
    from coopdesk.services.ledger import save_fund

    fund = save_fund(db, code=args.code, name=args.name, percent_hundredths=parse_percent(args.percent),
                     motion_id=args.motion, paid_by=args.paid_by)
    values = {"code": fund.code, "name": fund.name, "percent": _hours(fund.percent_hundredths)}
    if fund.paid_by.value == "management":
        out(_("Management owes the fund %(code)s (%(name)s) %(percent)s %% of each gross pay line, on top of the "
              "pay.") % values)
    else:
        out(_("The fund %(code)s (%(name)s) takes %(percent)s %% of each gross pay line.") % values)
    out(str(fund.id))
    return 0


def _deposit(db, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from coopdesk.domain.money import parse_amount
    from coopdesk.services.ledger import record_deposit

    move = record_deposit(db, fund_code=args.code, amount_cents=parse_amount(args.amount), paid_on=args.paid_on,
                          note=args.note)
    out(_("Deposit of %(amount)s by management into the fund %(code)s on %(date)s recorded.") % {
        "amount": _money(move.amount_cents), "code": move.fund_code, "date": _day(move.paid_on)})
    out(str(move.id))
    return 0


def _payout(db, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from coopdesk.domain.money import parse_amount
    from coopdesk.services.ledger import pay_out

    move = pay_out(db, fund_code=args.code, amount_cents=parse_amount(args.amount), paid_on=args.paid_on,
                   motion_id=args.motion, member_code=args.member, note=args.note)
    values = {"amount": _money(move.amount_cents), "code": move.fund_code, "date": _day(move.paid_on),
              "motion": move.motion_id, "member": move.member_code}
    if move.member_code:
        out(_("Payout of %(amount)s from the fund %(code)s to %(member)s on %(date)s, by motion %(motion)s.")
            % values)
    else:
        out(_("Payout of %(amount)s from the fund %(code)s on %(date)s, by motion %(motion)s.") % values)
    out(str(move.id))
    return 0


def _fund_balance(db, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from coopdesk.domain.money import format_amount_plain as plain
    from coopdesk.services.ledger import fund_balance

    found = fund_balance(db, fund_code=args.code)
    if args.json:
        print(json.dumps({
            "code": found.code, "name": found.name, "paid_by": found.paid_by.value, "owed": plain(found.owed_cents),
            "deposited": plain(found.deposited_cents), "arrears": plain(found.arrears_cents),
            "arrears_since": found.arrears_since.isoformat() if found.arrears_since else None,
            "contributed": plain(found.contributed_cents), "paid_out": plain(found.paid_out_cents),
            "held": plain(found.held_cents),
        }, ensure_ascii=False, indent=1))
        return 0
    out(f"{found.code} — {found.name} — {_(found.paid_by.label)}")
    for label, cents in ((_("Owed by management"), found.owed_cents), (_("Deposited"), found.deposited_cents),
                         (_("Arrears"), found.arrears_cents),
                         (_("Contributed by the workers"), found.contributed_cents),
                         (_("Paid out"), found.paid_out_cents), (_("Held"), found.held_cents)):
        out(f"{label}: {_money(cents)}")
    if found.arrears_since:
        out(_("In arrears since %(date)s.") % {"date": _day(found.arrears_since)})
    return 0


def _period(db, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from coopdesk.services import ledger

    if args.step == "open":
        period = ledger.create_period(db, starts_on=args.start, ends_on=args.end)
        out(_("Pay period %(id)s is open: %(start)s to %(end)s.") % {
            "id": period.id, "start": _day(period.starts_on), "end": _day(period.ends_on)})
        out(str(period.id))
    elif args.step == "close":
        _print_close(ledger.close_period(db, period_id=args.period_id))
    elif args.step == "reopen":
        period = ledger.reopen_period(db, period_id=args.period_id, motion_id=args.motion, reason=args.reason)
        out(_("Pay period %(id)s is open again, by motion %(motion)s; close it to post the corrected payroll.")
            % {"id": period.id, "motion": args.motion})
    else:
        for period in ledger.list_periods(db, year=args.year):
            state = _(period.state.label)
            out("\t".join((str(period.id), period.starts_on.isoformat(), period.ends_on.isoformat(), state,
                           _hours(period.hours_hundredths), _money(period.gross_cents), _money(period.net_cents))))
    return 0


def _print_close(result) -> None:  # type: ignore[no-untyped-def]
    from coopdesk.domain.ledger import EntryKind, contribution_kind, fund_kind, kind_label

    period, total = result.period, result.totals
    out(ngettext("Pay period %(id)s (%(start)s to %(end)s) is closed: %(count)d member, %(hours)s hours at "
                 "%(rate)s an hour.",
                 "Pay period %(id)s (%(start)s to %(end)s) is closed: %(count)d members, %(hours)s hours at "
                 "%(rate)s an hour.", result.members) % {
        "id": period.id, "start": _day(period.starts_on), "end": _day(period.ends_on), "count": result.members,
        "hours": _hours(total.hours_hundredths), "rate": _money(result.rate.rate_cents)})
    out(f"{kind_label(EntryKind.GROSS.value)}: {_money(total.gross_cents)}")
    for fund, cents in zip(result.funds, total.contributions, strict=True):
        out(f"{kind_label(contribution_kind(fund.code))}: {_money(cents)}")
    out(f"{_('Advances')}: {_money(total.advances_cents)}")
    out(f"{kind_label(EntryKind.NET.value)}: {_money(total.net_cents)}")
    for fund, cents in zip(result.owed_funds, total.owed, strict=True):
        out(f"{kind_label(fund_kind(EntryKind.OWED, fund.code))}: {_money(cents)}")
    if result.entries_reversed:
        say(ngettext("%(count)d entry of the earlier closing was reversed (the lines that changed).",
                     "%(count)d entries of the earlier closing were reversed (the lines that changed).",
                     result.entries_reversed) % {"count": result.entries_reversed})


def _hours_import(db, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from coopdesk.services.ledger import import_hours

    done = import_hours(db, period_id=args.period_id, path=args.file)
    out(ngettext("Hours of %(count)d member recorded in pay period %(id)s (%(hours)s hours).",
                 "Hours of %(count)d members recorded in pay period %(id)s (%(hours)s hours).", done.members)
        % {"count": done.members, "id": done.period_id, "hours": _hours(done.total_hundredths)})
    return 0


def _advance(db, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from coopdesk.domain.money import parse_amount
    from coopdesk.services.ledger import add_advance

    advance = add_advance(db, period_id=args.period_id, member_code=args.member_code,
                          amount_cents=parse_amount(args.amount))
    out(_("Advance of %(amount)s to %(code)s recorded in pay period %(id)s.") % {
        "amount": _money(advance.amount_cents), "code": advance.member_code, "id": advance.period_id})
    out(str(advance.id))
    return 0


def _reverse(db, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from coopdesk.services.ledger import reverse_entry

    result = reverse_entry(db, entry_id=args.entry_id, reason=args.reason)
    others = len(result.reversed_ids) - 1
    if others:
        out(ngettext("Entry %(id)s was reversed with the %(count)d other entry of its pay line, in pay period "
                     "%(period)s.",
                     "Entry %(id)s was reversed with the %(count)d other entries of its pay line, in pay period "
                     "%(period)s.", others) % {"id": args.entry_id, "count": others, "period": result.period_id})
    else:
        out(_("Entry %(id)s was reversed.") % {"id": args.entry_id})
    out(str(result.entry_id))
    return 0


def _surplus(db, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from coopdesk.domain.money import parse_amount
    from coopdesk.services.ledger import share_out_surplus

    result = share_out_surplus(db, year=args.year, amount_cents=parse_amount(args.amount), basis=args.basis,
                               motion_id=args.motion)
    for share in result.shares:
        out("\t".join((share.member_code, share.member_name, _hours(share.hours_hundredths),
                       _money(share.share_cents))))
    out(ngettext("The surplus of %(year)s, %(amount)s, was shared among %(count)d worker.",
                 "The surplus of %(year)s, %(amount)s, was shared among %(count)d workers.", len(result.shares))
        % {"year": result.year, "amount": _money(result.total_cents), "count": len(result.shares)})
    out(str(result.id))
    return 0


def _statement(db, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from coopdesk.domain.ledger import EntryKind, contribution_kind, fund_kind, kind_label
    from coopdesk.domain.money import format_amount_plain as plain
    from coopdesk.services.ledger import statement

    found = statement(db, member_code=args.member_code, year=args.year)
    totals = found.totals
    if args.json:
        print(json.dumps({
            "member_code": found.member_code, "member_name": found.member_name, "year": found.year,
            "entries": [{"entry_id": row.id, "posted_on": row.posted_on.isoformat(), "period_id": row.period_id,
                         "kind": row.kind, "amount": plain(row.amount_cents), "reverses": row.reverses_id,
                         "note": row.note} for row in found.entries],
            "totals": {"gross": plain(totals.gross_cents),
                       "contributions": {code: plain(cents) for code, cents in totals.contributions},
                       "advances": plain(totals.advances_cents), "net": plain(totals.net_cents),
                       "surplus": plain(totals.surplus_cents), "payouts": plain(totals.payouts_cents),
                       "received": plain(totals.received_cents),
                       "owed_by_management": {code: plain(cents) for code, cents in totals.owed}},
            "verification": found.verification,
        }, ensure_ascii=False, indent=1))
        return 0
    out(f"{found.member_code} — {found.member_name} — {found.year}")
    for row in found.entries:
        label = kind_label(row.kind)
        if row.reverses_id:
            label = _("%(label)s of entry %(id)s (%(kind)s)") % {
                "label": label, "id": row.reverses_id, "kind": kind_label(row.effective_kind)}
        out("\t".join((str(row.id), row.posted_on.isoformat(), str(row.period_id or ""), label,
                       _money(row.amount_cents), row.note or "")))
    out(f"{kind_label(EntryKind.GROSS.value)}: {_money(totals.gross_cents)}")
    for code, cents in totals.contributions:
        out(f"{kind_label(contribution_kind(code))}: {_money(cents)}")
    out(f"{_('Advances')}: {_money(totals.advances_cents)}")
    out(f"{kind_label(EntryKind.NET.value)}: {_money(totals.net_cents)}")
    out(f"{kind_label(EntryKind.SURPLUS.value)}: {_money(totals.surplus_cents)}")
    if totals.payouts_cents:
        out(f"{_('Payouts from the funds')}: {_money(totals.payouts_cents)}")
    out(f"{_('Received')}: {_money(totals.received_cents)}")
    for code, cents in totals.owed:
        out(f"{kind_label(fund_kind(EntryKind.OWED, code))}: {_money(cents)}")
    return 0


def _export(db, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from coopdesk.services.ledger import export_entries

    count = export_entries(db, path=args.file, excel=args.excel)
    out(ngettext("%(count)d entry written to %(file)s.", "%(count)d entries written to %(file)s.", count)
        % {"count": count, "file": args.file})
    return 0


def _report(make) -> object:  # type: ignore[no-untyped-def]
    def handler(args: argparse.Namespace) -> int:
        db = open_db(args)
        try:
            pdf = make(db, args, args.lang or i18n.current_language())
        finally:
            db.dispose()
        write_output(args.output, pdf)
        return 0

    return handler


def _payroll_pdf(db, args, lang):  # type: ignore[no-untyped-def]
    from coopdesk.services.ledger.reports import payroll_report

    return payroll_report(db, period_id=args.period_id, lang=lang)


def _statement_pdf(db, args, lang):  # type: ignore[no-untyped-def]
    from coopdesk.services.ledger.reports import statement_report

    return statement_report(db, member_code=args.member_code, year=args.year, lang=lang)


def _funds_pdf(db, args, lang):  # type: ignore[no-untyped-def]
    from coopdesk.services.ledger.reports import funds_report

    return funds_report(db, year=args.year, lang=lang)


COMMANDS = {"ledger": _ledger}
REPORTS = {"payroll": _report(_payroll_pdf), "statement": _report(_statement_pdf), "funds": _report(_funds_pdf)}
