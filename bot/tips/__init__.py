"""The weekly education minute: tips from a Markdown file, a schedule per chapter, a rotation."""
