package io.tagstream.training;

import com.fasterxml.jackson.databind.JsonNode;
import io.tagstream.features.FeatureSpec;
import io.tagstream.model.EncoderConfig;
import io.tagstream.model.EncoderJson;
import io.tagstream.model.EncoderWeights;
import io.tagstream.model.JsonBinding;
import io.tagstream.model.LabelSet;
import io.tagstream.model.ModelFile;
import io.tagstream.model.ModelFileException;
import io.tagstream.model.Provenance;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Everything needed to continue a training run exactly: the plan, the corpus description (a resumed run must use
 * the same corpus), the run's {@link TrainingState}, the current weights and Adam's state. One zip file, written
 * atomically (a temporary file moved over the old one):
 * <pre>
 * checkpoint.json      format, plan, corpus, progress counters, epoch history
 * current.model.zip    the current weights as a model file (feature spec, labels)
 * best.model.zip       the best weights so far (absent before the first epoch)
 * averaged.model.zip   the running weight average (only when the plan averages weights)
 * adam.bin             Adam's iteration and moments: "TSADAM" v1, then per parameter its name and 2n float32
 * </pre>
 *
 * @param plan              architecture and training parameters
 * @param corpusDescription {@link TrainingCorpus#description()} of the corpus trained on
 * @param featureSpec       the frames' feature spec
 * @param labels            the label set
 * @param state             progress, best weights, history
 * @param current           the weights after the last step
 * @param adam              Adam's state after the last step
 * @param averaged          the running average of the weights after the last step ({@link WeightAverage}), null
 *                          when the plan does not average
 */
public record Checkpoint(TrainingPlan plan, String corpusDescription, FeatureSpec featureSpec, LabelSet labels,
                         TrainingState state, EncoderWeights current, AdamState adam, EncoderWeights averaged) {

    static final String FORMAT = "tagstream-training-checkpoint";
    static final int VERSION = 1;
    private static final String STATE_ENTRY = "checkpoint.json";
    private static final String CURRENT_ENTRY = "current.model.zip";
    private static final String BEST_ENTRY = "best.model.zip";
    private static final String ADAM_ENTRY = "adam.bin";
    private static final String AVERAGED_ENTRY = "averaged.model.zip";
    private static final String ADAM_MAGIC = "TSADAM";
    private static final long MAX_ENTRY_BYTES = 1L << 30;

    /** {@value #STATE_ENTRY}, field for component ({@link JsonBinding}: every field required, none unknown). */
    private record StateJson(String format, int formatVersion, String corpus, TrainingPlanFile.PlanJson plan,
                             Progress state, List<EpochRecord> history) {
    }

    /** The run's counters in {@value #STATE_ENTRY}. */
    private record Progress(int epochsDone, long stepsDone, int bestEpoch, double bestMacroF1,
                            int epochsWithoutImprovement) {
    }

    /** This checkpoint with another epoch limit (to extend a finished run). */
    public Checkpoint withMaxEpochs(int maxEpochs) {
        TrainingPlan longer = plan.withParameters(plan.parameters().withMaxEpochs(maxEpochs));
        return new Checkpoint(longer, corpusDescription, featureSpec, labels, state, current, adam, averaged);
    }

    /** Writes this checkpoint to {@code file}, replacing it atomically. */
    public void write(Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(temporary))) {
                put(zip, STATE_ENTRY, JsonBinding.write(new StateJson(FORMAT, VERSION, corpusDescription,
                        TrainingPlanFile.PlanJson.of(plan), new Progress(state.epochsDone(), state.stepsDone(),
                        state.bestEpoch(), state.bestMacroF1(), state.epochsWithoutImprovement()), state.history())));
                put(zip, CURRENT_ENTRY, modelBytes(current, "checkpoint: current weights", target));
                if (state.best() != null) {
                    put(zip, BEST_ENTRY, modelBytes(state.best(), "checkpoint: best weights", target));
                }
                put(zip, ADAM_ENTRY, adamBytes(adam));
                if (averaged != null) {
                    put(zip, AVERAGED_ENTRY, modelBytes(averaged, "checkpoint: weight average", target));
                }
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Reads a checkpoint.
     *
     * @throws IOException              if it cannot be read
     * @throws IllegalArgumentException naming the file and the problem if it is not a valid checkpoint
     */
    public static Checkpoint read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such checkpoint file");
        }
        Map<String, byte[]> entries = entries(file);
        for (String name : List.of(STATE_ENTRY, CURRENT_ENTRY, ADAM_ENTRY)) {
            if (!entries.containsKey(name)) {
                throw new IllegalArgumentException(file + ": not a training checkpoint (no " + name + ")");
            }
        }
        try {
            StateJson json = stateJson(entries.get(STATE_ENTRY));
            ModelFile current = model(entries.get(CURRENT_ENTRY), file);
            TrainingPlan plan = json.plan().plan();
            EncoderConfig weights = current.weights().config();
            if (plan.encoder().inputDims() != weights.inputDims() || plan.encoder().labelCount() != weights.labelCount()) {
                throw new IllegalArgumentException("the plan's encoder takes " + plan.encoder().inputDims() + " inputs to "
                        + plan.encoder().labelCount() + " labels but the current weights take " + weights.inputDims()
                        + " to " + weights.labelCount());
            }
            EncoderWeights best = entries.containsKey(BEST_ENTRY)
                    ? model(entries.get(BEST_ENTRY), file).weights() : null;
            TrainingState state = state(json.state(), json.history(), best);
            EncoderWeights averaged = entries.containsKey(AVERAGED_ENTRY)
                    ? model(entries.get(AVERAGED_ENTRY), file).weights() : null;
            if ((plan.parameters().averagingSteps() > 0) != (averaged != null)) {
                throw new IllegalArgumentException("the plan's averagingSteps is " + plan.parameters().averagingSteps()
                        + " but the checkpoint " + (averaged == null ? "has no" : "has a") + " weight average");
            }
            return new Checkpoint(plan, json.corpus(), current.featureSpec(), current.labels(), state,
                    current.weights(), adam(entries.get(ADAM_ENTRY)), averaged);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static StateJson stateJson(byte[] bytes) {
        try {
            JsonNode root = JsonBinding.parse(bytes);
            if (!FORMAT.equals(root.path("format").asText()) || root.path("formatVersion").asInt() != VERSION) {
                throw new IllegalArgumentException("not a " + FORMAT + " version " + VERSION);
            }
            EncoderJson.withDefaults(root.path("plan").path("encoder")); // plans from before scoring and front ends
            return JsonBinding.read(root, StateJson.class);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(STATE_ENTRY + ": " + e.getMessage(), e);
        }
    }

    private static TrainingState state(Progress p, List<EpochRecord> history, EncoderWeights best) {
        TrainingState state = new TrainingState(p.epochsDone(), p.stepsDone(), p.bestEpoch(), p.bestMacroF1(),
                p.epochsWithoutImprovement(), best, history);
        if (state.epochsDone() != history.size() || (state.bestEpoch() > 0) != (best != null)) {
            throw new IllegalArgumentException("inconsistent state: " + state.epochsDone() + " epochs done, "
                    + history.size() + " in the history, best epoch " + state.bestEpoch());
        }
        return state;
    }

    private byte[] modelBytes(EncoderWeights weights, String what, Path beside) throws IOException {
        Path temporary = Files.createTempFile(beside.getParent(), ".checkpoint-model", ".zip");
        try {
            new ModelFile(weights, featureSpec, labels,
                    new Provenance(what + " of " + corpusDescription, plan.parameters().seed(), "checkpoint",
                            Map.of())).write(temporary);
            return Files.readAllBytes(temporary);
        } catch (ModelFileException e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static ModelFile model(byte[] bytes, Path checkpoint) throws IOException {
        Path temporary = Files.createTempFile(".checkpoint-model", ".zip");
        try {
            Files.write(temporary, bytes);
            return ModelFile.read(temporary);
        } catch (ModelFileException e) {
            throw new IllegalArgumentException("a model inside " + checkpoint.getFileName() + " is invalid ("
                    + e.getMessage() + ")", e);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    static byte[] adamBytes(AdamState adam) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(ADAM_MAGIC);
            out.writeInt(1);
            out.writeInt(adam.iteration());
            out.writeInt(adam.moments().size());
            for (Map.Entry<String, float[]> entry : adam.moments().entrySet()) {
                out.writeUTF(entry.getKey());
                out.writeInt(entry.getValue().length);
                for (float value : entry.getValue()) {
                    out.writeFloat(value);
                }
            }
        }
        return bytes.toByteArray();
    }

    static AdamState adam(byte[] bytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (!ADAM_MAGIC.equals(in.readUTF()) || in.readInt() != 1) {
                throw new IllegalArgumentException(ADAM_ENTRY + " is not Adam state version 1");
            }
            int iteration = in.readInt();
            int count = in.readInt();
            Map<String, float[]> moments = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int length = in.readInt();
                if (length < 0 || length > in.available() / Float.BYTES) {
                    throw new IllegalArgumentException(ADAM_ENTRY + " is truncated at " + name);
                }
                float[] values = new float[length];
                for (int v = 0; v < length; v++) {
                    values[v] = in.readFloat();
                }
                moments.put(name, values);
            }
            return new AdamState(iteration, moments);
        } catch (EOFException e) {
            throw new IllegalArgumentException(ADAM_ENTRY + " is truncated", e);
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(0);
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    private static Map<String, byte[]> entries(Path file) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), readBounded(zip, file));
            }
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(file + ": not a training checkpoint (not a zip archive)");
        }
        return entries;
    }

    private static byte[] readBounded(InputStream in, Path file) throws IOException {
        byte[] bytes = in.readNBytes((int) MAX_ENTRY_BYTES + 1);
        if (bytes.length > MAX_ENTRY_BYTES) {
            throw new IllegalArgumentException(file + ": an entry exceeds " + MAX_ENTRY_BYTES + " bytes");
        }
        return bytes;
    }
}
