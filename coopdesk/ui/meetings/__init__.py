"""The Meetings section of the window: the list of assemblies and the pending follow-up actions, and for one
meeting its convocation and agenda, the roll call, and the proceedings (minutes, motions, elections,
decisions), with the steps of its life (convene, open, close, approve, errata) and its PDFs.

`page.MeetingsPage` is what the main window shows; it imports the meeting services only when first shown, so
the window starts without them.
"""
