-- tls-manager's own tables (the shared outbox, inbox and operation tables come from db/common).

-- The certificate authority's root; one row. The key is AES-GCM encrypted with the configured key.
create table ca_key (
    id          int          primary key,
    cert_pem    text         not null,
    key_enc     text         not null,
    created_at  timestamptz  not null
);

-- FQDNs handed out for leaf domain labels: <label><six chars>.<region>.cloudapp.azure.com, each once.
create table domain_name (
    fqdn        varchar(253) primary key,
    leaf_label  varchar(63)  not null,
    dns_label   varchar(63)  not null,
    location    varchar(64)  not null,
    created_at  timestamptz  not null
);
create index domain_name_by_label on domain_name (leaf_label, location, created_at);

-- Certificates: AUTO (issued for a compute's leaf domain label) or USER (uploaded). key_enc is never plaintext.
create table certificate (
    id                   varchar(64)  primary key,
    kind                 varchar(10)  not null,
    workspace            varchar(64),
    compute_name         varchar(64),
    fqdn                 varchar(253),
    dns_label            varchar(63),
    leaf_label           varchar(63),
    location             varchar(64),
    cname                varchar(253),
    cert_pem             text         not null,
    key_enc              text         not null,
    issuer               varchar(100),
    fingerprint          varchar(64)  not null,
    not_before           timestamptz  not null,
    not_after            timestamptz  not null,
    expiring_notified_at timestamptz,
    expired_notified_at  timestamptz,
    created_at           timestamptz  not null,
    renewed_at           timestamptz,
    version              bigint       not null default 0
);
create index certificate_by_owner on certificate (workspace, compute_name);
create index certificate_by_expiry on certificate (kind, not_after);

-- Which compute runs which certificate in which cluster, and which version of it the cluster's secret holds.
create table certificate_use (
    workspace            varchar(64)  not null,
    compute_name         varchar(64)  not null,
    cluster_resource_id  varchar(512) not null,
    certificate_id       varchar(64)  not null references certificate (id),
    deployed_fingerprint varchar(64),
    updated_at           timestamptz  not null,
    primary key (workspace, compute_name)
);
create index certificate_use_by_certificate on certificate_use (certificate_id);

-- Work the single worker carries out away from the consumer thread: saga requests and RenewCertificate.
create table work_item (
    id          uuid         primary key,
    kind        varchar(20)  not null,
    request     text         not null,
    status      varchar(20)  not null,
    reply       text,
    attempts    int          not null default 0,
    claimed_at  timestamptz,
    created_at  timestamptz  not null,
    done_at     timestamptz
);
create index work_item_pending on work_item (created_at) where status <> 'DONE';
