package io.tagstream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagstream.features.FeatureKind;
import io.tagstream.features.FeatureSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files: bitwise round trip (with and without a front end, and of the front end alone), deterministic bytes
 * (the default model, which has no front end, writes back byte for byte), and a one-line error for every kind of
 * damage.
 */
class ModelFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void roundTripGivesBitwiseIdenticalWeightsAndProbabilities() throws Exception {
        Random random = new Random(51);
        for (int trial = 0; trial < 6; trial++) {
            EncoderConfig config = TestModels.randomConfig(random);
            ModelFile model = model(config, random.nextLong());
            Path file = dir.resolve("model" + trial + ".zip");
            model.write(file);
            ModelFile read = ModelFile.read(file);

            assertEquals(config, read.weights().config());
            assertEquals(model.featureSpec(), read.featureSpec());
            assertEquals(model.labels(), read.labels());
            assertEquals(model.provenance(), read.provenance());
            assertArrayEquals(model.weights().inputMean(), read.weights().inputMean());
            assertArrayEquals(model.weights().inputStd(), read.weights().inputStd());
            for (Map.Entry<String, WeightTensor> tensor : model.weights().tensors().entrySet()) {
                WeightTensor copy = read.weights().tensors().get(tensor.getKey());
                assertArrayEquals(tensor.getValue().shape(), copy.shape(), tensor.getKey());
                assertArrayEquals(tensor.getValue().toArray(), copy.toArray(), tensor.getKey());
            }
            float[][] frames = TestModels.randomFrames(random, 30, config.inputDims());
            float[][] before = Encoder.create(model.weights()).probabilities(frames);
            float[][] after = read.encoder().probabilities(frames);
            for (int t = 0; t < frames.length; t++) {
                assertArrayEquals(before[t], after[t], "bitwise equal probabilities at frame " + t);
            }
        }
    }

    @Test
    void writingTheSameModelTwiceGivesTheSameBytes() throws Exception {
        ModelFile model = model(EncoderConfig.standard(40, 4).withSpan(8, 1), 52);
        Path a = dir.resolve("a.zip");
        Path b = dir.resolve("b.zip");
        model.write(a);
        model.write(b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        model.write(a); // replacing an existing file
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void missingOrTruncatedFilesGiveOneLineErrors() throws Exception {
        Path file = written();
        assertError("model.zip: no such file", dir.resolve("nowhere").resolve("model.zip"));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertErrorStartsWith("model.zip: not a readable zip archive (", file);
        Files.writeString(file, "hello");
        assertErrorStartsWith("model.zip: not a readable zip archive (", file);
    }

    @Test
    void truncatedOrAlteredWeightsAreDetected() throws Exception {
        Path file = written();
        long expected = WeightsBinary.byteCount(WeightLayout.of(model(config(), 1).weights().config()));
        rewrite(file, weights -> { }, 100);
        assertError("model.zip: weights.bin is truncated: " + (expected - 100) + " of the " + expected
                + " bytes the encoder config needs", file);

        file = written();
        rewrite(file, weights -> weights.put(10, (byte) (weights.get(10) ^ 1)), 0);
        assertError("model.zip: weights.bin is corrupt: its SHA-256 does not match the manifest", file);
    }

    @Test
    void nonFiniteWeightsAreRejectedNamingTheTensor() throws Exception {
        Path file = written();
        rewriteWithHash(file, manifest -> { }, weights -> weights.putFloat(4 * 7, Float.NaN));
        assertError("model.zip: tensor input.weight has a non-finite value NaN at index 7", file);
    }

    @Test
    void manifestProblemsNameTheField() throws Exception {
        Path file = written();
        rewriteWithHash(file, manifest -> ((ObjectNode) manifest.get("encoder")).remove("heads"), weights -> { });
        assertError("model.zip: manifest.json: missing field encoder.heads", file);

        file = written();
        rewriteWithHash(file, manifest -> ((ObjectNode) manifest.get("encoder")).put("layers", "two"), w -> { });
        assertError("model.zip: manifest.json: field encoder.layers must be an integer", file);

        file = written();
        rewriteWithHash(file, manifest -> ((ObjectNode) manifest.get("encoder")).put("heads", 3), weights -> { });
        assertError("model.zip: manifest.json: invalid encoder config: model dims 8 must be divisible by heads 3",
                file);

        file = written();
        rewriteWithHash(file, manifest -> ((ArrayNode) manifest.get("labels")).remove(0), weights -> { });
        assertError("model.zip: the label set has 3 labels but the classifier scores 4", file);

        file = written();
        rewriteWithHash(file, manifest -> ((ObjectNode) manifest.get("normalisation")).putArray("std")
                .add(1).add(0).add(1), w -> { });
        assertError("model.zip: normalisation std[1] must be positive and finite, got 0.0", file);

        file = written();
        rewriteWithHash(file, manifest -> ((ObjectNode) manifest.get("weights").get("tensors").get(2))
                .putArray("shape").add(8).add(8), weights -> { });
        assertError("model.zip: manifest.json: tensor 2 is block0.attn_norm.gain [8, 8], the encoder config needs "
                + "block0.attn_norm.gain [8]", file);

        file = written();
        rewriteWithHash(file, manifest -> ((ObjectNode) manifest.get("featureSpec")).put("melBands", 5), w -> { });
        assertError("model.zip: the feature spec gives 5 values per frame but the encoder takes 3", file);

        file = written();
        rewriteWithHash(file, manifest -> manifest.put("formatVersion", 2), weights -> { });
        assertError("model.zip: manifest.json: format is tagstream-model version 2, expected tagstream-model "
                + "version 1", file);

        file = written();
        rewriteWithHash(file, manifest -> manifest.remove("formatVersion"), weights -> { });
        assertError("model.zip: manifest.json: missing field formatVersion", file);

        file = written();
        rewrite(file, weights -> { }, 0, "{not json");
        assertErrorStartsWith("model.zip: manifest.json: not valid JSON (", file);
    }

    @Test
    void additiveScoringIsWrittenAndAManifestWithoutItReadsAsDotProduct() throws Exception {
        Path additive = dir.resolve("additive.zip");
        model(config().withScoring(AttentionScoring.ADDITIVE), 3).write(additive);
        assertEquals("ADDITIVE", new ObjectMapper().readTree(manifestText(additive)).get("encoder")
                .get("attentionScoring").asText());
        assertEquals(AttentionScoring.ADDITIVE, ModelFile.read(additive).weights().config().scoring());
        assertTrue(ModelFile.read(additive).weights().tensors().containsKey("block1.attn.additive"));

        Path dot = written();
        assertFalse(manifestText(dot).contains("attentionScoring"), "dot product writes no field: older files stay");
        assertEquals(AttentionScoring.DOT_PRODUCT, ModelFile.read(dot).weights().config().scoring());
    }

    @Test
    void aFrontEndIsWrittenAndReadBackAndAManifestWithoutOneReadsAsNone() throws Exception {
        FrontEnd front = FrontEnd.of(new ConvLayerSpec(3, 3, 3, 2, 1), new ConvLayerSpec(2, 2, 1, 1, 0));
        Path file = dir.resolve("conv.zip");
        ModelFile model = model(config().withFrontEnd(front), 4);
        model.write(file);
        var encoder = JSON.readTree(manifestText(file)).get("encoder");
        assertEquals("{\"conv\":[{\"channels\":3,\"kernelTime\":3,\"kernelFreq\":3,\"strideFreq\":2,"
                + "\"rightContext\":1},{\"channels\":2,\"kernelTime\":2,\"kernelFreq\":1,\"strideFreq\":1,"
                + "\"rightContext\":0}]}", encoder.get("frontEnd").toString());
        ModelFile read = ModelFile.read(file);
        assertEquals(front, read.weights().config().frontEnd());
        assertEquals(List.of("frontend.conv0.weight", "frontend.conv0.bias", "frontend.conv1.weight",
                "frontend.conv1.bias", "input.weight"), read.weights().tensors().keySet().stream().limit(5).toList());
        assertArrayEquals(new int[] {3, 1, 3, 3}, read.weights().tensors().get("frontend.conv0.weight").shape());
        assertArrayEquals(new int[] {2, 3, 2, 1}, read.weights().tensors().get("frontend.conv1.weight").shape());
        assertArrayEquals(new int[] {2 * 2, 8}, read.weights().tensors().get("input.weight").shape(),
                "3 bins -> 2 (stride 2) -> 2, times 2 channels");
        float[][] frames = TestModels.randomFrames(new Random(5), 20, 3);
        float[][] before = Encoder.create(model.weights()).probabilities(frames);
        float[][] after = read.encoder().probabilities(frames);
        for (int t = 0; t < frames.length; t++) {
            assertArrayEquals(before[t], after[t], "bitwise equal probabilities at frame " + t);
        }
        Path again = dir.resolve("again.zip");
        read.write(again);
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again), "re-saved byte for byte");

        Path plain = written();
        assertFalse(manifestText(plain).contains("frontEnd"), "no front end writes no field: older files stay");
        assertEquals(FrontEnd.NONE, ModelFile.read(plain).weights().config().frontEnd());
    }

    @Test
    void aConvOnlyModelIsWrittenWithoutBlockWeightsAndReadBackAndReSavedByteForByte() throws Exception {
        Random random = new Random(53);
        for (int trial = 0; trial < 4; trial++) {
            EncoderConfig config = TestModels.randomConvOnlyConfig(random);
            ModelFile model = model(config, random.nextLong());
            Path file = dir.resolve("conv-only" + trial + ".zip");
            model.write(file);
            var encoder = JSON.readTree(manifestText(file)).get("encoder");
            assertEquals(0, encoder.get("layers").asInt());
            assertTrue(encoder.has("frontEnd"));
            ModelFile read = ModelFile.read(file);
            assertEquals(config, read.weights().config());
            assertTrue(read.weights().blocks().isEmpty());
            assertFalse(read.weights().tensors().keySet().stream().anyMatch(name -> name.startsWith("block")),
                    "no block tensors in the file");
            float[][] frames = TestModels.randomFrames(random, 30, config.inputDims());
            float[][] before = Encoder.create(model.weights()).probabilities(frames);
            float[][] after = read.encoder().probabilities(frames);
            for (int t = 0; t < frames.length; t++) {
                assertArrayEquals(before[t], after[t], "bitwise equal probabilities at frame " + t);
            }
            Path again = dir.resolve("conv-only-again" + trial + ".zip");
            read.write(again);
            assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again), "re-saved byte for byte");
        }
    }

    @Test
    void zeroLayersWithoutAFrontEndAreRefusedNamingTheField() throws Exception {
        Path file = dir.resolve("model.zip");
        model(TestModels.convOnly91(), 6).write(file);
        rewriteWithHash(file, manifest -> ((ObjectNode) manifest.get("encoder")).remove("frontEnd"), weights -> { });
        assertError("model.zip: manifest.json: invalid encoder config: layers must be 1..64, or 0 with a "
                + "convolutional front end, got 0", file);
    }

    @Test
    void modelV1WithoutAFrontEndReadsAndReSavesByteForByte() throws Exception {
        Path v1 = Path.of("..", "models", "v1", "model.zip");
        ModelFile model = ModelFile.read(v1);
        assertEquals(FrontEnd.NONE, model.weights().config().frontEnd());
        Path copy = dir.resolve("v1.zip");
        model.write(copy);
        assertArrayEquals(Files.readAllBytes(v1), Files.readAllBytes(copy), "models/v1/model.zip, written again");
    }

    @Test
    void theDefaultModelWithAFrontEndReadsAndReSavesByteForByte() throws Exception {
        byte[] original = DefaultModel.bytes();
        ModelFile model = DefaultModel.read();
        assertEquals(2, model.weights().config().frontEnd().layers().size());
        Path copy = dir.resolve("default.zip");
        model.write(copy);
        assertArrayEquals(original, Files.readAllBytes(copy), "models/default/model.zip, written again");
    }

    @Test
    void frontEndProblemsNameTheField() throws Exception {
        Path file = dir.resolve("model.zip");
        model(config().withFrontEnd(FrontEnd.of(new ConvLayerSpec(2, 3, 3, 1, 1))), 5).write(file);
        rewriteWithHash(file, manifest -> ((ObjectNode) manifest.get("encoder").get("frontEnd").get("conv").get(0))
                .put("kernelFreq", 4), weights -> { });
        assertError("model.zip: manifest.json: encoder.frontEnd.conv[0]: invalid front-end conv layer: kernelFreq must "
                + "be odd (same padding in frequency) and 1..31, got 4", file);

        model(config().withFrontEnd(FrontEnd.of(new ConvLayerSpec(2, 3, 3, 1, 1))), 5).write(file);
        rewriteWithHash(file, manifest -> ((ObjectNode) manifest.get("encoder").get("frontEnd").get("conv").get(0))
                .remove("rightContext"), weights -> { });
        assertError("model.zip: manifest.json: missing field encoder.frontEnd.conv[0].rightContext", file);

        model(config().withFrontEnd(FrontEnd.of(new ConvLayerSpec(2, 3, 3, 1, 1))), 5).write(file);
        rewriteWithHash(file, manifest -> ((ObjectNode) manifest.get("encoder")).remove("frontEnd"), weights -> { });
        assertError("model.zip: manifest.json: tensor 0 is frontend.conv0.weight [2, 1, 3, 3], the encoder config "
                + "needs input.weight [3, 8]", file);
    }

    private static String manifestText(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return new String(zip.getInputStream(zip.getEntry("manifest.json")).readAllBytes(),
                    StandardCharsets.UTF_8);
        }
    }

    private static EncoderConfig config() {
        return new EncoderConfig(3, 8, 2, 12, 2, 4, 1, 4, PositionEncoding.ROTARY, NormPlacement.PRE_NORM,
                Activation.GELU);
    }

    private static ModelFile model(EncoderConfig config, long seed) {
        FeatureSpec spec = new FeatureSpec(16_000, 400, 160, config.inputDims(), 0, FeatureKind.LOG_MEL, 0.0, 4_000.0);
        LabelSet labels = config.labelCount() == 4 ? LabelSet.DEFAULT
                : new LabelSet(Arrays.asList("l0", "l1", "l2", "l3", "l4", "l5").subList(0, config.labelCount()));
        Provenance provenance = new Provenance("synthetic corpus, 3 min", seed, "test", Map.of("frameAccuracy", 0.125,
                "f1.speech", 1.0 / 3));
        return new ModelFile(EncoderWeights.random(config, seed), spec, labels, provenance);
    }

    private Path written() throws ModelFileException {
        Path file = dir.resolve("model.zip");
        model(config(), 1).write(file);
        return file;
    }

    private static void assertError(String expected, Path file) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.read(file));
        assertEquals(expected, e.getMessage());
    }

    private static void assertErrorStartsWith(String prefix, Path file) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.read(file));
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    /** Rewrites the archive with an edited manifest and edited weights, the manifest's hash updated. */
    private static void rewriteWithHash(Path file, Consumer<ObjectNode> editManifest, Consumer<ByteBuffer> editWeights)
            throws IOException {
        byte[][] entries = entries(file);
        ByteBuffer weights = ByteBuffer.wrap(entries[1]).order(ByteOrder.LITTLE_ENDIAN);
        editWeights.accept(weights);
        ObjectNode manifest = (ObjectNode) JSON.readTree(entries[0]);
        editManifest.accept(manifest);
        ((ObjectNode) manifest.get("weights")).put("sha256", ModelFile.sha256(entries[1]));
        write(file, JSON.writeValueAsBytes(manifest), entries[1]);
    }

    /** Rewrites the archive with edited weights (hash untouched), dropping {@code cut} bytes of the weights. */
    private static void rewrite(Path file, Consumer<ByteBuffer> editWeights, int cut) throws IOException {
        byte[][] entries = entries(file);
        rewrite(file, editWeights, cut, new String(entries[0], StandardCharsets.UTF_8));
    }

    /** Rewrites the archive with another manifest text and edited weights (hash untouched). */
    private static void rewrite(Path file, Consumer<ByteBuffer> editWeights, int cut, String manifestText)
            throws IOException {
        byte[][] entries = entries(file);
        editWeights.accept(ByteBuffer.wrap(entries[1]).order(ByteOrder.LITTLE_ENDIAN));
        write(file, manifestText.getBytes(StandardCharsets.UTF_8), Arrays.copyOf(entries[1], entries[1].length - cut));
    }

    private static byte[][] entries(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return new byte[][] {read(zip, ModelFile.MANIFEST_ENTRY), read(zip, ModelFile.WEIGHTS_ENTRY)};
        }
    }

    private static byte[] read(ZipFile zip, String name) throws IOException {
        try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
            return in.readAllBytes();
        }
    }

    private static void write(Path file, byte[] manifest, byte[] weights) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry(ModelFile.MANIFEST_ENTRY));
            zip.write(manifest);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(ModelFile.WEIGHTS_ENTRY));
            zip.write(weights);
            zip.closeEntry();
        }
    }
}
