-- The clusters the provisioner created (or is creating): only these may be deleted or scaled by akscompute.
create table created_cluster (
    workspace            varchar(64)  not null,
    compute_name         varchar(64)  not null,
    operation_id         uuid         not null,
    resource_group       varchar(90)  not null,
    cluster_name         varchar(63)  not null,
    cluster_resource_id  varchar(512) not null,
    location             varchar(60)  not null,
    cluster_purpose      varchar(20)  not null,
    agent_pool           varchar(12)  not null,
    agent_count          int          not null,
    agent_vm_size        varchar(60)  not null,
    kubernetes_version   varchar(30),
    status               varchar(20)  not null,
    created_at           timestamptz  not null,
    updated_at           timestamptz  not null,
    primary key (workspace, compute_name)
);
