"""After a referral: the receiver's steps (contacted, meeting, not a fit) and the reminder sweep."""
