package io.tagstream.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The model shipped with tagstream: {@code models/default/model.zip} in the repository (trained by the command in
 * models/default/README.md, with its eval report), packaged into the jar. Used whenever no model file is given.
 */
public final class DefaultModel {

    /** Where the default model sits on the class path. */
    public static final String RESOURCE = "/io/tagstream/model/default/model.zip";

    /** The name the default model goes by in label records and metrics (plus a hash of its bytes). */
    public static final String NAME = "default";

    private DefaultModel() {
    }

    /** Reads and validates the default model. */
    public static ModelFile read() throws ModelFileException {
        Path copy = null;
        try (InputStream in = DefaultModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ModelFileException(Path.of(RESOURCE), "this build has no default model (models/default/"
                        + "model.zip was missing when it was built); pass a model file");
            }
            // ModelFile reads zips from files (random access); the copy lives only while it is read
            copy = Files.createTempFile("tagstream-default-model", ".zip");
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            return ModelFile.read(copy);
        } catch (IOException e) {
            throw new ModelFileException(Path.of(RESOURCE), "cannot read the default model (" + e.getMessage() + ")",
                    e);
        } finally {
            if (copy != null) {
                copy.toFile().delete();
            }
        }
    }

    /** "default@" plus the first 12 hex digits of the SHA-256 of the default model's bytes. */
    public static String id() throws ModelFileException {
        return ModelFile.modelId(NAME, bytes());
    }

    /** The default model file's bytes, as packaged (the same bytes as models/default/model.zip). */
    public static byte[] bytes() throws ModelFileException {
        try (InputStream in = DefaultModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ModelFileException(Path.of(RESOURCE), "this build has no default model");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ModelFileException(Path.of(RESOURCE), "cannot read the default model (" + e.getMessage() + ")",
                    e);
        }
    }
}
