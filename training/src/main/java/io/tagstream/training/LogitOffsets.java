package io.tagstream.training;

import io.tagstream.model.EncoderWeights;
import io.tagstream.model.LabelSet;
import io.tagstream.model.WeightTensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Constants added to the classifier's logits of a trained model, by label (the plan's
 * {@code "decision": {"logitOffsets": {...}}}). Adding {@code o_c} to logit {@code c} turns the probabilities
 * {@code p_c} into {@code p_c e^(o_c) / sum_j p_j e^(o_j)}: a change of the prior the model decides with (Bayes), the
 * same for every frame, with no effect on training. A negative offset for {@code speech} makes the model call speech
 * only on stronger evidence: fewer music and noise frames labelled speech, at some cost in speech recall. The trainer
 * adds the offsets to {@code classifier.bias} of the weights it validates and saves, so validation, the choice of
 * the best epoch, the model file and every consumer of the model (label, eval, the streams app) see the same decision.
 *
 * @param byLabel offset per label name; labels not named get 0
 */
public record LogitOffsets(Map<String, Double> byLabel) {

    /** Largest offset accepted in absolute value (e^20: far beyond any useful prior shift). */
    public static final double MAX_ABS = 20;
    /** No offsets. */
    public static final LogitOffsets NONE = new LogitOffsets(Map.of());

    public LogitOffsets {
        byLabel = Map.copyOf(new TreeMap<>(byLabel));
        for (Map.Entry<String, Double> offset : byLabel.entrySet()) {
            double value = offset.getValue();
            if (!(Math.abs(value) <= MAX_ABS)) {
                throw new IllegalArgumentException("logit offset of " + offset.getKey() + " must be within +-"
                        + MAX_ABS + ", got " + value);
            }
        }
    }

    /**
     * {@code weights} with the offsets added to {@code classifier.bias}; {@code weights} itself when there are none.
     *
     * @throws IllegalArgumentException if an offset names a label that is not in {@code labels}
     */
    public EncoderWeights applyTo(EncoderWeights weights, LabelSet labels) {
        requireKnown(labels);
        if (byLabel.isEmpty()) {
            return weights;
        }
        float[] bias = weights.classifierBias().toArray();
        byLabel.forEach((label, offset) -> bias[labels.indexOf(label)] += (float) (double) offset);
        Map<String, WeightTensor> tensors = new LinkedHashMap<>(weights.tensors());
        tensors.put("classifier.bias", WeightTensor.of(bias, bias.length));
        return EncoderWeights.of(weights.config(), weights.inputMean(), weights.inputStd(), tensors);
    }

    /** @throws IllegalArgumentException if an offset names a label that is not in {@code labels} */
    public void requireKnown(LabelSet labels) {
        for (String label : byLabel.keySet()) {
            if (labels.indexOf(label) < 0) {
                throw new IllegalArgumentException("decision.logitOffsets names the label '" + label
                        + "', which is not one of " + String.join(", ", labels.names()));
            }
        }
    }
}
