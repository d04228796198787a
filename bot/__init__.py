"""The domain: one package per feature (referrals, followup, business, chapters, tips), what they
share in core/, every member-facing word in texts/, and `services.py`, all a handler may call.

No SQL here (that is storage/) and no handling of updates (that is handlers/)."""
