package io.tagstream.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tagstream.features.FeatureSpec;
import io.tagstream.model.Activation;
import io.tagstream.model.EncoderConfig;
import io.tagstream.model.EncoderWeights;
import io.tagstream.model.LabelSet;
import io.tagstream.model.NormPlacement;
import io.tagstream.model.PositionEncoding;
import io.tagstream.model.WeightTensor;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint round trip and refusals, the progress line, the training curve and the output file names. */
class TrainingOutputsTest {

    @TempDir
    Path dir;

    @Test
    void aCheckpointReadsBackExactly() throws Exception {
        EncoderConfig config = new EncoderConfig(40, 8, 2, 12, 1, 3, 1, 4, PositionEncoding.RELATIVE_BIAS,
                NormPlacement.PRE_NORM, Activation.GELU);
        TrainingPlan plan = new TrainingPlan(config, TrainingParameters.defaults(5).withBatchSize(2).withCropFrames(16)
                .withAveragingSteps(50).withMaxEpochs(9).withPatience(3).withStepsPerEpoch(7));
        EncoderWeights current = EncoderWeights.random(config, 1);
        EncoderWeights best = EncoderWeights.random(config, 2);
        EncoderWeights averaged = EncoderWeights.random(config, 4);
        EpochRecord record = record(1, 0.5);
        TrainingState state = TrainingState.initial().after(record, best);
        Map<String, float[]> moments = new LinkedHashMap<>();
        Random random = new Random(3);
        current.tensors().forEach((name, tensor) -> {
            float[] values = new float[2 * tensor.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) random.nextGaussian();
            }
            moments.put(name, values);
        });
        Checkpoint written = new Checkpoint(plan, "corpus x", FeatureSpec.DEFAULT, LabelSet.DEFAULT, state, current,
                new AdamState(7, moments), averaged);
        Path file = dir.resolve("c.checkpoint.zip");
        written.write(file);

        Checkpoint read = Checkpoint.read(file);
        assertEquals(plan, read.plan());
        assertEquals("corpus x", read.corpusDescription());
        assertEquals(List.of(record), read.state().history());
        assertEquals(1, read.state().bestEpoch());
        assertEquals(7, read.adam().iteration());
        assertSameTensors(current, read.current());
        assertSameTensors(best, read.state().best());
        assertSameTensors(averaged, read.averaged());
        moments.forEach((name, values) -> assertArrayEquals(values, read.adam().moments().get(name), name));
    }

    @Test
    void notACheckpointIsAOneLineError() throws Exception {
        Path file = dir.resolve("junk.zip");
        Files.writeString(file, "not a zip");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(file));
        assertTrue(e.getMessage().endsWith("junk.zip: not a training checkpoint (not a zip archive)"), e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.read(dir.resolve("none.zip")));
        assertTrue(missing.getMessage().endsWith("none.zip: no such checkpoint file"), missing.getMessage());
    }

    @Test
    void theProgressLineShowsEpochBarLossAccuracyAndEta() {
        StepReport report = new StepReport(3, 30, 45, 120, 0.5321, 0.8123, 1.214, 91.05, Double.POSITIVE_INFINITY);
        assertEquals("epoch 3/30 [#######.............] 45/120 loss 0.532 acc 81.2% 1.21 s/step ETA 1:31",
                ProgressBar.format(report, 20));
        StepReport budget = new StepReport(1, 5, 1, 10, 1, 0, 2, 18, 7.4);
        assertTrue(ProgressBar.format(budget, 4).endsWith("ETA 0:07"), "the budget ends first");
        assertEquals("1:02:03", ProgressBar.clock(3723));
    }

    @Test
    void theCurveDrawsEverySeriesInItsPanel() throws Exception {
        List<EpochRecord> epochs = List.of(record(1, 0.4), record(2, 0.6), record(3, 0.7));
        Path png = dir.resolve("curve.png");
        TrainingCurve.write(epochs, png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(TrainingCurve.WIDTH, image.getWidth());
        assertEquals(TrainingCurve.HEIGHT, image.getHeight());
        int half = TrainingCurve.WIDTH / 2;
        assertTrue(pixels(image, 0, half, TrainingCurve.TRAIN_LOSS) > 30, "train loss in the left panel");
        assertTrue(pixels(image, 0, half, TrainingCurve.DEV_LOSS) > 30, "dev loss in the left panel");
        assertTrue(pixels(image, half, TrainingCurve.WIDTH, TrainingCurve.DEV_MACRO_F1) > 30, "F1 on the right");
        assertEquals(0, pixels(image, 0, half, TrainingCurve.DEV_MACRO_F1), "no F1 on the left");
    }

    @Test
    void outputFilesSitBesideTheModel() {
        TrainingFiles files = TrainingFiles.beside(Path.of("out", "m.zip"));
        assertEquals(Path.of("out", "m.checkpoint.zip"), files.checkpoint());
        assertEquals(Path.of("out", "m.training.json"), files.log());
        assertEquals(Path.of("out", "m.training.png"), files.curve());
    }

    private static EpochRecord record(int epoch, double f1) {
        return new EpochRecord(epoch, 10, 10L * epoch, false, 1.2 / epoch, 0.5 + 0.1 * epoch, 1.1 / epoch,
                0.4 + 0.1 * epoch, f1, Map.of("silence", f1, "speech", f1, "music", f1, "noise", f1), 3.5, 0.5);
    }

    private static void assertSameTensors(EncoderWeights expected, EncoderWeights actual) {
        assertEquals(expected.config(), actual.config());
        for (Map.Entry<String, WeightTensor> tensor : expected.tensors().entrySet()) {
            assertArrayEquals(tensor.getValue().toArray(), actual.tensors().get(tensor.getKey()).toArray());
        }
        assertArrayEquals(expected.inputMean(), actual.inputMean());
        assertArrayEquals(expected.inputStd(), actual.inputStd());
    }

    private static int pixels(BufferedImage image, int fromX, int toX, java.awt.Color color) {
        int count = 0;
        for (int x = fromX; x < toX; x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                count += (image.getRGB(x, y) & 0xFFFFFF) == color.getRGB() - 0xFF000000 ? 1 : 0;
            }
        }
        return count;
    }
}
