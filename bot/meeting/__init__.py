"""The weekly meeting: the check-in and attendance, the roster, substitutes and visitors."""
