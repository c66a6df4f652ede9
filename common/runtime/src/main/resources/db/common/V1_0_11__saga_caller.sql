-- The operation's verified caller kept with its saga: each status event a step writes names it without reading
-- the operation row again (about a dozen reads per attach). Null for sagas from before and for akscompute's own.
alter table saga_instance add column caller varchar(256);
