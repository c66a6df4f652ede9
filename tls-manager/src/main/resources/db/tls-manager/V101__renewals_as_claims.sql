-- Saga requests and RenewCertificate now run on the shared runtime (participant_work, saga_instance).
drop table work_item;

-- Renewals, secret updates and expiry notices are claimed row by row; a failing one backs off alone.
alter table certificate add column failures int not null default 0;
alter table certificate add column retry_at timestamptz;
alter table certificate_use add column failures int not null default 0;
alter table certificate_use add column retry_at timestamptz;
