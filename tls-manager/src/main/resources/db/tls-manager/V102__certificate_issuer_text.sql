-- A CA's distinguished name is often longer than 100 characters (e.g. Sectigo's intermediates): an upload from one
-- must not fail at the commit.
alter table certificate alter column issuer type text;
