package io.gridhub.samplegrid;

/**
 * What to generate: the seed, how big, and the shape tunables. Exactly one size criterion is used:
 * a fixed number of substations, or substations are added until the planned grid reaches a target
 * number of assets (all records of all files, load rows excluded) or of distribution transformers.
 *
 * @param preset             label written to the manifest ("sample", "assets", "transformers", "substations")
 * @param seed               every id, coordinate and load value follows from it
 * @param substations        fixed number of substations, or 0 to size by a target
 * @param targetAssets       grow until at least this many assets, or 0
 * @param targetTransformers grow until at least this many distribution transformers, or 0
 * @param shape              physical tunables
 * @param load               load export tunables
 */
public record SampleGridSpec(String preset, long seed, int substations, long targetAssets, long targetTransformers,
                             GridShape shape, LoadShape load) {

    /** The seed of the committed sample (geodata/ordos-sample). */
    public static final long DEFAULT_SEED = 20261127L;

    public SampleGridSpec {
        int criteria = (substations > 0 ? 1 : 0) + (targetAssets > 0 ? 1 : 0) + (targetTransformers > 0 ? 1 : 0);
        if (criteria != 1) {
            throw new IllegalArgumentException("give exactly one of substations, targetAssets, targetTransformers");
        }
    }

    /**
     * The committed sample: nine substations with fewer feeders each, so the few thousand assets cover
     * Kangbashi, Dongsheng and several banner towns instead of one big substation. The feeders left
     * out still load the main transformers (a real 110 kV station has 10–18), so their loading stays realistic.
     */
    public static SampleGridSpec sample(long seed) {
        GridShape shape = GridShape.defaults()
                .withFeedersPerBusbar(new GridShape.IntRange(2, 3), new GridShape.IntRange(1, 2));
        LoadShape load = LoadShape.defaults().withMainUnmodelled(new GridShape.Range(1.5, 3.0));
        return new SampleGridSpec("sample", seed, 9, 0, 0, shape, load);
    }

    public static SampleGridSpec forAssets(long seed, long assets) {
        return new SampleGridSpec("assets", seed, 0, assets, 0, GridShape.defaults(), LoadShape.defaults());
    }

    /** About {@code transformers} distribution transformers, and about a tenth as many feeders. */
    public static SampleGridSpec forTransformers(long seed, long transformers) {
        return new SampleGridSpec("transformers", seed, 0, 0, transformers,
                GridShape.defaults().withAboutTenTransformersPerFeeder(), LoadShape.defaults());
    }

    public static SampleGridSpec forSubstations(long seed, int substations) {
        return new SampleGridSpec("substations", seed, substations, 0, 0, GridShape.defaults(), LoadShape.defaults());
    }
}
