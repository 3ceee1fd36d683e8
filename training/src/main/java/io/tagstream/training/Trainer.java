package io.tagstream.training;

import io.tagstream.labels.Segmenter;
import io.tagstream.features.FeatureKind;
import io.tagstream.features.FeatureSpec;
import io.tagstream.model.EncoderWeights;
import io.tagstream.model.LabelSet;
import io.tagstream.model.ModelFile;
import io.tagstream.model.ModelFileException;
import io.tagstream.model.Provenance;
import io.tagstream.model.WeightLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains an encoder on a {@link TrainingCorpus}: epochs of Adam steps on random crops ({@link CropSampler},
 * {@link AdamOptimizer} over an {@link EncoderGraph}), each epoch followed by validation on the dev split with the
 * inference engine ({@link DevEvaluation}) of the weights or, when the plan says so, of their running average
 * ({@link WeightAverage}), with the plan's {@link LogitOffsets}; the best epoch by dev macro F1 is the model (early
 * stopping after {@code patience} epochs without improvement). After every epoch it rewrites the checkpoint, the JSON
 * log and the training curve, and the model file when the epoch improved. A run is deterministic for its seed: the
 * same plan, corpus and seed give the same weights, and resuming a checkpoint continues exactly where it stopped
 * (only a time budget, which ends an epoch early, makes where that is depend on the machine's speed).
 */
public final class Trainer {

    private final TrainingCorpus corpus;
    private final FeatureSpec featureSpec;
    private final LabelSet labels;
    private final TrainingFiles files;
    private final TrainingProgress progress;

    public Trainer(TrainingCorpus corpus, FeatureSpec featureSpec, LabelSet labels, TrainingFiles files,
                   TrainingProgress progress) {
        if (corpus.train().isEmpty() || corpus.dev().isEmpty()) {
            throw new TrainingDataException("training needs clips in both train/ and dev/");
        }
        this.corpus = corpus;
        this.featureSpec = featureSpec;
        this.labels = labels;
        this.files = files;
        this.progress = progress;
    }

    /**
     * A new run of {@code plan}, stopping after at most {@code budget} of wall time (checked after every step).
     *
     * @throws IllegalArgumentException if the plan's input dims or label count do not match the spec and labels
     */
    public TrainingOutcome train(TrainingPlan plan, Duration budget) {
        if (plan.encoder().inputDims() != featureSpec.dims() || plan.encoder().labelCount() != labels.size()) {
            throw new IllegalArgumentException("the encoder takes " + plan.encoder().inputDims() + " features and "
                    + "scores " + plan.encoder().labelCount() + " labels, but the feature spec gives "
                    + featureSpec.dims() + " and the label set has " + labels.size());
        }
        FeatureStatistics statistics = FeatureStatistics.of(corpus.train());
        EncoderWeights initial = InitialWeights.of(plan.encoder(), statistics, plan.parameters().seed());
        return run(plan, TrainingState.initial(), initial, null, null, budget);
    }

    /**
     * Continues the run saved in {@code checkpoint} on the same corpus, for at most {@code budget} more.
     *
     * @throws IllegalArgumentException if the checkpoint was made on another corpus, feature spec or label set
     */
    public TrainingOutcome resume(Checkpoint checkpoint, Duration budget) {
        if (!checkpoint.corpusDescription().equals(corpus.description())) {
            throw new IllegalArgumentException("the checkpoint was trained on " + checkpoint.corpusDescription()
                    + ", not on " + corpus.description());
        }
        if (!checkpoint.featureSpec().equals(featureSpec) || !checkpoint.labels().equals(labels)) {
            throw new IllegalArgumentException("the checkpoint's feature spec or labels differ from this run's");
        }
        if (checkpoint.adam().iteration() != checkpoint.state().stepsDone()) {
            throw new IllegalArgumentException("the checkpoint's Adam state is at step " + checkpoint.adam().iteration()
                    + " but its run at step " + checkpoint.state().stepsDone());
        }
        return run(checkpoint.plan(), checkpoint.state(), checkpoint.current(), checkpoint.adam(),
                checkpoint.averaged(), budget);
    }

    private TrainingOutcome run(TrainingPlan plan, TrainingState start, EncoderWeights weights, AdamState adamState,
                                EncoderWeights averaged, Duration budget) {
        TrainingParameters p = plan.parameters();
        plan.logitOffsets().requireKnown(labels);
        Nd4j.getRandom().setSeed(p.seed());
        ClassWeights classWeights = ClassWeights.of(corpus.train(), labels.size(), p.classWeighting());
        if (plan.augmentation().enabled() && featureSpec.kind() != FeatureKind.LOG_MEL) {
            throw new IllegalArgumentException("feature augmentation works on log-mel features; this corpus is read"
                    + " as " + featureSpec.kind());
        }
        CropSampler sampler = new CropSampler(corpus.train(), p.cropFrames(), p.batchSize(), classWeights,
                labels.size(), plan.augmentation());
        EncoderGraph graph = EncoderGraph.build(weights, p.cropFrames(), DataType.FLOAT);
        try (BatchGradients gradients = new BatchGradients(graph, p.workers())) {
            AdamOptimizer adam = new AdamOptimizer(gradients, p.learningRate(), p.learningRateDecay(), adamState);
            WeightAverage average = new WeightAverage(graph, p.averagingSteps(), averaged, start.stepsDone());
            Session session = new Session(plan, sampler, adam, graph, average, stepsPerEpoch(p), budget);
            progress.message(String.format(Locale.ROOT, "training %,d parameters on %d crops of %d frames per step"
                            + "%s, %d steps per epoch, from epoch %d", WeightLayout.parameterCount(plan.encoder()),
                    p.batchSize(), p.cropFrames(), p.workers() == 1 ? "" : " (" + p.workers() + " workers)",
                    session.stepsPerEpoch, start.epochsDone() + 1));
            TrainingState state = start;
            StopReason reason = stopReason(state, p, false);
            while (reason == null) {
                ValidatedEpoch validated = session.epoch(state.epochsDone() + 1, state.stepsDone());
                EpochRecord record = validated.record();
                boolean improved = state.improvedBy(record);
                state = state.after(record, validated.weights());
                save(session, state, classWeights, improved, null);
                progress.epochDone(record, improved);
                reason = stopReason(state, p, session.timeIsUp());
            }
            ModelFile model = save(session, state, classWeights, true, reason);
            return new TrainingOutcome(model, state.history(), state.bestEpoch(), reason, session.sessionSteps);
        }
    }

    private int stepsPerEpoch(TrainingParameters p) {
        if (p.stepsPerEpoch() > 0) {
            return p.stepsPerEpoch();
        }
        long frames = Arrays.stream(ClassWeights.counts(corpus.train(), labels.size())).sum();
        long perStep = (long) p.batchSize() * p.cropFrames();
        return (int) Math.max(1, Math.min(TrainingParameters.MAX_COUNT, (frames + perStep - 1) / perStep));
    }

    private static StopReason stopReason(TrainingState state, TrainingParameters p, boolean timeIsUp) {
        if (state.epochsDone() >= p.maxEpochs()) {
            return StopReason.MAX_EPOCHS;
        }
        if (state.epochsDone() > 0 && state.epochsWithoutImprovement() >= p.patience()) {
            return StopReason.EARLY_STOPPING;
        }
        return timeIsUp ? StopReason.TIME_BUDGET : null;
    }

    /**
     * Writes the checkpoint, log and curve (and the model when {@code writeModel}); {@code reason} is null while
     * the run goes on. Returns the best model.
     */
    private ModelFile save(Session session, TrainingState state, ClassWeights classWeights, boolean writeModel,
                           StopReason reason) {
        try {
            ModelFile model = bestModel(session.plan, state);
            if (writeModel) {
                model.write(files.model());
            }
            if (reason == null) {
                new Checkpoint(session.plan, corpus.description(), featureSpec, labels, state,
                        session.graph.weights(), session.adam.state(), session.average.saved())
                        .write(files.checkpoint());
                TrainingCurve.write(state.history(), files.curve());
            }
            new TrainingLog(corpus.description(), session.plan, labels, classWeights,
                    ClassWeights.counts(corpus.train(), labels.size()), session.stepsPerEpoch, state.history(),
                    state.bestEpoch(), reason).write(files.log());
            return model;
        } catch (ModelFileException e) {
            throw new UncheckedIOException(new IOException(e.getMessage(), e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ModelFile bestModel(TrainingPlan plan, TrainingState state) {
        EpochRecord best = state.bestRecord();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("devFrameAccuracy", best.devAccuracy());
        metrics.put("devMacroF1", best.devMacroF1());
        metrics.put("devLoss", best.devLoss());
        best.devF1().forEach((label, f1) -> metrics.put("devF1." + label, f1));
        metrics.put("trainLoss", best.trainLoss());
        metrics.put("trainFrameAccuracy", best.trainAccuracy());
        plan.logitOffsets().byLabel().forEach((label, offset) -> metrics.put("logitOffset." + label, offset));
        metrics.put("epoch", (double) best.epoch());
        metrics.put("steps", (double) best.totalSteps());
        return new ModelFile(state.best(), featureSpec, labels,
                new Provenance(corpus.description(), plan.parameters().seed(), codeVersion(), metrics));
    }

    /** "tagstream-model 0.1.0" from the jar manifest, or "tagstream-model development build". */
    static String codeVersion() {
        String version = Trainer.class.getPackage().getImplementationVersion();
        return "tagstream-model " + (version == null ? "development build" : version);
    }

    /** An epoch's record and the weights its dev scores are of. */
    private record ValidatedEpoch(EpochRecord record, EncoderWeights weights) {
    }

    /**
     * One call's training: the graph, its optimizer, weight average and sampler, the epoch length and the wall-clock
     * budget.
     */
    private final class Session {

        private final TrainingPlan plan;
        private final CropSampler sampler;
        private final AdamOptimizer adam;
        private final EncoderGraph graph;
        private final WeightAverage average;
        private final int stepsPerEpoch;
        private final long startNanos = System.nanoTime();
        private final long budgetNanos;
        private long sessionSteps;
        private long stepNanos;

        Session(TrainingPlan plan, CropSampler sampler, AdamOptimizer adam, EncoderGraph graph, WeightAverage average,
                int stepsPerEpoch, Duration budget) {
            this.plan = plan;
            this.sampler = sampler;
            this.adam = adam;
            this.graph = graph;
            this.average = average;
            this.stepsPerEpoch = stepsPerEpoch;
            this.budgetNanos = budget.compareTo(Duration.ofDays(36_500)) > 0 ? Long.MAX_VALUE : budget.toNanos();
        }

        boolean timeIsUp() {
            return System.nanoTime() - startNanos >= budgetNanos;
        }

        /** Epoch {@code epoch}'s steps (from run step {@code firstStep}) until its end or the budget's; then scores. */
        ValidatedEpoch epoch(int epoch, long firstStep) {
            long epochStart = System.nanoTime();
            TrainingParameters p = plan.parameters();
            double lossSum = 0;
            FrameScores train = new FrameScores(labels.size());
            int steps = 0;
            while (steps < stepsPerEpoch && !(steps > 0 && timeIsUp())) {
                long stepStart = System.nanoTime();
                Batch batch = sampler.batch(p.seed(), firstStep + steps);
                AdamOptimizer.StepOutput output = adam.step(batch, epoch);
                average.update(adam.iteration());
                float[][] probabilities = output.probabilities();                     // [B*T][C]
                for (int row = 0; row < probabilities.length; row++) {
                    train.add(batch.labels()[row], Segmenter.argmax(probabilities[row]));
                }
                lossSum += output.loss();
                steps++;
                sessionSteps++;
                stepNanos += System.nanoTime() - stepStart;
                progress.stepDone(report(epoch, steps, lossSum / steps, train.accuracy()));
            }
            long validationStart = System.nanoTime();
            // the weights validated and kept: the average (or the last weights), plus the plan's logit offsets
            EncoderWeights validated = plan.logitOffsets().applyTo(average.weights(), labels);
            DevEvaluation dev = DevEvaluation.of(validated, corpus.dev(), p.workers());
            Map<String, Double> devF1 = new LinkedHashMap<>();
            for (int c = 0; c < labels.size(); c++) {
                devF1.put(labels.name(c), dev.scores().f1(c));
            }
            return new ValidatedEpoch(new EpochRecord(epoch, steps, firstStep + steps, steps < stepsPerEpoch,
                    lossSum / steps, train.accuracy(), dev.loss(), dev.scores().accuracy(), dev.scores().macroF1(),
                    devF1, (System.nanoTime() - epochStart) / 1e9, (System.nanoTime() - validationStart) / 1e9),
                    validated);
        }

        private StepReport report(int epoch, int step, double loss, double accuracy) {
            double secondsPerStep = stepNanos / 1e9 / sessionSteps;
            double budgetLeft = budgetNanos == Long.MAX_VALUE ? Double.POSITIVE_INFINITY
                    : (budgetNanos - (System.nanoTime() - startNanos)) / 1e9;
            return new StepReport(epoch, plan.parameters().maxEpochs(), step, stepsPerEpoch, loss, accuracy,
                    secondsPerStep, secondsPerStep * (stepsPerEpoch - step), Math.max(0, budgetLeft));
        }
    }
}
