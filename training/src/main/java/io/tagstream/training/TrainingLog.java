package io.tagstream.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagstream.model.LabelSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The JSON training log, rewritten after every epoch: the corpus, the plan, the class weights and training frames
 * per label, the epoch length, one object per epoch ({@link EpochRecord}: loss, train accuracy, dev loss, dev
 * accuracy, dev macro F1 and per-label F1, seconds), the best epoch and, once the run is over, why it stopped.
 *
 * @param corpus        corpus description
 * @param plan          architecture and training parameters
 * @param labels        the label set
 * @param classWeights  loss weight per label
 * @param trainFrames   labelled training frames per label
 * @param stepsPerEpoch steps of a full epoch
 * @param epochs        the epochs so far
 * @param bestEpoch     the epoch whose weights are the model (0 before the first)
 * @param stopReason    why the run ended, or null while it runs
 */
public record TrainingLog(String corpus, TrainingPlan plan, LabelSet labels, ClassWeights classWeights,
                          long[] trainFrames, int stepsPerEpoch, List<EpochRecord> epochs, int bestEpoch,
                          StopReason stopReason) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes the log to {@code file} (atomically). */
    public void write(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("corpus", corpus);
        root.set("plan", TrainingPlanFile.toJson(plan));
        ObjectNode weights = root.putObject("classWeights");
        ObjectNode frames = root.putObject("trainFrames");
        for (int c = 0; c < labels.size(); c++) {
            weights.put(labels.name(c), classWeights.of(c));
            frames.put(labels.name(c), trainFrames[c]);
        }
        root.put("stepsPerEpoch", stepsPerEpoch);
        ArrayNode list = root.putArray("epochs");
        epochs.forEach(epoch -> list.add(JSON.valueToTree(epoch)));
        root.put("bestEpoch", bestEpoch);
        root.put("stopReason", stopReason == null ? null : stopReason.name());
        Path target = file.toAbsolutePath();
        Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            JSON.writeValue(temporary.toFile(), root);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
