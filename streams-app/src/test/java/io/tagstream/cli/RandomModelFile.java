package io.tagstream.cli;

import java.nio.file.Path;

import io.tagstream.features.FeatureSpec;
import io.tagstream.model.Activation;
import io.tagstream.model.EncoderConfig;
import io.tagstream.model.EncoderWeights;
import io.tagstream.model.LabelSet;
import io.tagstream.model.ModelFile;
import io.tagstream.model.ModelFileException;
import io.tagstream.model.NormPlacement;
import io.tagstream.model.PositionEncoding;
import io.tagstream.model.Provenance;

/** A small model file with seeded random weights, the default feature spec and labels: for command tests. */
final class RandomModelFile {

    private RandomModelFile() {
    }

    /** Writes the model (2 layers, d 32, rotary, pre-norm, GELU; weights from {@code seed}) to {@code file}. */
    static Path write(Path file, long seed) throws ModelFileException {
        return write(file, seed, FeatureSpec.DEFAULT);
    }

    /** The same model over the feature spec {@code spec}. */
    static Path write(Path file, long seed, FeatureSpec spec) throws ModelFileException {
        EncoderConfig config = new EncoderConfig(spec.dims(), 32, 2, 64, 2, 8, 1, 4,
                PositionEncoding.ROTARY, NormPlacement.PRE_NORM, Activation.GELU);
        new ModelFile(EncoderWeights.random(config, seed), spec, LabelSet.DEFAULT,
                Provenance.untrained(seed)).write(file);
        return file;
    }
}
