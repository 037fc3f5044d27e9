-- No query looks resources up by their event (LookupEvents joins each resource row to its event
-- through the event's primary key), so this index only cost three inserts for each S3 object event.
DROP INDEX cloudtrail_resources_event;
