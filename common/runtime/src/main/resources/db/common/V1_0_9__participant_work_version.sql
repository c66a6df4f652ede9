-- A participant's request whose handler calls outside (a cluster, Azure) is leased while the handler runs with no
-- transaction open; the version is the lease's token, as saga_instance's is for a saga's step.
alter table participant_work add column version bigint not null default 0;
