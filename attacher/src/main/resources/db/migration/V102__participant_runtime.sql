-- Saga requests are now kept by the shared participant runtime (participant_work, db/common).
drop table participant_request;
