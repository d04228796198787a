-- Languages: a chapter's (what it posts in the group; NULL means the DEFAULT_LANGUAGE setting),
-- a member's own choice for private messages (/language), and the one their Telegram app reports.

ALTER TABLE chapters ADD COLUMN language TEXT;
ALTER TABLE members ADD COLUMN language TEXT;
ALTER TABLE members ADD COLUMN language_code TEXT;
