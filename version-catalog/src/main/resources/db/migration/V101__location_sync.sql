-- When each known location is synced next: claimed row by row (SKIP LOCKED), so any number of instances sync a
-- location once per period.
create table location_sync (
    location     varchar(64)  primary key,
    next_sync_at timestamptz  not null
);
create index location_sync_due on location_sync (next_sync_at);
