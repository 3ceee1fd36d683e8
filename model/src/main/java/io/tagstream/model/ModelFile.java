package io.tagstream.model;

import io.tagstream.features.FeatureSpec;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A trained model as one file: a zip holding {@code manifest.json} (format version, encoder config, feature spec,
 * label set, input normalisation, provenance, tensor names and shapes, SHA-256 of the weights; see
 * {@link ModelManifest}) and {@code weights.bin} (every tensor as little-endian float32 in manifest order; see
 * {@link WeightsBinary} and {@link WeightLayout}). Reading validates everything and reports the first problem as a
 * one-line {@link ModelFileException}. Writing is atomic and deterministic (same model, same bytes).
 *
 * @param weights     the encoder's weights (with its config and input normalisation)
 * @param featureSpec how the frames the model expects are computed; streams with another spec must be refused
 * @param labels      the label set, one per classifier output
 * @param provenance  training data, seed, code version, metrics
 */
public record ModelFile(EncoderWeights weights, FeatureSpec featureSpec, LabelSet labels, Provenance provenance) {

    static final String MANIFEST_ENTRY = "manifest.json";
    static final String WEIGHTS_ENTRY = "weights.bin";
    private static final long MAX_MANIFEST_BYTES = 16L << 20;
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

    public ModelFile {
        if (weights == null || featureSpec == null || labels == null || provenance == null) {
            throw new IllegalArgumentException("a model file needs weights, a feature spec, labels and provenance");
        }
        EncoderConfig config = weights.config();
        if (labels.size() != config.labelCount()) {
            throw new IllegalArgumentException("the label set has " + labels.size() + " labels but the classifier "
                    + "scores " + config.labelCount());
        }
        if (featureSpec.dims() != config.inputDims()) {
            throw new IllegalArgumentException("the feature spec gives " + featureSpec.dims() + " values per frame "
                    + "but the encoder takes " + config.inputDims());
        }
    }

    /** An encoder over these weights with default options. */
    public Encoder encoder() {
        return Encoder.create(weights);
    }

    /** Writes this model to {@code file} (replaced atomically if it exists). */
    public void write(Path file) throws ModelFileException {
        byte[] weightBytes;
        try {
            weightBytes = WeightsBinary.encode(weights.tensors());
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, e.getMessage());
        }
        byte[] manifest = ModelManifest.write(new ModelManifest.Contents(weights.config(), featureSpec, labels,
                weights.inputMean(), weights.inputStd(), provenance, WeightLayout.of(weights.config()),
                sha256(weightBytes)));
        Path target = file.toAbsolutePath();
        Path temporary = null;
        try {
            temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(temporary))) {
                putEntry(zip, MANIFEST_ENTRY, manifest);
                putEntry(zip, WEIGHTS_ENTRY, weightBytes);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new ModelFileException(file, "cannot write the model (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads and validates a model file.
     *
     * @throws ModelFileException naming the file and the first problem: missing file, not a zip, missing entry,
     *                            invalid manifest field, tensor list not matching the config, truncated or corrupt
     *                            weights, non-finite values, label count or feature dims not matching the encoder
     */
    public static ModelFile read(Path file) throws ModelFileException {
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(file, "no such file");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ModelManifest.Contents manifest;
            try {
                manifest = ModelManifest.read(entry(zip, MANIFEST_ENTRY, MAX_MANIFEST_BYTES, false));
            } catch (IllegalArgumentException e) {
                throw new ModelFileException(file, MANIFEST_ENTRY + ": " + e.getMessage());
            }
            checkTensorList(file, manifest);
            long expected = WeightsBinary.byteCount(manifest.tensorShapes());
            if (expected > Integer.MAX_VALUE - 8) {
                throw new ModelFileException(file, "weights of " + expected + " bytes exceed the 2 GB format limit");
            }
            byte[] weightBytes = entry(zip, WEIGHTS_ENTRY, expected, true);
            if (!sha256(weightBytes).equals(manifest.weightsSha256())) {
                throw new ModelFileException(file, WEIGHTS_ENTRY + " is corrupt: its SHA-256 does not match the "
                        + "manifest");
            }
            return assemble(file, manifest, WeightsBinary.decode(weightBytes, manifest.tensorShapes()));
        } catch (ZipException e) {
            throw new ModelFileException(file, "not a readable zip archive (" + e.getMessage() + ")", e);
        } catch (EntryException e) {
            throw new ModelFileException(file, e.getMessage());
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static ModelFile assemble(Path file, ModelManifest.Contents manifest,
                                      Map<String, WeightTensor> tensors) throws ModelFileException {
        try {
            EncoderWeights weights = EncoderWeights.of(manifest.config(), manifest.mean(), manifest.std(), tensors);
            return new ModelFile(weights, manifest.featureSpec(), manifest.labels(), manifest.provenance());
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, e.getMessage());
        }
    }

    /** The manifest's tensor list must be exactly the config's layout: names, order and shapes. */
    private static void checkTensorList(Path file, ModelManifest.Contents manifest) throws ModelFileException {
        List<Map.Entry<String, int[]>> expected = List.copyOf(WeightLayout.of(manifest.config()).entrySet());
        List<Map.Entry<String, int[]>> listed = List.copyOf(manifest.tensorShapes().entrySet());
        for (int i = 0; i < Math.max(expected.size(), listed.size()); i++) {
            String want = i < expected.size() ? describe(expected.get(i)) : "no more tensors";
            String found = i < listed.size() ? describe(listed.get(i)) : "no more tensors";
            if (!want.equals(found)) {
                throw new ModelFileException(file, MANIFEST_ENTRY + ": tensor " + i + " is " + found + ", the encoder "
                        + "config needs " + want);
            }
        }
    }

    private static String describe(Map.Entry<String, int[]> tensor) {
        return tensor.getKey() + " " + Arrays.toString(tensor.getValue());
    }

    /** An entry's bytes: exactly {@code size} of them when {@code exact}, else at most {@code size}. */
    private static byte[] entry(ZipFile zip, String name, long size, boolean exact) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new EntryException("no " + name + " entry (not a tagstream model file)");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes((int) Math.min(size + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > size) {
                throw new EntryException(name + " is longer than " + (exact ? "the " + size + " bytes the encoder "
                        + "config needs" : "the limit of " + size + " bytes"));
            }
            if (exact && bytes.length < size) {
                throw new EntryException(name + " is truncated: " + bytes.length + " of the " + size
                        + " bytes the encoder config needs");
            }
            return bytes;
        } catch (ZipException | EOFException e) {
            throw new EntryException(name + " is damaged (" + e.getMessage() + ")");
        }
    }

    private static void putEntry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    /**
     * The id a model goes by in label records and metrics: {@code name} (".zip" dropped) + "@" + the first 12 hex
     * digits of the SHA-256 of the model file's bytes.
     */
    public static String modelId(String name, byte[] fileBytes) {
        return name.replaceFirst("\\.zip$", "") + "@" + sha256(fileBytes).substring(0, 12);
    }

    /**
     * The SHA-256 of {@code bytes} as 64 lower-case hex digits: a model file's identity (its id, its eval report), and
     * the app's fingerprint of a dead letter's cut payload.
     */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // best effort: the temporary file is hidden and the original message matters more
            }
        }
    }

    /** A problem with one entry of the archive, reported as the exception's one-line message. */
    private static final class EntryException extends IOException {
        EntryException(String message) {
            super(message);
        }
    }
}
