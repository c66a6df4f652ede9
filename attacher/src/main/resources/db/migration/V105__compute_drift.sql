-- Drift: the attacher reads each compute's cluster back on an interval and keeps here what differed from the record.
-- drift: JSON list of {field, expected, actual}, null when there is none; drift_check_at: when the next check is due
-- (claimed with SKIP LOCKED and moved on before the check reads Azure); tls_fingerprint: SHA-256 of the certificate
-- the TLS secret held when the attacher last put TLS in place.
alter table compute add column drift text;
alter table compute add column drift_checked_at timestamptz;
alter table compute add column drift_check_at timestamptz;
alter table compute add column tls_fingerprint varchar(100);
update compute set drift_check_at = now();
create index compute_drift_due on compute (drift_check_at) where provisioning_state = 'Succeeded';
