-- Lookups the feed merge makes by source id alone (the (feed_id, source_id) key cannot serve them):
-- measured loads join distribution transformers by SBBM, and retired-or-not checks of references.
CREATE INDEX IF NOT EXISTS distribution_transformer_source_idx ON grid.distribution_transformer (source_id);
CREATE INDEX IF NOT EXISTS feeder_section_source_idx ON grid.feeder_section (source_id);
