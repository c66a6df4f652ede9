-- One operation per compute across the suite: the key is the compute, so the database refuses a second holder.
-- The attacher's sagas take the lock when their command is accepted, the provisioner's by asking the attacher.
create table compute_lock (
    workspace     varchar(255) not null,
    compute_name  varchar(255) not null,
    operation_id  uuid not null,
    operation     varchar(64) not null,
    taken_at      timestamptz not null,
    primary key (workspace, compute_name)
);

-- Every cluster the attacher put a front end into, written before the first write into the cluster and removed
-- once the front end is gone: the orphan sweep looks at these for front ends and secrets no compute accounts for.
create table front_end_footprint (
    cluster_resource_id varchar(1024) primary key,
    workspace           varchar(255) not null,
    compute_name        varchar(255) not null,
    operation_id        uuid not null,
    installed_at        timestamptz not null
);
