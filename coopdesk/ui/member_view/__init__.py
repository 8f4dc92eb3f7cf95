"""What a member sees after signing in: their rotation, the approved minutes and their own statement — to read
and print, with no control that changes anything."""

from coopdesk.ui.member_view.window import MemberWindow

__all__ = ["MemberWindow"]
