-- pec4j JDBC registry, schema 3: the offices' desk (presa in carico) and the state of pec-mailroom
-- (intake journal, outbox, mailbox leases), kept in the registry's store; and an index to find
-- the outgoing registration whose SENT event carries a Message-ID (a receipt quoting it belongs there).
-- Instants are two columns, <name>_s and <name>_n, as in schema 1.

-- Presa in carico of an assignment: all three NULL while the assignment waits on the office's desk
-- (and for every assignment made before schema 3).
ALTER TABLE pec4j_assignment ADD COLUMN taken_by_id VARCHAR;
ALTER TABLE pec4j_assignment ADD COLUMN taken_by_name VARCHAR;
ALTER TABLE pec4j_assignment ADD COLUMN taken_at_s BIGINT;
ALTER TABLE pec4j_assignment ADD COLUMN taken_at_n INTEGER;

-- The Message-ID of a SENT event without blanks and angle brackets (TransmissionEvent.bareMessageId);
-- NULL for other events. Filled here for events recorded before schema 3.
ALTER TABLE pec4j_transmission ADD COLUMN sent_msgid VARCHAR;
UPDATE pec4j_transmission SET sent_msgid = CASE
        WHEN TRIM(msgid) LIKE '<%>' THEN TRIM(SUBSTRING(TRIM(msgid) FROM 2 FOR CHAR_LENGTH(TRIM(msgid)) - 2))
        ELSE TRIM(msgid) END
    WHERE event_type = 'SENT' AND msgid IS NOT NULL AND TRIM(msgid) <> '';
CREATE INDEX pec4j_transmission_sent_msgid ON pec4j_transmission (sent_msgid);

-- The intake journal: one committed outcome per mailbox and intake key; a re-processed message
-- replaces its row. reasons is each reason as <length>:<text>, one after the other.
CREATE TABLE pec4j_intake (
    mailbox VARCHAR NOT NULL,
    idem_key VARCHAR(128) NOT NULL,
    message_id VARCHAR,
    message_kind VARCHAR NOT NULL,
    sender VARCHAR,
    subject VARCHAR(1000),
    outcome VARCHAR(32) NOT NULL,
    registration VARCHAR,
    reasons VARCHAR NOT NULL,
    folder VARCHAR NOT NULL,
    at_s BIGINT NOT NULL,
    at_n INTEGER NOT NULL,
    attempts INTEGER NOT NULL,
    CONSTRAINT pec4j_intake_pk PRIMARY KEY (mailbox, idem_key)
);
CREATE INDEX pec4j_intake_queue ON pec4j_intake (mailbox, outcome, at_s, at_n);

-- The outbox of mail to send after a commit, at most one row per id (queuing twice never sends twice).
CREATE TABLE pec4j_outbox (
    outbox_id VARCHAR(200) NOT NULL PRIMARY KEY,
    mail_kind VARCHAR(32) NOT NULL,
    from_address VARCHAR NOT NULL,
    to_address VARCHAR NOT NULL,
    registration VARCHAR,
    office VARCHAR,
    subject VARCHAR NOT NULL,
    body VARCHAR NOT NULL,
    with_attachments BOOLEAN NOT NULL,
    in_reply_to VARCHAR,
    message_id VARCHAR NOT NULL,
    outbox_state VARCHAR(16) NOT NULL,
    attempts INTEGER NOT NULL,
    last_error VARCHAR,
    created_at_s BIGINT NOT NULL,
    created_at_n INTEGER NOT NULL,
    next_attempt_at_s BIGINT,
    next_attempt_at_n INTEGER,
    sent_at_s BIGINT,
    sent_at_n INTEGER
);
CREATE INDEX pec4j_outbox_due ON pec4j_outbox (outbox_state, next_attempt_at_s, next_attempt_at_n);
CREATE INDEX pec4j_outbox_registration ON pec4j_outbox (registration);

-- Mailbox leases: holder is NULL once released; token grows with every change of holder.
CREATE TABLE pec4j_lease (
    lease_name VARCHAR NOT NULL PRIMARY KEY,
    holder VARCHAR,
    token BIGINT NOT NULL,
    expires_at_s BIGINT NOT NULL,
    expires_at_n INTEGER NOT NULL
);
