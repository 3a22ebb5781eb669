package io.gridhub.samplegrid;

import io.gridhub.samplegrid.SampleAssets.Busbar;
import io.gridhub.samplegrid.SampleAssets.MainTransformer;
import io.gridhub.samplegrid.SampleAssets.Substation;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;

/**
 * A substation with its main transformers, busbars and the designs of its feeders; the feeders
 * themselves are rebuilt when written.
 *
 * @param assetCount       records the substation and everything on its feeders will write
 * @param transformerCount distribution transformers on its feeders
 * @param feederFarEnds    the far end of each feeder's trunk, in feeder order (tie candidates)
 */
record PlannedSubstation(Substation substation, List<MainTransformer> mainTransformers,
                         List<Busbar> busbars, List<FeederDesign> feeders, long assetCount, long transformerCount,
                         List<Coordinate> feederFarEnds) {
}
