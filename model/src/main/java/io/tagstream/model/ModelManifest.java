package io.tagstream.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.tagstream.features.FeatureSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON manifest of a model file: format version, encoder config, feature spec, labels, input normalisation,
 * provenance, and the list of weight tensors (name and shape, in the order of the weights entry) with the weights'
 * SHA-256. Bound by {@link JsonBinding} (every field required, unknown fields refused); a problem is an
 * {@link IllegalArgumentException} whose one-line message names the field.
 */
final class ModelManifest {

    static final String FORMAT = "tagstream-model";
    static final int VERSION = 1;
    private static final String FLOAT32 = "float32";
    private static final String LITTLE_ENDIAN = "little-endian";

    /** Everything the manifest holds. */
    record Contents(EncoderConfig config, FeatureSpec featureSpec, LabelSet labels, float[] mean, float[] std,
                    Provenance provenance, Map<String, int[]> tensorShapes, String weightsSha256) {
    }

    /** The manifest as JSON, field for component. */
    private record ManifestJson(String format, int formatVersion, EncoderJson encoder, FeatureSpec featureSpec,
                                List<String> labels, Normalisation normalisation, Provenance provenance,
                                Weights weights) {
    }

    private record Normalisation(float[] mean, float[] std) {
    }

    private record Weights(String entry, String dtype, String byteOrder, String sha256, List<Tensor> tensors) {
    }

    private record Tensor(String name, int[] shape) {
    }

    private ModelManifest() {
    }

    static byte[] write(Contents c) {
        List<Tensor> tensors = new ArrayList<>();
        c.tensorShapes().forEach((name, shape) -> tensors.add(new Tensor(name, shape)));
        return JsonBinding.write(new ManifestJson(FORMAT, VERSION, EncoderJson.of(c.config()), c.featureSpec(),
                c.labels().names(), new Normalisation(c.mean(), c.std()), c.provenance(),
                new Weights(ModelFile.WEIGHTS_ENTRY, FLOAT32, LITTLE_ENDIAN, c.weightsSha256(), tensors)));
    }

    static Contents read(byte[] bytes) {
        JsonNode root = JsonBinding.parse(bytes);
        // before the binding, so that another file or version is named as such and not by its first odd field;
        // a missing or mistyped format or version is the binding's to report
        JsonNode format = root.path("format");
        JsonNode version = root.path("formatVersion");
        if (format.isTextual() && !FORMAT.equals(format.textValue())
                || version.isIntegralNumber() && version.asLong() != VERSION) {
            throw new IllegalArgumentException("format is " + format.asText() + " version " + version.asText()
                    + ", expected " + FORMAT + " version " + VERSION);
        }
        EncoderJson.withDefaults(root.path("encoder")); // files from before scoring and front ends
        ManifestJson m = JsonBinding.read(root, ManifestJson.class);
        Weights weights = m.weights();
        if (!ModelFile.WEIGHTS_ENTRY.equals(weights.entry()) || !FLOAT32.equals(weights.dtype())
                || !LITTLE_ENDIAN.equals(weights.byteOrder())) {
            throw new IllegalArgumentException("weights must be float32 little-endian in entry " + ModelFile.WEIGHTS_ENTRY);
        }
        Map<String, int[]> shapes = new LinkedHashMap<>();
        for (int i = 0; i < weights.tensors().size(); i++) {
            Tensor tensor = weights.tensors().get(i);
            if (Arrays.stream(tensor.shape()).anyMatch(d -> d < 0)) {
                throw new IllegalArgumentException("field weights.tensors[" + i + "].shape must be an array of "
                        + "non-negative integers");
            }
            if (shapes.put(tensor.name(), tensor.shape()) != null) {
                throw new IllegalArgumentException("tensor " + tensor.name() + " is listed twice");
            }
        }
        return new Contents(m.encoder().config(), m.featureSpec(), new LabelSet(m.labels()),
                m.normalisation().mean(), m.normalisation().std(), m.provenance(), shapes, weights.sha256());
    }
}
