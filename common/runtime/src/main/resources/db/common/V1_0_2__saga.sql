-- Sagas of the service that owns them; the reconciler claims due rows with FOR UPDATE SKIP LOCKED.
create table saga_instance (
    id                 uuid         primary key,
    operation_id       uuid         not null unique,
    type               varchar(60)  not null,
    workspace          varchar(64)  not null,
    compute_name       varchar(64)  not null,
    status             varchar(20)  not null,
    current_step       int          not null,
    attempt            int          not null default 0,
    next_attempt_at    timestamptz,
    state              text         not null,
    steps              text         not null,
    pending_request_id uuid,
    request_attempts   int          not null default 0,
    reply              text,
    lro_handle         text,
    last_message       text,
    failure_code       varchar(40),
    failure_message    text,
    failure_details    text,
    compensated        text,
    created_at         timestamptz  not null,
    updated_at         timestamptz  not null,
    version            bigint       not null default 0
);
create index saga_instance_due on saga_instance (next_attempt_at) where status in ('RUNNING', 'COMPENSATING');
create index saga_instance_by_compute on saga_instance (workspace, compute_name) where status in ('RUNNING', 'COMPENSATING');
