-- Distribution transformers are looked up by source id alone (capacity terms of a supply chain,
-- commitments), but V1 indexes them only under (feed_id, source_id). On the 1M-transformer
-- benchmark grid that lookup was a parallel sequential scan of the whole table per request.
CREATE INDEX IF NOT EXISTS distribution_transformer_source_idx ON grid.distribution_transformer (source_id);
