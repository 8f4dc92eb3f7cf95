"""The Rotation section of the window (`page.RotationPage`) and the stand-alone member view
(`member_view.MemberRotationView`). Modules load when first needed, so the window starts without them."""
