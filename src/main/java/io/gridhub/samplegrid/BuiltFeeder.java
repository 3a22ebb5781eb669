package io.gridhub.samplegrid;

import io.gridhub.samplegrid.SampleAssets.DistributionTransformer;
import io.gridhub.samplegrid.SampleAssets.Feeder;
import io.gridhub.samplegrid.SampleAssets.FeederSection;
import io.gridhub.samplegrid.SampleAssets.Pole;
import io.gridhub.samplegrid.SampleAssets.RingMainUnit;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;

/** One feeder with everything on it, as {@link FeederBuilder} made it; lives only while its substation is written. */
record BuiltFeeder(Feeder feeder, List<FeederSection> sections, List<Pole> poles, List<RingMainUnit> ringMainUnits,
                   List<DistributionTransformer> transformers, Coordinate trunkEnd) {

    /** Records this feeder contributes to the GeoJSONSeq files. */
    long assetCount() {
        return 1L + sections.size() + poles.size() + ringMainUnits.size() + transformers.size();
    }
}
