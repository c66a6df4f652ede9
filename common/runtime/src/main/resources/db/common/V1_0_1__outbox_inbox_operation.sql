-- Shared by every service (each in its own database); service migrations start at V100.

-- Events waiting to be published; written in the same transaction as the state change they announce.
create table outbox_message (
    seq            bigserial primary key,
    id             uuid         not null unique,
    topic          varchar(249) not null,
    record_key     varchar(512) not null,
    ce_type        varchar(200) not null,
    ce_source      varchar(200) not null,
    ce_subject     varchar(512),
    correlation_id uuid,
    causation_id   varchar(200),
    payload        text         not null,
    created_at     timestamptz  not null default now(),
    published_at   timestamptz
);
create index outbox_message_pending on outbox_message (seq) where published_at is null;

-- Message ids a consumer has already handled: a redelivered message changes nothing.
create table inbox_message (
    consumer    varchar(100) not null,
    message_id  varchar(200) not null,
    outcome     varchar(20)  not null,
    received_at timestamptz  not null default now(),
    primary key (consumer, message_id)
);

-- Operations a service accepted, keyed by the command's CloudEvent id.
create table operation (
    id            uuid         primary key,
    workspace     varchar(64)  not null,
    compute_name  varchar(64)  not null,
    command_type  varchar(40)  not null,
    status        varchar(20)  not null,
    command       text         not null,
    created_at    timestamptz  not null default now(),
    updated_at    timestamptz  not null default now(),
    version       bigint       not null default 0
);
create index operation_by_compute on operation (workspace, compute_name, created_at);
