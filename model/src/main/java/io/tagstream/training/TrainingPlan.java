package io.tagstream.training;

import io.tagstream.model.EncoderConfig;

/**
 * What to train and how: the architecture and the training parameters. Read from a JSON file by
 * {@link TrainingPlanFile}; stored in every checkpoint.
 *
 * @param encoder    the architecture (its input dims and label count match the feature spec and label set)
 * @param parameters   the training parameters
 * @param augmentation what is done to every training crop's features ({@link FeatureAugmentation#NONE}: nothing)
 */
public record TrainingPlan(EncoderConfig encoder, TrainingParameters parameters, FeatureAugmentation augmentation) {

    public TrainingPlan {
        if (encoder == null || parameters == null || augmentation == null) {
            throw new IllegalArgumentException("a training plan needs an encoder config, training parameters and an"
                    + " augmentation (FeatureAugmentation.NONE for none)");
        }
    }

    /** A plan without augmentation. */
    public TrainingPlan(EncoderConfig encoder, TrainingParameters parameters) {
        this(encoder, parameters, FeatureAugmentation.NONE);
    }

    /** The standard encoder ({@link EncoderConfig#standard}) with the default parameters. */
    public static TrainingPlan standard(int inputDims, int labelCount, long seed) {
        return new TrainingPlan(EncoderConfig.standard(inputDims, labelCount), TrainingParameters.defaults(seed));
    }
}
