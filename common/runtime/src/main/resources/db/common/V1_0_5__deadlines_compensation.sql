-- A request's deadline, when the current step or undo began, and what a compensation could not undo.
alter table saga_instance add column request_deadline timestamptz;
alter table saga_instance add column step_started_at timestamptz;
alter table saga_instance add column compensation_failed text;

-- A participant drops work past the deadline its owner gave.
alter table participant_work add column deadline timestamptz;

-- One operation per compute, held by the database: a second running saga of a compute cannot be written. Sagas
-- that are not about one compute's resources (RefreshVersions) are not serialised.
alter table saga_instance add column serialised boolean not null default true;
create unique index saga_instance_one_per_compute on saga_instance (workspace, compute_name)
    where serialised and status in ('RUNNING', 'COMPENSATING');

-- The orphan sweep: when each service sweeps next, and the orphans it has reported (each once).
create table orphan_sweep (
    service       varchar(32) primary key,
    next_sweep_at timestamptz not null
);
create table orphan (
    resource_id   varchar(2048) primary key,
    kind          varchar(32) not null,
    workspace     varchar(255),
    compute_name  varchar(255),
    found_at      timestamptz not null,
    last_error    text
);
