"""Chapters and their members: who was seen where, the admins' settings and the CSV export."""
