package io.tagstream.cli;

import java.nio.file.Path;

import io.tagstream.app.labeller.EncoderLabeller;
import io.tagstream.app.labeller.ModelLabellers;
import io.tagstream.model.DefaultModel;
import io.tagstream.model.ModelFile;
import io.tagstream.model.ModelFileException;

/** The model a command runs: the file given with {@code --model}, or the bundled default model when none is. */
final class ModelChoice {

    private ModelChoice() {
    }

    /** The model file's contents; a damaged or missing file is a one-line {@link UserFacingError}. */
    static ModelFile read(Path fileOrNull) {
        try {
            return fileOrNull == null ? DefaultModel.read() : ModelFile.read(fileOrNull);
        } catch (ModelFileException e) {
            throw new UserFacingError(e.getMessage(), e);
        }
    }

    /** The streams app's labeller of the model (deterministic GEMM: byte-identical labels on replay and fail-over). */
    static EncoderLabeller labeller(Path fileOrNull) {
        try {
            return ModelLabellers.fromFileOrDefault(fileOrNull);
        } catch (ModelFileException e) {
            throw new UserFacingError(e.getMessage(), e);
        }
    }
}
