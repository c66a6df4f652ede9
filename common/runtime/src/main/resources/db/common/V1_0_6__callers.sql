-- Who caused what: an operation's verified caller (the token's subject, never the token), and the authcontext
-- every outbox row carries onto its CloudEvent.
alter table operation add column caller varchar(256);
alter table outbox_message add column auth_type varchar(32);
alter table outbox_message add column auth_id varchar(256);
