package io.tagstream.training;

import io.tagstream.model.EncoderConfig;

/**
 * What to train and how: the architecture, the training parameters, the augmentation and the trained model's
 * decision offsets. Read from a JSON file by
 * {@link TrainingPlanFile}; stored in every checkpoint.
 *
 * @param encoder    the architecture (its input dims and label count match the feature spec and label set)
 * @param parameters   the training parameters
 * @param augmentation what is done to every training crop's features ({@link FeatureAugmentation#NONE}: nothing)
 * @param logitOffsets added to the validated and saved model's logits ({@link LogitOffsets#NONE}: nothing)
 */
public record TrainingPlan(EncoderConfig encoder, TrainingParameters parameters, FeatureAugmentation augmentation,
                           LogitOffsets logitOffsets) {

    public TrainingPlan {
        if (encoder == null || parameters == null || augmentation == null || logitOffsets == null) {
            throw new IllegalArgumentException("a training plan needs an encoder config, training parameters, an"
                    + " augmentation (FeatureAugmentation.NONE for none) and logit offsets (LogitOffsets.NONE)");
        }
    }

    /** A plan without logit offsets. */
    public TrainingPlan(EncoderConfig encoder, TrainingParameters parameters, FeatureAugmentation augmentation) {
        this(encoder, parameters, augmentation, LogitOffsets.NONE);
    }

    /** A plan without augmentation or logit offsets. */
    public TrainingPlan(EncoderConfig encoder, TrainingParameters parameters) {
        this(encoder, parameters, FeatureAugmentation.NONE);
    }

    /** This plan with other training parameters (architecture, augmentation and logit offsets kept). */
    public TrainingPlan withParameters(TrainingParameters newParameters) {
        return new TrainingPlan(encoder, newParameters, augmentation, logitOffsets);
    }

    /** The standard encoder ({@link EncoderConfig#standard}) with the default parameters. */
    public static TrainingPlan standard(int inputDims, int labelCount, long seed) {
        return new TrainingPlan(EncoderConfig.standard(inputDims, labelCount), TrainingParameters.defaults(seed));
    }
}
