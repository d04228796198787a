-- One stable order of tips for every chapter (a chapter's progress is what it was posted).
-- Replaces the per-chapter rotation, which stored a row per tip for every chapter.

CREATE TABLE tip_catalog (
    title     TEXT    PRIMARY KEY,
    position  INTEGER NOT NULL UNIQUE
);
INSERT INTO tip_catalog (title, position)
    SELECT title, MIN(position) FROM tip_rotation GROUP BY title ORDER BY MIN(position), title;
DROP TABLE tip_rotation;
