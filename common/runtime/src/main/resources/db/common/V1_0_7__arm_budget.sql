-- The share of ARM's per-subscription request budget this service may spend, one bucket per subscription and kind
-- (writes, reads), shared by all replicas of the service: more replicas never send more requests than the share.
create table arm_budget (
    subscription varchar(64) not null,
    kind         varchar(8)  not null,
    tokens       double precision not null,
    refilled_at  timestamptz not null,
    primary key (subscription, kind)
);
