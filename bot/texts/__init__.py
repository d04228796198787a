"""Every word a member sees, in one place. Anything a user typed is escaped here, nowhere else.

One module per feature; `common` holds the shared pieces (escaping, names, times).
"""
