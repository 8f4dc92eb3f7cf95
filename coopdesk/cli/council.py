"""The council's own settings at the command line: `council show [--json]`, `council set kind spu|cooperative`,
`council set plans-need-decision yes|no`."""

from __future__ import annotations

import argparse
import json

from coopdesk.cli.common import open_db, out
from coopdesk.i18n import _

KINDS = ("spu", "cooperative")


def add_parsers(commands: argparse._SubParsersAction, reports: argparse._SubParsersAction) -> None:
    council = commands.add_parser("council", help=_("the council's settings: its name and the unit's kind"))
    actions = council.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    show = actions.add_parser("show", help=_("show the council's settings"))
    show.add_argument("--json", action="store_true", help=_("print JSON"))
    setting = actions.add_parser("set", help=_("change a setting")).add_subparsers(
        dest="setting", metavar=_("SETTING"), required=True)
    setting.add_parser("kind", help=_("what the unit is: spu (social property: no surplus share-out, funds owed "
                                      "by management) or cooperative")).add_argument("kind", choices=KINDS)
    setting.add_parser("plans-need-decision", help=_("whether publishing a rotation plan needs a passed motion of "
                                                     "the council (yes by default in an SPU)")).add_argument(
        "value", choices=("yes", "no"), metavar="yes|no")


def _plans_need_decision(args: argparse.Namespace) -> int:
    from coopdesk.services.rotation.decisions import set_plans_need_decision

    db = open_db(args)
    try:
        value = set_plans_need_decision(db, value=args.value == "yes")
    finally:
        db.dispose()
    out(_("Plans need a decision of the council: publishing a plan needs its passed motion.") if value else
        _("Plans are published without a decision of the council."))
    return 0


def _council(args: argparse.Namespace) -> int:
    from coopdesk.services.council import get_council, set_unit_kind
    from coopdesk.services.rotation.decisions import plans_need_decision

    if args.action == "set" and args.setting == "plans-need-decision":
        return _plans_need_decision(args)
    db = open_db(args)
    try:
        council = set_unit_kind(db, kind=args.kind) if args.action == "set" else get_council(db)
        decision = plans_need_decision(db)
    finally:
        db.dispose()
    if args.action == "show" and args.json:
        print(json.dumps({"name": council.name, "short_name": council.short_name, "kind": council.kind.value,
                          "tax_id": council.tax_id, "address": council.address, "currency": council.currency,
                          "plans_need_decision": decision}, ensure_ascii=False, indent=1))
        return 0
    if args.action == "set":
        out(_("The unit is now: %(kind)s.") % {"kind": _(council.kind.label)})
        out(_(council.kind.explanation))
        return 0
    out(council.name)
    out(f"{_('Kind')}: {_(council.kind.label)} ({council.kind.value})")
    needs_decision = _("Plans need a decision")  # a plain call, so that the catalogs carry it
    out(f"{needs_decision}: {_('yes') if decision else _('no')}")
    for label, value in ((_("Short name"), council.short_name), (_("Tax id"), council.tax_id),
                         (_("Address"), council.address), (_("Currency"), council.currency)):
        if value:
            out(f"{label}: {value}")
    return 0


COMMANDS = {"council": _council}
REPORTS: dict[str, object] = {}
