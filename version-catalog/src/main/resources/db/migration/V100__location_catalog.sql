-- version-catalog: the last good catalog of each location (service migrations start at V100).
create table location_catalog (
    location        varchar(64)  primary key,
    -- the normalised catalog (LocationVersions JSON), kept when Azure fails: never replaced by nothing
    content         text         not null,
    -- sha-256 of the content without fetchedAt: a sync that changes nothing publishes nothing
    content_hash    varchar(64)  not null,
    -- kubernetesVersions or orchestrators (legacy)
    source_api      varchar(32)  not null,
    -- when Azure last answered successfully
    fetched_at      timestamptz  not null,
    -- when the content last changed (and was published on aks.versions)
    changed_at      timestamptz  not null,
    -- the last sync failed: content is the last good one
    stale           boolean      not null default false,
    last_attempt_at timestamptz,
    last_error      text
);
