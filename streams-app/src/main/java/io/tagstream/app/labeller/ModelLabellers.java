package io.tagstream.app.labeller;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.tagstream.model.DefaultModel;
import io.tagstream.model.Encoder;
import io.tagstream.model.GemmChoice;
import io.tagstream.model.InferenceOptions;
import io.tagstream.model.ModelFile;
import io.tagstream.model.ModelFileException;

/** Turns a model file into the topology's labeller. */
public final class ModelLabellers {

    /**
     * The engine of the app's model work: ND4J in a row layout checked to be row-invariant where the app runs (labels
     * the same however frames are batched; plain Java where no layout is, see {@link io.tagstream.model.RowInvariance}).
     */
    public static final GemmChoice GEMM = GemmChoice.ND4J_ROW_INVARIANT;

    private ModelLabellers() {
    }

    /**
     * The labeller of {@code file}, with model id "file-name@first-12-hex-of-sha256". It runs the deterministic
     * (row-invariant) GEMM, so labels are bit-identical however frames are batched: replays and fail-overs give
     * byte-identical label records.
     */
    public static EncoderLabeller fromFile(Path file) throws ModelFileException {
        return of(ModelFile.read(file), modelId(file));
    }

    /** The labeller of the bundled default model ({@link DefaultModel}), model id "default@hash". */
    public static EncoderLabeller fromDefault() throws ModelFileException {
        return of(DefaultModel.read(), DefaultModel.id());
    }

    /** The labeller of {@code file} (or of the default model when {@code file} is null). */
    public static EncoderLabeller fromFileOrDefault(Path file) throws ModelFileException {
        return file == null ? fromDefault() : fromFile(file);
    }

    private static EncoderLabeller of(ModelFile model, String modelId) {
        InferenceOptions options = InferenceOptions.defaults(model.weights().config()).withGemm(GEMM);
        Encoder encoder = Encoder.create(model.weights(), options);
        return new EncoderLabeller(encoder, model.featureSpec(), model.labels().names(), modelId);
    }

    static String modelId(Path file) throws ModelFileException {
        try {
            return ModelFile.modelId(file.getFileName().toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot read: " + e.getMessage(), e);
        }
    }
}
