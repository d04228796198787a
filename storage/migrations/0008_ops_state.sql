-- Operational values the bot keeps for itself, e.g. the webhook's generated secret token.
CREATE TABLE ops_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
