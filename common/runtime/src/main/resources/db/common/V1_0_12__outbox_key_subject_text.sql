-- A refused command is answered under the key and subject it came with, whatever their length (the front door
-- bounds the whole record to 256 KiB): at 512 characters the answer itself failed and the command went unanswered.
alter table outbox_message alter column record_key type text, alter column ce_subject type text;
