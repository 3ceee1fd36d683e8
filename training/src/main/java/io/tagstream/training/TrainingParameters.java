package io.tagstream.training;

/**
 * How an encoder is trained; validated at construction, immutable.
 *
 * @param seed             seeds the initial weights, the crops of every step (SplitMix of seed and step) and ND4J
 * @param batchSize        crops per step, {@code B}
 * @param cropFrames       frames per crop, {@code T}; each crop is a recording of its own for the attention band
 * @param learningRate     Adam step size of the first epoch (ND4J's Adam: beta1 0.9, beta2 0.999, epsilon 1e-8)
 * @param learningRateDecay the step size is multiplied by this from one epoch to the next: epoch {@code e} (from 1)
 *                         steps at {@code learningRate * learningRateDecay^(e-1)}; 1 keeps it constant
 * @param averagingSteps   0: validate and keep the weights as trained; N &gt; 0: validate and keep a running average
 *                         of the weights instead, the mean of all steps' weights for the first N steps and then an
 *                         exponential moving average with time constant N steps (see {@link WeightAverage})
 * @param maxEpochs        upper bound on epochs
 * @param patience         stop after this many epochs without a better dev macro F1 (early stopping)
 * @param stepsPerEpoch    steps between validations; 0 = enough crops to cover the training frames once
 * @param classWeighting   weight each frame's loss by the inverse frequency of its class (see {@link ClassWeights})
 * @param workers          threads that share each step: the batch's crops are split into this many slices whose
 *                         gradients are computed at once and summed (see {@link BatchGradients}); the same step as
 *                         one worker up to float rounding; a run is deterministic for a given number of workers, and
 *                         another number gives another (nearby) model
 */
public record TrainingParameters(
        long seed,
        int batchSize,
        int cropFrames,
        double learningRate,
        double learningRateDecay,
        int averagingSteps,
        int maxEpochs,
        int patience,
        int stepsPerEpoch,
        boolean classWeighting,
        int workers) {

    /** Largest crop accepted: attention is {@code [B, H, T, T]} per layer in training. */
    public static final int MAX_CROP_FRAMES = 2_048;
    /** Largest batch accepted. */
    public static final int MAX_BATCH = 1_024;
    /** Largest number of epochs or steps per epoch accepted (bounds every loop). */
    public static final int MAX_COUNT = 1_000_000;
    /** Most workers accepted per step. */
    public static final int MAX_WORKERS = 64;

    public TrainingParameters {
        require(batchSize >= 1 && batchSize <= MAX_BATCH, "batch size must be 1.." + MAX_BATCH + ", got " + batchSize);
        require(cropFrames >= 2 && cropFrames <= MAX_CROP_FRAMES,
                "crop frames must be 2.." + MAX_CROP_FRAMES + ", got " + cropFrames);
        require(learningRate > 0 && learningRate < 1, "learning rate must be in (0, 1), got " + learningRate);
        require(learningRateDecay > 0 && learningRateDecay <= 1,
                "learning rate decay must be in (0, 1], got " + learningRateDecay);
        require(averagingSteps >= 0 && averagingSteps <= MAX_COUNT,
                "averaging steps must be 0 (off) .. " + MAX_COUNT + ", got " + averagingSteps);
        require(maxEpochs >= 1 && maxEpochs <= MAX_COUNT, "max epochs must be 1.." + MAX_COUNT + ", got " + maxEpochs);
        require(patience >= 1 && patience <= MAX_COUNT, "patience must be 1.." + MAX_COUNT + ", got " + patience);
        require(stepsPerEpoch >= 0 && stepsPerEpoch <= MAX_COUNT,
                "steps per epoch must be 0 (automatic) .. " + MAX_COUNT + ", got " + stepsPerEpoch);
        require(workers >= 1 && workers <= Math.min(MAX_WORKERS, batchSize),
                "workers must be 1.." + Math.min(MAX_WORKERS, batchSize) + " (at most one per crop of the batch), got "
                        + workers);
    }

    /**
     * The defaults: batch 16 crops of 256 frames (2.56 s), learning rate 1e-3 without decay, no weight averaging,
     * at most 30 epochs, patience 5, automatic epoch length, class weighting on, one worker. Change one with the
     * {@code withX} methods: {@code TrainingParameters.defaults(seed).withBatchSize(4).withCropFrames(48)}.
     */
    public static TrainingParameters defaults(long seed) {
        return new TrainingParameters(seed, 16, 256, 1e-3, 1, 0, 30, 5, 0, true, 1);
    }

    /** These parameters with another seed. */
    public TrainingParameters withSeed(long newSeed) {
        return new TrainingParameters(newSeed, batchSize, cropFrames, learningRate, learningRateDecay, averagingSteps,
                maxEpochs, patience, stepsPerEpoch, classWeighting, workers);
    }

    /** These parameters with another batch size. */
    public TrainingParameters withBatchSize(int crops) {
        return new TrainingParameters(seed, crops, cropFrames, learningRate, learningRateDecay, averagingSteps,
                maxEpochs, patience, stepsPerEpoch, classWeighting, workers);
    }

    /** These parameters with another crop length. */
    public TrainingParameters withCropFrames(int frames) {
        return new TrainingParameters(seed, batchSize, frames, learningRate, learningRateDecay, averagingSteps,
                maxEpochs, patience, stepsPerEpoch, classWeighting, workers);
    }

    /** These parameters with another first-epoch learning rate and per-epoch decay. */
    public TrainingParameters withLearningRate(double rate, double decay) {
        return new TrainingParameters(seed, batchSize, cropFrames, rate, decay, averagingSteps, maxEpochs, patience,
                stepsPerEpoch, classWeighting, workers);
    }

    /** These parameters with another weight averaging (0: off). */
    public TrainingParameters withAveragingSteps(int steps) {
        return new TrainingParameters(seed, batchSize, cropFrames, learningRate, learningRateDecay, steps, maxEpochs,
                patience, stepsPerEpoch, classWeighting, workers);
    }

    /** These parameters with another epoch limit. */
    public TrainingParameters withMaxEpochs(int epochs) {
        return new TrainingParameters(seed, batchSize, cropFrames, learningRate, learningRateDecay, averagingSteps,
                epochs, patience, stepsPerEpoch, classWeighting, workers);
    }

    /** These parameters with another early-stopping patience. */
    public TrainingParameters withPatience(int epochs) {
        return new TrainingParameters(seed, batchSize, cropFrames, learningRate, learningRateDecay, averagingSteps,
                maxEpochs, epochs, stepsPerEpoch, classWeighting, workers);
    }

    /** These parameters with another epoch length (0: automatic). */
    public TrainingParameters withStepsPerEpoch(int steps) {
        return new TrainingParameters(seed, batchSize, cropFrames, learningRate, learningRateDecay, averagingSteps,
                maxEpochs, patience, steps, classWeighting, workers);
    }

    /** These parameters with class weighting on or off. */
    public TrainingParameters withClassWeighting(boolean on) {
        return new TrainingParameters(seed, batchSize, cropFrames, learningRate, learningRateDecay, averagingSteps,
                maxEpochs, patience, stepsPerEpoch, on, workers);
    }

    /** These parameters with another number of workers. */
    public TrainingParameters withWorkers(int count) {
        return new TrainingParameters(seed, batchSize, cropFrames, learningRate, learningRateDecay, averagingSteps,
                maxEpochs, patience, stepsPerEpoch, classWeighting, count);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("invalid training parameters: " + message);
        }
    }
}
