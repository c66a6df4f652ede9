-- The workspace compute registry: one row per compute name in a workspace, one attachment per cluster.
create table compute (
    workspace            varchar(64)  not null,
    name                 varchar(64)  not null,
    operation_id         uuid         not null,
    is_attached          boolean      not null,
    cluster_resource_id  varchar(512),
    location             varchar(60),
    cluster_purpose      varchar(20),
    load_balancer_type   varchar(30),
    load_balancer_subnet varchar(80),
    ssl_status           varchar(20)  not null default 'Disabled',
    certificate_ref      varchar(80),
    cname                varchar(253),
    leaf_domain_label    varchar(63),
    fqdn                 varchar(253),
    kubernetes_version   varchar(30),
    agent_count          int,
    agent_vm_size        varchar(60),
    endpoint_ip          varchar(45),
    component_version    varchar(30),
    provisioning_state   varchar(20)  not null,
    provisioning_errors  text,
    description          text,
    created_on           timestamptz  not null,
    modified_on          timestamptz  not null,
    primary key (workspace, name)
);
-- Attaching one cluster twice breaks the earlier attachment (Azure ML): the database refuses it.
create unique index compute_one_attachment_per_cluster on compute (lower(cluster_resource_id));
